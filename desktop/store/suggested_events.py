"""A model's event suggestions: stored beside the annotators' events, never over a decision.

A suggested event is a trigger span (layer "trigger", state "suggested") with an event row and
argument links in state "suggested", each with the model's score. Stored like entity
suggestions: unlogged, inside one non-undoable pre-annotation action. Whatever an annotator
ruled on stays as it is: a rejected trigger or event is not suggested again, a rejected
argument link is not put back, and no accepted row changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.model import Event, Layer, Source, Span, State
from desktop.core.spans import check_span
from desktop.store.events import Events


def add(events: Events, doc_id: int, suggested: Iterable[Event], text: str, model: str) -> tuple[int, int]:
    """Store suggested events (their triggers and arguments); returns (events, arguments) new.

    An argument is linked only to an entity span already in the document (not rejected):
    entity suggestions are stored first."""
    conn, spans, now = events.conn, events.spans, events.clock()
    new_events = new_arguments = 0
    for event in suggested:
        t = event.trigger
        trigger = spans.find(doc_id, t.start, t.end, event.type, Layer.TRIGGER)
        if trigger is None:
            if check_span(text, t.start, t.end, t.text):
                continue  # the text moved under the model, or no word is there: nothing to pin it on
            span = Span(t.start, t.end, event.type, t.text, Layer.TRIGGER, Source.MODEL, State.SUGGESTED,
                               model=model, score=event.score)
            trigger_id = spans.add(doc_id, span, text, logged=False)
            event_id = None
        elif trigger.state == State.REJECTED:
            continue  # the annotator said this is no trigger of this type
        else:
            trigger_id = trigger.id
            row = conn.execute("SELECT id, state FROM events WHERE trigger_span_id = ? AND type = ? ORDER BY id",
                               (trigger_id, event.type)).fetchone()
            if row is None and trigger.state != State.SUGGESTED:
                continue  # an annotator's trigger whose event they removed
            if row is not None and row[1] == State.REJECTED:
                continue
            event_id = row[0] if row else None
        if event_id is None:
            event_id = events.rows.insert("events", {
                "doc_id": doc_id, "trigger_span_id": trigger_id, "type": event.type, "annotator": None,
                "updated_at": now, "state": str(State.SUGGESTED), "source": str(Source.MODEL), "model": model,
                "score": event.score}, logged=False)
            new_events += 1
        for arg in event.arguments:
            s = arg.span
            found = spans.find(doc_id, s.start, s.end, s.label, Layer.ENTITY)
            if found is None or found.state == State.REJECTED:
                continue
            added = events.rows.insert("event_arguments", {
                "event_id": event_id, "span_id": found.id, "role": arg.role, "state": str(State.SUGGESTED),
                "source": str(Source.MODEL), "model": model, "score": arg.score}, logged=False, ignore=True)
            new_arguments += added is not None
    return new_events, new_arguments


def drop(events: Events, doc_id: int, models: Iterable[str]) -> int:
    """Remove the open event suggestions of `models` from a document (a --force re-run),
    leaving every event or link someone ruled on; returns how many events went."""
    conn, gone = events.conn, 0
    for model in models:
        conn.execute(
            "DELETE FROM event_arguments WHERE state = 'suggested' AND model = ?"
            " AND event_id IN (SELECT id FROM events WHERE doc_id = ?)", (model, doc_id))
        # A suggested event keeping a rejected link keeps that decision with it.
        gone += conn.execute(
            "DELETE FROM events WHERE doc_id = ? AND state = 'suggested' AND model = ?"
            " AND id NOT IN (SELECT event_id FROM event_arguments)", (doc_id, model)).rowcount
    return gone
