"""The documents in one of the list's orders, for `spandesk list` and `spandesk gui --order`.

The same orders and the same paging as the window's document list (store/listing.py), so
`spandesk list --order uncertain` prints the documents in the order the window's list shows
them and `n` walks them. Reading only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from desktop.core.model import DocId, SpandeskError, Status
from desktop.store import Store, listing
from desktop.store.listing import SORTS, ListQuery

# The names an order is given by: the list's sorts, and "id" for its imported order.
ORDERS = ("id", *(name for name in SORTS if name != "order"), "order")
STATUSES = tuple(str(s) for s in Status)


@dataclass(frozen=True)
class ListedDocument:
    id: DocId
    status: str
    title: str
    least_sure: float | None  # the open suggestion's score nearest 0.5; None when none is scored


def order_query(order: str = "id", statuses: tuple[str, ...] = ()) -> ListQuery:
    """The list's query for an order name (ORDERS) and statuses (none: all)."""
    if order not in ORDERS:
        raise SpandeskError(f"unknown order {order!r}; choose one of {', '.join(ORDERS)}")
    wrong = [s for s in statuses if s not in STATUSES]
    if wrong:
        raise SpandeskError(f"unknown status {wrong[0]!r}; choose from {', '.join(STATUSES)}")
    return ListQuery(tuple(dict.fromkeys(statuses)), sort="order" if order == "id" else order)


def list_documents(store: Store, query: ListQuery, limit: int | None = None,
                   page: int = 500) -> Iterator[ListedDocument]:
    """The documents of `query` in its order, at most `limit`, read a page at a time."""
    after, left = None, limit
    while left is None or left > 0:
        found = listing.ids_after(store, query, after, page if left is None else min(page, left))
        if not found:
            return
        ids = [doc_id for doc_id, _key in found]
        rows, scores = listing.rows(store, ids), listing.least_sure(store, ids)
        for doc_id in ids:
            row = rows[doc_id]
            yield ListedDocument(doc_id, row.status, row.title, scores.get(doc_id))
        after = found[-1][1]
        if left is not None:
            left -= len(found)
