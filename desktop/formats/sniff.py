"""Which of the formats that share a suffix a file is in, from its first JSON value.

`.jsonl` is Spandesk's and Prodigy's tasks, doccano's documents and DyGIE++'s documents;
`.json` is Label Studio's export (an array of tasks, or one task with `data`) and
DyGIE++'s documents (its fixtures and preprocessing write `.json`). Their first values
tell them apart by their keys:

- DyGIE++: `sentences` and `doc_key`;
- doccano: `entities`, or `label` as a list (Prodigy's textcat `label` is one string),
  beside `text` (or the `column_data` doccano's own import examples use);
- anything else (`spans`, `tokens`, `answer`, or plain `text`) is Spandesk/Prodigy JSONL,
  whose reader says precisely what is wrong with a line it cannot read.

Only the start of the file is read (a pretty-printed doccano object may span lines).
`import --format NAME` skips the guess.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from desktop.core import files
from desktop.core.model import BadInput, Record

_CHUNK = 1 << 16  # read this much at a time
_LIMIT = 1 << 24  # and no more than this: the keys that decide are near the start
_SPECIAL = re.compile(r'["{}\[\],:]')
_STRING_END = re.compile(r'["\\]')


class _Skeleton:
    """The shape of a file's first JSON value, read as a stream without building it: a
    one-line document of 50 MB must not be parsed twice (once here, once by its reader).
    An array is `[]`; an object is a dict of its top-level keys, each value `[]` for an
    array, `{}` for an object and None for anything else (what `guess` looks at)."""

    def __init__(self) -> None:
        self.value: Any = None
        self.done = False
        self.depth = 0
        self.in_string = False
        self.escaped = False
        self.key: list[str] | None = None  # the top-level key being read
        self.expect_key = False
        self.awaiting: str | None = None  # a key whose value's first character is next

    def feed(self, text: str) -> None:
        i, n = 0, len(text)
        while i < n and not self.done:
            if self.in_string:
                i = self._in_string(text, i)
                continue
            if self.awaiting is not None:
                i = _skip_space(text, i)
                if i == n:
                    return
                c = text[i]
                self.value[self.awaiting] = [] if c == "[" else {} if c == "{" else None
                self.awaiting = None
                continue  # the character is scanned below as usual
            if self.value is None:
                i = _skip_space(text, i)
                if i == n:
                    return
                if text[i] == "[":
                    self.value, self.done = [], True
                elif text[i] == "{":
                    self.value, self.depth, self.expect_key = {}, 1, True
                    i += 1
                else:
                    self.done = True  # not an object or an array: None, the reader says why
                continue
            found = _SPECIAL.search(text, i)
            if found is None:
                return
            c, i = found.group(), found.end()
            if c == '"':
                self.in_string = True
                if self.depth == 1 and self.expect_key:
                    self.key = []
            elif c in "{[":
                self.depth += 1
            elif c in "}]":
                self.depth -= 1
                if self.depth == 0:
                    self.done = True
            elif c == "," and self.depth == 1:
                self.expect_key = True

    def _in_string(self, text: str, i: int) -> int:
        if self.escaped:
            self.escaped = False
            if self.key is not None:
                self.key.append(text[i])
            return i + 1
        found = _STRING_END.search(text, i)
        end = found.start() if found else len(text)
        if self.key is not None:
            self.key.append(text[i:end])
        if found is None:
            return end
        if found.group() == "\\":
            self.escaped = True
            if self.key is not None:
                self.key.append("\\")
            return end + 1
        self.in_string = False
        if self.key is not None:  # a top-level key: its value comes after the colon
            name = "".join(self.key)
            self.key, self.expect_key = None, False
            try:
                name = json.loads(f'"{name}"')
            except ValueError:
                pass
            self.awaiting = name  # _skip_space passes the colon, in this chunk or the next
            self.value[name] = None
        return end + 1


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n:":
        i += 1
    return i


def first_value(path: Path) -> Any:
    """The shape of the file's first JSON value (see _Skeleton), or None when the start of
    the file is not a JSON object or array."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    skeleton = _Skeleton()
    with files.open_binary(path) as stream:
        for _ in range(_LIMIT // _CHUNK):
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            skeleton.feed(decoder.decode(chunk))
            if skeleton.done:
                break
    if isinstance(skeleton.value, dict) and not skeleton.done and not skeleton.value:
        return None
    return skeleton.value


def guess(value: Any, choices: tuple[str, ...]) -> str:
    """The format among `choices` whose first record `value` looks like."""
    if "labelstudio" in choices and (isinstance(value, list) or isinstance(value, dict) and "data" in value):
        return "labelstudio"  # Label Studio's export is one array of tasks
    if isinstance(value, dict):
        if "dygiepp" in choices and "sentences" in value and "doc_key" in value:
            return "dygiepp"
        has_text = "text" in value or "column_data" in value
        label = value.get("label", value.get("column_label"))
        if "doccano" in choices and has_text and ("entities" in value or isinstance(label, list)):
            return "doccano"
    return "jsonl" if "jsonl" in choices else choices[0]


def sniffing_reader(choices: tuple[str, ...]) -> Callable[[Path], Iterator[Record | BadInput]]:
    """A reader that picks one of `choices` from the file's first value, then reads with it."""

    def read(path: Path) -> Iterator[Record | BadInput]:
        from desktop.formats import FORMATS

        try:
            value = first_value(path)
        except OSError as err:
            yield BadInput(f"cannot read: {files.reason(err)}", files.display(path))
            return
        yield from FORMATS[guess(value, choices)].reader()(path)

    return read
