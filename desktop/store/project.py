"""Project metadata: the label set (under the key "schema", as every file holds it), the
model in use, the app that made the file, and the project id (a UUID made once by
migration 3, kept by every copy and backup)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager


class Project:
    def __init__(self, conn: sqlite3.Connection, action: Callable[..., AbstractContextManager]):
        self.conn, self.action = conn, action  # action: Store.action, a change is one

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @property
    def id(self) -> str:
        """What tells this project from any other, and two copies of it from two projects."""
        value = self.get("project_id")
        assert value is not None, "migration 3 sets it"
        return value

    def set(self, key: str, value: str) -> None:
        if key == "project_id":
            raise ValueError("the project id never changes")
        before = self.get(key)
        if before == value:
            return
        with self.action(f"set {key}", undoable=False):
            self.conn.execute(
                "INSERT INTO project (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def all(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM project"))
