"""Spans: entity mentions and event triggers, with their covered text checked on write."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from desktop.core.model import BadInput, Span, SpanId
from desktop.core.spans import check_span
from desktop.store import dependents
from desktop.store.rows import Rows, missing

FIELDS = ("start", "end", "label", "layer", "source", "state", "annotator", "model", "corrected", "text", "score")
SELECT = ('SELECT id, doc_id, start, "end", label, layer, source, state, annotator, model, corrected, text, score'
          " FROM spans")


def _span(r: sqlite3.Row | tuple) -> Span:
    span_id, _doc, start, end, label, layer, source, state, annotator, model, corrected, text, score = r
    return Span(start, end, label, text, layer, source, state, annotator, model, bool(corrected), SpanId(span_id),
                score)


# For queries that join spans to other tables: the columns `from_row` reads, in its order.
COLUMNS = ("id", "doc_id", *FIELDS)
from_row = _span


_COLUMNS = ", ".join(f'"{name}"' for name in FIELDS)  # "end" is an SQL keyword
INSERT = (
    f"INSERT OR IGNORE INTO spans (doc_id, {_COLUMNS}, updated_at)"
    f" VALUES (:doc_id, {', '.join(':' + name for name in FIELDS)}, :updated_at)"
)


def _values(doc_id: int, span: Span, now: str) -> dict[str, Any]:
    values = {f: getattr(span, f) for f in FIELDS}
    values.update(doc_id=doc_id, updated_at=now, corrected=int(span.corrected))
    values.update({k: str(values[k]) for k in ("layer", "source", "state")})
    return values


class Spans:
    def __init__(self, conn: sqlite3.Connection, rows: Rows, clock: Callable[[], str]):
        self.conn, self.rows, self.clock = conn, rows, clock

    def for_doc(self, doc_id: int, *, rejected: bool = True, layer: str | None = None) -> list[Span]:
        sql, params = SELECT + " WHERE doc_id = ?", [doc_id]
        if not rejected:
            sql += " AND state != 'rejected'"
        if layer is not None:
            sql += " AND layer = ?"
            params.append(layer)
        return [_span(r) for r in self.conn.execute(sql + ' ORDER BY start, "end", label', params)]

    def get(self, span_id: int) -> tuple[int, Span]:
        r = self.conn.execute(SELECT + " WHERE id = ?", (span_id,)).fetchone()
        if r is None:
            raise missing("spans", span_id)
        return r[1], _span(r)

    def find(self, doc_id: int, start: int, end: int, label: str, layer: str) -> Span | None:
        r = self.conn.execute(
            SELECT + ' WHERE doc_id = ? AND layer = ? AND start = ? AND "end" = ? AND label = ?',
            (doc_id, layer, start, end, label),
        ).fetchone()
        return _span(r) if r else None

    def add(self, doc_id: int, span: Span, text: str, *, logged: bool = True) -> SpanId | None:
        """Insert a span whose covered text matches `text`; None when the same span exists.

        `logged=False` is for bulk imports and model suggestions, which are audited
        as one action rather than row by row.
        """
        reason = check_span(text, span.start, span.end, span.text)
        if reason:
            raise BadInput(reason)
        span_id = self.rows.insert("spans", _values(doc_id, span, self.clock()), logged=logged, ignore=True)
        return None if span_id is None else SpanId(span_id)

    def add_many(self, doc_id: int, spans: Iterable[Span], text: str) -> int:
        """Insert many spans at once (imports, model suggestions), each checked like `add`;
        returns how many were new. One timestamp and one statement for the lot: pre-annotation
        stores tens of spans per document and must keep up with the model."""
        now, rows = self.clock(), []
        for span in spans:
            reason = check_span(text, span.start, span.end, span.text)
            if reason:
                raise BadInput(reason)
            rows.append(_values(doc_id, span, now))
        before = self.conn.total_changes
        self.conn.executemany(INSERT, rows)
        return self.conn.total_changes - before

    def update(self, span_id: int, text: str, **changes: Any) -> Span:
        """Change fields of a span; offsets changes re-derive and check its covered text."""
        before = self.rows.read("spans", span_id)
        if before is None:
            raise missing("spans", span_id)
        if "start" in changes or "end" in changes:
            start, end = changes.get("start", before["start"]), changes.get("end", before["end"])
            reason = check_span(text, start, end)
            if reason:
                raise BadInput(reason)
            changes["text"] = text[start:end]
        changes = {k: (str(v) if k in ("layer", "source", "state") else v) for k, v in changes.items()}
        changes = {k: v for k, v in changes.items() if before[k] != v}
        if changes:
            changes["updated_at"] = self.clock()
            self.rows.update("spans", span_id, changes, before=before)
        return self.get(span_id)[1]

    def delete(self, span_id: int) -> None:
        """Delete a span, in history; detach it from events first (Events.detach_span). Its
        relations, attributes, notes, normalisations and memberships go with it, in history."""
        dependents.detach_span(self.conn, self.rows, span_id)
        self.rows.delete("spans", span_id)

    def delete_suggestions(self, doc_id: int, model: str) -> int:
        """Drop a model's open suggestions (never an accepted or rejected span, nor one an
        event, relation, attribute, note, normalisation or equivalence set uses: unlogged,
        SQLite's cascade would take those with it)."""
        cursor = self.conn.execute(
            "DELETE FROM spans WHERE doc_id = ?1 AND model = ?2 AND source = 'model' AND state = 'suggested'"
            " AND id NOT IN (SELECT span_id FROM event_arguments)"
            " AND id NOT IN (SELECT trigger_span_id FROM events)"
            # issue 10's kinds: read through their doc_id index, so a big project pays nothing
            " AND id NOT IN (SELECT head_span_id FROM relations WHERE doc_id = ?1)"
            " AND id NOT IN (SELECT child_span_id FROM relations WHERE doc_id = ?1)"
            " AND id NOT IN (SELECT span_id FROM attributes WHERE doc_id = ?1 AND span_id IS NOT NULL)"
            " AND id NOT IN (SELECT span_id FROM notes WHERE doc_id = ?1 AND span_id IS NOT NULL)"
            " AND id NOT IN (SELECT span_id FROM normalisations WHERE doc_id = ?1)"
            " AND id NOT IN (SELECT m.span_id FROM equivalence_members m JOIN equivalences e"
            " ON e.id = m.equivalence_id WHERE e.doc_id = ?1)",
            (doc_id, model),
        )
        return cursor.rowcount
