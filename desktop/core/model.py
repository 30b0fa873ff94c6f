"""The domain as plain data: documents, spans, events and what an action changed.

Offsets are Python `str` indices (code points) into the document text, as spaCy's
`Doc.char_span` uses them. A span carries its covered text so every reader can
detect drift between a span and the document it points into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Flag, StrEnum, auto
from typing import Any, NewType

from desktop.core.fast_init import fast_init

DocId = NewType("DocId", int)
SpanId = NewType("SpanId", int)
EventId = NewType("EventId", int)


class Status(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class Source(StrEnum):
    MODEL = "model"
    ANNOTATOR = "annotator"
    IMPORT = "import"


class State(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Layer(StrEnum):
    ENTITY = "entity"
    TRIGGER = "trigger"


@fast_init
@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch of a document's text, `text == doc.text[start:end]`."""

    start: int
    end: int
    label: str
    text: str
    layer: str = Layer.ENTITY
    source: str = Source.ANNOTATOR
    state: str = State.ACCEPTED
    annotator: str | None = None
    model: str | None = None
    corrected: bool = False
    id: SpanId | None = None
    score: float | None = None  # a model's confidence in a suggestion, where it gives one


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


@fast_init
@dataclass(frozen=True, slots=True)
class Token:
    """One tokenizer token; `ws` is True when a single space follows it (spaCy's `whitespace_`)."""

    start: int
    end: int
    ws: bool


@dataclass(slots=True)
class Document:
    text: str
    title: str = ""
    ext_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = Status.TODO
    content_hash: str = ""
    id: DocId | None = None


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


class Changes(Flag):
    """What an action changed, so each view refreshes only what it shows."""

    NONE = 0
    DOCUMENTS = auto()
    DOC_STATUS = auto()
    SPANS = auto()
    EVENTS = auto()
    DOC_LABELS = auto()
    KINDS = auto()  # relations, attributes, notes, normalisations, equivalence sets (issue 10)


class SpandeskError(Exception):
    """An error meant for the user: the message names the file, line and reason."""


class BadInput(SpandeskError):
    def __init__(self, reason: str, file: str | None = None, line: int | None = None):
        self.reason, self.file, self.line = reason, file, line
        where = ":".join(str(p) for p in (file, line) if p is not None)
        super().__init__(f"{where}: {reason}" if where else reason)


import typing  # noqa: E402  (at the end: annotations.py imports this module)

if typing.TYPE_CHECKING:
    from desktop.core.annotations import Attribute, Dropped, Equivalence, Normalisation, Note, Relation
