"""What every annotating action shares: the `Outcome` it returns, and the first change to
a document moving it from todo to in progress (spans, events and document labels alike)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import Changes, Status
from desktop.store import Store


@dataclass(frozen=True)
class Outcome:
    """What an action changed (so each view refreshes only what it shows) and where."""

    changes: Changes
    doc_id: int | None = None
    span_id: int | None = None
    event_id: int | None = None
    kind_id: int | None = None  # the relation, attribute, note or normalisation row acted on


def touch(store: Store, doc_id: int) -> Changes:
    """A first change to a document moves it from todo to in progress."""
    if store.documents.get_status(doc_id) == Status.TODO:
        store.documents.set_status(doc_id, Status.IN_PROGRESS)
        return Changes.DOC_STATUS
    return Changes.NONE
