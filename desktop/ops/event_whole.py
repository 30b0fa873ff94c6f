"""A suggested event settled in one key (issue 12's effort). Shift+Enter says "this event is
right as it stands": the event, its trigger and every suggested argument still open are
accepted. Shift+X says "this event is right, and nothing the model still suggests for it is":
the event and its trigger are accepted and those arguments rejected. Either is one undoable
action, where Enter (to the first argument) and Enter or X per argument take them one at a time."""

from __future__ import annotations

from desktop.core.model import State
from desktop.ops.event_suggestions import accept_argument, accept_event, reject_argument
from desktop.ops.outcome import Outcome
from desktop.store import Store


def accept_event_whole(store: Store, event_id: int, annotator: str | None = None) -> Outcome:
    """Accept the event, its trigger and its suggested arguments (rejected ones stay so)."""
    return _settle(store, event_id, annotator, accept_argument, "accept event and arguments")


def accept_event_reject_open(store: Store, event_id: int, annotator: str | None = None) -> Outcome:
    """Accept the event and its trigger; reject its suggested arguments still open (those
    already accepted or rejected stay so)."""
    return _settle(store, event_id, annotator, reject_argument, "accept event, reject open arguments")


def _settle(store: Store, event_id: int, annotator: str | None, rule, action: str) -> Outcome:
    """Accept the event and apply `rule` (accept or reject) to each argument still suggested."""
    doc_id, event = store.events.get(event_id)
    with store.action(action, annotator=annotator, doc_id=doc_id):
        changes = accept_event(store, event_id, annotator).changes
        for arg in event.arguments:
            if arg.state == State.SUGGESTED:
                changes |= rule(store, event_id, arg.span.id, arg.role, annotator).changes
    return Outcome(changes, doc_id, event.trigger.id, event_id)
