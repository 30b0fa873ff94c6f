"""Export: one writer per format, shared by the CLI and the GUI.

The corpus is written to a temporary file beside the target and renamed into
place, so a failed or cancelled export never leaves half a corpus behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.core.model import Record, SpandeskError, State
from desktop.store import Store

FORMATS = ("jsonl", "spacy")


def record(store: Store, doc_id: int) -> Record:
    """A document with its tokens and current annotations (rejected suggestions left out)."""
    doc = store.documents.get(doc_id)
    tokens = store.tokens.get(doc_id, doc.text)
    if tokens is None:
        from desktop.nlp.tokenize import tokenize

        tokens = next(tokenize([doc.text]))
    spans = [s for s in store.spans.for_doc(doc_id) if s.state != State.REJECTED]
    return Record(doc=doc, spans=spans, tokens=tokens)


def records(store: Store, ids: list[int], progress: Callable[[int, int], None] | None = None) -> Iterator[Record]:
    for n, doc_id in enumerate(ids, 1):
        yield record(store, doc_id)
        if progress:
            progress(n, len(ids))


def export(
    store: Store,
    fmt: str,
    out: str | Path,
    *,
    everything: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the done documents (or all, with `everything`) to `out`; returns how many."""
    if fmt not in FORMATS:
        raise SpandeskError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    ids = store.documents.ids(None if everything else "done")
    part = out.with_name(out.name + ".part")
    try:
        if fmt == "jsonl":
            from desktop.formats import jsonl

            with part.open("w", encoding="utf-8", newline="\n") as f:
                count = jsonl.write(records(store, ids, progress), f)
        else:
            from desktop.formats import spacy

            count = spacy.write(records(store, ids, progress), part)
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return count
