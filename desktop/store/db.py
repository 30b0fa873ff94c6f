"""Opening a project file: checks, pragmas, migrations, and the Store facade.

Durability: WAL with `synchronous=FULL`. In WAL mode NORMAL may lose the last
commits on power failure; FULL syncs the log at every commit, so an action that
returned is on disk. It costs one fsync per action, well under a keystroke.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.store import backup, errors, identity, migrations
from desktop.store.clock import now
from desktop.store.errors import DiskFull, Locked, NotFound, ReadOnly, StoreError  # noqa: F401 (re-exported)
from desktop.store.identity import APPLICATION_ID, SQLITE_HEADER  # noqa: F401 (re-exported)

if TYPE_CHECKING:  # the real imports wait for each table's first use (Store)
    from desktop.store.doc_labels import DocLabels
    from desktop.store.events import Events
    from desktop.store.history import History
    from desktop.store.kinds import Kinds
    from desktop.store.preannotations import Preannotations
    from desktop.store.writers import Writers

# Writers take the file for short transactions (long writes commit in batches of about
# BATCH_SECONDS), so a writer asks for the lock in short tries and can say whom it waits
# for after WAIT_NOTICE instead of sitting silent in one long busy timeout.
LOCK_TRY = 0.1
WAIT_NOTICE = 1.0
READ_WAIT = 10.0  # anything else (a read during another connection's recovery) waits long

_refuse = identity.refuse


def open_store(path: str | Path, *, create: bool = True, check: bool = True) -> "Store":
    """Open (or create) a project file and bring its schema up to date.

    Nothing writes to an existing file before `identity.identify` has found it to be a
    Spandesk project (or empty): a foreign file is refused byte for byte unchanged. `check`
    runs `PRAGMA integrity_check` first; a damaged file raises StoreError, names the newest
    backup, and is never written to. A file that needs a migration is always checked and
    backed up first. With `check`, a sound project is also backed up when its newest backup
    is a day old (the GUI opens with check=False and checks in the background).
    Disk full, read-only, locked and missing files raise the typed errors of store.errors.
    """
    path = Path(path)
    with errors.translated(path):  # even is_dir() raises in a folder we may not enter
        if path.is_dir():
            raise _refuse(path, "is a folder, not a database file")
        if path.exists():
            fresh = identity.identify(path) is identity.Kind.EMPTY
            created = False
        elif not create:
            raise NotFound(f"{path}: no such project file")
        else:
            _create(path)
            fresh = created = True
        try:
            conn = errors.connect(path)
            try:
                _prepare(conn, path, check)
            except BaseException:
                conn.close()
                raise
        except sqlite3.DatabaseError as exc:
            if created:
                _discard(path)
            if isinstance(exc, StoreError):
                raise
            if not fresh:  # ours by its identity, yet SQLite cannot read it: damage
                raise _damaged(path, str(exc)) from exc
            raise _refuse(path, f"cannot be read as a Spandesk database ({exc})") from exc
        except BaseException:
            if created:
                _discard(path)
            raise
    store = Store(conn, path)
    if check and not fresh:
        backup.if_due(conn, path)
    return store


def _damaged(path: Path, problems: str) -> StoreError:
    """The refusal of a damaged project, with its newest backup and the command to restore it."""
    return StoreError(f"{path}: the database is damaged ({problems}); the file was left untouched.\n"
                      + backup.hint(path))


def _create(path: Path) -> None:
    """The new file, 0600 before SQLite writes a byte (its -wal and -shm take the same mode)."""
    paths.private_dir(path.parent)
    paths.create_private_file(path)


def _discard(path: Path) -> None:
    """Remove a project this call created and could not finish: no 0-byte file left behind."""
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal"), path):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _prepare(conn: sqlite3.Connection, path: Path, check: bool) -> None:
    # Up to the pragmas below, nothing here writes: a refusal leaves the file as it was.
    version = migrations.version(conn)
    if version > migrations.LATEST:
        raise _refuse(path, f"made by a newer Spandesk (schema {version}, this one knows {migrations.LATEST})")
    # An upgrade writes to the file, so a file that needs one is checked first even when
    # the caller checks later (the GUI does, in the background: see check_file).
    if check or 0 < version < migrations.LATEST:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        if problems != ["ok"]:
            raise _damaged(path, "; ".join(problems[:5]))
    if 0 < version < migrations.LATEST:
        backup.make(conn, path, f"before-v{migrations.LATEST}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.migrate(conn)


def check_file(path: str | Path) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with a project file ([] when sound), read
    through a read-only connection of its own, so a worker thread can check a big file
    while the GUI already shows it. Takes time in proportion to the file's size.
    A file that cannot be reached (missing, unreadable, locked) raises the typed StoreError
    for it: that is no damage, and must not be reported as such."""
    path = Path(path)
    try:
        conn = errors.connect(path, uri=path.resolve().as_uri() + "?mode=ro", timeout=10)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        finally:
            conn.close()
    except StoreError:
        raise
    except sqlite3.DatabaseError as exc:  # damage bad enough that the check itself stops
        return [str(exc)]
    return [] if rows == ["ok"] else rows


