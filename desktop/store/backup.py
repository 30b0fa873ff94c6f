"""Backups of a project: consistent copies made with SQLite's online backup API.

They live beside the project, in `<name>.backups/<stem>-YYYYmmdd-HHMMSS[-note].db` (local
time), folder 0700 and files 0600, and the newest KEEP are kept. One is made before every
migration, once a day when a project is opened for writing (after its integrity check, so a
damaged file never pushes a sound backup out), before a restore, and on `spandesk backup`.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
import time
from pathlib import Path

from desktop import paths
from desktop.core.model import SpandeskError
from desktop.store import errors, identity, migrations
from desktop.store.errors import StoreError

KEEP = 7  # backups kept per project; the oldest goes when an eighth is made
DAY = 24 * 60 * 60


def folder(db: Path) -> Path:
    return db.parent / f"{db.name}.backups"


def _pattern(db: Path) -> re.Pattern[str]:
    # stem-YYYYmmdd-HHMMSS[-N][-note].db: N counts backups made within one second
    return re.compile(re.escape(db.stem) + r"-(\d{8}-\d{6})(?:-(\d+))?(?:-[a-z][a-z0-9-]*)?\.db")


def _order(pattern: re.Pattern[str], p: Path) -> tuple[str, int]:
    m = pattern.fullmatch(p.name)
    assert m is not None
    return m.group(1), int(m.group(2) or 1)


def existing(db: Path) -> list[Path]:
    """The project's backups, oldest first (their names sort by time)."""
    where = folder(db)
    if not where.is_dir():
        return []
    pattern = _pattern(db)
    try:
        found = [p for p in where.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: _order(pattern, p))


def newest(db: Path) -> Path | None:
    found = existing(db)
    return found[-1] if found else None


def due(db: Path, now: float | None = None) -> bool:
    """No backup yet, or the newest is a day old: one quick look at the folder."""
    last = newest(db)
    if last is None:
        return True
    try:
        return (now if now is not None else time.time()) - last.stat().st_mtime >= DAY
    except OSError:
        return True


def _new_file(db: Path, note: str) -> Path:
    where = folder(db)
    paths.private_dir(where)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    suffix = f"-{note}" if note else ""
    # After the newest of this second, even if older ones of it were pruned meanwhile.
    pattern = _pattern(db)
    first = 1 + max((_order(pattern, p)[1] for p in existing(db) if _order(pattern, p)[0] == stamp), default=0)
    for n in range(first, first + 100):
        target = where / f"{db.stem}-{stamp}{'' if n == 1 else f'-{n}'}{suffix}.db"
        try:
            paths.create_private_file(target)
            return target
        except FileExistsError:  # two backups in one second
            continue
    raise StoreError(f"{where}: too many backups made this second")


def _discard(target: Path) -> None:
    for leftover in (target, Path(f"{target}-journal"), Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)


def make(source: sqlite3.Connection, db: Path, note: str = "", *, prune: bool = True) -> Path:
    """Copy the project open on `source` into a new backup file; returns its path. A copy that
    fails (disk full) is removed, never left half-written."""
    with errors.translated(folder(db)):
        target = _new_file(db, note)
    try:
        with errors.translated(target):
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
                # A copy of a WAL project says "WAL" in its header, and a reader would then
                # leave a -wal and a -shm beside it: a backup is one self-contained file.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
    except BaseException:
        _discard(target)
        raise
    if prune:
        _prune(db)
    return target


def make_from_path(db: Path, note: str = "") -> Path:
    """A backup of the project file `db` read through a read-only connection of its own:
    safe beside a window that has the project open, and from any thread."""
    source = _open_sound(db, what="project")
    try:
        return make(source, db, note)
    finally:
        source.close()


def if_due(store_conn: sqlite3.Connection, db: Path) -> Path | None:
    """The daily backup, when the newest is a day old. Never fails the caller: a project
    that opened must stay open even if its backup folder cannot be written."""
    if not due(db):
        return None
    try:
        return make(store_conn, db)
    except (SpandeskError, sqlite3.Error, OSError):
        return None


