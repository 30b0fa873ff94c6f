"""Plain-text articles (.txt, .md): one file is one document, titled by its first line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop.core.model import BadInput, Document, Record
from desktop.core.text import clean, content_hash, decode, scrub, title_from


def read(path: Path) -> Iterator[Record | BadInput]:
    """Yield the file as one Record, or one BadInput when it is undecodable or blank."""
    path, file = Path(path), str(path)
    try:
        text, _ = clean(decode(path.read_bytes(), file))
    except BadInput as err:
        yield err
        return
    if not text.strip():
        yield BadInput("empty document", file)
        return
    doc = Document(
        text,
        title=title_from(text),
        # scrub: a file name that is not UTF-8 reaches us with surrogates standing for its bytes.
        ext_id=scrub(path.stem),
        meta={"source": scrub(path.name)},
        content_hash=content_hash(text),
    )
    yield Record(doc)
