"""Reading one brat document (NAME.txt with its NAME.ann) into a Record.

The layout and the choices are described in desktop/formats/brat.py. Offsets in the
.ann count code points of the .txt as it is on disk; the text is cleaned as every
import cleans it (line endings become "\\n") and the offsets are moved with it.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from desktop.core import files
from desktop.core.annotations import Attribute, Dropped, Equivalence, Normalisation, Note, Relation
from desktop.core.model import Argument, BadInput, Document, Event, Layer, Record, Source, Span, State
from desktop.core.spans import check_span
from desktop.core.text import clean, content_hash, decode, title_from
from desktop.formats import brat_names
from desktop.formats.event_dicts import shown

SUGGESTED = "Suggested"
# brat's offsets: ASCII digits only (int() would also take "٣", "1_0" and " 5").
_OFFSETS = re.compile(r"[0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*")


def read_document(txt: str | Path, ann: str | Path, found: tuple[bool, bool | None] | None = None) -> Record | BadInput:
    """NAME.txt with its NAME.ann. `found`: whether each is a file, when the folder's listing
    already says so (a stat of each was a tenth of reading a document); None for an .ann that
    is there but is no file."""
    # As strings: each os call given a Path converts it again (a third of reading the two files).
    txt, ann = os.fspath(txt), os.fspath(ann)
    is_txt, is_ann = found or (os.path.isfile(txt), os.path.isfile(ann) or (None if os.path.lexists(ann) else False))
    txt_name = os.path.basename(txt)
    if not is_txt:
        return BadInput(f"no {txt_name} beside it: brat keeps each text in NAME.txt", ann)
    if is_ann is None:  # a folder, FIFO or broken link: read as "no annotations", they would be lost unsaid
        return BadInput(f"{os.path.basename(ann)} is not a file (a folder, a device or a broken link): brat keeps "
                        "a document's annotations in NAME.ann", ann)
    try:
        raw = decode(files.read_bytes(txt), files.display(txt))
        lines = decode(files.read_bytes(ann), files.display(ann), lines=True).split("\n") if is_ann else []
    except BadInput as bad:
        return bad
    text, moved = clean(raw)
    if not text.strip():
        return BadInput("empty document", str(txt))
    parser = _Parser(raw, text, moved, str(ann))
    try:
        for number, line in enumerate(lines, 1):
            parser.line(number, line.removesuffix("\r"))
        spans, events = parser.result()
    except BadInput as bad:
        return bad
    doc = Document(text, title=title_from(text), ext_id=files.display(_stem(txt_name)),
                   meta={"source": files.display(txt_name)}, content_hash=content_hash(text))
    return Record(doc, spans=spans, events=events, relations=parser.relations, attributes=parser.attributes,
                  notes=parser.notes, normalisations=parser.normalisations, equivalences=parser.equivalences,
                  dropped=parser.approximated)


def _stem(name: str) -> str:
    """The name without its suffix, as Path.stem has it (".txt" keeps its dot: no suffix)."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


