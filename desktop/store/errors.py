"""Why a project file cannot be used, named for the user: the one place that turns sqlite3
and OS errors into typed SpandeskErrors.

SQLite reports a full disk, a read-only file, a read-only folder and a lock with terse
codes ("attempt to write a readonly database", "unable to open database file"); the file
system tells which it really is. Every statement on a project connection goes through
`Connection`, so any ops function can let these propagate: the CLI and the GUI print them.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.model import SpandeskError


class StoreError(SpandeskError):
    """The file cannot be used as a project (the message says whether it was written)."""


class NotFound(StoreError):
    """No such project file (or its folder does not exist), or no row with the id asked
    for ("no span 12"): a caller holding a stale id gets a message, not a KeyError."""


class ReadOnly(StoreError):
    """The file, its folder or the file system may not be written."""


class PermissionDenied(StoreError):
    """The file may not even be read by this user."""


class DiskFull(StoreError):
    """No room left on the disk (the message gives the free space)."""


class DiskError(StoreError):
    """The disk failed to read or write (SQLITE_IOERR) with room to spare."""


class Locked(StoreError, sqlite3.OperationalError):
    """Another connection holds the project for writing. Also an OperationalError, so code
    that waits and retries on "database is locked" keeps working. `holder` says who, where
    the project knows ("import by ana (pid 42 on host)")."""

    def __init__(self, message: str, holder: str | None = None):
        super().__init__(message)
        self.holder = holder or "another program"


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover


def _existing(path: Path) -> Path:
    """The nearest folder of `path` that exists (the one free space is measured on)."""
    folder = path.parent
    while not os.path.exists(folder) and folder != folder.parent:
        folder = folder.parent
    return folder


def free_space(path: Path) -> int:
    try:
        return shutil.disk_usage(_existing(path)).free
    except OSError:
        return 0


def disk_full(path: Path) -> DiskFull:
    folder = _existing(path)
    return DiskFull(f"{path}: the disk is full ({_size(free_space(path))} free in {folder}); "
                    "nothing was written, the project is as it was. Free some space and try again.")


def _readonly_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def read_only(path: Path) -> ReadOnly:
    """Which of file, folder or file system is read-only, checked in that order."""
    folder = _existing(path)
    if os.path.exists(path) and not os.access(path, os.W_OK):
        why = "the file is read-only; make it writable (chmod u+w) or work on a copy"
    elif not os.access(folder, os.W_OK):
        why = (f"the folder {folder} is read-only, and SQLite must create {path.name}-wal and "
               f"{path.name}-shm (or {path.name}-journal) beside the project; make the folder "
               "writable or move the project to one that is")
    elif _readonly_fs(folder):
        why = f"the file system holding {folder} is mounted read-only"
    else:
        why = "it was opened read-only"
    return ReadOnly(f"{path}: cannot write: {why}; nothing was written.")


def _unenterable(path: Path) -> Path | None:
    """The outermost folder above `path` this user may not enter, if any."""
    for folder in reversed(path.absolute().parents):
        if os.path.isdir(folder) and not os.access(folder, os.X_OK):
            return folder
    return None


def permission_denied(path: Path) -> PermissionDenied:
    blocked = _unenterable(path)
    if blocked is not None:
        return PermissionDenied(f"{path}: permission denied: this user may not enter the folder "
                                f"{blocked} (check its owner and permissions).")
    return PermissionDenied(f"{path}: permission denied: this user may not read it "
                            "(check the file's and its folder's owner and permissions).")


def locked(path: Path, holder: str | None = None) -> Locked:
    return Locked(f"{path}: the project is busy: {holder or 'another program'} holds it for writing "
                  "(database is locked); nothing was written. Try again when it has finished.", holder)


def _cant_open(path: Path) -> StoreError:
    folder = path.parent
    if _unenterable(path) is not None:
        return permission_denied(path)
    if not os.path.isdir(folder):
        return NotFound(f"{path}: the folder {folder} does not exist")
    if os.path.exists(path) and not os.access(path, os.R_OK):
        return permission_denied(path)
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        return read_only(path)
    if not os.path.exists(path):
        return NotFound(f"{path}: no such project file")
    return StoreError(f"{path}: SQLite cannot open the file (unable to open database file)")


def from_sqlite(exc: sqlite3.Error, path: Path) -> StoreError | None:
    """The typed error for `exc`, or None when it is not about the disk, access or locks
    (a constraint, damage: the caller words those)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary == sqlite3.SQLITE_FULL:
        return disk_full(path)
    if primary == sqlite3.SQLITE_READONLY:
        return read_only(path)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return locked(path)
    if primary == sqlite3.SQLITE_CANTOPEN:
        return _cant_open(path)
    if primary == sqlite3.SQLITE_PERM:
        return permission_denied(path)
    if primary == sqlite3.SQLITE_IOERR:
        if free_space(path) < 1024 * 1024:  # a write that ran out of room mid-way
            return disk_full(path)
        return DiskError(f"{path}: the disk failed to read or write ({exc}); nothing more was "
                         "written. Check the disk, then run `spandesk validate`.")
    return None


def from_os(exc: OSError, path: Path) -> StoreError:
    """An OSError met while making or reading a project file (its folder, its first bytes)."""
    where = Path(exc.filename) if exc.filename else path
    if exc.errno == errno.ENOSPC:
        return disk_full(where)
    if exc.errno == errno.EROFS:
        return read_only(where)
    if exc.errno in (errno.EACCES, errno.EPERM):
        if _unenterable(where) is not None or (os.path.exists(where) and not os.access(where, os.R_OK)):
            return permission_denied(where)
        return read_only(where)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return NotFound(f"{where}: no such file or folder")
    return StoreError(f"{where}: {exc.strerror or exc}")


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Run a block, turning disk, access and lock errors into the typed errors above."""
    try:
        yield
    except StoreError:
        raise
    except sqlite3.Error as exc:
        typed = from_sqlite(exc, path)
        if typed is None:
            raise
        raise typed from exc
    except OSError as exc:
        raise from_os(exc, path) from exc


class Connection(sqlite3.Connection):
    """A sqlite3 connection whose statements raise the typed errors above. `path` names the
    project in messages (set by `connect`)."""

    path: Path

    def _run(self, call, *args):
        try:
            return call(*args)
        except sqlite3.Error as exc:
            typed = None if isinstance(exc, StoreError) else from_sqlite(exc, self.path)
            if typed is None:
                raise
            raise typed from exc

    def execute(self, *args):  # type: ignore[override]
        return self._run(super().execute, *args)

    def executemany(self, *args):  # type: ignore[override]
        return self._run(super().executemany, *args)

    def executescript(self, *args):  # type: ignore[override]
        return self._run(super().executescript, *args)


def connect(path: Path, *, uri: str | None = None, timeout: float = 10) -> Connection:
    """A translating connection to `path` (or to `uri`, a file: URI naming it)."""
    with translated(path):
        conn = sqlite3.connect(uri or path, isolation_level=None, timeout=timeout,
                               uri=uri is not None, factory=Connection)
    conn.path = path
    return conn
