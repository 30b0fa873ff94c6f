"""File formats: one module per format, pure conversions between files and core Records.

Readers take a path and yield a `Record` per document, or a `BadInput` for each part
of the file that could not be read, so an import can report every bad line and go on.
A brat folder is read whole: its reader takes the folder.

Writers take records:
- `jsonl.write(records, out: TextIO)` and `events.write(records, out, sentences)` write
  to an open text stream (`sentences` maps a text to its sentence ranges);
- `spacy.write(records, path, doc_labels)` writes a file (a DocBin is written whole);
- `brat.write(records, folder, schema)` writes a folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.formats import brat, events, jsonl, spacy, text

_READERS: dict[str, Callable] = {".txt": text.read, ".md": text.read, ".jsonl": jsonl.read}

# Export format name → writer (see the module docstring for their signatures).
FORMATS: dict[str, Callable] = {"jsonl": jsonl.write, "spacy": spacy.write, "brat": brat.write,
                                "events": events.write}


def reader_for(path: str | Path) -> Callable | None:
    """The reader for a file by its suffix (case-insensitive), or for a brat folder; None
    when no format reads it. Never opens the path, so it is safe on a pipe or a device;
    a path whose status cannot be read goes by its suffix (opening it will say why)."""
    path = Path(path)
    try:
        if path.is_dir():
            return brat.read if brat.is_folder(path) else None
    except OSError:  # permission denied on the way to it, a link loop: not a folder we can read
        pass
    return _READERS.get(path.suffix.lower())
