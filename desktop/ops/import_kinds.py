"""An import's storing step for issue 10's kinds: a Record's relations, attributes, notes,
normalisations and equivalence sets, stored against the span and event rows the record's
own spans and events became. They point at those by value (core/annotations.py); what
finds no stored target is returned as Dropped, for the import to report by FILE:LINE."""

from __future__ import annotations

from collections import Counter

from desktop.core.annotations import Dropped, Relation
from desktop.core.model import Event, Record, Span
from desktop.store import Store


def store_kinds(store: Store, doc_id: int, record: Record, event_ids: dict[Event, int], *,
                logged: bool = False, merging: bool = False) -> tuple[Counter, list[Dropped]]:
    """Store the record's kinds in document `doc_id`; returns ({kind: how many stored}, what
    could not be). `event_ids`: the stored id of each of the record's events that was stored.
    `merging`: the document was stored before (a duplicate text); what it holds already is
    not stored twice, and is no loss."""
    kinds, stored, dropped = store.kinds, Counter(), []
    # a duplicate text's notes and sets that the document holds already, by value
    held = _held(store, doc_id) if merging else set()
    spans: dict[tuple, int | None] = {}

    def span_id(span: Span) -> int | None:
        key = (span.start, span.end, span.label, span.layer)
        if key not in spans:
            found = store.spans.find(doc_id, *key)
            spans[key] = found.id if found else None
        return spans[key]

    text: list[str] = []  # the document's text, read once if a member span must be added

    def added(span: Span) -> int | None:
        if not text:
            text.append(store.documents.text(doc_id))
        key = (span.start, span.end, span.label, span.layer)
        spans[key] = store.spans.add(doc_id, span, text[0], logged=logged)
        return spans[key]

    def target(thing) -> dict[str, int] | None:
        if isinstance(thing, Span):
            found = span_id(thing)
            return None if found is None else {"span_id": found}
        if isinstance(thing, Event):
            return None if thing not in event_ids else {"event_id": event_ids[thing]}
        if isinstance(thing, Relation):
            return None if thing not in relation_ids else {"relation_id": relation_ids[thing]}
        return {}

    def lost(kind: str, what: str, on: object = None) -> None:
        why = ("is an event of a duplicate text, whose events are not merged" if merging and isinstance(on, Event)
               else "was not stored with the document")
        dropped.append(Dropped(kind, f"{what} {why}", record.line))

    relation_ids: dict[Relation, int] = {}
    for rel in record.relations:
        head, child = span_id(rel.head), span_id(rel.child)
        if head is None or child is None:
            lost("relation", f"{rel.label} relation's {'head' if head is None else 'child'} span")
            continue
        row = kinds.add_relation(doc_id, head, child, rel.label, rel.head_role, rel.child_role,
                                 rel.head.annotator, logged=logged)
        if row is None:
            if merging:  # the stored document has it: notes on it go to that one
                relation_ids[rel] = kinds.find_relation(head, child, rel.label)
                continue
            dropped.append(Dropped("relation", f"{rel.label} relation {rel.head.text!r} → {rel.child.text!r} is"
                                   " listed twice; stored once", record.line))
            continue
        relation_ids[rel] = row
        stored["relations"] += 1
    for attr in record.attributes:
        where = target(attr.target)
        if not where:
            lost("attribute", f"the target of attribute {attr.name}", attr.target)
            continue
        if kinds.set_attribute(doc_id, attr.name, attr.value, **where, logged=logged, replace=False) is None:
            if merging and _same_value(store, where, attr.name, attr.value):
                continue
            dropped.append(Dropped("attribute", f"attribute {attr.name} is given twice to one target; the first"
                                   " value is kept", record.line))
            continue
        stored["attributes"] += 1
    for note in record.notes:
        where = target(note.target)
        if where is None:
            lost("note", f"the target of note {note.text[:40]!r}", note.target)
            continue
        key = ("note", note.kind, note.text, *where.items())
        if key in held:
            continue
        held.add(key)
        kinds.add_note(doc_id, note.text, note.kind, **where, logged=logged)
        stored["notes"] += 1
    for norm in record.normalisations:
        found = span_id(norm.target)
        if found is None:
            lost("normalisation", f"the span of normalisation {norm.resource}:{norm.key}")
            continue
        if kinds.set_normalisation(doc_id, found, norm.resource, norm.key, norm.name, norm.kind,
                                   logged=logged, replace=False) is None:
            if merging:
                continue
            dropped.append(Dropped("normalisation", f"normalisation {norm.resource}:{norm.key} of {norm.target.text!r}"
                                   " is listed twice; stored once", record.line))
            continue
        stored["normalisations"] += 1
    for eq in record.equivalences:
        # A member no field of the record lists (DyGIE++'s coreference mention that is no
        # entity, labelled Mention) exists only in its set: it is added with it, as events
        # add the argument spans they name.
        members = [span_id(m) if span_id(m) is not None else added(m) for m in eq.members]
        if None in members:
            lost("equivalence", f"a member span of the {eq.label} set")
            continue
        key = ("equivalence", eq.label, frozenset(members))
        if key in held:
            continue
        held.add(key)
        kinds.add_equivalence(doc_id, eq.label, members, logged=logged)
        stored["equivalences"] += 1
    return stored, dropped


def _held(store: Store, doc_id: int) -> set[tuple]:
    """The document's notes and equivalence sets as the keys store_kinds compares."""
    held: set[tuple] = set()
    for kind, text, *ids in store.conn.execute(
        "SELECT kind, text, span_id, event_id, relation_id FROM notes WHERE doc_id = ?", (doc_id,)
    ):
        where = {k: v for k, v in zip(("span_id", "event_id", "relation_id"), ids) if v is not None}
        held.add(("note", kind, text, *where.items()))
    for _, eq in store.kinds.for_doc(doc_id).equivalences:
        held.add(("equivalence", eq.label, frozenset(m.id for m in eq.members)))
    return held


def _same_value(store: Store, where: dict[str, int], name: str, value: str | None) -> bool:
    (column, target), = where.items()
    found = store.conn.execute(f"SELECT value FROM attributes WHERE {column} = ? AND name = ?", (target, name))
    row = found.fetchone()
    return row is not None and row[0] == value
