"""File formats: one module per format, pure conversions between files and core Records.

Readers take a path and yield a `Record` per document, or a `BadInput` for each part
of the file that could not be read, so an import can report every bad line and go on.
Writers take records: `jsonl.write(records, out: TextIO)` writes to an open text
stream, `spacy.write(records, path)` to a file (a DocBin is binary and written whole).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.formats import jsonl, spacy, text

_READERS: dict[str, Callable] = {".txt": text.read, ".md": text.read, ".jsonl": jsonl.read}

# Export format name → writer (see the module docstring for their two signatures).
FORMATS: dict[str, Callable] = {"jsonl": jsonl.write, "spacy": spacy.write}


def reader_for(path: str | Path) -> Callable | None:
    """The reader for a file by its suffix (case-insensitive), or None when no format reads it."""
    return _READERS.get(Path(path).suffix.lower())
