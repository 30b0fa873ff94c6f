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

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from desktop.core import files
from desktop.core.model import BadInput, Record

_DECODER = json.JSONDecoder()
_CHUNK = 1 << 16  # read this much, then more while the first value is cut off, up to _LIMIT
_LIMIT = 1 << 24


def first_value(path: Path) -> Any:
    """The file's first JSON value, or None when the start of the file is not JSON."""
    with files.open_binary(path) as stream:
        data = stream.read(_CHUNK)
        while True:
            text = data.decode("utf-8-sig", errors="replace").lstrip()
            try:
                return _DECODER.raw_decode(text)[0]
            except RecursionError:  # nested past Python's limit: the reader says so, by line
                return None
            except ValueError:  # json.JSONDecodeError, or an integer of too many digits
                # Perhaps cut off by the chunk's end: read as much again, up to _LIMIT.
                more = stream.read(len(data)) if len(data) < _LIMIT else b""
                if not more:
                    return None
                data += more


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
