"""Ruling on the model's event suggestions: accept (Enter) or reject (X) a suggested event or
one of its suggested arguments, each one undoable action.

Accepting an argument accepts what it stands on (its entity span and its event, with the
event's trigger): an annotator who says "X is the Attacker" has said there is an attack.
Rejecting keeps the row as "rejected", so pre-annotating again never suggests it anew.
"""

from __future__ import annotations

from desktop.core.model import BadInput, Changes, State
from desktop.ops.outcome import Outcome, touch
from desktop.store import Store


def accept_event(store: Store, event_id: int, annotator: str | None = None) -> Outcome:
    """A suggested event becomes the annotator's: the event and its trigger span accepted."""
    doc_id, event = store.events.get(event_id)
    with store.action("accept event", annotator=annotator, doc_id=doc_id):
        changes = _accept_event(store, doc_id, event_id, annotator)
        changes |= touch(store, doc_id)
    return Outcome(changes, doc_id, event.trigger.id, event_id)


def reject_event(store: Store, event_id: int, annotator: str | None = None) -> Outcome:
    """A suggested event is wrong: it and its trigger span (unless another event uses it)
    are rejected; its suggested arguments go with it."""
    doc_id, event = store.events.get(event_id)
    if event.state == State.ACCEPTED:
        raise BadInput(f'The {event.type} event on "{event.trigger.text}" is accepted; delete it instead.')
    text = store.documents.text(doc_id)
    with store.action("reject event", annotator=annotator, doc_id=doc_id):
        changes = Changes.EVENTS if store.events.set_state(event_id, State.REJECTED) else Changes.NONE
        for arg in event.arguments:
            if arg.state == State.SUGGESTED:
                for arg_id in store.events.argument_ids(event_id, arg.span.id, arg.role):
                    store.events.set_argument_state(arg_id, State.REJECTED)
        others = [e for e in store.events.triggered_by(event.trigger.id) if e != event_id]
        live = [e for e in others if store.events.get(e)[1].state != State.REJECTED]
        if not live and event.trigger.state == State.SUGGESTED:
            store.spans.update(event.trigger.id, text, state=State.REJECTED, annotator=annotator)
            changes |= Changes.SPANS
        changes |= touch(store, doc_id)
    return Outcome(changes, doc_id, event.trigger.id, event_id)


def accept_argument(store: Store, event_id: int, span_id: int, role: str, annotator: str | None = None) -> Outcome:
    """A suggested argument is right: the link, its entity span and its event are accepted."""
    doc_id, _event = store.events.get(event_id)
    ids = store.events.argument_ids(event_id, span_id, role)
    if not ids:
        raise BadInput(f"No {role} argument of event {event_id} to accept.")
    text = store.documents.text(doc_id)
    with store.action("accept argument", annotator=annotator, doc_id=doc_id):
        changes = Changes.EVENTS if store.events.set_argument_state(ids[0], State.ACCEPTED) else Changes.NONE
        span = store.spans.get(span_id)[1]
        if span.state != State.ACCEPTED:
            store.spans.update(span_id, text, state=State.ACCEPTED, annotator=annotator)
            changes |= Changes.SPANS
        changes |= _accept_event(store, doc_id, event_id, annotator)
        changes |= touch(store, doc_id)
    return Outcome(changes, doc_id, span_id, event_id)


def reject_argument(store: Store, event_id: int, span_id: int, role: str, annotator: str | None = None) -> Outcome:
    """A suggested argument is wrong: the link is rejected (the entity span stays as it is)."""
    doc_id, _event = store.events.get(event_id)
    ids = store.events.argument_ids(event_id, span_id, role)
    if not ids:
        raise BadInput(f"No {role} argument of event {event_id} to reject.")
    with store.action("reject argument", annotator=annotator, doc_id=doc_id):
        changes = Changes.EVENTS if store.events.set_argument_state(ids[0], State.REJECTED) else Changes.NONE
        changes |= touch(store, doc_id)
    return Outcome(changes, doc_id, span_id, event_id)


def accept_triggered(store: Store, span_id: int, annotator: str | None = None) -> Changes:
    """Inside an action accepting a trigger span: the suggested events it triggers are accepted
    too (Enter on a dashed trigger accepts the event it shows)."""
    doc_id = store.spans.get(span_id)[0]
    changes = Changes.NONE
    for event_id in store.events.triggered_by(span_id):
        changes |= _accept_event(store, doc_id, event_id, annotator)
    return changes


def take_suggested(store: Store, doc_id: int, start: int, end: int, event_type: str,
                   annotator: str | None = None) -> tuple[int, int] | None:
    """Inside an action adding an event: when the model suggested (or the annotator once
    rejected) this very event, it is accepted rather than made twice. (trigger id, event id)."""
    from desktop.core.model import Layer

    twin = store.spans.find(doc_id, start, end, event_type, Layer.TRIGGER)
    if twin is None:
        return None
    for event_id in store.events.triggered_by(twin.id):
        event = store.events.get(event_id)[1]
        if event.type == event_type and event.state != State.ACCEPTED:
            store.events.set_state(event_id, State.SUGGESTED)  # a rejected one is taken back first
            _accept_event(store, doc_id, event_id, annotator)
            return twin.id, event_id
    return None


def accept_open_events(store: Store, doc_id: int, annotator: str | None = None) -> int:
    """Inside an action marking a document done: its suggested events and arguments are
    accepted, as its suggested spans are (what the annotator leaves is what they meant)."""
    count = 0
    for event in store.events.for_doc(doc_id):
        if event.state == State.SUGGESTED:
            count += bool(_accept_event(store, doc_id, event.id, annotator))
        for arg in event.arguments:
            if arg.state == State.SUGGESTED:
                for arg_id in store.events.argument_ids(event.id, arg.span.id, arg.role):
                    count += store.events.set_argument_state(arg_id, State.ACCEPTED)
    return count


def _accept_event(store: Store, doc_id: int, event_id: int, annotator: str | None) -> Changes:
    _doc, event = store.events.get(event_id)
    if event.state == State.ACCEPTED:
        return Changes.NONE
    store.events.set_state(event_id, State.ACCEPTED)
    store.events.update(event_id, annotator=annotator)
    changes = Changes.EVENTS
    if event.trigger.state != State.ACCEPTED:
        store.spans.update(event.trigger.id, store.documents.text(doc_id), state=State.ACCEPTED, annotator=annotator)
        changes |= Changes.SPANS
    return changes
