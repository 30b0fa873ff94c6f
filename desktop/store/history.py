"""The undo log and audit trail.

Every action gets a row in `actions` (who, when, what); every row it changed gets
a row in `history` with the columns before and after (whole rows for inserts
and deletes, changed columns for updates). Undo writes `before` back, redo
writes `after`; both are actions themselves, so the audit trail is complete,
and both survive restarts because they live in the file.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.store.db import Store

# Only annotation tables can be undone; documents only in their status.
UNDOABLE_TABLES = {"spans", "events", "event_arguments", "doc_labels", "documents"}


class History:
    def __init__(self, store: "Store"):
        self.store = store

    def start(self, name: str, annotator: str | None, doc_id: int | None, undoable: bool, detail: str | None) -> int:
        conn = self.store.conn
        if undoable:
            # A new change ends the redo chain, as in every editor.
            conn.execute("UPDATE actions SET undone = -1 WHERE undone > 0")
        cursor = conn.execute(
            "INSERT INTO actions (at, annotator, name, doc_id, detail, undoable) VALUES (?, ?, ?, ?, ?, ?)",
            (self.store.now, annotator, name, doc_id, detail, int(undoable)),
        )
        return cursor.lastrowid

    def record(self, table: str, row_id: int, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        action = self.store.action_id
        if action is None:
            raise RuntimeError("a change outside an action cannot be undone or audited")
        self.store.conn.execute(
            "INSERT INTO history (action_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)",
            (action, table, row_id, _dump(before), _dump(after)),
        )

    def last(self, *, undone: bool) -> dict[str, Any] | None:
        """The action that undo (undone=False) or redo (undone=True) would act on."""
        if undone:
            sql = "SELECT * FROM actions WHERE undone > 0 ORDER BY undone DESC LIMIT 1"
        else:
            sql = "SELECT * FROM actions WHERE undoable = 1 AND undone = 0 ORDER BY id DESC LIMIT 1"
        rows = self.store.query(sql)
        return dict(rows[0]) if rows else None

    def changes(self, action_id: int) -> list[dict[str, Any]]:
        rows = self.store.query("SELECT * FROM history WHERE action_id = ? ORDER BY id", (action_id,))
        return [dict(r) for r in rows]

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
        conn = self.store.conn
        if undone:
            top = conn.execute("SELECT COALESCE(MAX(undone), 0) FROM actions").fetchone()[0]
            conn.execute("UPDATE actions SET undone = ? WHERE id = ?", (top + 1, action_id))
        else:
            conn.execute("UPDATE actions SET undone = 0 WHERE id = ?", (action_id,))

    def _put(self, table: str, row_id: int, current: dict | None, target: dict | None) -> None:
        rows = self.store.db[table]
        if target is None:
            before = row(self.store, table, row_id)
            rows.delete(row_id)
            self.record(table, row_id, before, None)
        elif current is None:
            rows.insert({**target, "id": row_id})
            self.record(table, row_id, None, {**target, "id": row_id})
        else:
            # Only the columns the change names: a document's row holds its whole text, which
            # an undo of its status need not read (sqlite-utils' update() reads the row first).
            before = row(self.store, table, row_id, tuple(target)) or {}
            names = ", ".join(f'"{k}" = ?' for k in target)
            self.store.conn.execute(f"UPDATE {table} SET {names} WHERE id = ?", (*target.values(), row_id))
            self.record(table, row_id, before, target)


def row(store: "Store", table: str, row_id: int, columns: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The row (or only `columns` of it) as a dict, for recording before a change."""
    names = ", ".join(f'"{c}"' for c in columns) or "*"
    rows = store.query(f"SELECT {names} FROM {table} WHERE id = ?", (row_id,))
    return dict(rows[0]) if rows else None


def _dump(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
