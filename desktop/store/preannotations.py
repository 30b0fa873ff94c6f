"""Which documents a model has already pre-annotated, so a second run does nothing, and
which a run now under way has claimed, so a run started beside it takes others."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

# Not done or skipped (those hold the annotator's decision), not staged by an import,
# not claimed by another run of the same model.
_OPEN = """status NOT IN ('done', 'skipped') AND id NOT IN (SELECT doc_id FROM staged)
           AND id NOT IN (SELECT doc_id FROM claims WHERE model = :model AND writer != :writer)"""
_NEW = " AND id NOT IN (SELECT doc_id FROM preannotations WHERE model = :model)"


class Preannotations:
    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], AbstractContextManager],
                 clock: Callable[[], str]):
        self.conn, self.transaction, self.clock = conn, transaction, clock

    def pending(self, model: str, *, force: bool = False, writer: int = 0) -> list[int]:
        """Documents still to run with `model` (none another run has claimed)."""
        sql = "SELECT id FROM documents WHERE " + _OPEN + ("" if force else _NEW)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY id", {"model": model, "writer": writer})]

    def claim(self, model: str, writer: int, limit: int, *, after: int = 0, force: bool = False) -> list[int]:
        """Claim the next `limit` pending documents past id `after` for a run (the writer's
        row); a claim lasts until the run ends (store/writers.py), so --force runs never repeat."""
        with self.transaction():
            sql = ("SELECT id FROM documents WHERE id > :after AND " + _OPEN + ("" if force else _NEW)
                   + " AND id NOT IN (SELECT doc_id FROM claims WHERE model = :model)"
                   + " ORDER BY id LIMIT :limit")
            ids = [r[0] for r in self.conn.execute(
                sql, {"model": model, "writer": writer, "limit": limit, "after": after})]
            self.conn.executemany("INSERT INTO claims (doc_id, model, writer) VALUES (?, ?, ?)",
                                        [(i, model, writer) for i in ids])
        return ids

    def mark_done(self, doc_id: int, model: str, spans: int) -> None:
        """The model has pre-annotated the document (adding `spans`): a second run skips it."""
        self.conn.execute(
            "INSERT OR REPLACE INTO preannotations (doc_id, model, spans, at) VALUES (?, ?, ?, ?)",
            (doc_id, model, spans, self.clock()),
        )
