"""Shared by the JSON interchange readers (doccano, DyGIE++, Label Studio): JSON values out of
a file, with the line each starts on, and checked spans built from character offsets.

A file may hold one value per line (JSONL), values spread over several lines one after
another (doccano's pretty-printed examples), or one top-level array (Label Studio's
export); `values` yields each record of any of these. A value alone on its line is read by
orjson where that gives what json gives (formats.fast_json), any other by json. The file is
read whole: these formats are exports of annotated corpora, not streams of millions of lines.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Generator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.core.model import BadInput, Document, Record, Source, Span, State
from desktop.core.spans import check_span
from desktop.core.text import clean, content_hash, decode, title_from
from desktop.formats.fast_json import NOTHING, exact_ints, line_value
from desktop.formats.jsonl import without_lone_surrogates

_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n\ufeff"
_NEWLINE = re.compile("\n")


def values(path: Path) -> Iterator[tuple[int, Any] | BadInput]:
    """(1-based line, value) for each JSON record in the file, or a BadInput per bad one.

    After a bad value the reader goes on at the next line, as a JSONL reader would; in a
    top-level array a syntax error ends the file, as nothing after it can be placed.
    """
    file = str(path)
    try:
        text = without_lone_surrogates(decode(Path(path).read_bytes(), file, lines=True))
    except BadInput as bad:
        yield bad
        return
    pos = _skip(text, 0)
    if text.startswith("[", pos):
        yield from _array(text, pos + 1, file, _line_of(text))
        return
    if not exact_ints(text):
        yield from _by_json(text, pos, file, False)
        return
    rest = yield from _quick_lines(text)  # most files: a value a line, read by orjson (fast_json)
    if rest is not None:
        yield from _by_json(text, _skip(text, rest), file, True)


def _quick_lines(text: str) -> Generator[tuple[int, Any], None, int | None]:
    """(line, value) for each line, read by orjson as json would read it, up to the first line
    that json must read (see fast_json); returns that line's offset, or None at the end."""
    for first, number, lines in _line_blocks(text):
        for k, source in enumerate(lines):
            if source:
                value = line_value(source)
                if value is NOTHING:
                    return first + sum(len(s) + 1 for s in lines[:k])
                yield number + k, value
    return None


def _line_blocks(text: str, size: int = 1 << 20) -> Iterator[tuple[int, int, list[str]]]:
    """(offset, number of the first line, lines) for the text's lines, about `size` characters
    of them at a time (a list of every line of a large file would double its memory)."""
    first, number = 0, 1
    while first <= len(text):
        end = text.find("\n", first + size)
        end = len(text) if end < 0 else end
        lines = text[first:end].split("\n")
        yield first, number, lines
        first, number = end + 1, number + len(lines)


def _line_of(text: str) -> Callable[[int], int]:
    """The 1-based line of an offset into `text`."""
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    return lambda pos: bisect_right(breaks, pos - 1) + 1


def _by_json(text: str, pos: int, file: str, quick: bool) -> Iterator[tuple[int, Any] | BadInput]:
    """values() from offset `pos` on, each value read by json (a line that is one value by orjson
    where `quick`): values over several lines, several on a line, and bad ones with json's messages."""
    line = _line_of(text)
    while pos < len(text):
        if quick:
            nxt = text.find("\n", pos)
            value = line_value(text[pos:len(text) if nxt < 0 else nxt])
            if value is not NOTHING:
                yield line(pos), value
                pos = _skip(text, len(text) if nxt < 0 else nxt)
                continue
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            yield BadInput(f"invalid JSON: {err.msg} at column {err.colno}", file, err.lineno)
            nxt = text.find("\n", max(err.pos, pos))
            pos = _skip(text, len(text) if nxt < 0 else nxt + 1)
            continue
        except (RecursionError, ValueError) as err:
            yield BadInput(_unreadable(err), file, line(pos))
            nxt = text.find("\n", pos)
            pos = _skip(text, len(text) if nxt < 0 else nxt + 1)
            continue
        yield line(pos), value
        pos = _skip(text, end)


