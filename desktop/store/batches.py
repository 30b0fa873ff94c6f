"""Long writes in short transactions, each file still all-or-nothing.

An import holds the write lock for about BATCH_SECONDS at a time, then commits, so the
window and other writers interleave with it. The documents it stores are staged (a row in
`staged` names them and their writer): every reader leaves them out until the file is
complete, when one short transaction publishes them. A file that fails is discarded
(its staged documents deleted, a few hundred per transaction); a process that dies
mid-file leaves its staged rows to the next writer's sweep (store/writers.py).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from desktop.store.writers import make_way

if TYPE_CHECKING:
    from desktop.store.db import Store

BATCH_SECONDS = 0.2  # work per transaction; the window waits up to 0.3 s for the lock


class Batches:
    """One action (one `actions` row) committed in batches; `tick` between units of work."""

    def __init__(self, store: "Store", writer_id: int, name: str, *, annotator: str | None = None,
                 detail: str | None = None):
        self.store, self.writer_id = store, writer_id
        self.name, self.annotator, self.detail = name, annotator, detail
        self.began = 0.0

    def __enter__(self) -> "Batches":
        store = self.store
        if store.action_id is not None:
            raise RuntimeError("a batched write cannot run inside another action")
        store.begin()
        try:
            store.action_id = store.history.start(self.name, self.annotator, None, False, self.detail)
            store.writers.set_action(self.writer_id, store.action_id)
        except BaseException:
            store.conn.execute("ROLLBACK")
            store.action_id = None
            raise
        self.began = time.monotonic()
        return self

    def tick(self) -> None:
        """Commit what is done so far if this batch has held the lock long enough."""
        if time.monotonic() - self.began >= BATCH_SECONDS:
            self.store.conn.execute("COMMIT")
            make_way(self.store.path)
            self.store.begin()
            self.began = time.monotonic()

    def __exit__(self, exc_type, exc, tb) -> None:
        store = self.store
        try:
            if exc_type is None:
                store.documents.publish(self.writer_id)
                store.writers.set_action(self.writer_id, None)
                store.conn.execute("COMMIT")
                return
            if store.conn.in_transaction:
                store.conn.execute("ROLLBACK")
        except BaseException:
            if store.conn.in_transaction:
                store.conn.execute("ROLLBACK")
            raise
        finally:
            store.action_id = None
        store.writers.discard(self.writer_id)
