"""Events, their arguments, and the Record a file format carries (re-exported by core.model).

Apart from core/model.py, and offered there on first use, because the window's first
article needs none of them: defining these three slotted dataclasses cost its start about
1.7 ms. Everything else imports them from desktop.core.model, as before; this module is
that one's continuation, not a layer of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.fast_init import fast_init
from desktop.core.model import Document, EventId, Span, State, Token

if TYPE_CHECKING:
    from desktop.core.annotations import Attribute, Dropped, Equivalence, Normalisation, Note, Relation


@fast_init
@dataclass(frozen=True, slots=True)
class Argument:
    role: str
    span: Span
    state: str = State.ACCEPTED  # a model's suggested argument is "suggested" until ruled on
    score: float | None = None
    # An argument that is another event (brat's `Theme:E12`): that event, whose trigger is
    # `span`. Several events may share a trigger and type, so the span alone cannot say which.
    event: Event | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: Span
    arguments: tuple[Argument, ...] = ()
    id: EventId | None = None
    state: str = State.ACCEPTED  # a model's suggested event is "suggested" until ruled on
    score: float | None = None


@dataclass(slots=True)
class Record:
    """One document as it travels through a file format: the document and its annotations."""

    doc: Document
    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    doc_labels: list[str] = field(default_factory=list)
    # labels an answer says the document has not (Prodigy's textcat `answer: "reject"`)
    rejected_doc_labels: list[str] = field(default_factory=list)
    tokens: list[Token] | None = None
    line: int | None = None  # 1-based line (or record) number in the source file, for messages
    # The kinds of desktop/core/annotations.py; readers fill them, and list in `dropped`
    # whatever they read but cannot represent, so an import can count it.
    relations: list[Relation] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    normalisations: list[Normalisation] = field(default_factory=list)
    equivalences: list[Equivalence] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
