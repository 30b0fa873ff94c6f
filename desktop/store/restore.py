"""Restoring a project from a backup: only a sound Spandesk file, only over a project that is
closed everywhere, and only after backing that project up (so a restore can be undone).

"Closed everywhere" is tested by leaving WAL mode: SQLite refuses (SQLITE_BUSY) while any
other connection has a WAL file open, even an idle one, and Spandesk keeps every project in
WAL mode. BEGIN EXCLUSIVE would not do: in WAL mode it does not wait for readers.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop import paths
from desktop.store import errors, identity
from desktop.store.backup import discard, folder, make, new_file, open_sound, prune_old
from desktop.store.errors import StoreError


def check_restorable(file: Path) -> str | None:
    """Refuse (StoreError) unless `file` is a sound Spandesk project; returns its project id."""
    conn = open_sound(file, what="backup")
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
    source = open_sound(file, what="backup")
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
            discard(target)
        raise
    prune_old(target)
    return safety


def _exclusive(conn: sqlite3.Connection, target: Path) -> None:
    """Make sure nobody else has `target` open (see above), and keep it so till we close."""
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
            copy, part = new_file(target, "before-restore")
            try:
                shutil.copyfile(target, part)
                part.replace(copy)
            except BaseException:
                discard(part)
                raise
        return copy