class _Parser:
    def __init__(self, raw: str, text: str, moved, file: str):
        self.raw, self.text, self.moved, self.file = raw, text, moved, file
        self.bounds: dict[str, tuple[Span, int]] = {}  # T id → (span, line)
        self.events: list[tuple[str, str, str, list[tuple[str, str]], int]] = []  # id, type, trigger, args, line
        self.suggested: set[str] = set()
        self.ids: set[str] = set()
        self.triggers: set[str] = set()  # T ids that are event triggers
        # R, A/M (other than Suggested), #, N and * lines as read, resolved in `result` once
        # every T and E line is known (brat lets a line name an id defined after it):
        # (id, fields, line number, the line)
        self.later: dict[str, list[tuple[str, list[str], int, str]]] = {"R": [], "A": [], "#": [], "N": [], "*": []}
        self.relations: list[Relation] = []
        self.attributes: list[Attribute] = []
        self.notes: list[Note] = []
        self.normalisations: list[Normalisation] = []
        self.equivalences: list[Equivalence] = []
        # what is read but not stored as written (a relation to an event, a note on an
        # attribute): reported by kind and line
        self.approximated: list[Dropped] = []
        # Each line's reader by its id's first letter (made once, not per line).
        self.kinds = {"T": self.textbound, "E": self.event, "A": self.attribute, "M": self.attribute,
                      "R": self.kept, "#": self.kept, "N": self.kept, "*": self.kept}

    def bad(self, number: int, reason: str) -> BadInput:
        return BadInput(reason, self.file, number)

    def line(self, number: int, line: str) -> None:
        if not line.strip():
            return
        if "\t" not in line:
            raise self.bad(number, "no tab after the annotation id")
        ident, rest = line.split("\t", 1)
        if ident != "*":  # brat's equivalences all have the id "*"
            if ident in self.ids:
                raise self.bad(number, f"annotation id {ident} is used twice")
            self.ids.add(ident)
        kinds = self.kinds
        if ident[:1] not in kinds:
            raise self.bad(number, f"unknown annotation {shown(ident)}: expected T, E, R, A, M, #, N or *")
        kinds[ident[0]](number, ident, rest)

    def kept(self, number: int, ident: str, rest: str) -> None:
        """An R, #, N or * line: its fields, checked for shape now, resolved in `result`."""
        head, _, tail = rest.partition("\t")
        fields = head.split()
        need = {"R": 3, "#": 2, "N": 3, "*": 2}[ident[0]]
        if len(fields) < need or (ident[0] in "RN" and len(fields) != need):
            expected = {"R": "LABEL Arg1:ID Arg2:ID", "#": "KIND ID<TAB>TEXT", "N": "KIND ID RESOURCE:KEY<TAB>NAME",
                        "*": "LABEL ID…"}[ident[0]]
            raise self.bad(number, f"{ident}: expected {expected}, not {shown(rest)}")
        if ident[0] == "R" and not all(len(f.split(":")) == 2 and all(f.split(":")) for f in fields[1:]):
            raise self.bad(number, f"{ident}: expected LABEL Arg1:ID Arg2:ID, not {shown(rest)}")
        if ident[0] == "N" and ":" not in fields[2]:
            raise self.bad(number, f"{ident}: expected RESOURCE:KEY, not {shown(fields[2])}")
        self.later[ident[0]].append((ident, [*fields, tail], number, rest))

    def name(self, number: int, stored: str) -> str:
        try:
            return brat_names.decode(stored)
        except ValueError as err:
            raise self.bad(number, str(err)) from None

    def textbound(self, number: int, ident: str, rest: str) -> None:
        head, _, covered = rest.partition("\t")
        label, _, offsets = head.partition(" ")
        if not label:
            raise self.bad(number, f"{ident}: no label before the offsets")
        if not _OFFSETS.fullmatch(offsets):
            raise self.bad(number, f"{ident}: offsets must be START END pairs, not {shown(offsets)}")
        if len(offsets) <= 19 and ";" not in offsets:  # most lines: one START END pair, each under 18 digits
            a, b = map(int, offsets.split(" "))
            pieces = [(a, b)]
        else:
            # No text is 10**18 characters long; int() refuses numbers of over 4,300 digits.
            pieces = [tuple(int(x) if len(x.lstrip("0")) <= 18 else 10**18 for x in part.split())
                      for part in offsets.split(";")]
            pieces.sort()
        if any(a < 0 or b > len(self.raw) or a > b for a, b in pieces):
            where = offsets if len(offsets) <= 60 else offsets[:60] + "…"
            raise self.bad(number, f"{ident}: offsets {where} are outside the text ({len(self.raw)} characters)")
        written = self.raw[pieces[0][0]:pieces[0][1]] if len(pieces) == 1 else " ".join(self.raw[a:b] for a, b in pieces)
        if "\t" in rest and covered != written:
            raise self.bad(number, f"{ident}: text {shown(covered)} is not the text at {offsets}, {shown(written)}")
        for (_, b), (a, _) in zip(pieces, pieces[1:]):
            if not self.raw[b:a].isspace() and a != b:
                raise self.bad(number, f"{ident}: a span with a gap in it (discontinuous) is not supported")
        start, end = self.moved(pieces[0][0]), self.moved(pieces[-1][1])
        reason = check_span(self.text, start, end)
        if reason:
            raise self.bad(number, f"{ident}: {reason}")
        span = Span(start, end, self.name(number, label), self.text[start:end], source=Source.IMPORT,
                    state=State.ACCEPTED)
        self.bounds[ident] = (span, number)

    def event(self, number: int, ident: str, rest: str) -> None:
        fields = rest.split("\t", 1)[0].split()
        pairs = [f.split(":") for f in fields]
        if not pairs or any(len(p) != 2 or not all(p) for p in pairs):
            raise self.bad(number, f"{ident}: expected TYPE:TRIGGER ROLE:ID…, not {shown(rest)}")
        (kind, trigger), *args = pairs
        seen: set[str] = set()
        roles = []
        for role, target in args:
            base = _unnumbered(role, seen)
            seen.add(role)
            roles.append((self.name(number, base), target))
        self.events.append((ident, self.name(number, kind), trigger, roles, number))

    def attribute(self, number: int, ident: str, rest: str) -> None:
        parts = rest.split("\t", 1)[0].split()
        if len(parts) < 2:
            raise self.bad(number, f"{ident}: expected NAME TARGET, not {shown(rest)}")
        if self.name(number, parts[0]) == SUGGESTED and len(parts) == 2:
            self.suggested.add(parts[1])
        elif len(parts) > 3:
            raise self.bad(number, f"{ident}: expected NAME TARGET [VALUE], not {shown(rest)}")
        else:  # brat's Negation, Speculation, Confidence High…: resolved in `result`
            self.later["A"].append((ident, parts, number, rest))

    def _build(self, ident: str, byid: dict, built: dict[str, Event], path: list[str]) -> Event:
        """The event `ident`, building first the events it has as arguments (defined before or
        after it). An argument that is an event holds that event (`Argument.event`) and its
        trigger as the span (trigger layer, labelled with its type); a cycle is refused."""
        if ident in built:
            return built[ident]
        kind, trigger, roles, number = byid[ident]
        if ident in path:
            cycle = " → ".join([*path[path.index(ident):], ident])
            raise self.bad(number, f"{ident}: events that are arguments of each other (a cycle: {cycle})")
        if trigger not in self.bounds:
            raise self.bad(number, f"{ident}: its trigger {trigger} is not a T line of this file")
        t, _ = self.bounds[trigger]
        if t.label != kind:
            raise self.bad(number, f"{ident}: the trigger {trigger} is a {t.label}, not a {kind}")
        trigger_span = replace(t, layer=Layer.TRIGGER, state=State.ACCEPTED)
        arguments = []
        for role, target in roles:
            if target in byid:
                inner = self._build(target, byid, built, [*path, ident])
                arguments.append(Argument(role, inner.trigger, event=inner))
                continue
            if target not in self.bounds:
                what = "no such E line" if target.startswith("E") else "no such T line"
                raise self.bad(number, f"{ident}: argument {role}:{target}: {what}")
            if target in self.triggers:
                raise self.bad(number, f"{ident}: argument {role}:{target} is an event trigger")
            arguments.append(Argument(role, self.bounds[target][0]))
        built[ident] = Event(kind, trigger_span, tuple(arguments))
        return built[ident]

    def result(self) -> tuple[list[Span], list[Event]]:
        triggers = self.triggers = {trigger for _, _, trigger, _, _ in self.events}
        for target in self.suggested:
            if target not in self.bounds or target in triggers:
                continue  # brat ignores attributes on unknown ids, and we mark entities only
            span, number = self.bounds[target]
            self.bounds[target] = (replace(span, state=State.SUGGESTED), number)
        byid = {ident: (kind, trigger, roles, number) for ident, kind, trigger, roles, number in self.events}
        built: dict[str, Event] = {}
        for ident, *_ in self.events:
            self._build(ident, byid, built, [])
        events = [built[ident] for ident, *_ in self.events]
        spans, final = {}, {}
        for ident, (span, _) in self.bounds.items():
            if ident in triggers:
                span = replace(span, layer=Layer.TRIGGER, state=State.ACCEPTED)
            final[ident] = spans.setdefault((span.start, span.end, span.label, span.layer), span)
        self._kinds(final, built)
        return list(spans.values()), events

    def _kinds(self, spans: dict[str, Span], events: dict[str, Event]) -> None:
        """The R, A/M, #, N and * lines as Record values, now that every T and E is known.
        An id no line defines refuses the document, as in an E line; what the project
        cannot hold (a relation to an event, a note on an attribute) is Dropped."""
        def known(ident: str, number: int, what: str) -> None:
            if ident not in self.ids:
                raise self.bad(number, f"{what}: {ident} is no annotation of this file")

        relations: dict[str, Relation] = {}
        for ident, (label, first, second, _), number, line in self.later["R"]:
            (role1, id1), (role2, id2) = first.split(":"), second.split(":")
            for end in (id1, id2):
                known(end, number, ident)
            if id1 not in spans or id2 not in spans:
                self.approximated.append(Dropped("relation", f"{ident}: a relation whose end is an event is not"
                                                 " kept (relations link spans)", number, line))
                continue
            relation = Relation(self.name(number, label), spans[id1], spans[id2], self.name(number, role1),
                                self.name(number, role2))
            twin = next((r for r, v in relations.items() if (v.label, v.head, v.child) == (
                relation.label, relation.head, relation.child)), None)
            if twin is not None:  # the store keeps one relation per label and ends
                self.approximated.append(Dropped("relation", f"{ident}: the same relation as {twin}; stored once",
                                                 number, line))
            relations[ident] = relations[twin] if twin is not None else relation
        self.relations = list(dict.fromkeys(relations.values()))
        targets: dict[str, Span | Event | Relation] = {**spans, **events, **relations}
        for ident, parts, number, line in self.later["A"]:
            name, target, *value = parts
            known(target, number, ident)
            if target not in spans and target not in events:
                self.approximated.append(Dropped("attribute", f"{ident}: an attribute on {target} is not kept"
                                                 " (attributes are on spans and events)", number, line))
                continue
            value = self.name(number, value[0]) if value else None
            attribute = Attribute(self.name(number, name), targets[target], value)
            # One value per name and target: a second (or two events that are one stored
            # event, see _build) is reported, not stored.
            first = next((a for a in self.attributes if (a.name, a.target) == (attribute.name, attribute.target)), None)
            if first is not None:
                same = "the same" if first.value == value else f"another value ({first.value!r}) for the"
                self.approximated.append(Dropped("attribute", f"{ident}: {same} attribute {attribute.name} on {target}"
                                                 " (or on an event stored as one with it); stored once", number, line))
                continue
            self.attributes.append(attribute)
        for ident, (kind, target, *_rest), number, line in self.later["#"]:
            known(target, number, ident)
            if target not in targets:
                self.approximated.append(Dropped("note", f"{ident}: a note on {target} is not kept (notes are on"
                                                 " spans, events and relations)", number, line))
                continue
            self.notes.append(Note(_rest[-1], targets[target], kind))
        for ident, (kind, target, ref, name), number, line in self.later["N"]:
            known(target, number, ident)
            if target not in spans:
                self.approximated.append(Dropped("normalisation", f"{ident}: a normalisation of {target} is not"
                                                 " kept (normalisations are on spans)", number, line))
                continue
            resource, _, key = ref.partition(":")
            norm = Normalisation(spans[target], resource, key, name, kind)
            if any((n.target, n.resource, n.key) == (norm.target, resource, key) for n in self.normalisations):
                self.approximated.append(Dropped("normalisation", f"{ident}: {target} is normalised to {ref} twice;"
                                                 " stored once", number, line))
                continue
            self.normalisations.append(norm)
        for _ident, (label, *members), number, line in self.later["*"]:
            members = members[:-1]  # the text after a tab, if any
            for member in members:
                known(member, number, "*")
            if not all(m in spans for m in members):
                self.approximated.append(Dropped("equivalence", "an equivalence of events is not kept (equivalence"
                                                 " sets are of spans)", number, line))
                continue
            self.equivalences.append(Equivalence(self.name(number, label), tuple(spans[m] for m in members)))


def _unnumbered(role: str, seen: set[str]) -> str:
    """brat numbers a repeated role (Theme, Theme2, Theme3): the number is dropped only when
    the bare role came earlier on the line, so a role named "Arg1" keeps its digit."""
    for i in range(len(role) - 1, 0, -1):
        if not role[i:].isdigit():
            break
        if role[:i] in seen and int(role[i:]) > 1:
            return role[:i]
    return role
