"""Relations, attributes, notes, normalisations and equivalence sets (issue 10).

Rows point at spans, events and relations by id; reading turns them into the plain
values of core/annotations.py, paired with their row ids (`Kinds.for_doc`). Every write
goes through `Rows`, so undo and redo cover these as they cover spans; `logged=False`
is for imports, audited as one action. What hangs on a span or event that goes is taken
away first by store/dependents.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.annotations import Attribute, Equivalence, Normalisation, Note, Relation
from desktop.core.model import Event, Span
from desktop.store import dependents
from desktop.store.events import Events
from desktop.store.rows import Rows, missing
from desktop.store.spans import Spans

KIND_TABLES = ("relations", "attributes", "notes", "normalisations", "equivalences")


@dataclass
class DocKinds:
    """One document's rows of each kind, as (row id, value), in reading order."""

    relations: list[tuple[int, Relation]] = field(default_factory=list)
    attributes: list[tuple[int, Attribute]] = field(default_factory=list)
    notes: list[tuple[int, Note]] = field(default_factory=list)
    normalisations: list[tuple[int, Normalisation]] = field(default_factory=list)
    equivalences: list[tuple[int, Equivalence]] = field(default_factory=list)


class Kinds:
    def __init__(self, conn: sqlite3.Connection, rows: Rows, clock: Callable[[], str], spans: Spans,
                 events: Events):
        self.conn, self.rows, self.clock, self.spans, self.events = conn, rows, clock, spans, events

    # --- reading ------------------------------------------------------------------------

    def doc_of(self, table: str, row_id: int) -> int:
        """The document a row of `table` (one of KIND_TABLES) belongs to; NotFound when
        there is no such row."""
        r = self.conn.execute(f"SELECT doc_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if r is None:
            raise missing(table, row_id)
        return r[0]

    def counts(self, doc_id: int) -> dict[str, int]:
        """How many rows of each kind the document holds (cheap: no spans are read)."""
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                for t in KIND_TABLES}

    def any(self, doc_id: int) -> bool:
        """Whether the document holds a row of any kind: one indexed probe per table, so an
        export of documents without any (most) pays next to nothing."""
        probes = " OR ".join(f"EXISTS (SELECT 1 FROM {t} WHERE doc_id = :d)" for t in KIND_TABLES)
        return bool(self.conn.execute(f"SELECT {probes}", {"d": doc_id}).fetchone()[0])

    def for_doc(self, doc_id: int, *, spans: list[Span] | None = None,
                events: list[Event] | None = None) -> DocKinds:
        """The document's rows of every kind. `spans`/`events`: the document's, when the
        caller has read them already (an export does)."""
        out, q = DocKinds(), self.conn.execute
        if not self.any(doc_id):
            return out
        spans = {s.id: s for s in (spans if spans is not None else self.spans.for_doc(doc_id))}
        events = {e.id: e for e in (events if events is not None else self.events.for_doc(doc_id))}
        relations: dict[int, Relation] = {}
        for row_id, label, head, child, head_role, child_role in q(
            "SELECT id, label, head_span_id, child_span_id, head_role, child_role FROM relations"
            " WHERE doc_id = ? ORDER BY id", (doc_id,)
        ):
            relations[row_id] = Relation(label, spans[head], spans[child], head_role, child_role)
        out.relations = list(relations.items())
        for row_id, span_id, event_id, name, value in q(
            "SELECT id, span_id, event_id, name, value FROM attributes WHERE doc_id = ? ORDER BY id", (doc_id,)
        ):
            target = spans[span_id] if span_id is not None else events[event_id]
            out.attributes.append((row_id, Attribute(name, target, value)))
        for row_id, span_id, event_id, relation_id, kind, text in q(
            "SELECT id, span_id, event_id, relation_id, kind, text FROM notes WHERE doc_id = ? ORDER BY id", (doc_id,)
        ):
            target = (spans[span_id] if span_id is not None else events[event_id] if event_id is not None
                      else relations[relation_id] if relation_id is not None else None)
            out.notes.append((row_id, Note(text, target, kind)))
        for row_id, span_id, resource, key, name, kind in q(
            "SELECT id, span_id, resource, key, name, kind FROM normalisations WHERE doc_id = ? ORDER BY id",
            (doc_id,)
        ):
            out.normalisations.append((row_id, Normalisation(spans[span_id], resource, key, name, kind)))
        members: dict[int, list[Span]] = {}
        for eq_id, span_id in q(
            "SELECT m.equivalence_id, m.span_id FROM equivalence_members m JOIN equivalences e"
            " ON e.id = m.equivalence_id WHERE e.doc_id = ? ORDER BY m.id", (doc_id,)
        ):
            members.setdefault(eq_id, []).append(spans[span_id])
        for row_id, label in q("SELECT id, label FROM equivalences WHERE doc_id = ? ORDER BY id", (doc_id,)):
            out.equivalences.append((row_id, Equivalence(label, tuple(members.get(row_id, ())))))
        return out

    # --- writing ------------------------------------------------------------------------

    def add_relation(self, doc_id: int, head_span_id: int, child_span_id: int, label: str,
                     head_role: str = "Arg1", child_role: str = "Arg2", annotator: str | None = None,
                     *, logged: bool = True) -> int | None:
        """A relation between two spans; None when exactly that one exists."""
        return self.rows.insert("relations", {
            "doc_id": doc_id, "label": label, "head_span_id": head_span_id, "child_span_id": child_span_id,
            "head_role": head_role, "child_role": child_role, "annotator": annotator,
            "updated_at": self.clock()}, logged=logged, ignore=True)

    def relation_labels(self) -> list[str]:
        """Every relation label the project uses, the most used first (the GUI offers them)."""
        return [r[0] for r in self.conn.execute(
            "SELECT label FROM relations GROUP BY label ORDER BY COUNT(*) DESC, label")]

    def attribute_values(self) -> list[tuple[str, str | None]]:
        """Every (attribute name, value) the project uses (None: binary), the most used first."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT name, value FROM attributes GROUP BY name, value ORDER BY COUNT(*) DESC, name, value")]

    def find_relation(self, head_span_id: int, child_span_id: int, label: str) -> int | None:
        r = self.conn.execute("SELECT id FROM relations WHERE head_span_id = ? AND child_span_id = ? AND label = ?",
                              (head_span_id, child_span_id, label)).fetchone()
        return r[0] if r else None

    def delete_relation(self, relation_id: int) -> None:
        """Delete a relation and the notes on it."""
        dependents.delete_relation(self.conn, self.rows, relation_id)

    def set_attribute(self, doc_id: int, name: str, value: str | None, *, span_id: int | None = None,
                      event_id: int | None = None, annotator: str | None = None, logged: bool = True,
                      replace: bool = True) -> int | None:
        """Give a span or an event the attribute `name` (value None: a binary one, set),
        replacing its value if it has one. Returns the row id; without `replace` (an
        import), an existing one is kept and None returned: the import reports the second value."""
        column, target = ("span_id", span_id) if span_id is not None else ("event_id", event_id)
        found = self.conn.execute(f"SELECT id, value FROM attributes WHERE {column} = ? AND name = ?",
                                  (target, name)).fetchone()
        if found is not None and not replace:
            return None
        if found is not None:
            if found[1] != value:
                self.rows.update("attributes", found[0], {"value": value, "updated_at": self.clock()})
            return found[0]
        return self.rows.insert("attributes", {
            "doc_id": doc_id, "span_id": span_id, "event_id": event_id, "name": name, "value": value,
            "annotator": annotator, "updated_at": self.clock()}, logged=logged)

    def delete(self, table: str, row_id: int) -> None:
        """Delete one row of a kind (an attribute, a note, a normalisation, an equivalence
        set with its members; a relation goes through `delete_relation`)."""
        if table == "relations":
            self.delete_relation(row_id)
            return
        if table == "equivalences":
            for (member,) in self.conn.execute(
                "SELECT id FROM equivalence_members WHERE equivalence_id = ? ORDER BY id", (row_id,)
            ).fetchall():
                self.rows.delete("equivalence_members", member)
        self.rows.delete(table, row_id)

    def add_note(self, doc_id: int, text: str, kind: str = "AnnotatorNotes", *, span_id: int | None = None,
                 event_id: int | None = None, relation_id: int | None = None, annotator: str | None = None,
                 logged: bool = True) -> int:
        """A note on a span, an event, a relation, or (none given) the document."""
        return self.rows.insert("notes", {
            "doc_id": doc_id, "span_id": span_id, "event_id": event_id, "relation_id": relation_id,
            "kind": kind, "text": text, "annotator": annotator, "updated_at": self.clock()}, logged=logged)

    def edit_note(self, note_id: int, text: str) -> bool:
        """Change a note's text; False when it is unchanged."""
        before = self.rows.read("notes", note_id, ("text",))
        if before is None:
            raise missing("notes", note_id)
        if before["text"] == text:
            return False
        self.rows.update("notes", note_id, {"text": text, "updated_at": self.clock()})
        return True

    def set_normalisation(self, doc_id: int, span_id: int, resource: str, key: str, name: str = "",
                          kind: str = "Reference", annotator: str | None = None, *,
                          logged: bool = True, replace: bool = True) -> int | None:
        """Link a span to a knowledge-base entry (`resource`:`key`); an existing link to
        that entry gets the new name. Returns the row id; without `replace` (an import),
        None for one the span has already."""
        found = self.conn.execute("SELECT id, name, kind FROM normalisations WHERE span_id = ? AND resource = ?"
                                  " AND key = ?", (span_id, resource, key)).fetchone()
        if found is not None and not replace:
            return None
        if found is not None:
            if (found[1], found[2]) != (name, kind):
                self.rows.update("normalisations", found[0], {"name": name, "kind": kind, "updated_at": self.clock()})
            return found[0]
        return self.rows.insert("normalisations", {
            "doc_id": doc_id, "span_id": span_id, "resource": resource, "key": key, "name": name, "kind": kind,
            "annotator": annotator, "updated_at": self.clock()}, logged=logged)

    def add_equivalence(self, doc_id: int, label: str, span_ids: list[int], annotator: str | None = None,
                        *, logged: bool = True) -> int:
        """A set of spans that name the same thing."""
        eq_id = self.rows.insert("equivalences", {"doc_id": doc_id, "label": label, "annotator": annotator,
                                                  "updated_at": self.clock()}, logged=logged)
        for span_id in span_ids:
            self.rows.insert("equivalence_members", {"equivalence_id": eq_id, "span_id": span_id},
                             logged=logged, ignore=True)
        return eq_id
