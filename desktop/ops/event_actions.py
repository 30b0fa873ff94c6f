"""The annotator's actions on events, their arguments and document labels.

An event is a trigger span (layer "trigger", labelled with the event type) plus entity
spans linked in roles. Each action is one undoable transaction returning an `Outcome`;
arguments and document labels are checked against the project's schema, and a refusal
raises BadInput with a sentence the GUI can show as it is.
"""

from __future__ import annotations

from desktop.core.model import BadInput, Changes, Event, Layer, Source, Span, State
from desktop.core.label_set import Role, LabelSet
from desktop.ops.outcome import Outcome, touch
from desktop.ops.project import project_label_set
from desktop.store import Store


def events(store: Store, doc_id: int) -> list[Event]:
    """The document's events with their triggers and arguments, in reading order."""
    return store.events.for_doc(doc_id)


def doc_labels(store: Store, doc_id: int) -> list[str]:
    """The document's labels, sorted."""
    return store.doc_labels.for_doc(doc_id)


def add_event(store: Store, doc_id: int, start: int, end: int, event_type: str,
              annotator: str | None = None) -> Outcome:
    """Mark [start, end) as the trigger of a new event of `event_type`, in one action."""
    _event_type(project_label_set(store), event_type)
    text = store.documents.text(doc_id)
    with store.action("add event", annotator=annotator, doc_id=doc_id):
        from desktop.ops.event_suggestions import take_suggested  # the model's, if it suggested this one

        found = take_suggested(store, doc_id, start, end, event_type, annotator)
        span_id, event_id = found or (_trigger(store, doc_id, start, end, event_type, text, annotator), None)
        event_id = event_id or store.events.add(doc_id, span_id, event_type, annotator)
        changes = touch(store, doc_id)
    return Outcome(Changes.SPANS | Changes.EVENTS | changes, doc_id, span_id, event_id)


def set_event_type(store: Store, event_id: int, event_type: str, annotator: str | None = None) -> Outcome:
    """Change an event's type (and its trigger's label). Arguments in roles the new type
    does not have are removed with it; undo brings them back."""
    new = _event_type(project_label_set(store), event_type)
    doc_id, event = store.events.get(event_id)
    trigger = event.trigger
    if event.type == event_type:
        return Outcome(Changes.NONE, doc_id, trigger.id, event_id)
    text = store.documents.text(doc_id)
    with store.action("set event type", annotator=annotator, doc_id=doc_id):
        if store.events.triggered_by(trigger.id) == [event_id] and not _twin(store, doc_id, trigger, event_type):
            store.spans.update(trigger.id, text, label=event_type, annotator=annotator)
            span_id = trigger.id
        else:
            # The trigger span is shared (an imported file may do that) or its relabelled
            # twin exists: this event gets a trigger of its own.
            span_id = _trigger(store, doc_id, trigger.start, trigger.end, event_type, text, annotator)
        store.events.update(event_id, type=event_type, trigger_span_id=span_id, annotator=annotator)
        if not store.events.triggered_by(trigger.id) and trigger.id != span_id:
            store.spans.delete(trigger.id)
        for arg in event.arguments:
            if new.role(arg.role) is None:
                for arg_id in store.events.argument_ids(event_id, arg.span.id, arg.role):
                    store.events.remove_argument(arg_id)
        changes = touch(store, doc_id)
    return Outcome(Changes.SPANS | Changes.EVENTS | changes, doc_id, span_id, event_id)


def delete_event(store: Store, event_id: int, annotator: str | None = None) -> Outcome:
    """Remove an event: its arguments, the event and its trigger span, in one action."""
    doc_id, event = store.events.get(event_id)
    with store.action("delete event", annotator=annotator, doc_id=doc_id):
        store.events.delete(event_id)
        if not store.events.triggered_by(event.trigger.id):
            store.spans.delete(event.trigger.id)
        changes = touch(store, doc_id)
    return Outcome(Changes.SPANS | Changes.EVENTS | changes, doc_id, None, event_id)


def add_argument(store: Store, event_id: int, span_id: int, role: str, annotator: str | None = None) -> Outcome:
    """Link an entity span to an event in `role`, if the schema allows it.

    A suggestion used as an argument is accepted with it: the annotator has just ruled on it.
    """
    doc_id, event = store.events.get(event_id)
    span_doc, span = store.spans.get(span_id)
    if span_doc != doc_id:
        raise BadInput(f'"{span.text}" is in another document than the {event.type} event.')
    if span.layer != Layer.ENTITY:
        raise BadInput(f'"{span.text}" is an event trigger; arguments are entity spans.')
    if span.state == State.REJECTED:
        raise BadInput(f'"{span.text}" was rejected; accept it before using it as an argument.')
    label_set = project_label_set(store)
    reason = label_set.why_not(event.type, role, span.label)
    if reason:
        raise BadInput(reason)
    filled = [a for a in event.arguments if a.role == role]
    if any(a.span.id == span_id for a in filled):
        return Outcome(Changes.NONE, doc_id, span_id, event_id)
    if filled and not label_set.event(event.type).role(role).many:
        raise BadInput(f'{role} is already filled by "{filled[0].span.text}"; {event.type} takes one {role}. '
                       "Remove that argument first.")
    text = store.documents.text(doc_id)
    with store.action("add argument", annotator=annotator, doc_id=doc_id):
        changes = Changes.EVENTS
        if span.state == State.SUGGESTED:
            store.spans.update(span_id, text, state=State.ACCEPTED, annotator=annotator)
            changes |= Changes.SPANS
        store.events.add_argument(event_id, span_id, role)
        changes |= touch(store, doc_id)
    return Outcome(changes, doc_id, span_id, event_id)