class Store:
    """One project file. Writes happen inside `action()`, one transaction each."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        from desktop.store.documents import Documents
        from desktop.store.project import Project
        from desktop.store.rows import Rows
        from desktop.store.spans import Spans
        from desktop.store.tokens import Tokens

        self.conn = conn
        self.path = path
        self.closed = False
        # How long a write waits for the lock before raising Locked; None: for as long as
        # it takes, calling `on_wait` once with who holds it (the CLI prints that).
        self.patience: float | None = None
        self.on_wait: Callable[[str], None] | None = None
        # Each table gets what it uses: the connection, the one history writer, the clock.
        # Batches (an import's transactions) takes the store itself: it runs the store's
        # transaction and action by hand.
        self.rows = Rows(conn)
        self.documents = Documents(conn, self.rows, now)
        self.spans = Spans(conn, self.rows, now)
        self.tokens = Tokens(conn)
        self.project = Project(conn, self.action)
        # history, events, doc_labels, kinds, preannotations and writers: made (and their
        # modules imported) on first use, below. The window's first article needs none of
        # them, and their imports were ~5 ms of its cold start (history's pulls in team's
        # and annotations' dataclasses).

    @cached_property
    def history(self) -> History:
        from desktop.store.history import History

        return History(self.conn, self.rows, now)

    @cached_property
    def events(self) -> Events:
        from desktop.store.events import Events

        return Events(self.conn, self.rows, now, self.spans)

    @cached_property
    def doc_labels(self) -> DocLabels:
        from desktop.store.doc_labels import DocLabels

        return DocLabels(self.conn, self.rows)

    @cached_property
    def kinds(self) -> Kinds:  # issue 10's annotation kinds
        from desktop.store.kinds import Kinds

        return Kinds(self.conn, self.rows, now, self.spans, self.events)

    @cached_property
    def preannotations(self) -> Preannotations:
        from desktop.store.preannotations import Preannotations

        return Preannotations(self.conn, self.transaction, now)

    @cached_property
    def writers(self) -> Writers:
        from desktop.store.writers import Writers

        return Writers(self.conn, self.transaction, self.path, now)

    @property
    def action_id(self) -> int | None:
        """The action under way (its changes are logged under it), None between actions."""
        return self.rows.action_id

    @action_id.setter
    def action_id(self, value: int | None) -> None:
        self.rows.action_id = value

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
        with self.transaction():
            try:
                self.action_id = self.history.start(name, annotator, doc_id, undoable, detail)
                yield self.action_id
            finally:
                self.action_id = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, committed on exit, rolled back on any exception. For the
        store's own bookkeeping (writers, batches); a user's change is an `action`."""
        self.begin()
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def begin(self) -> None:
        """BEGIN IMMEDIATE: take the write lock, waiting for it as `patience` says."""
        from desktop.store.writers import got_lock, want_lock

        started, wanted, told = time.monotonic(), False, False
        self.conn.execute(f"PRAGMA busy_timeout = {int(LOCK_TRY * 1000)}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                want_lock(self.path)
                wanted = True
                waited = time.monotonic() - started
                if self.patience is not None and waited >= self.patience:
                    raise errors.locked(self.path, self.writers.holder())
                if not told and waited >= WAIT_NOTICE and self.on_wait is not None:
                    told = True
                    self.on_wait(self.writers.holder())
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(READ_WAIT * 1000)}")
        if wanted:
            got_lock(self.path)

    @cached_property
    def db(self):
        """sqlite-utils over the same connection, for scripts, tests and repairs; made on
        first use: importing it (and the numpy it pulls in) costs a fifth of a second. The
        app's own reads and writes are plain sqlite3 (store/README.md says why)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        cursor = self.conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor.fetchall()

    def set_lock_wait(self, seconds: float | None) -> None:
        """How long a write waits for another writer before raising Locked (None: as long
        as it takes). The window waits a moment, then queues the change and retries."""
        self.patience = seconds

    def integrity_problems(self) -> list[str]:
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check(20)")]
        return [] if rows == ["ok"] else rows

    def close(self) -> None:
        """Close the file; this process's writer rows go (a dead process's are swept later)."""
        try:
            self.patience = min(self.patience or 2.0, 2.0)
            for writer_id in list(self.writers.mine):
                self.writers.end(writer_id)
            from desktop.store.writers import flag_stale, got_lock

            if flag_stale(self.path):
                got_lock(self.path)
        except (sqlite3.Error, StoreError):
            pass  # the next writer to start sweeps what this one could not remove
        finally:
            self.conn.close()
            self.closed = True

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def now(self) -> str:
        return now()