def _prune(db: Path) -> None:
    for old in existing(db)[:-KEEP]:
        try:
            old.unlink()
        except OSError:
            pass


def hint(db: Path) -> str:
    """Where the newest backup is and the command that restores it (for a damaged project)."""
    last = newest(db)
    if last is None:
        return f"No backup of it was found in {folder(db)}."
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(last.stat().st_mtime))
    return (f"The newest backup is {last} (made {when}); to restore it, run:\n"
            f"  spandesk restore {shlex.quote(str(last))} --db {shlex.quote(str(db))}")


def _damaged(path: Path, what: str, problems: str) -> StoreError:
    refusal = identity.refuse(path, f"the {what} is damaged ({problems})")
    return StoreError(f"{refusal}.\n{hint(path)}") if what == "project" else refusal


def _open_sound(path: Path, what: str) -> sqlite3.Connection:
    """A read-only connection to a sound Spandesk project, or StoreError saying why not."""
    if not path.is_file():
        raise errors.NotFound(f"{path}: no such {what} file")
    if identity.identify(path) is not identity.Kind.OURS:
        raise identity.refuse(path, f"an empty file, not a Spandesk {what}")
    conn = errors.connect(path, uri=path.resolve().as_uri() + "?mode=ro", timeout=2)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        if problems != ["ok"]:
            raise _damaged(path, what, "; ".join(problems[:5]))
        version = migrations.version(conn)
        if version > migrations.LATEST:
            raise identity.refuse(path, f"made by a newer Spandesk (schema {version}, this one knows {migrations.LATEST})")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, StoreError):
            raise
        raise _damaged(path, what, str(exc)) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def check_restorable(file: Path) -> str | None:
    """Refuse (StoreError) unless `file` is a sound Spandesk project; returns its project id."""
    conn = _open_sound(file, what="backup")
    try:
        row = conn.execute("SELECT value FROM project WHERE key = 'project_id'").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def restore(file: Path, target: Path) -> Path | None:
    """Replace the project `target` by the backup `file`; returns the backup made of `target`
    first (None when there was no target). Refuses while another program has `target` open."""
    if file.resolve() == target.resolve():
        raise StoreError(f"{file}: is the project itself; nothing was changed")
    source = _open_sound(file, what="backup")
    try:
        return _restore_into(source, target)
    finally:
        source.close()


def _restore_into(source: sqlite3.Connection, target: Path) -> Path | None:
    fresh = not target.exists() or target.stat().st_size == 0
    created = False
    if not fresh:
        identity.identify(target)  # never overwrite another application's file
    elif not target.exists():
        with errors.translated(target):
            paths.private_dir(target.parent)
            paths.create_private_file(target)
        created = True
    try:
        conn = errors.connect(target, timeout=0.5)
        try:
            _exclusive(conn, target)
            safety = None if fresh else _safety_copy(conn, target)
            with errors.translated(target):
                source.backup(conn)
        finally:
            conn.close()
    except BaseException:
        if created:
            _discard(target)
        raise
    _prune(target)
    return safety


def _exclusive(conn: sqlite3.Connection, target: Path) -> None:
    """Make sure nobody else has `target` open, and keep it so. A WAL file open elsewhere, even
    idle, cannot leave WAL mode (SQLITE_BUSY): that is the test."""
    try:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")  # the lock stays: locking_mode EXCLUSIVE keeps it till close
    except errors.Locked as exc:
        raise errors.Locked(f"{target}: is open in another program (a Spandesk window, an import?); "
                            "close it, then restore again. Nothing was changed.") from exc
    except sqlite3.DatabaseError:
        pass  # a damaged target: what the restore is for; the backup step still needs its lock


def _safety_copy(conn: sqlite3.Connection, target: Path) -> Path:
    try:
        return make(conn, target, "before-restore", prune=False)
    except StoreError:
        raise
    except sqlite3.DatabaseError:
        # Too damaged for the backup API: keep its bytes as they are.
        with errors.translated(folder(target)):
            copy = _new_file(target, "before-restore")
            shutil.copyfile(target, copy)
        return copy
