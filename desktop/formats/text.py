"""Plain-text articles (.txt, .md): one file is one document, titled by its first line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop.core import files
from desktop.core.model import BadInput, Document, Record
from desktop.core.text import clean, content_hash, decode, title_from


def read(path: Path) -> Iterator[Record | BadInput]:
    """Yield the file as one Record, or one BadInput when it is undecodable or blank."""
    path, file = Path(path), files.display(path)
    try:
        text, _ = clean(decode(files.read_bytes(path), file))
    except BadInput as err:
        yield err
        return
    if not text.strip():
        yield BadInput("empty document", file)
        return
    doc = Document(
        text,
        title=title_from(text),
        ext_id=files.display(path.stem),
        meta={"source": files.display(path.name)},
        content_hash=content_hash(text),
    )
    yield Record(doc)
