"""A suggested event right as it stands, in one key (issue 12's effort): the event, its
trigger and every suggested argument still open are accepted in one undoable action, where
Enter accepts them one at a time. The annotator says "this event is right" once they have
rejected what was wrong in it."""

from __future__ import annotations

from desktop.core.model import State
from desktop.ops.event_suggestions import accept_argument, accept_event
from desktop.ops.outcome import Outcome
from desktop.store import Store


def accept_event_whole(store: Store, event_id: int, annotator: str | None = None) -> Outcome:
    """Accept the event, its trigger and its suggested arguments (rejected ones stay so)."""
    doc_id, event = store.events.get(event_id)
    with store.action("accept event and arguments", annotator=annotator, doc_id=doc_id):
        changes = accept_event(store, event_id, annotator).changes
        for arg in event.arguments:
            if arg.state == State.SUGGESTED:
                changes |= accept_argument(store, event_id, arg.span.id, arg.role, annotator).changes
    return Outcome(changes, doc_id, event.trigger.id, event_id)
