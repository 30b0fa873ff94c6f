"""Events as plain JSON data: the layout JSONL writes under "events" and the DocBin keeps in
`doc.user_data["events"]`, read back with a precise reason for each bad part.

    {"type": str, "trigger": {"start", "end", "text"},
     "arguments": [{"role", "start", "end", "label", "text"[, "layer": "trigger", "event": i]}]}

Offsets are code points into the document's text. An argument names an entity span by
offsets and label; a reader finds it among the document's spans or makes it an
accepted import span. An argument that is another event (brat's `Theme:E1`) is that
event's trigger (`"layer": "trigger"`) and names the event by its 0-based index in the
list (`"event": i`), since events may share a trigger and type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from desktop.core.ordering import Cycle, dependencies_first
from desktop.core.model import Argument, BadInput, Event, Layer, Record, Source, Span, State

# Reads a part's offsets (`where` names it in messages): (start, end, covered text) in the
# document's text, or raises BadInput. JSONL moves offsets given against the raw text.
Locate = Callable[[dict, str], tuple[int, int, str]]


def sorted_events(record: Record) -> list[Event]:
    """The record's events in file order: by trigger, then type; arguments by offsets, label, role."""
    return [Event(e.type, e.trigger, tuple(sorted(e.arguments, key=_arg_key)), e.id)
            for e in sorted(record.events, key=_event_key)]


def positions(record: Record) -> dict[Event, int]:
    """Each of the record's events (as `record.events` and `Argument.event` hold it) → its
    index in `sorted_events(record)`: how a writer names an argument that is an event."""
    found: dict[Event, int] = {}
    for n, event in enumerate(sorted(record.events, key=_event_key)):
        found.setdefault(event, n)
    return found


def _event_key(event: Event) -> tuple:
    return event.trigger.start, event.trigger.end, event.type


def to_dicts(record: Record, events: list[Event]) -> list[dict[str, Any]]:
    """`events` (`sorted_events(record)`) as written, an argument that is an event naming it."""
    index = positions(record)
    return [to_dict(e, index) for e in events]


def to_dict(event: Event, index: dict[Event, int] | None = None) -> dict[str, Any]:
    """`index`: `positions(record)`, so an argument that is an event names it ("event": i)."""
    t, index = event.trigger, index or {}
    return {
        "type": event.type,
        "trigger": {"start": t.start, "end": t.end, "text": t.text},
        "arguments": [
            {"role": a.role, "start": a.span.start, "end": a.span.end, "label": a.span.label, "text": a.span.text,
             # an argument that is an event (brat's Theme:E1) is that event's trigger span
             **({"layer": str(Layer.TRIGGER)} if a.span.layer == Layer.TRIGGER else {}),
             **({"event": index[a.event]} if a.event is not None and a.event in index else {})}
            for a in event.arguments
        ],
    }


def as_trigger(event: Event) -> Span:
    """The event's trigger as a trigger-layer span labelled with the event's type."""
    t = event.trigger
    if (t.label, t.layer) == (event.type, Layer.TRIGGER):
        return t
    return Span(t.start, t.end, event.type, t.text, Layer.TRIGGER, t.source, t.state, t.annotator, t.model,
                t.corrected, t.id)


def from_dicts(value: Any, locate: Locate, spans: Iterable[Span]) -> list[Event]:
    """The events of a document; `spans` are its spans read so far, so a trigger or argument
    that is among them keeps its source and state."""
    if not isinstance(value, list):
        raise BadInput(f'"events" is {kind(value)}, not a list')
    known = {(s.start, s.end, s.label, s.layer): s for s in spans}
    read = [_event(obj, n, locate, known, len(value)) for n, obj in enumerate(value, 1)]
    return _referring(read)


def _referring(read: list[tuple[Event, dict[int, int]]]) -> list[Event]:
    """The events with each argument that names another ("event": i, 0-based into the
    list) holding it; an argument that is not that event's trigger, or a cycle, is refused."""
    try:
        order = dependencies_first(range(len(read)), lambda n: read[n][1].values())
    except Cycle as cycle:
        path = " → ".join(str(n + 1) for n in cycle.path)
        raise BadInput(f"event {cycle.path[0] + 1}: events that are arguments of each other (a cycle: events"
                       f" {path})") from None
    built: dict[int, Event] = {}
    for n in order:
        event, refs = read[n]
        args = list(event.arguments)
        for m, i in refs.items():
            inner, s = built[i], args[m].span
            t = inner.trigger
            if (s.start, s.end, s.label, s.layer) != (t.start, t.end, inner.type, Layer.TRIGGER):
                raise BadInput(f'event {n + 1}, argument {m + 1}: "event": {i} names event {i + 1}, whose trigger'
                               f" {t.start}-{t.end} {inner.type} this argument is not")
            args[m] = replace(args[m], event=inner)
        built[n] = replace(event, arguments=tuple(args)) if refs else event
    return [built[n] for n in range(len(read))]


