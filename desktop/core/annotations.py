"""Annotation kinds beyond spans and events, as plain data: relations, attributes, notes,
normalisations, equivalence sets, and what a reader read but could not represent.

They point at what they annotate by value (a `Span`, an `Event`, a `Relation`), as an
event's `Argument` points at its span: the objects are frozen, so equal values are the
same annotation, and a writer finds its own id for each by looking it up.

`Dropped` is the honest end of a reader: every piece of annotation in an input is either
carried by a Record field or listed in `Record.dropped` with its kind, reason and line,
so an import can count and report it instead of losing it silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.fast_init import fast_init
from desktop.core.model import Event, Span


@fast_init
@dataclass(frozen=True, slots=True)
class Relation:
    """A labelled, directed link from `head` to `child` (brat R, Prodigy/doccano/Label Studio
    relations, DyGIE++ `relations`). brat names the two ends; other formats call them
    head and child (from and to), kept here as brat's defaults."""

    label: str
    head: Span
    child: Span
    head_role: str = "Arg1"
    child_role: str = "Arg2"


@fast_init
@dataclass(frozen=True, slots=True)
class Attribute:
    """A property of a span or an event (brat A, or the older M): `value` is None for a
    binary attribute that is simply set (brat `A1<TAB>Negation E1`)."""

    name: str
    target: Span | Event
    value: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Note:
    """Free text about an annotation, or about the document when `target` is None
    (brat `#1<TAB>AnnotatorNotes T1<TAB>text`)."""

    text: str
    target: Span | Event | Relation | None = None
    kind: str = "AnnotatorNotes"


@fast_init
@dataclass(frozen=True, slots=True)
class Normalisation:
    """A knowledge-base entry a span stands for (brat `N1<TAB>Reference T1 Wiki:534366<TAB>name`,
    Prodigy NEL's accepted option)."""

    target: Span
    resource: str
    key: str
    name: str = ""
    kind: str = "Reference"


@fast_init
@dataclass(frozen=True, slots=True)
class Equivalence:
    """Spans that name the same thing (brat `*<TAB>Equiv T1 T2 T3`, a coreference cluster)."""

    label: str
    members: tuple[Span, ...]


@fast_init
@dataclass(frozen=True, slots=True)
class Dropped:
    """One piece of annotation a reader read and could not represent: its kind ("span",
    "relation", "event", "attribute", "note", "normalisation", "equivalence",
    "doc_label"…), why, the 1-based line where known, and the source as written."""

    kind: str
    reason: str
    line: int | None = None
    source: str = ""
