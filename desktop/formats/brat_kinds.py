"""The .ann lines of issue 10's kinds, written after a document's T, E and Suggested lines
(desktop/formats/brat.py); brat_read.py reads them back.

    R1<TAB>Located Arg1:T1 Arg2:T2
    A2<TAB>Negation E1                 a binary attribute; A3<TAB>Confidence E1 High
    #1<TAB>AnnotatorNotes T1<TAB>text
    N1<TAB>Reference T1 Wikipedia:64488<TAB>Almaty
    *<TAB>Equiv T1 T3

Labels, roles, attribute names and values go through brat_names (as types do). Attributes are
written as A lines (brat's older M reads the same). brat has no note on a whole document:
such notes are not written (JSONL keeps them). A note's text and a normalisation's name
cannot hold a line break in an .ann: each break is written as a space.
"""

from __future__ import annotations

import re

from desktop.core.annotations import Relation
from desktop.core.model import Event, Layer, Record, Span
from desktop.formats import brat_names

_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def event_key(event: Event) -> tuple:
    """An event by value, whatever the order of its arguments (brat.py writes them sorted);
    an argument that is an event by that event's key, as events may share a trigger and type."""
    return (event.type, event.trigger.start, event.trigger.end,
            frozenset((a.role, a.span.start, a.span.end, a.span.label, a.event and event_key(a.event))
                      for a in event.arguments))


def lines(record: Record, events: list[Event], ids: dict[tuple, str], triggers: dict[tuple, str], *,
          first_attribute: int) -> list[str]:
    """The R, A, #, N and * lines of a record. `ids`: entity T ids by (start, end, label);
    `triggers`: trigger T ids by (start, end, type); `events` in E order (E1 first)."""
    enc = brat_names.encode
    eids = {}
    for n, event in enumerate(events, 1):
        eids.setdefault(event_key(event), f"E{n}")

    def tid(span: Span) -> str | None:
        key = (span.start, span.end, span.label)
        return triggers.get(key) if span.layer == Layer.TRIGGER else ids.get(key)

    out, rids, written = [], {}, set()
    for rel in record.relations:
        head, child = tid(rel.head), tid(rel.child)
        if head is None or child is None or (rel.label, head, child) in written:
            continue  # an end that is not written (a rejected span); or the same relation twice
        written.add((rel.label, head, child))
        rids[_rel_key(rel)] = f"R{len(written)}"
        out.append(f"R{len(written)}\t{enc(rel.label)} {enc(rel.head_role)}:{head} {enc(rel.child_role)}:{child}")

    def target(thing) -> str | None:
        if isinstance(thing, Span):
            return tid(thing)
        if isinstance(thing, Event):
            return eids.get(event_key(thing))
        if isinstance(thing, Relation):
            return rids.get(_rel_key(thing))
        return None

    def numbered(prefix: str, first: int, items, line) -> None:
        """One line per item whose target was written, numbered from `first`."""
        n = first
        for item in items:
            where = target(item.target)
            if where is not None:
                out.append(f"{prefix}{n}\t{line(item, where)}")
                n += 1

    numbered("A", first_attribute, record.attributes,
             lambda a, where: f"{enc(a.name)} {where}" + ("" if a.value is None else f" {enc(a.value)}"))
    numbered("#", 1, record.notes, lambda note, where: f"{note.kind} {where}\t{_BREAKS.sub(' ', note.text)}")
    numbered("N", 1, record.normalisations,
             lambda norm, where: f"{norm.kind} {where} {norm.resource}:{norm.key}\t{_BREAKS.sub(' ', norm.name)}")
    for eq in record.equivalences:
        members = [tid(m) for m in eq.members]
        members = [m for m in members if m is not None]
        if members:  # a set of one is written back as it was read
            out.append(f"*\t{enc(eq.label)} {' '.join(members)}")
    return out


def _rel_key(rel: Relation) -> tuple:
    return ("rel", rel.label, rel.head.start, rel.head.end, rel.head.label, rel.child.start, rel.child.end,
            rel.child.label)
