"""The team layers in the master: each merged annotator's version of a document.

The master's own spans, events, document labels and statuses are the adjudicated (gold)
layer; an annotator's version (status, spans, events, document labels) lives beside it in
the team_* tables (migrations V_TEAMS, V_TEAMS2 for relations and V_EVARGS2 for arguments
that are events), one version per (document, annotator). A version is replaced whole,
inside the caller's action, every row through `Rows`: one undo takes a whole merge back,
and the audit trail says what each merge brought.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.core.annotations import Relation
from desktop.core.model import Argument, Document, Event, Span, SpanId
from desktop.core.ordering import Cycle, linked_events, storing_order

if TYPE_CHECKING:
    from desktop.store.db import Store
    from desktop.store.rows import Rows

# The tables whose rows merges log in history (store/history.py replays them).
TABLES = ("team_sources", "team_docs", "team_spans", "team_events", "team_arguments", "team_doc_labels",
          "team_relations")


@dataclass
class Version:
    """One annotator's version of one document, as a merge brings it."""

    status: str
    fingerprint: str
    changed_at: str = ""
    seconds: float | None = None
    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _key(span: Span) -> tuple:
    return (span.start, span.end, span.label, str(span.layer))


class Team:
    """Reads and writes of the team layers; writes inside the caller's action."""

    def __init__(self, conn: sqlite3.Connection, rows: "Rows", clock: Callable[[], str]):
        self.conn, self.rows, self.clock = conn, rows, clock

    # --- merges ------------------------------------------------------------------------

    def find_document(self, content_hash: str) -> int | None:
        r = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return r[0] if r else None

    def add_document(self, doc: Document, tokens: dict[str, Any] | None) -> int:
        """A document the master lacks, in history (an undone merge takes it away again);
        its tokens come with it when the file had them (not in history: derived data)."""
        now = self.clock()
        doc_id = self.rows.insert("documents", {
            "ext_id": doc.ext_id, "content_hash": doc.content_hash, "title": doc.title, "text": doc.text,
            "meta": json.dumps(doc.meta, ensure_ascii=False), "status": "todo", "source": "merge",
            "created_at": now, "updated_at": now})
        if tokens is not None:
            self.conn.execute("INSERT OR REPLACE INTO tokens (doc_id, tokenizer, starts, ends) VALUES (?, ?, ?, ?)",
                              (doc_id, tokens["tokenizer"], tokens["starts"], tokens["ends"]))
        assert doc_id is not None
        return doc_id

    def merged(self, annotator: str, fingerprint: str) -> bool:
        """Whether a file with this fingerprint was merged as this annotator (and not undone)."""
        return self.conn.execute("SELECT 1 FROM team_sources WHERE annotator = ? AND fingerprint = ?",
                                 (annotator, fingerprint)).fetchone() is not None

    def record_source(self, path: str, project_id: str | None, annotator: str, fingerprint: str,
                      documents: int) -> None:
        self._put("team_sources", {"path": path, "project_id": project_id, "annotator": annotator,
                                   "fingerprint": fingerprint, "documents": documents, "merged_at": self.clock()})

    def fingerprints(self, annotator: str) -> dict[int, tuple[str, str]]:
        """doc_id -> (fingerprint, changed_at) of every version this annotator has."""
        rows = self.conn.execute("SELECT doc_id, fingerprint, changed_at FROM team_docs WHERE annotator = ?",
                                 (annotator,))
        return {r[0]: (r[1], r[2]) for r in rows}

    def replace(self, doc_id: int, annotator: str, version: Version, text: str) -> int:
        """Make `version` the annotator's version of the document; returns its spans' count."""
        self.remove(doc_id, annotator)
        self._put("team_docs", {"doc_id": doc_id, "annotator": annotator, "status": str(version.status),
                                "changed_at": version.changed_at, "seconds": version.seconds,
                                "fingerprint": version.fingerprint})
        ids: dict[tuple, int] = {}
        for span in version.spans:
            if text[span.start:span.end] != span.text or _key(span) in ids:
                continue  # a span that does not fit the text is not the annotator's judgement of it
            ids[_key(span)] = self._put("team_spans", {
                "doc_id": doc_id, "annotator": annotator, "start": span.start, "end": span.end,
                "label": span.label, "layer": str(span.layer), "source": str(span.source),
                "state": str(span.state), "corrected": int(span.corrected), "text": span.text})
        self._put_events(doc_id, annotator, version.events, ids)
        for label in sorted(set(version.labels)):
            self._put("team_doc_labels", {"doc_id": doc_id, "annotator": annotator, "label": label})
        relations = set()
        for rel in version.relations:
            head, child = ids.get(_key(rel.head)), ids.get(_key(rel.child))
            if head is None or child is None or (head, child, rel.label) in relations:
                continue  # an end that did not fit the text went with it
            relations.add((head, child, rel.label))
            self._put("team_relations", {"doc_id": doc_id, "annotator": annotator, "head_span_id": head,
                                         "child_span_id": child, "label": rel.label, "head_role": rel.head_role,
                                         "child_role": rel.child_role})
        return len(ids)

    def _put_events(self, doc_id: int, annotator: str, events: list[Event], ids: dict[tuple, int]) -> None:
        """The version's events, each after the events it has as arguments, so an argument that
        is an event names that event's row (arg_event_id), not whichever shares its trigger."""
        order, index = storing_order(events)  # (a merge reads no cycle: its file cannot hold one)
        written: dict[int, int] = {}
        for n in order:
            event = events[n]
            trigger = ids.get(_key(event.trigger))
            if trigger is None:
                continue
            written[n] = event_id = self._put("team_events", {"doc_id": doc_id, "annotator": annotator,
                                                              "trigger_span_id": trigger, "type": event.type})
            for arg in event.arguments:
                if _key(arg.span) not in ids:
                    continue
                ref = written.get(index[arg.event]) if arg.event is not None and arg.event in index else None
                self._put("team_arguments", {"event_id": event_id, "span_id": ids[_key(arg.span)], "role": arg.role,
                                             **({"arg_event_id": ref} if ref is not None else {})})

    def remove(self, doc_id: int, annotator: str) -> None:
        """Delete the annotator's version of a document, row by row in history."""
        conn, who = self.conn, (doc_id, annotator)
        events = [r[0] for r in conn.execute("SELECT id FROM team_events WHERE doc_id = ? AND annotator = ?", who)]
        for event_id in events:
            for (arg_id,) in conn.execute("SELECT id FROM team_arguments WHERE event_id = ?", (event_id,)).fetchall():
                self.rows.delete("team_arguments", arg_id)
            self.rows.delete("team_events", event_id)
        for table in ("team_relations", "team_spans", "team_doc_labels", "team_docs"):
            for (row_id,) in conn.execute(f"SELECT id FROM {table} WHERE doc_id = ? AND annotator = ?", who).fetchall():
                self.rows.delete(table, row_id)

    def _put(self, table: str, values: dict[str, Any]) -> int:
        """Insert and log the row as given (no read back: a merge writes thousands)."""
        names = ", ".join(f'"{k}"' for k in values)
        cursor = self.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})",
                                   tuple(values.values()))
        row_id = cursor.lastrowid
        self.rows.log(table, row_id, None, {**values, "id": row_id})
        return row_id

    # --- reading -----------------------------------------------------------------------

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT annotator FROM team_docs ORDER BY annotator")]

    def shared_docs(self, annotators: Sequence[str], done: bool = True) -> list[int]:
        """Documents at least two of `annotators` have a version of (marked done, with `done`)."""
        marks = ", ".join("?" * len(annotators))
        sql = (f"SELECT doc_id FROM team_docs WHERE annotator IN ({marks})"
               + (" AND status = 'done'" if done else "") + " GROUP BY doc_id HAVING COUNT(*) >= 2 ORDER BY doc_id")
        return [r[0] for r in self.conn.execute(sql, tuple(annotators))]

    def docs_of(self, annotator: str, status: str | None = None) -> list[int]:
        sql, params = "SELECT doc_id FROM team_docs WHERE annotator = ?", [annotator]
        if status is not None:
            sql += " AND status = ?"
            params.append(status)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY doc_id", params)]

    def statuses(self, doc_id: int) -> dict[str, str]:
        return dict(self.conn.execute("SELECT annotator, status FROM team_docs WHERE doc_id = ? ORDER BY annotator",
                                      (doc_id,)))

    def versions(self, doc_id: int, annotators: Iterable[str] | None = None) -> dict[str, Version]:
        """Every annotator's version of a document (or the chosen annotators'), spans as core Spans."""
        conn = self.conn
        chosen = None if annotators is None else set(annotators)
        out: dict[str, Version] = {}
        for annotator, status, changed_at, seconds, fingerprint in conn.execute(
                "SELECT annotator, status, changed_at, seconds, fingerprint FROM team_docs WHERE doc_id = ?"
                " ORDER BY annotator", (doc_id,)):
            if chosen is None or annotator in chosen:
                out[annotator] = Version(status, fingerprint, changed_at, seconds)
        spans: dict[int, Span] = {}
        for r in conn.execute('SELECT id, annotator, start, "end", label, layer, source, state, corrected, text'
                              ' FROM team_spans WHERE doc_id = ? ORDER BY start, "end", label', (doc_id,)):
            if r[1] in out:
                span = Span(r[2], r[3], r[4], r[9], r[5], r[6], r[7], r[1], None, bool(r[8]), SpanId(r[0]))
                spans[r[0]] = span
                out[r[1]].spans.append(span)
        for annotator, events in self._events(doc_id, spans).items():
            if annotator in out:
                out[annotator].events = events
        for annotator, label in conn.execute(
                "SELECT annotator, label FROM team_doc_labels WHERE doc_id = ? ORDER BY label", (doc_id,)):
            if annotator in out:
                out[annotator].labels.append(label)
        for annotator, head, child, label, head_role, child_role in conn.execute(
                "SELECT annotator, head_span_id, child_span_id, label, head_role, child_role FROM team_relations"
                " WHERE doc_id = ? ORDER BY id", (doc_id,)):
            if annotator in out and head in spans and child in spans:
                out[annotator].relations.append(Relation(label, spans[head], spans[child], head_role, child_role))
        return out

    def _events(self, doc_id: int, spans: dict[int, Span]) -> dict[str, list[Event]]:
        """Each annotator's events of a document; an argument that is an event holds that event
        (the same object as in the list), as events may share a trigger and type."""
        args: defaultdict[int, list[tuple[Argument, int | None]]] = defaultdict(list)
        for event_id, span_id, role, ref in self.conn.execute(
                "SELECT a.event_id, a.span_id, a.role, a.arg_event_id FROM team_arguments a"
                " JOIN team_events e ON e.id = a.event_id WHERE e.doc_id = ? ORDER BY a.id", (doc_id,)):
            if span_id in spans:
                args[event_id].append((Argument(role, spans[span_id]), ref))
        heads = {r[0]: r for r in self.conn.execute(
            "SELECT id, annotator, trigger_span_id, type FROM team_events WHERE doc_id = ? ORDER BY id", (doc_id,))
            if r[2] in spans}
        def make(event_id: int, arguments: tuple[Argument, ...]) -> Event:
            _id, _who, trigger, etype = heads[event_id]
            return Event(etype, spans[trigger], arguments)

        try:
            built = linked_events(heads, args, make)
        except Cycle:  # _put_events stores none; rows changed by hand are read by trigger only
            built = linked_events(heads, {e: [(a, None) for a, _ in v] for e, v in args.items()}, make)
        out: defaultdict[str, list[Event]] = defaultdict(list)
        for event_id, (_id, annotator, _trigger, _type) in heads.items():
            out[annotator].append(built[event_id])
        return out

    # --- assignments -------------------------------------------------------------------

    def assigned(self) -> set[int]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT doc_id FROM team_assignments")}

    def assign(self, rows: Iterable[tuple[int, str, bool]]) -> None:
        """Record (doc_id, annotator, overlap) hand-outs (bookkeeping, not undoable)."""
        now = self.clock()
        self.conn.executemany("INSERT OR IGNORE INTO team_assignments (doc_id, annotator, overlap, assigned_at)"
                              " VALUES (?, ?, ?, ?)", [(d, a, int(o), now) for d, a, o in rows])


def team_of(store: "Store") -> Team:
    """The team layers of an open project (writes go through its one history writer)."""
    from desktop.store.clock import now

    return Team(store.conn, store.rows, now)
