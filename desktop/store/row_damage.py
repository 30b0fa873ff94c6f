"""Rows damaged past SQLite's own checks: a reference to a row that is not there, or a value
of a type its column never holds (bytes in a text column, text in an id column). Another
program (or a hand edit) can leave either; the page-level `PRAGMA integrity_check` sees
neither, and code reading the rows meets them as KeyError or TypeError deep inside a writer.

Checked on demand, as each check reads every row: after a merge of an annotator's file or
any command failed in a way Spandesk did not expect, so the user is told the file is damaged
(and where) instead of meeting an internal error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.store import errors

# A column's declared type, as SQLite decides its affinity, and the storage classes its
# values may have (https://sqlite.org/datatype3.html, 3.1); a column declared BLOB holds
# blobs. NUMERIC and undeclared columns may hold anything, and are not checked.
_HOLDS = {"integer": ("integer", "null"), "text": ("text", "null"), "real": ("real", "integer", "null"),
          "blob": ("blob", "null")}


# Text columns that hold a JSON object (read with json.loads, then used as a dict).
_JSON_OBJECTS = [("documents", "meta")]


def _affinity(declared: str) -> str | None:
    declared = declared.upper()
    if "INT" in declared:
        return "integer"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    if declared == "BLOB":  # Spandesk's BLOB columns hold packed arrays (tokens' bounds), never text
        return "blob"
    return None


def check(conn: sqlite3.Connection, limit: int = 5) -> list[str]:
    """Up to `limit` sentences naming damaged rows ([] when there is none)."""
    found: list[str] = []
    try:
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            found.append(f"{table} row {rowid} refers to a {parent} row that is not there")
            if len(found) >= limit:
                return found
        tables = list(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
        for table, _ in tables:
            if table.startswith("sqlite_") or any(table == v or table.startswith(v + "_") for v in virtual):
                continue  # SQLite's own tables, and full-text search's (blobs by design)
            for _, column, declared, *_ in conn.execute(f'PRAGMA table_info("{table}")'):
                holds = _HOLDS.get(_affinity(declared or ""))
                if holds is None:
                    continue
                marks = ", ".join(f"'{kind}'" for kind in holds)
                wrong = conn.execute(f'SELECT typeof("{column}") FROM "{table}" '
                                     f'WHERE typeof("{column}") NOT IN ({marks}) LIMIT 1').fetchone()
                if wrong:
                    found.append(f"{table}.{column} holds {wrong[0]} where it holds {holds[0]}")
                    if len(found) >= limit:
                        return found
        found += _json_damage(conn)
    except sqlite3.DatabaseError as exc:  # damage bad enough that the check itself stops
        found.append(str(exc))
    return found[:limit]


def _json_damage(conn: sqlite3.Connection) -> list[str]:
    found = []
    for table, column in _JSON_OBJECTS:
        try:
            wrong = conn.execute(f'SELECT rowid FROM "{table}" WHERE "{column}" IS NOT NULL AND '
                                 f'(json_valid("{column}") = 0 OR json_type("{column}") <> \'object\') LIMIT 1').fetchone()
        except sqlite3.OperationalError:  # an SQLite without JSON functions, or an older file without the column
            continue
        if wrong:
            found.append(f"{table} row {wrong[0]}: {column} is not a JSON object")
    return found


def check_path(path: str | Path, limit: int = 5) -> list[str]:
    """`check` over a read-only connection of its own to the project file at `path`."""
    path = Path(path)
    conn = errors.connect(path, uri=path.resolve().as_uri() + "?mode=ro", timeout=10)
    try:
        return check(conn, limit)
    finally:
        conn.close()
