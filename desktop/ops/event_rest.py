"""A suggested event right but for the arguments still open, in one key (issue 12's effort):
Shift+X says "this event is right, and nothing the model still suggests for it is". The
event and its trigger are accepted and every suggested argument still open is rejected, in
one undoable action, where Enter (to the first of them) and X per argument would take them
one at a time. It is the other half of Shift+Enter (ops/event_whole.py), which accepts them."""

from __future__ import annotations

from desktop.core.model import State
from desktop.ops.event_suggestions import accept_event, reject_argument
from desktop.ops.outcome import Outcome
from desktop.store import Store


def accept_event_reject_open(store: Store, event_id: int, annotator: str | None = None) -> Outcome:
    """Accept the event and its trigger; reject its suggested arguments still open (those
    already accepted or rejected stay so)."""
    doc_id, event = store.events.get(event_id)
    with store.action("accept event, reject open arguments", annotator=annotator, doc_id=doc_id):
        changes = accept_event(store, event_id, annotator).changes
        for arg in event.arguments:
            if arg.state == State.SUGGESTED:
                changes |= reject_argument(store, event_id, arg.span.id, arg.role, annotator).changes
    return Outcome(changes, doc_id, event.trigger.id, event_id)
