"""The one history writer: every undoable row change reads the row, writes it, and appends
its `history` row (store/history.py reads them back for undo and redo).

Inserts and deletes log the whole row; updates log only the columns they change, and read
only those: a document's row holds its whole text, which a status change must not copy.
Every write happens inside the current action (`action_id`, set by Store.action).

Plain sqlite3 rather than sqlite-utils (see store/README.md): these run on every key press.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from desktop.store.errors import NotFound

Row = dict[str, Any]

# What a missing row is called in NotFound's message.
NOUNS = {"spans": "span", "events": "event", "event_arguments": "event argument",
         "doc_labels": "document label", "documents": "document",
         # issue 10's kinds (V_KINDS)
         "relations": "relation", "attributes": "attribute", "notes": "note",
         "normalisations": "normalisation", "equivalences": "equivalence set",
         "equivalence_members": "equivalence member"}


def missing(table: str, row_id: int) -> NotFound:
    return NotFound(f"no {NOUNS.get(table, table + ' row')} {row_id}")


def _names(columns) -> str:
    return ", ".join(f'"{c}"' for c in columns)  # "end" is an SQL keyword


def _dump(value: Row | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class Rows:
    """Reads and writes of single rows by id, each change logged in the current action."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.action_id: int | None = None  # the action a change belongs to (Store.action)

    def read(self, table: str, row_id: int, columns: tuple[str, ...] = ()) -> Row | None:
        """The row (or only `columns` of it) as a dict; None when there is none."""
        cursor = self.conn.execute(f"SELECT {_names(columns) or '*'} FROM {table} WHERE id = ?", (row_id,))
        cursor.row_factory = sqlite3.Row
        found = cursor.fetchone()
        return dict(found) if found else None

    def insert(self, table: str, values: Row, *, logged: bool = True, ignore: bool = False) -> int | None:
        """Insert a row and log it whole; returns its id, or None when `ignore` and a row
        with the same unique key exists. `logged=False` is for imports and model
        suggestions, audited as one action rather than row by row."""
        if logged:
            self._in_action()
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        cursor = self.conn.execute(
            f"{verb} INTO {table} ({_names(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )
        if cursor.rowcount == 0:
            return None
        row_id = cursor.lastrowid
        if logged:
            self.log(table, row_id, None, self.read(table, row_id))
        return row_id

    def put_back(self, table: str, row_id: int, values: Row) -> None:
        """Insert a row under its old id (undo of a delete, redo of an insert), logged as given."""
        self._in_action()
        values = {**values, "id": row_id}
        self.conn.execute(f"INSERT INTO {table} ({_names(values)}) VALUES ({', '.join('?' * len(values))})",
                          tuple(values.values()))
        self.log(table, row_id, None, values)

    def update(self, table: str, row_id: int, changes: Row, *, before: Row | None = None) -> None:
        """Set `changes` and log them with the columns' old values (`before`, read when not
        given: only the changed columns). NotFound when there is no such row."""
        self._in_action()
        if before is None:
            before = self.read(table, row_id, tuple(changes))
            if before is None:
                raise missing(table, row_id)
        sets = ", ".join(f'"{k}" = ?' for k in changes)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*changes.values(), row_id))
        self.log(table, row_id, {k: before.get(k) for k in changes} if before else {}, changes)

    def delete(self, table: str, row_id: int) -> Row:
        """Delete a row and log it whole; returns it. NotFound when there is no such row."""
        self._in_action()
        before = self.read(table, row_id)
        if before is None:
            raise missing(table, row_id)
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self.log(table, row_id, before, None)
        return before

    def log(self, table: str, row_id: int, before: Row | None, after: Row | None) -> None:
        """Append the history row of one change to the current action."""
        self._in_action()
        self.conn.execute(
            "INSERT INTO history (action_id, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)",
            (self.action_id, table, row_id, _dump(before), _dump(after)),
        )

    def _in_action(self) -> None:
        # Checked before writing: a row written and then refused its history row would stay.
        if self.action_id is None:
            raise RuntimeError("a change outside an action cannot be undone or audited")
