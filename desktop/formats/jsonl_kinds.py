"""Issue 10's kinds in JSONL: relations in Prodigy's form, the rest under Spandesk's keys.

Relations go in the task's `relations`, as Prodigy's rel.manual writes them (beside the
event arguments JSONL writes there too):

    {"head": 2, "child": 10, "label": "Pos-Reg",
     "head_span": {"start", "end", "token_start", "token_end", "label"}, "child_span": {…}}

`head`/`child` are the last token of each span. brat's role names, when they are not
Arg1 and Arg2, are kept in `head_role`/`child_role`. On reading, an entry that repeats an
event's argument (head: its trigger, child: the argument's span, label: the role) is that
argument, not a relation; an end not among the task's spans is added as an accepted import
span; an end without a label (a relation between bare tokens) is not kept, and reported, nor
is a rejected task's relation (the store would make it a relation like any other).

The other kinds, each a list (absent when empty):

    "attributes":     [{"name", "value": str | null, "target": TARGET}]
    "notes":          [{"text", "kind", "target": TARGET | null}]     null: the document
    "normalisations": [{"resource", "key", "name", "kind", "target": {"span": SPAN}}]
    "equivalences":   [{"label", "spans": [SPAN, …]}]

    TARGET: {"span": SPAN} | {"event": i} | {"relation": i}   i: 0-based, into the task's
            "events" or "relations"
    SPAN:   {"start", "end", "label"} and "layer": "trigger" for a trigger span

Prodigy's entity linking (nel.manual: a span task with `options` and the accepted option
ids in `accept`) is read as a Normalisation of its span: resource "prodigy-options", the
option's id as key and its text (or its html without tags) as name. An accepted option with
no single span to give it to, or a choice in a task not accepted, is reported as dropped.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from desktop.core.annotations import Attribute, Dropped, Equivalence, Normalisation, Note, Relation
from desktop.core.model import BadInput, Event, Layer, Record, Source, Span, State, Token
from desktop.formats.brat_kinds import event_key
from desktop.formats.event_dicts import kind, shown

# (span dict, where) -> (start, end, covered text) in the document's text; raises BadInput
Locate = Callable[[dict, str], tuple[int, int, str]]
NEL_RESOURCE = "prodigy-options"
_TAGS = re.compile(r"<[^>]*>")
_KEYS = ("attributes", "notes", "normalisations", "equivalences")


class _Reader:
    def __init__(self, task: dict, spans: list[Span], events: list[Event], locate: Locate):
        self.task, self.events, self.locate = task, events, locate
        self.spans = spans  # added to when a relation names a span `spans` lacks
        self.known = {(s.start, s.end, s.label, s.layer): s for s in spans}
        self.relations: list[Relation | None] = []  # by the index in the task's "relations"
        self.dropped: list[Dropped] = []

    def span(self, obj: Any, where: str, *, add: bool = False) -> Span:
        if not isinstance(obj, dict):
            raise BadInput(f"{where} is {kind(obj)}, not an object")
        label = obj.get("label")
        if not isinstance(label, str) or not label.strip():
            raise BadInput(f"{where}: label must be a non-empty string, not {shown(label)}")
        start, end, covered = self.locate(obj, where)
        layer = Layer.TRIGGER if obj.get("layer") == Layer.TRIGGER else Layer.ENTITY
        found = self.known.get((start, end, label, layer))
        if found is None:
            if not add:
                raise BadInput(f"{where}: no span {start}-{end} {label} among the task's spans")
            found = Span(start, end, label, covered, layer, Source.IMPORT, State.ACCEPTED)
            self.known[(start, end, label, layer)] = found
            self.spans.append(found)
        return found

    def relation_list(self) -> list[Relation]:
        value = self.task.get("relations", [])
        if not isinstance(value, list):
            raise BadInput(f'"relations" is {kind(value)}, not a list')
        arguments = {(e.trigger.start, e.trigger.end, e.type, a.span.start, a.span.end, a.span.label, a.role)
                     for e in self.events for a in e.arguments}
        out = []
        for n, obj in enumerate(value, 1):
            where = f"relation {n}"
            self.relations.append(None)
            if not isinstance(obj, dict):
                raise BadInput(f"{where} is {kind(obj)}, not an object")
            label = obj.get("label")
            if not isinstance(label, str) or not label.strip():
                raise BadInput(f"{where}: label must be a non-empty string, not {shown(label)}")
            ends = [obj.get("head_span"), obj.get("child_span")]
            if not all(isinstance(e, dict) for e in ends):
                raise BadInput(f"{where}: head_span and child_span must be objects")
            if any(e.get("label") is None for e in ends):
                self.dropped.append(Dropped("relation", f"{where} ({label}): an end is a token, not a labelled span;"
                                            " relations link spans", source=shown(label)))
                continue
            h, c = ends
            for end, name in ((h, "head_span"), (c, "child_span")):  # before the set lookup: a list is unhashable
                if not isinstance(end["label"], str) or not end["label"].strip():
                    raise BadInput(f"{where}, {name}: label must be a non-empty string, not {shown(end['label'])}")
            hs, he, _ = self.locate(h, f"{where}, head_span")
            cs, ce, _ = self.locate(c, f"{where}, child_span")
            if (hs, he, h["label"], cs, ce, c.get("label"), label) in arguments:
                continue  # an event's argument, read from "events"
            if self.task.get("answer") == "reject":  # relations have no state to say "rejected"
                self.dropped.append(Dropped("relation", f"{where} ({label}): the task was rejected, so its"
                                            " relation is not kept as one", source=shown(label)))
                continue
            head, child = self.span(h, f"{where}, head_span", add=True), self.span(c, f"{where}, child_span", add=True)
            roles = [obj.get("head_role", "Arg1"), obj.get("child_role", "Arg2")]
            if not all(isinstance(r, str) and r.strip() for r in roles):
                raise BadInput(f"{where}: head_role and child_role must be non-empty strings")
            self.relations[-1] = Relation(label, head, child, *roles)
            out.append(self.relations[-1])
        return list(dict.fromkeys(out))

    def target(self, obj: Any, where: str, *, document: bool = False) -> Span | Event | Relation | None:
        if obj is None and document:
            return None
        if not isinstance(obj, dict) or len(obj) != 1:
            raise BadInput(f'{where}: target must be {{"span": …}}, {{"event": i}} or {{"relation": i}},'
                           f" not {shown(obj)}")
        (key, value), = obj.items()
        if key == "span":
            return self.span(value, f"{where}, span", add=True)
        items = {"event": self.events, "relation": self.relations}.get(key)
        if items is None:
            raise BadInput(f"{where}: unknown target {shown(key)} (span, event or relation)")
        if type(value) is not int or not 0 <= value < len(items) or items[value] is None:
            raise BadInput(f"{where}: {key} {shown(value)} is not one of the task's {len(items)} {key}s")
        return items[value]

    def entries(self, key: str) -> list[dict]:
        value = self.task.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise BadInput(f'"{key}" is not a list of objects')
        return value

    def text(self, obj: dict, field: str, where: str, *, default: str | None = None, empty: bool = False) -> str:
        value = obj.get(field, default)
        if not isinstance(value, str) or not (empty or value.strip()):
            raise BadInput(f"{where}: {field} must be a non-empty string, not {shown(value)}")
        return value


def read(task: dict, spans: list[Span], events: list[Event], locate: Locate, answer: str | None) -> dict[str, Any]:
    """The Record fields of a task's relations, attributes, notes, normalisations and
    equivalences, and what could not be kept (`dropped`). `spans` may grow: a relation's end
    the task's spans lack is added. Raises BadInput(reason) for a malformed part."""
    r = _Reader(task, spans, events, locate)
    relations = r.relation_list()
    attributes, notes, normalisations, equivalences = [], [], [], []
    for n, obj in enumerate(r.entries("attributes"), 1):
        where = f"attribute {n}"
        value = obj.get("value")
        if value is not None and not isinstance(value, str):
            raise BadInput(f"{where}: value must be a string or null, not {shown(value)}")
        attributes.append(Attribute(r.text(obj, "name", where), r.target(obj.get("target"), where), value))
    for n, obj in enumerate(r.entries("notes"), 1):
        where = f"note {n}"
        notes.append(Note(r.text(obj, "text", where), r.target(obj.get("target"), where, document=True),
                          r.text(obj, "kind", where, default="AnnotatorNotes")))
    for n, obj in enumerate(r.entries("normalisations"), 1):
        where = f"normalisation {n}"
        target = r.target(obj.get("target"), where)
        if not isinstance(target, Span):
            raise BadInput(f"{where}: a normalisation is of a span")
        normalisations.append(Normalisation(target, r.text(obj, "resource", where), r.text(obj, "key", where),
                                            r.text(obj, "name", where, default="", empty=True),
                                            r.text(obj, "kind", where, default="Reference")))
    for n, obj in enumerate(r.entries("equivalences"), 1):
        where = f"equivalence {n}"
        members = obj.get("spans")
        if not isinstance(members, list) or not members:
            raise BadInput(f"{where}: spans must be a non-empty list")
        equivalences.append(Equivalence(r.text(obj, "label", where),
                                        tuple(r.span(m, f"{where}, span {i}", add=True)
                                              for i, m in enumerate(members, 1))))
    normalisations += _nel(task, spans, answer, r.dropped)
    return {"relations": relations, "attributes": attributes, "notes": notes, "normalisations": normalisations,
            "equivalences": equivalences, "dropped": r.dropped}


