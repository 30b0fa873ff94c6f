"""Is this file a Spandesk project? Decided before anything writes to it.

A project carries `PRAGMA application_id` = APPLICATION_ID ("SpnD") and a `project_id`
UUID in its `project` table (migration 3). Files from before migration 3 (user_version 1
or 2, application_id 0) are recognised by their tables, which must be exactly the ones
Spandesk made. Everything here reads: the file's first 100 bytes, then, when that does not
settle it, a read-only SQLite connection. Even `PRAGMA journal_mode = WAL` rewrites the
header, so `open_store` asks here first and opens for writing only what is ours.
"""

from __future__ import annotations

import enum
import sqlite3
from functools import cache
from pathlib import Path

from desktop.core import files
from desktop.core.model import BadInput
from desktop.store import errors, migrations
from desktop.store.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
# "SpnD" in ASCII, big-endian, as the SQLite header stores it (bytes 68-71).
APPLICATION_ID = int.from_bytes(b"SpnD", "big")  # 0x53706E44 = 1399877188


class Kind(enum.Enum):
    EMPTY = "empty"  # a 0-byte file or a SQLite file with nothing in it: made a project
    OURS = "ours"


def refuse(path: Path, reason: str) -> StoreError:
    return StoreError(f"{path}: {reason}; the file was left untouched")


def _header(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(100)


def identify(path: Path) -> Kind:
    """EMPTY or OURS; a foreign or unreadable file raises StoreError, unwritten."""
    with errors.translated(path):
        try:
            size = files.check(path).st_size  # a pipe or a device is refused unopened (a FIFO would block)
        except BadInput as bad:
            raise refuse(path, bad.reason) from None
        if size == 0:
            return Kind.EMPTY  # SQLite treats an empty file as an empty database
        head = _header(path)
    if not head.startswith(SQLITE_HEADER) or len(head) < 100:
        raise refuse(path, "not a SQLite database (the file header is wrong)")
    app_id = int.from_bytes(head[68:72], "big")
    if app_id == APPLICATION_ID:
        return Kind.OURS
    if app_id != 0:
        raise refuse(path, f"a SQLite database of another application (application_id {app_id:#010x}), "
                           "not a Spandesk project")
    # The main file says application_id 0; the WAL beside it may hold a newer page 1.
    wal_mode = head[18] == 2 or head[19] == 2
    try:
        conn = _read_only(path, immutable=wal_mode and not Path(f"{path}-wal").exists())
        try:
            return _judge(conn, path)
        finally:
            conn.close()
    except StoreError:
        raise
    except sqlite3.DatabaseError as exc:
        raise refuse(path, f"cannot be read as a Spandesk database ({exc})") from exc


def _read_only(path: Path, immutable: bool = False) -> sqlite3.Connection:
    """A connection that cannot write. `immutable` for a WAL-mode file with no -wal beside
    it: the main file is then the whole truth, and a plain read-only connection would leave
    an empty -wal and a -shm behind."""
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    return errors.connect(path, uri=uri, timeout=2)


def _judge(conn: sqlite3.Connection, path: Path) -> Kind:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = migrations.version(conn)
    if app_id == APPLICATION_ID:
        return Kind.OURS
    if app_id != 0:
        raise refuse(path, f"a SQLite database of another application (application_id {app_id:#010x}), "
                           "not a Spandesk project")
    if version == 0 and conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
        return Kind.EMPTY
    legacy = legacy_tables()
    if version in legacy and tables(conn) == legacy[version]:
        return Kind.OURS
    raise refuse(path, "a SQLite database, but not a Spandesk project")


def tables(conn: sqlite3.Connection) -> frozenset[tuple[str, tuple[str, ...]]]:
    """Each table's name and column names (SQLite's own tables left out)."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    found = set()
    for name in names:
        try:
            columns = tuple(r[1] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (name,)))
        except sqlite3.DatabaseError:  # a virtual table whose module we lack: not ours
            columns = ("?",)
        found.add((name, columns))
    return frozenset(found)


@cache
def legacy_tables() -> dict[int, frozenset[tuple[str, tuple[str, ...]]]]:
    """The tables a project had at user_version 1 and 2, made by replaying those
    migrations in memory (released migrations never change, so neither do these)."""
    conn = sqlite3.connect(":memory:")
    found = {}
    for number in (1, 2):
        for statement in migrations.MIGRATIONS[number - 1]:
            conn.execute(statement)
        found[number] = tables(conn)
    conn.close()
    return found


def project_id(path: Path) -> str | None:
    """The project id stored in a sound project file, read-only (None before migration 3)."""
    conn = _read_only(path, immutable=False)
    try:
        row = conn.execute("SELECT value FROM project WHERE key = 'project_id'").fetchone()
    finally:
        conn.close()
    return row[0] if row else None
