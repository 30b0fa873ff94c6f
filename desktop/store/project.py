"""Project metadata: the label schema, the model in use, the app that made the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.db import Store


class Project:
    def __init__(self, store: "Store"):
        self.store = store

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.store.conn.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        before = self.get(key)
        if before == value:
            return
        with self.store.action(f"set {key}", undoable=False):
            self.store.conn.execute(
                "INSERT INTO project (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def all(self) -> dict[str, str]:
        return dict(self.store.conn.execute("SELECT key, value FROM project"))