def records(path: Path, make: Callable[[Any], Record]) -> Iterator[Record | BadInput]:
    """A Record per JSON value of the file, made by `make`, or a BadInput(reason, file,
    line) per value `make` refuses (or the file's own syntax error): the loop every
    JSON-based reader shares."""
    file = str(path)
    for item in values(path):
        if isinstance(item, BadInput):
            yield item
            continue
        line, obj = item
        try:
            record = make(obj)
        except BadInput as err:
            yield BadInput(err.reason, file, line)
            continue
        yield placed(record, line)


def placed(record: Record, line: int) -> Record:
    """The record with the line its object starts on, given to it and to what it dropped."""
    record.line = line
    if record.dropped:  # (most records drop nothing)
        record.dropped = [d if d.line is not None else replace(d, line=line) for d in record.dropped]
    return record


def _array(text: str, pos: int, file: str, line: Callable[[int], int]) -> Iterator[tuple[int, Any] | BadInput]:
    pos = _skip(text, pos)
    if text.startswith("]", pos):
        return
    while True:
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            yield BadInput(f"invalid JSON: {err.msg} at column {err.colno}", file, err.lineno)
            return
        except (RecursionError, ValueError) as err:  # nothing after it can be placed, as above
            yield BadInput(_unreadable(err), file, line(pos))
            return
        yield line(pos), value
        pos = _skip(text, end)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
        elif text.startswith("]", pos):
            if _skip(text, pos + 1) < len(text):
                yield BadInput("text after the closing ] of the array", file, line(pos))
            return
        else:
            yield BadInput("expected , or ] after an array item", file, line(pos))
            return


def _unreadable(err: Exception) -> str:
    """Why json could not build a value that is valid JSON: too deep for its recursion, or an
    integer longer than int() converts (sys.get_int_max_str_digits), as the JSONL reader says."""
    if isinstance(err, RecursionError):
        return "JSON nested deeper than Python's reader goes (about 1,000 levels)"
    return "an integer of more than 4300 digits"


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


class Text:
    """A document's text as given and as stored, with the offset map between them."""

    def __init__(self, raw: str):
        self.raw = raw
        self.text, self.moved = clean(raw)

    def document(self, *, title: str | None = None, ext_id: str | None = None, meta: dict | None = None) -> Document:
        return Document(self.text, title=title or title_from(self.text), ext_id=ext_id, meta=meta or {},
                        content_hash=content_hash(self.text))

    def span(self, start: Any, end: Any, label: Any, where: str, *, state: str = State.ACCEPTED,
             source: str = Source.IMPORT, covered: Any = None, **more: Any) -> Span:
        """The span at raw offsets [start, end); raises BadInput(reason) naming `where`."""
        if type(start) is not int or type(end) is not int:
            raise BadInput(f"{where}: start and end must be integers, not {start!r} and {end!r}")
        if not isinstance(label, str) or not label.strip():
            raise BadInput(f"{where}: label must be a non-empty string, not {label!r}")
        if start < 0 or end > len(self.raw) or start >= end:
            raise BadInput(f"{where}: {start}-{end} is not a stretch of the text (length {len(self.raw)})")
        s, e = self.moved(start), self.moved(end)
        actual = self.text[s:e]
        if covered is not None and (not isinstance(covered, str) or clean(covered)[0] != actual):
            raise BadInput(f"{where}: text {covered!r} is not the text at {start}-{end}, {actual!r}")
        # The offsets are checked above; what is left of check_span is an empty or blank span.
        # Asked only then (its type and range checks, per span, were most of reading one).
        if s >= e or actual.isspace():
            raise BadInput(f"{where} ({start}-{end}): {check_span(self.text, s, e)}")
        return Span(s, e, label, actual, state=state, source=source, **more)
