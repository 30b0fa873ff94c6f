"""What undo or redo would act on, in words: for the Edit menu and the status bar."""

from __future__ import annotations

import json

from desktop.core.model import SpandeskError
from desktop.store import Store


def undo_text(store: Store, redo: bool = False) -> str | None:
    """The action undo (or redo) would act on, named as the annotator did it ("accept
    “CSTO” ORG", "mark skipped"); None when there is nothing to undo (redo)."""
    action = store.history.last(undone=redo)
    if action is None:
        return None
    name = action["name"]
    for change in store.history.changes(action["id"]):
        if change["tbl"] != "spans":
            continue
        # A change logs whole rows when one is added or deleted, only the changed columns
        # otherwise: then the span itself says what it is.
        row = {**json.loads(change["before"] or "{}"), **json.loads(change["after"] or "{}")}
        if "text" not in row:
            try:
                _doc, span = store.spans.get(change["row_id"])
            except SpandeskError:
                continue
            row = {"text": span.text, "label": span.label, **row}
        words = " ".join(str(row["text"]).split())
        words = words if len(words) <= 40 else words[:39] + "…"
        verb = name.removesuffix(" span")  # "accept “CSTO” ORG" says what "span" would
        return f"{verb} “{words}” {row.get('label', '')}".rstrip()
    return name