def remove_argument(store: Store, event_id: int, span_id: int, role: str | None = None,
                    annotator: str | None = None) -> Outcome:
    """Unlink a span from an event (from `role` only, or from every role it fills)."""
    doc_id, _event = store.events.get(event_id)
    ids = store.events.argument_ids(event_id, span_id, role)
    if not ids:
        return Outcome(Changes.NONE, doc_id, span_id, event_id)
    with store.action("remove argument", annotator=annotator, doc_id=doc_id):
        for arg_id in ids:
            store.events.remove_argument(arg_id)
        changes = touch(store, doc_id)
    return Outcome(Changes.EVENTS | changes, doc_id, span_id, event_id)


def toggle_doc_label(store: Store, doc_id: int, label: str, annotator: str | None = None) -> Outcome:
    """Give the document a label from the schema, or take it away if it has it."""
    label_set = project_label_set(store)
    names = [d.name for d in label_set.doc_labels]
    if label not in names:
        raise BadInput(f'Schema "{label_set.name}" has no document label "{label}"{_hint(label, names)}.')
    with store.action("toggle document label", annotator=annotator, doc_id=doc_id):
        if not store.doc_labels.remove(doc_id, label):
            store.doc_labels.add(doc_id, label, annotator)
        changes = touch(store, doc_id)
    return Outcome(Changes.DOC_LABELS | changes, doc_id)


def role_choices(label_set: LabelSet, event_type: str, entity_label: str,
                 event: Event | None = None) -> list[tuple[Role, str | None]]:
    """Every role of the event type, each with why a span labelled `entity_label` cannot
    fill it (None when it can): the role palette shows them all, offering only the fitting.
    Given the `event` itself, a one-filler role it has filled already is not offered either."""
    kind = label_set.event(event_type)
    if kind is None:
        return []
    filled = {a.role: a.span.text for a in event.arguments} if event else {}
    out = []
    for role in kind.roles:
        why = label_set.why_not(event_type, role.name, entity_label)
        if why is None and not role.many and role.name in filled:
            why = f'{role.name} is already filled by "{filled[role.name]}"; {event_type} takes one {role.name}.'
        out.append((role, why))
    return out


def missing_roles(label_set: LabelSet, event: Event) -> list[str]:
    """The required roles of the event's type that no accepted argument fills yet: a
    suggested argument is not a decision, and a rejected one fills nothing."""
    kind = label_set.event(event.type)
    filled = {a.role for a in event.arguments if a.state == State.ACCEPTED}
    return [r.name for r in kind.roles if r.required and r.name not in filled] if kind else []


def _event_type(label_set: LabelSet, name: str):
    found = label_set.event(name)
    if found is None:
        raise BadInput(f'Schema "{label_set.name}" has no event type "{name}"'
                       f"{_hint(name, [e.name for e in label_set.events])}.")
    return found


def _hint(name: str, names: list[str]) -> str:
    import difflib  # only for a refusal's hint: not on the way to the first article

    close = difflib.get_close_matches(name, names, n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _twin(store: Store, doc_id: int, trigger: Span, label: str) -> Span | None:
    return store.spans.find(doc_id, trigger.start, trigger.end, label, Layer.TRIGGER)


def _trigger(store: Store, doc_id: int, start: int, end: int, event_type: str, text: str,
             annotator: str | None) -> int:
    """The trigger span for a new event: a twin left without its event is taken back,
    one still carrying an event of this type refuses (one event per type and trigger)."""
    twin = store.spans.find(doc_id, start, end, event_type, Layer.TRIGGER)
    if twin is None:
        span = Span(start, end, event_type, text[start:end], Layer.TRIGGER, Source.ANNOTATOR, State.ACCEPTED,
                    annotator)
        return store.spans.add(doc_id, span, text)
    if store.events.triggered_by(twin.id):
        raise BadInput(f'"{twin.text}" is already the trigger of a {event_type} event.')
    store.spans.update(twin.id, text, state=State.ACCEPTED, annotator=annotator)
    return twin.id

