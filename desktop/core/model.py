"""The domain as plain data: documents, spans, events and what an action changed.

Events, their arguments and the Record a file format carries are defined in
core/records.py and offered here (`from desktop.core.model import Event` as ever).

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


# Defined in desktop/core/records.py and offered here as if they were defined here, on first
# use (PEP 562): the window's first article needs none of them, and defining three slotted
# dataclasses cost its start ~1.7 ms (Python 3.11 compiles each generated method).
_RECORDS = ("Argument", "Event", "Record")


def __getattr__(name: str) -> Any:
    if name not in _RECORDS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from desktop.core import records

    value = globals()[name] = getattr(records, name)  # later lookups find it at once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_RECORDS})
