"""The document list and moving through it: pages, rows, counts, the next document, progress
(`StatusCounts`, documents by status; the CLI's terminal bar is desktop/progress.py).

Reading only; nothing here changes the project. The GUI's list model and its document
navigation call these, so the order the list shows is the order `n`, `p` and `a` walk.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.model import DocId, Status
from desktop.store import Store, listing
from desktop.store.listing import SORTS, Key, ListQuery, ListRow  # SORTS: offered as ops.SORTS

OPEN = listing.OPEN


@dataclass(frozen=True)
class StatusCounts:
    """Documents by status, for the status bar."""

    total: int
    done: int
    skipped: int
    open: int


def list_page(store: Store, query: ListQuery, after: Key | None = None, limit: int = 200) -> list[tuple[DocId, Key]]:
    """The next page of the list after the row with key `after`: (doc id, sort key) pairs."""
    return listing.ids_after(store, query, after, limit)


def list_through(store: Store, query: ListQuery, after: Key | None, doc_id: int,
                 page: int = 2000) -> list[tuple[DocId, Key]]:
    """The rows after `after` up to and including `doc_id`, to show a document the list has
    not reached yet; [] when the list does not hold it."""
    if not listing.contains(store, query, doc_id):
        return []
    found: list[tuple[DocId, Key]] = []
    while True:
        more = listing.ids_after(store, query, after, page)
        found += more
        if not more or any(i == doc_id for i, _ in more):
            return found
        after = more[-1][1]


def list_rows(store: Store, ids: list[int]) -> dict[DocId, ListRow]:
    return listing.rows(store, ids)


def count_documents(store: Store, query: ListQuery, at_most: int = 10_000) -> int:
    """How many rows the list holds (with a search, counted up to `at_most` + 1)."""
    return listing.count(store, query, at_most=at_most)


def next_document(
    store: Store, query: ListQuery, doc_id: int | None, *, backwards: bool = False,
    open_only: bool = False, wrap: bool = False,
) -> DocId | None:
    """The document after (or before) `doc_id` in the list's order.

    `open_only` skips documents already done or skipped; `wrap` starts again from the top
    when the end is reached, so `a` on the last document finds one left earlier.
    """
    statuses = OPEN if open_only else ()
    found = None
    if doc_id is not None:
        found = listing.neighbour(store, query, doc_id, backwards=backwards, statuses=statuses)
    if found is None and (wrap or doc_id is None):
        found = listing.first(store, query, statuses)
        if found == doc_id:
            found = None
    return found


def first_open_document(store: Store, query: ListQuery = ListQuery()) -> DocId | None:
    """Where a session starts: the first document of the list not yet done or skipped,
    else the list's first."""
    return listing.first(store, query, OPEN) or listing.first(store, query)


def progress(store: Store) -> StatusCounts:
    counts = listing.by_status(store)
    return StatusCounts(
        total=sum(counts.values()), done=counts[Status.DONE], skipped=counts[Status.SKIPPED],
        open=counts[Status.TODO] + counts[Status.IN_PROGRESS],
    )


def session_start(store: Store) -> int:
    """A mark for "this session": documents done after it are counted by `done_since`."""
    return listing.last_action(store)


def done_since(store: Store, mark: int) -> int:
    return listing.done_since(store, mark)

