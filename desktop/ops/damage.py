"""Damage a writer would meet: a stored span whose text is no longer its document's there
(offsets past the end, edited rows, a file changed by another program).

Export and render check each document before drawing or writing it, so a damaged project
is refused with a message naming the document and the span (`spandesk validate` lists
them all), never an internal error from deep inside a writer, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.model import Event, Record, Span, SpandeskError
from desktop.formats.jsonl import describe


def damaged_span(text: str, spans: Iterable[Span]) -> Span | None:
    """The first span that is not a stretch of `text` holding its stored text, else None."""
    for span in spans:
        if not (0 <= span.start < span.end <= len(text)) or text[span.start : span.end] != span.text:
            return span
    return None


def span_ends(spans: Iterable[Span], events: Iterable[Event], relations: Iterable) -> Iterator[Span]:
    """Every span a picture or a file places: the spans, events' triggers and arguments, relations' ends."""
    yield from spans
    for event in events:
        yield event.trigger
        yield from (a.span for a in event.arguments)
    for relation in relations:
        yield relation.head
        yield relation.child


def damage_refusal(project: Path, where: str, span: Span) -> SpandeskError:
    """The error refusing `span` of the document `where` names."""
    return SpandeskError(f"{project}: {where}: span {span.start}-{span.end} {span.text!r} does not match the "
                         "document's text; the project is damaged and nothing was written "
                         "(`spandesk validate` lists every such span)")


def checked_records(records: Iterable[Record], project: Path) -> Iterator[Record]:
    """The records, each refused (SpandeskError) when one of its spans is damaged."""
    for record in records:
        bad = damaged_span(record.doc.text, span_ends(record.spans, record.events, record.relations))
        if bad is not None:
            raise damage_refusal(project, describe(record.doc), bad)
        yield record
