"""Opening a project file: checks, pragmas, migrations, and the Store facade.

Durability: WAL with `synchronous=FULL`. In WAL mode NORMAL may lose the last
commits on power failure; FULL syncs the log at every commit, so an action that
returned is on disk. It costs one fsync per action, well under a keystroke.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from desktop.core.model import SpandeskError
from desktop.store import migrations
from desktop.store.clock import now

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(SpandeskError):
    """The file cannot be used as a project; it has been left untouched."""


def _refuse(path: Path, reason: str) -> StoreError:
    return StoreError(f"{path}: {reason}; the file was left untouched")


def _check_header(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        return  # SQLite treats an empty file as an empty database
    with path.open("rb") as f:
        head = f.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise _refuse(path, "not a SQLite database (the file header is wrong)")


def open_store(path: str | Path, *, create: bool = True, check: bool = True) -> "Store":
    """Open (or create) a project file and bring its schema up to date.

    `check` runs `PRAGMA integrity_check` first; a damaged or foreign file raises
    StoreError and is never written to.
    """
    path = Path(path)
    if path.is_dir():
        raise _refuse(path, "is a folder, not a database file")
    if path.exists():
        _check_header(path)
    elif not create:
        raise StoreError(f"{path}: no such database")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        _prepare(conn, path, check)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _refuse(path, f"cannot be read as a Spandesk database ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, path)


def _prepare(conn: sqlite3.Connection, path: Path, check: bool) -> None:
    if check:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        if problems != ["ok"]:
            raise _refuse(path, "the database is damaged: " + "; ".join(problems[:5]))
    version = migrations.version(conn)
    if version > migrations.LATEST:
        raise _refuse(path, f"made by a newer Spandesk (schema {version}, this one knows {migrations.LATEST})")
    if version == 0:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        if tables:
            raise _refuse(path, "a SQLite database, but not a Spandesk project")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.migrate(conn)


class Store:
    """One project file. Writes happen inside `action()`, one transaction each."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        from desktop.store.documents import Documents
        from desktop.store.history import History
        from desktop.store.preannotations import Preannotations
        from desktop.store.project import Project
        from desktop.store.spans import Spans
        from desktop.store.tokens import Tokens

        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        self.action_id: int | None = None
        self.project = Project(self)
        self.documents = Documents(self)
        self.spans = Spans(self)
        self.tokens = Tokens(self)
        self.history = History(self)
        self.preannotations = Preannotations(self)

    @contextmanager
    def action(
        self,
        name: str,
        *,
        annotator: str | None = None,
        doc_id: int | None = None,
        undoable: bool = True,
        detail: str | None = None,
    ) -> Iterator[int]:
        """One user action: one transaction, one `actions` row, committed on exit.

        Nested calls join the enclosing action.
        """
        if self.action_id is not None:
            yield self.action_id
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.action_id = self.history.start(name, annotator, doc_id, undoable, detail)
            yield self.action_id
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self.action_id = None

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        cursor = self.conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor.fetchall()

    def integrity_problems(self) -> list[str]:
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check(20)")]
        return [] if rows == ["ok"] else rows

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def now(self) -> str:
        return now()
