"""The rows of issue 10's kinds that hang on a span, an event or a relation, taken away
(or moved to a twin) in history before their target goes.

SQLite would cascade a span's deletion to its relations, attributes, notes,
normalisations and equivalence memberships, past history, so an undo could not bring
them back; as with event arguments (store/events.py), whoever deletes a span, an event
or a relation removes these first, through `Rows`.
"""

from __future__ import annotations

import sqlite3

from desktop.store.rows import Rows

# (table, column) pointing at a span, other than relations' two ends.
_ON_SPAN = (("attributes", "span_id"), ("notes", "span_id"), ("normalisations", "span_id"),
            ("equivalence_members", "span_id"))
# An argument that is the event (V_EVARGS) goes with it too: its other event stays.
_ON_EVENT = (("attributes", "event_id"), ("notes", "event_id"), ("event_arguments", "arg_event_id"))


def _ids(conn: sqlite3.Connection, table: str, column: str, target: int) -> list[int]:
    return [r[0] for r in conn.execute(f"SELECT id FROM {table} WHERE {column} = ? ORDER BY id", (target,))]


def detach_relation(conn: sqlite3.Connection, rows: Rows, relation_id: int) -> int:
    """Delete the notes on a relation; returns how many."""
    notes = _ids(conn, "notes", "relation_id", relation_id)
    for note_id in notes:
        rows.delete("notes", note_id)
    return len(notes)


def delete_relation(conn: sqlite3.Connection, rows: Rows, relation_id: int) -> None:
    detach_relation(conn, rows, relation_id)
    rows.delete("relations", relation_id)


def detach_span(conn: sqlite3.Connection, rows: Rows, span_id: int) -> int:
    """Delete every relation, attribute, note, normalisation and equivalence membership on
    a span, in history; returns how many rows went."""
    gone = 0
    for column in ("head_span_id", "child_span_id"):
        for relation_id in _ids(conn, "relations", column, span_id):
            gone += detach_relation(conn, rows, relation_id) + 1
            rows.delete("relations", relation_id)
    for table, column in _ON_SPAN:
        for row_id in _ids(conn, table, column, span_id):
            rows.delete(table, row_id)
            gone += 1
    return gone


def detach_event(conn: sqlite3.Connection, rows: Rows, event_id: int) -> int:
    """Delete the attributes and notes on an event and the arguments that are the event,
    in history; returns how many."""
    gone = 0
    for table, column in _ON_EVENT:
        for row_id in _ids(conn, table, column, event_id):
            rows.delete(table, row_id)
            gone += 1
    return gone


def move_span(conn: sqlite3.Connection, rows: Rows, old: int, new: int) -> int:
    """Point every row on span `old` at span `new` (a corrected twin), in history; a row
    `new` already has (the same relation, attribute name, normalisation or membership) is
    deleted instead. Returns how many rows changed."""
    moved = 0
    for table, column in (("relations", "head_span_id"), ("relations", "child_span_id"), *_ON_SPAN):
        for row_id in _ids(conn, table, column, old):
            try:
                rows.update(table, row_id, {column: new})
            except sqlite3.IntegrityError:  # `new` holds the same already: one is enough
                if table == "relations":
                    detach_relation(conn, rows, row_id)
                rows.delete(table, row_id)
            moved += 1
    return moved
