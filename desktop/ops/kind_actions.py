"""The annotator's actions on relations, attributes, notes and normalisations (issue 10),
each one undoable transaction returning an `Outcome`, and the reads the window shows.

A refusal raises BadInput with a sentence the GUI can show as it is. Which relation
labels fit which spans is the label set's business: `check_relation` is the one place
that asks it (ops.why_not_relation / why_not_attribute).
"""

from __future__ import annotations

from desktop.core.annotations import Note, Relation
from desktop.core.label_set import LabelSet
from desktop.core.model import BadInput, Changes, Span, State
from desktop.ops.label_set import why_not_attribute, why_not_relation
from desktop.ops.outcome import Outcome, touch
from desktop.ops.project import project_label_set
from desktop.store import Store
from desktop.store.kinds import DocKinds


def document_kinds(store: Store, doc_id: int) -> DocKinds:
    """Every relation, attribute, note, normalisation and equivalence set of a document,
    each with its row id (what the delete and edit actions take)."""
    return store.kinds.for_doc(doc_id)


def relations(store: Store, doc_id: int) -> list[tuple[int, Relation]]:
    return store.kinds.for_doc(doc_id).relations


def notes(store: Store, doc_id: int) -> list[tuple[int, Note]]:
    return store.kinds.for_doc(doc_id).notes


def check_relation(labels: LabelSet, label: str, head: Span, child: Span) -> None:
    """Raise BadInput when the label set does not allow `label` from `head` to `child`
    (a label set that declares no relations leaves them free)."""
    if not label.strip():
        raise BadInput("A relation needs a label.")
    reason = why_not_relation(labels, head, child, label)
    if reason:
        raise BadInput(reason)


def add_relation(store: Store, head_span_id: int, child_span_id: int, label: str,
                 annotator: str | None = None) -> Outcome:
    """Link two spans of one document with a labelled, directed relation."""
    doc_id, head = _live_span(store, head_span_id)
    child_doc, child = _live_span(store, child_span_id)
    if child_doc != doc_id:
        raise BadInput(f'"{child.text}" is in another document than "{head.text}".')
    if head_span_id == child_span_id:
        raise BadInput(f'A relation links two spans; "{head.text}" cannot be related to itself.')
    check_relation(project_label_set(store), label, head, child)
    if store.kinds.find_relation(head_span_id, child_span_id, label) is not None:
        return Outcome(Changes.NONE, doc_id, head_span_id)
    text = store.documents.text(doc_id)
    with store.action("add relation", annotator=annotator, doc_id=doc_id):
        changes = Changes.KINDS
        for span in (head, child):
            if span.state == State.SUGGESTED:  # the annotator has just ruled on it
                store.spans.update(span.id, text, state=State.ACCEPTED, annotator=annotator)
                changes |= Changes.SPANS
        relation_id = store.kinds.add_relation(doc_id, head_span_id, child_span_id, label, annotator=annotator)
        changes |= touch(store, doc_id)
    return Outcome(changes, doc_id, head_span_id, kind_id=relation_id)


def delete_relation(store: Store, relation_id: int, annotator: str | None = None) -> Outcome:
    """Remove a relation (and the notes on it)."""
    return _delete(store, "relations", relation_id, "delete relation", annotator)


def set_attribute(store: Store, name: str, value: str | None = None, *, span_id: int | None = None,
                  event_id: int | None = None, annotator: str | None = None) -> Outcome:
    """Give a span or an event an attribute (value None: a binary one, set), replacing
    the value it had."""
    if (span_id is None) == (event_id is None):
        raise BadInput("An attribute belongs to one span or one event.")
    if not name.strip():
        raise BadInput("An attribute needs a name.")
    doc_id = _target_doc(store, span_id, event_id)
    target = (store.spans.get(span_id) if span_id is not None else store.events.get(event_id))[1]
    reason = why_not_attribute(project_label_set(store), target, name, value)
    if reason:
        raise BadInput(reason)
    with store.action("set attribute", annotator=annotator, doc_id=doc_id):
        row_id = store.kinds.set_attribute(doc_id, name, value, span_id=span_id, event_id=event_id,
                                           annotator=annotator)
        changes = touch(store, doc_id)
    return Outcome(Changes.KINDS | changes, doc_id, span_id, event_id, row_id)