def _event(obj: Any, n: int, locate: Locate, known: dict, total: int) -> tuple[Event, dict[int, int]]:
    """The event as read, and {argument index: the index of the event it names}."""
    where = f"event {n}"
    if not isinstance(obj, dict):
        raise BadInput(f"{where} is {kind(obj)}, not an object")
    missing = [key for key in ("type", "trigger") if key not in obj]
    if missing:
        raise BadInput(f"{where} has no {', '.join(missing)}")
    event_type, args = obj["type"], obj.get("arguments", [])
    if not isinstance(event_type, str) or not event_type.strip():
        raise BadInput(f"{where}: type must be a non-empty string, not {shown(event_type)}")
    if not isinstance(obj["trigger"], dict):
        raise BadInput(f"{where}: trigger is {kind(obj['trigger'])}, not an object")
    if not isinstance(args, list):
        raise BadInput(f'{where}: "arguments" is {kind(args)}, not a list')
    s, e, covered = locate(obj["trigger"], f"{where}, trigger")
    trigger = known.get((s, e, event_type, Layer.TRIGGER)) or Span(
        s, e, event_type, covered, layer=Layer.TRIGGER, source=Source.IMPORT, state=State.ACCEPTED)
    arguments, refs = [], {}
    for m, arg in enumerate(args, 1):
        awhere = f"{where}, argument {m}"
        if not isinstance(arg, dict):
            raise BadInput(f"{awhere} is {kind(arg)}, not an object")
        for key in ("role", "label"):
            if not isinstance(arg.get(key), str) or not arg[key].strip():
                raise BadInput(f"{awhere}: {key} must be a non-empty string, not {shown(arg.get(key))}")
        a, b, covered = locate(arg, awhere)
        layer = Layer.TRIGGER if arg.get("layer") == Layer.TRIGGER else Layer.ENTITY
        span = known.get((a, b, arg["label"], layer)) or Span(
            a, b, arg["label"], covered, layer, source=Source.IMPORT, state=State.ACCEPTED)
        arguments.append(Argument(arg["role"], span))
        if "event" in arg:
            i = arg["event"]
            if isinstance(i, bool) or not isinstance(i, int) or i < 0 or i >= total:
                raise BadInput(f'{awhere}: "event" must be the index of one of the {total} events, not {shown(i)}')
            refs[m - 1] = i
    return Event(event_type, trigger, tuple(arguments)), refs


def linked(spans: Iterable[Span], events: list[Event]) -> list[Span]:
    """A record's spans: the entities, plus each event's trigger and any argument span the
    file names only in the event. Trigger spans no event uses are dropped."""
    out = [s for s in spans if s.layer == Layer.ENTITY]
    seen = {(s.start, s.end, s.label, s.layer) for s in out}
    for event in events:
        for span in (event.trigger, *(a.span for a in event.arguments)):
            key = (span.start, span.end, span.label, span.layer)
            if key not in seen:
                seen.add(key)
                out.append(span)
    return out


def entities(record: Record, events: list[Event]) -> dict[tuple[int, int, str], Span]:
    """The record's entity spans that are not rejected, plus any span an event's arguments
    name, keyed by (start, end, label): what brat and the events format write as mentions."""
    found = {(s.start, s.end, s.label): s for s in record.spans
             if s.layer == Layer.ENTITY and s.state != State.REJECTED}
    for event in events:
        for arg in event.arguments:
            found.setdefault((arg.span.start, arg.span.end, arg.span.label), arg.span)
    return found


def kind(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "a string", list: "an array", dict: "an object"}.get(type(value), type(value).__name__)


def shown(value: Any, limit: int = 60) -> str:
    """A value from a file as a message shows it: a scalar's repr, cut to about `limit`
    characters; an array or object by its kind only (its repr may be huge or too deep)."""
    if isinstance(value, str):
        return repr(value) if len(value) <= limit else repr(value[:limit]) + "…"
    if value is None or isinstance(value, (bool, int, float)):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + "…"
    return kind(value)


def _arg_key(arg: Argument) -> tuple:
    return arg.span.start, arg.span.end, arg.span.label, arg.role
