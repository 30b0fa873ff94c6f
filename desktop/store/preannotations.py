"""Which documents a model has already pre-annotated, so a second run does nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.db import Store


class Preannotations:
    def __init__(self, store: "Store"):
        self.store = store

    def pending(self, model: str, *, force: bool = False) -> list[int]:
        """Documents still to run: never done or skipped ones, which hold the annotator's decision."""
        sql = "SELECT id FROM documents WHERE status NOT IN ('done', 'skipped')"
        params: tuple = ()
        if not force:
            sql += " AND id NOT IN (SELECT doc_id FROM preannotations WHERE model = ?)"
            params = (model,)
        return [r[0] for r in self.store.conn.execute(sql + " ORDER BY id", params)]

    def record(self, doc_id: int, model: str, spans: int) -> None:
        self.store.conn.execute(
            "INSERT OR REPLACE INTO preannotations (doc_id, model, spans, at) VALUES (?, ?, ?, ?)",
            (doc_id, model, spans, self.store.now),
        )