def _nel(task: dict, spans: list[Span], answer: str | None, dropped: list[Dropped]) -> list[Normalisation]:
    """Prodigy nel.manual: the accepted option(s) of a span task, as normalisations."""
    options, accepted = task.get("options"), task.get("accept")
    if not isinstance(options, list) or not isinstance(accepted, list) or not accepted or not task.get("spans"):
        return []
    if not all(type(x) in (str, int) for x in accepted):  # an object among them was unhashable below
        raise BadInput(f'"accept" is {kind(accepted)} holding {kind(next(x for x in accepted if type(x) not in (str, int)))}'
                       ", not a list of option ids")
    names = {}
    for option in options:
        if isinstance(option, dict) and isinstance(option.get("id"), (str, int)):
            text = option.get("text") if isinstance(option.get("text"), str) else _TAGS.sub("", str(option.get("html", "")))
            names[str(option["id"])] = text
    entities = [s for s in spans if s.layer == Layer.ENTITY]
    if answer != "accept" or len(entities) != 1:
        why = (f"the task's answer is {shown(answer)}, not accept" if answer != "accept"
               else f"the task has {len(entities)} spans, so which one the choice links is unknown")
        dropped.append(Dropped("normalisation", f"entity-linking choice {shown(accepted)} not kept: {why}"))
        return []
    return [Normalisation(entities[0], NEL_RESOURCE, str(key), names.get(str(key), ""))
            for key in dict.fromkeys(accepted) if isinstance(key, (str, int))]