def clear_attribute(store: Store, attribute_id: int, annotator: str | None = None) -> Outcome:
    return _delete(store, "attributes", attribute_id, "clear attribute", annotator)


def add_note(store: Store, doc_id: int, text: str, *, span_id: int | None = None, event_id: int | None = None,
             relation_id: int | None = None, kind: str = "AnnotatorNotes", annotator: str | None = None) -> Outcome:
    """A note on the document, or on one of its spans, events or relations."""
    if not text.strip():
        raise BadInput("A note needs some text.")
    if sum(x is not None for x in (span_id, event_id, relation_id)) > 1:
        raise BadInput("A note is on one thing: a span, an event, a relation or the document.")
    if span_id is not None or event_id is not None:
        target_doc = _target_doc(store, span_id, event_id)
    elif relation_id is not None:
        target_doc = store.kinds.doc_of("relations", relation_id)
    else:
        target_doc = doc_id
        store.documents.get_status(doc_id)  # NotFound for a document that is not there
    if target_doc != doc_id:
        raise BadInput("The note's target is in another document.")
    with store.action("add note", annotator=annotator, doc_id=doc_id):
        row_id = store.kinds.add_note(doc_id, text, kind, span_id=span_id, event_id=event_id,
                                      relation_id=relation_id, annotator=annotator)
        changes = touch(store, doc_id)
    return Outcome(Changes.KINDS | changes, doc_id, span_id, event_id, row_id)


def edit_note(store: Store, note_id: int, text: str, annotator: str | None = None) -> Outcome:
    if not text.strip():
        raise BadInput("A note needs some text; delete the note instead.")
    doc_id = store.kinds.doc_of("notes", note_id)
    with store.action("edit note", annotator=annotator, doc_id=doc_id):
        if not store.kinds.edit_note(note_id, text):
            return Outcome(Changes.NONE, doc_id, kind_id=note_id)
        changes = touch(store, doc_id)
    return Outcome(Changes.KINDS | changes, doc_id, kind_id=note_id)


def delete_note(store: Store, note_id: int, annotator: str | None = None) -> Outcome:
    return _delete(store, "notes", note_id, "delete note", annotator)


def set_normalisation(store: Store, span_id: int, resource: str, key: str, name: str = "",
                      annotator: str | None = None) -> Outcome:
    """Link a span to a knowledge-base entry (`resource`, `key`: brat's `Wikipedia:64488`)."""
    if not resource.strip() or not key.strip():
        raise BadInput("A normalisation needs a resource and a key (such as Wikipedia and 64488).")
    doc_id, _span = _live_span(store, span_id)
    with store.action("set normalisation", annotator=annotator, doc_id=doc_id):
        row_id = store.kinds.set_normalisation(doc_id, span_id, resource, key, name, annotator=annotator)
        changes = touch(store, doc_id)
    return Outcome(Changes.KINDS | changes, doc_id, span_id, kind_id=row_id)


def clear_normalisation(store: Store, normalisation_id: int, annotator: str | None = None) -> Outcome:
    return _delete(store, "normalisations", normalisation_id, "clear normalisation", annotator)


def _delete(store: Store, table: str, row_id: int, name: str, annotator: str | None) -> Outcome:
    doc_id = store.kinds.doc_of(table, row_id)
    with store.action(name, annotator=annotator, doc_id=doc_id):
        store.kinds.delete(table, row_id)
        changes = touch(store, doc_id)
    return Outcome(Changes.KINDS | changes, doc_id, kind_id=row_id)


def _live_span(store: Store, span_id: int) -> tuple[int, Span]:
    doc_id, span = store.spans.get(span_id)
    if span.state == State.REJECTED:
        raise BadInput(f'"{span.text}" was rejected; accept it first.')
    return doc_id, span


def _target_doc(store: Store, span_id: int | None, event_id: int | None) -> int:
    if span_id is not None:
        return _live_span(store, span_id)[0]
    return store.events.get(event_id)[0]
