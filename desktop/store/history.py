"""The undo log and audit trail.

Every action gets a row in `actions` (who, when, what); every row it changed gets
a row in `history` with the columns before and after (whole rows for inserts
and deletes, changed columns for updates), written by store/rows.py. Undo writes `before` back, redo
writes `after`; both are actions themselves, so the audit trail is complete,
and both survive restarts because they live in the file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from desktop.store.errors import NotFound
from desktop.store.rows import Rows
from desktop.store.team import TABLES as TEAM_TABLES

# Only annotation tables can be undone (and merges' team layers); documents only in their status.
UNDOABLE_TABLES = {"spans", "events", "event_arguments", "doc_labels", "documents",
                   "relations", "attributes", "notes", "normalisations", "equivalences", "equivalence_members",
                   *TEAM_TABLES}


class History:
    """The `actions` table, and undo and redo over the `history` rows that `Rows` logs."""

    def __init__(self, conn: sqlite3.Connection, rows: Rows, clock: Callable[[], str]):
        self.conn, self.rows, self.clock = conn, rows, clock

    def start(self, name: str, annotator: str | None, doc_id: int | None, undoable: bool, detail: str | None) -> int:
        if undoable:
            # A new change ends the redo chain, as in every editor.
            self.conn.execute("UPDATE actions SET undone = -1 WHERE undone > 0")
        cursor = self.conn.execute(
            "INSERT INTO actions (at, annotator, name, doc_id, detail, undoable) VALUES (?, ?, ?, ?, ?, ?)",
            (self.clock(), annotator, name, doc_id, detail, int(undoable)),
        )
        return cursor.lastrowid

    def last(self, *, undone: bool) -> dict[str, Any] | None:
        """The action that undo (undone=False) or redo (undone=True) would act on."""
        if undone:
            sql = "SELECT * FROM actions WHERE undone > 0 ORDER BY undone DESC LIMIT 1"
        else:
            sql = "SELECT * FROM actions WHERE undoable = 1 AND undone = 0 ORDER BY id DESC LIMIT 1"
        rows = self._query(sql)
        return dict(rows[0]) if rows else None

    def changes(self, action_id: int) -> list[dict[str, Any]]:
        return [dict(r) for r in self._query("SELECT * FROM history WHERE action_id = ? ORDER BY id", (action_id,))]

    def replay(self, action_id: int, *, backwards: bool) -> set[str]:
        """Write back one action's `before` (backwards) or `after` states; returns the tables touched."""
        changes = self.changes(action_id)
        if backwards:
            changes.reverse()
        touched = set()
        for change in changes:
            table = change["tbl"]
            if table not in UNDOABLE_TABLES:
                raise RuntimeError(f"history of table {table} cannot be replayed")
            target = json.loads(change["before" if backwards else "after"] or "null")
            current = json.loads(change["after" if backwards else "before"] or "null")
            self._put(table, change["row_id"], current, target)
            touched.add(table)
        return touched

    def mark(self, action_id: int, *, undone: bool) -> None:
        if undone:
            top = self.conn.execute("SELECT COALESCE(MAX(undone), 0) FROM actions").fetchone()[0]
            self.conn.execute("UPDATE actions SET undone = ? WHERE id = ?", (top + 1, action_id))
        else:
            self.conn.execute("UPDATE actions SET undone = 0 WHERE id = ?", (action_id,))

    def _put(self, table: str, row_id: int, current: dict | None, target: dict | None) -> None:
        if target is None:
            try:
                self.rows.delete(table, row_id)
            except NotFound:
                pass  # gone already (an unlogged change since, such as a re-run's suggestions)
        elif current is None:
            self.rows.put_back(table, row_id, target)
        else:
            # Only the columns the change names: a document's row holds its whole text,
            # which an undo of its status need not read.
            before = self.rows.read(table, row_id, tuple(target)) or {}
            self.rows.update(table, row_id, target, before=before)

    def _query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        cursor = self.conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor.fetchall()