def write(record: Record, events: list[Event], tokens: list[Token], edge: Callable[[Span, str, list[Token]], dict]
          ) -> tuple[list[dict], dict[str, list]]:
    """The task's relation entries (written after the event arguments' entries) and its
    other kinds' keys. `events`: as written under "events", in that order; `edge` writes a
    span as a head_span or child_span."""
    relations = list(dict.fromkeys(record.relations))
    entries = []
    for rel in relations:
        head, child = edge(rel.head, rel.head.label, tokens), edge(rel.child, rel.child.label, tokens)
        entry = {"head": head["token_end"], "child": child["token_end"], "head_span": head, "child_span": child,
                 "label": rel.label}
        if (rel.head_role, rel.child_role) != ("Arg1", "Arg2"):
            entry |= {"head_role": rel.head_role, "child_role": rel.child_role}
        for end, key in ((rel.head, "head_span"), (rel.child, "child_span")):
            if end.layer == Layer.TRIGGER:
                entry[key]["layer"] = str(Layer.TRIGGER)
        entries.append(entry)
    return entries, _others(record, events, relations)


def _others(record: Record, events: list[Event], relations: list[Relation]) -> dict[str, list]:
    event_index = {}  # by value, whatever the order of an event's arguments
    for i, event in enumerate(events):
        event_index.setdefault(event_key(event), i)
    offset = sum(len(e.arguments) for e in events)  # the event arguments come first in "relations"
    relation_index = {rel: offset + i for i, rel in enumerate(relations)}

    def target(thing) -> dict | None:
        if thing is None:
            return None
        if isinstance(thing, Span):
            return {"span": _span(thing)}
        if isinstance(thing, Event):
            return {"event": event_index[event_key(thing)]}
        return {"relation": relation_index[thing]}

    out = {
        "attributes": [{"name": a.name, "value": a.value, "target": target(a.target)} for a in record.attributes],
        "notes": [{"text": n.text, "kind": n.kind, "target": target(n.target)} for n in record.notes],
        "normalisations": [{"resource": n.resource, "key": n.key, "name": n.name, "kind": n.kind,
                            "target": target(n.target)} for n in record.normalisations],
        "equivalences": [{"label": e.label, "spans": [_span(m) for m in e.members]} for e in record.equivalences],
    }
    return {k: v for k, v in out.items() if v}


def _span(span: Span) -> dict:
    out = {"start": span.start, "end": span.end, "label": span.label}
    if span.layer == Layer.TRIGGER:
        out["layer"] = str(Layer.TRIGGER)
    return out

