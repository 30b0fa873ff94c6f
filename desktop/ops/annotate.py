"""The annotator's actions on spans and documents, each one undoable transaction.

Each returns an `Outcome` saying what changed, so every view refreshes only what
it shows. Model suggestions are never deleted: rejecting one keeps it (hidden) so
statistics can count it and pre-annotation never brings it back.

A span that goes (deleted or rejected) first takes the events it triggers and the
arguments it fills with it, in history: SQLite's ON DELETE CASCADE would do so unrecorded,
and a rejected span must not stay an argument. A span corrected into an existing twin
hands its events and arguments to the twin.
"""

from __future__ import annotations

from desktop.core.model import Changes, Layer, Source, Span, State, Status
from desktop.core.spans import grow
from desktop.ops.event_actions import set_event_type
from desktop.ops.outcome import Outcome, touch
from desktop.ops.reading import document_tokens
from desktop.store import Store


def add_span(store: Store, doc_id: int, start: int, end: int, label: str, annotator: str | None = None,
             layer: str = Layer.ENTITY) -> Outcome:
    """The annotator marks text: an accepted span (reviving a rejected twin if there is one)."""
    text = store.documents.text(doc_id)
    with store.action("add span", annotator=annotator, doc_id=doc_id):
        twin = store.spans.find(doc_id, start, end, label, layer)
        if twin is not None:
            store.spans.update(twin.id, text, state=State.ACCEPTED, annotator=annotator)
            span_id = twin.id
        else:
            span = Span(start, end, label, text[start:end], layer, Source.ANNOTATOR, State.ACCEPTED, annotator)
            span_id = store.spans.add(doc_id, span, text)
        changes = touch(store, doc_id)
    return Outcome(Changes.SPANS | changes, doc_id, span_id)


def accept_span(store: Store, span_id: int, annotator: str | None = None) -> Outcome:
    return _set_state(store, span_id, State.ACCEPTED, annotator, "accept span")


def reject_span(store: Store, span_id: int, annotator: str | None = None) -> Outcome:
    return _set_state(store, span_id, State.REJECTED, annotator, "reject span")


def _set_state(store: Store, span_id: int, state: State, annotator: str | None, name: str) -> Outcome:
    doc_id, _span = store.spans.get(span_id)
    text = store.documents.text(doc_id)
    with store.action(name, annotator=annotator, doc_id=doc_id):
        changes = _detach(store, span_id) if state == State.REJECTED else Changes.NONE
        store.spans.update(span_id, text, state=state, annotator=annotator)
        if state == State.ACCEPTED and _span.layer == Layer.TRIGGER:
            from desktop.ops.event_suggestions import accept_triggered  # its suggested events too

            changes |= accept_triggered(store, span_id, annotator)
        changes |= touch(store, doc_id)
    return Outcome(Changes.SPANS | changes, doc_id, span_id)


def _detach(store: Store, span_id: int) -> Changes:
    """Remove the events a span triggers and the arguments it fills, in history."""
    events, arguments = store.events.detach_span(span_id)
    return Changes.EVENTS if events or arguments else Changes.NONE


def delete_span(store: Store, span_id: int, annotator: str | None = None) -> Outcome:
    """Remove a span: the annotator's own is deleted, a suggestion is rejected."""
    doc_id, span = store.spans.get(span_id)
    if span.source != Source.ANNOTATOR:
        return reject_span(store, span_id, annotator)
    with store.action("delete span", annotator=annotator, doc_id=doc_id):
        changes = _detach(store, span_id)
        store.spans.delete(span_id)
        changes |= touch(store, doc_id)
    return Outcome(Changes.SPANS | changes, doc_id, None)


def relabel_span(store: Store, span_id: int, label: str, annotator: str | None = None) -> Outcome:
    doc_id, span = store.spans.get(span_id)
    if span.layer == Layer.TRIGGER and label != span.label:
        events = store.events.triggered_by(span_id)
        if len(events) == 1:
            # A trigger's label is its event's type: keep the two in step.
            return set_event_type(store, events[0], label, annotator)
    return _reshape(store, doc_id, span, span.start, span.end, label, annotator, "relabel span")


