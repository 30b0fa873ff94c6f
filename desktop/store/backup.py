"""Backups of a project: consistent copies made with SQLite's online backup API.

They live beside the project, in `<name>.backups/<stem>-YYYYmmdd-HHMMSS[-note].db` (local
time), folder 0700 and files 0600, and the newest KEEP are kept. One is made before every
migration, once a day when a project is opened for writing (after its integrity check, so a
damaged file never pushes a sound backup out), before a restore, and on `spandesk backup`.
"""

from __future__ import annotations

import re
import shlex
import sqlite3
import time
from pathlib import Path

from desktop import paths
from desktop.core.model import SpandeskError
from desktop.store import errors, identity, migrations
from desktop.store.errors import StoreError

KEEP = 7  # backups kept per project; the oldest goes when an eighth is made
DAY = 24 * 60 * 60
PART = ".part"  # a backup being written


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


def new_file(db: Path, note: str) -> tuple[Path, Path]:
    """A new backup's name, and the `.part` file (made, empty, 0600) to write it in first: a
    copy killed half-way is never taken for a backup, and the next prune removes it."""
    where = folder(db)
    paths.private_dir(where)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    suffix = f"-{note}" if note else ""
    # After the newest of this second, even if older ones of it were pruned meanwhile.
    pattern = _pattern(db)
    first = 1 + max((_order(pattern, p)[1] for p in existing(db) if _order(pattern, p)[0] == stamp), default=0)
    for n in range(first, first + 100):
        target = where / f"{db.stem}-{stamp}{'' if n == 1 else f'-{n}'}{suffix}.db"
        part = target.with_name(target.name + PART)
        if target.exists():
            continue
        try:
            paths.create_private_file(part)
            return target, part
        except FileExistsError:  # two backups in one second
            continue
    raise StoreError(f"{where}: too many backups made this second")


def discard(target: Path) -> None:
    for leftover in (target, Path(f"{target}-journal"), Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)


def make(source: sqlite3.Connection, db: Path, note: str = "", *, prune: bool = True) -> Path:
    """Copy the project open on `source` into a new backup file; returns its path. A copy that
    fails (disk full) is removed, never left half-written."""
    with errors.translated(folder(db)):
        target, part = new_file(db, note)
    try:
        with errors.translated(target):
            dest = sqlite3.connect(part)
            try:
                source.backup(dest)
                # A copy of a WAL project says "WAL" in its header, and a reader would then
                # leave a -wal and a -shm beside it: a backup is one self-contained file.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            part.replace(target)
    except BaseException:
        discard(part)
        raise
    if prune:
        prune_old(db)
    return target


def make_from_path(db: Path, note: str = "") -> Path:
    """A backup of the project file `db` read through a read-only connection of its own:
    safe beside a window that has the project open, and from any thread."""
    source = open_sound(db, what="project")
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


def prune_old(db: Path) -> None:
    """Keep the newest KEEP; remove copies a killed process left half-written an hour ago."""
    stale = []
    try:
        stale = [p for p in folder(db).glob(f"{db.stem}-*{PART}") if time.time() - p.stat().st_mtime > 3600]
    except OSError:
        pass
    for old in existing(db)[:-KEEP] + stale:
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


def open_sound(path: Path, what: str) -> sqlite3.Connection:
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
