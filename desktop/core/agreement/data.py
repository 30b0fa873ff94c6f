"""The plain data every agreement measure reads, and the one place input is normalised.

A document compared for agreement is a `DocWork`: its length, optional token
boundaries, and for each annotator who worked on it an `AnnotatorWork` (entity
spans, events, document labels). An annotator missing from `DocWork.by` did not
annotate that document and contributes nothing there; an annotator present with
no spans annotated it and found none. Offsets are code points, half-open.

Spans may be core `Span`s or `(start, end, label)` tuples; only a core span in
the accepted state is the annotator's own judgement (a suggestion nobody acted
on is the model's, a rejected span says what the entity is not). Events may be
core `Event`s or `(start, end, type, [(role, start, end), ...])` tuples; relations
core `Relation`s or `(head_start, head_end, child_start, child_end, label)` tuples.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from desktop.core.annotations import Relation
from desktop.core.model import Event, Layer, Span, State
from desktop.core.spans import non_overlapping


class Unit(NamedTuple):
    """A labelled stretch [start, end) of one annotator's document."""

    start: int
    end: int
    label: str


class RelationKey(NamedTuple):
    """A relation reduced to what agreement compares: its two ends' offsets and its label
    (the ends' entity labels are the entity measures' business)."""

    head_start: int
    head_end: int
    child_start: int
    child_end: int
    label: str


class EventKey(NamedTuple):
    """An event reduced to what agreement compares: trigger offsets, type, arguments."""

    start: int
    end: int
    type: str
    arguments: frozenset[tuple]  # (role, start, end[, the argument event's own key])


@dataclass(frozen=True)
class AnnotatorWork:
    """One annotator's annotation of one document."""

    spans: Sequence[Span | tuple[int, int, str]] = ()
    events: Sequence[Event | tuple[Any, ...]] = ()
    doc_labels: Collection[str] = frozenset()
    relations: Sequence[Relation | tuple[int, int, int, int, str]] = ()


@dataclass(frozen=True)
class DocWork:
    """One document as agreement sees it; `title` and `id` only name it in reports.

    `tokens` are (start, end) word boundaries for the token-level measures; without
    them the document is split at whitespace, which needs `text`. Pass word tokens
    only: whitespace tokens would count as items every annotator tags O.
    """

    id: Any
    length: int
    by: Mapping[str, AnnotatorWork]
    title: str = ""
    tokens: Sequence[tuple[int, int]] | None = None
    text: str | None = field(default=None, repr=False)


def as_units(spans: Iterable[Span | tuple[int, int, str]]) -> list[Unit]:
    """The annotator's spans as sorted, de-duplicated `Unit`s (of core spans, accepted entities only)."""
    units = set()
    for s in spans:
        if isinstance(s, Span):
            if s.state != State.ACCEPTED or s.layer != Layer.ENTITY:
                continue
            units.add(Unit(s.start, s.end, s.label))
        else:
            start, end, label = s[0], s[1], s[2]
            units.add(Unit(int(start), int(end), str(label)))
    return sorted(u for u in units if u.start < u.end)


def flat(units: Iterable[Unit]) -> list[Unit]:
    """`units` without overlaps, as spaCy's doc.ents needs them: the longer wins, then the earlier.

    The token and unitizing measures need one value per character or token and
    annotator; an annotator who nested or crossed spans is read through this rule.
    """
    return non_overlapping(units)


def as_event_keys(events: Iterable[Event | tuple[Any, ...]]) -> set[EventKey]:
    """Events as comparable keys (duplicates collapse)."""
    keys = set()
    for e in events:
        if isinstance(e, Event):
            keys.add(EventKey(e.trigger.start, e.trigger.end, e.type, frozenset(_argument_keys(e))))
        else:
            start, end, etype = e[0], e[1], e[2]
            raw = e[3] if len(e) > 3 else ()
            args = frozenset((str(r), int(s), int(t)) for r, s, t in raw)
            keys.add(EventKey(int(start), int(end), str(etype), args))
    return keys


def _argument_keys(event: Event) -> list[tuple]:
    """(role, start, end) per argument; one that is an event (events may share a trigger)
    adds that event's own trigger, type and arguments, so naming another event disagrees."""
    return [(a.role, a.span.start, a.span.end, *((_nested(a.event),) if a.event is not None else ()))
            for a in event.arguments]


def _nested(event: Event) -> tuple:
    return (event.trigger.start, event.trigger.end, event.type, tuple(sorted(_argument_keys(event))))


def as_relation_keys(relations: Iterable[Relation | tuple[int, int, int, int, str]]) -> set[RelationKey]:
    """Relations as comparable keys (duplicates collapse)."""
    keys = set()
    for r in relations:
        if isinstance(r, Relation):
            keys.add(RelationKey(r.head.start, r.head.end, r.child.start, r.child.end, r.label))
        else:
            keys.add(RelationKey(int(r[0]), int(r[1]), int(r[2]), int(r[3]), str(r[4])))
    return keys


_WORD = re.compile(r"\S+")


def doc_tokens(doc: DocWork) -> list[tuple[int, int]]:
    """The document's token boundaries: given ones, else whitespace-separated words, else none."""
    if doc.tokens is not None:
        return sorted((int(s), int(e)) for s, e in doc.tokens)
    if doc.text is not None:
        return [m.span() for m in _WORD.finditer(doc.text)]
    return []


def bio_tags(tokens: Sequence[tuple[int, int]], units: Iterable[Unit]) -> list[str]:
    """One BIO tag per token: B-/I-LABEL for tokens a span touches, else O.

    A token belongs to the first span (by start) that shares a character with it,
    so a span that starts or ends inside a word still tags that word.
    """
    tags = ["O"] * len(tokens)
    starts = [t[0] for t in tokens]
    for u in flat(units):
        i = max(bisect_right(starts, u.start) - 1, 0)
        first = True
        while i < len(tokens) and tokens[i][0] < u.end:
            s, e = tokens[i]
            if e > u.start and s < u.end and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + u.label
                first = False
            i += 1
    return tags


def pairs(names: Sequence[str]) -> list[tuple[str, str]]:
    """Every unordered pair of `names`, in their order."""
    return [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]]


def as_doc_labels(labels: Collection[str] | str) -> frozenset[str]:
    """A document's labels as a set; a lone string is one label, not its characters."""
    return frozenset([labels] if isinstance(labels, str) else labels)


def label_filter(units: list[Unit], labels: Collection[str] | None) -> list[Unit]:
    return units if labels is None else [u for u in units if u.label in labels]


__all__ = [
    "AnnotatorWork",
    "DocWork",
    "EventKey",
    "RelationKey",
    "Unit",
    "as_doc_labels",
    "as_event_keys",
    "as_relation_keys",
    "as_units",
    "bio_tags",
    "doc_tokens",
    "flat",
    "label_filter",
    "pairs",
]