def resize_span(store: Store, span_id: int, side: str, by: int, annotator: str | None = None) -> Outcome:
    """Extend (by=+1) or shrink (by=-1) a span by one token at its start or end."""
    doc_id, span = store.spans.get(span_id)
    text = store.documents.text(doc_id)
    bounds = grow(document_tokens(store, doc_id, text), span.start, span.end, side, by, text=text)
    if bounds is None or bounds == (span.start, span.end):
        return Outcome(Changes.NONE, doc_id, span_id)
    return _reshape(store, doc_id, span, bounds[0], bounds[1], span.label, annotator, "resize span")


def _reshape(store, doc_id, span, start, end, label, annotator, name) -> Outcome:
    text = store.documents.text(doc_id)
    with store.action(name, annotator=annotator, doc_id=doc_id):
        twin = store.spans.find(doc_id, start, end, label, span.layer)
        events = Changes.NONE
        if twin is not None and twin.id != span.id:
            # The corrected span already exists (say, rejected earlier): keep one, and
            # let the events and arguments follow the correction.
            store.spans.update(twin.id, text, state=State.ACCEPTED, annotator=annotator)
            if store.events.move_span(span.id, twin.id):
                events = Changes.EVENTS
            _retire(store, span, text, annotator)
            span_id = twin.id
        else:
            store.spans.update(span.id, text, start=start, end=end, label=label, state=State.ACCEPTED,
                               annotator=annotator, corrected=int(span.corrected or span.source != Source.ANNOTATOR))
            span_id = span.id
        changes = events | touch(store, doc_id)
    return Outcome(Changes.SPANS | changes, doc_id, span_id)


def _retire(store: Store, span: Span, text: str, annotator: str | None) -> None:
    if span.source == Source.ANNOTATOR:
        store.spans.delete(span.id)
    else:
        store.spans.update(span.id, text, state=State.REJECTED, annotator=annotator)


def _accept_all(store: Store, doc_id: int, annotator: str | None = None) -> int:
    """Accept the document's open suggestions inside the current action; returns how many."""
    text = store.documents.text(doc_id)
    open_ = [s for s in store.spans.for_doc(doc_id) if s.state == State.SUGGESTED]
    for span in open_:
        store.spans.update(span.id, text, state=State.ACCEPTED, annotator=annotator)
    from desktop.ops.event_suggestions import accept_open_events  # the suggested events shown, too

    return len(open_) + accept_open_events(store, doc_id, annotator)


def mark_done(store: Store, doc_id: int, annotator: str | None = None) -> Outcome:
    """Done accepts what is left, as Prodigy's ner.correct does: what you see is what you meant."""
    with store.action("mark done", annotator=annotator, doc_id=doc_id):
        accepted = _accept_all(store, doc_id, annotator)
        store.documents.set_status(doc_id, Status.DONE)
    return Outcome(Changes.DOC_STATUS | (Changes.SPANS if accepted else Changes.NONE), doc_id)


def set_status(store: Store, doc_id: int, status: Status, annotator: str | None = None) -> Outcome:
    if status == Status.DONE:
        return mark_done(store, doc_id, annotator)
    with store.action(f"mark {status}", annotator=annotator, doc_id=doc_id):
        changed = store.documents.set_status(doc_id, status)
    return Outcome(Changes.DOC_STATUS if changed else Changes.NONE, doc_id)


def undo(store: Store, annotator: str | None = None) -> Outcome:
    return _replay(store, annotator, undoing=True)


def redo(store: Store, annotator: str | None = None) -> Outcome:
    return _replay(store, annotator, undoing=False)


TABLE_CHANGES = {
    "spans": Changes.SPANS, "documents": Changes.DOC_STATUS, "events": Changes.EVENTS,
    "event_arguments": Changes.EVENTS, "doc_labels": Changes.DOC_LABELS,
    **dict.fromkeys(("relations", "attributes", "notes", "normalisations", "equivalences", "equivalence_members"),
                    Changes.KINDS),
}


def _replay(store: Store, annotator: str | None, undoing: bool) -> Outcome:
    target = store.history.last(undone=not undoing)
    if target is None:
        return Outcome(Changes.NONE)
    name = ("undo " if undoing else "redo ") + target["name"]
    with store.action(name, annotator=annotator, doc_id=target["doc_id"], undoable=False):
        tables = store.history.replay(target["id"], backwards=undoing)
        store.history.mark(target["id"], undone=undoing)
    changes = Changes.NONE
    for table in tables:
        changes |= TABLE_CHANGES.get(table, Changes.DOCUMENTS)  # a merge's team layers
    return Outcome(changes, target["doc_id"])

