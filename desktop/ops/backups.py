"""Backups and restores of a project file (the copies themselves: store/backup.py).

They work on paths, not on an open Store: a backup reads through a connection of its own
(safe beside a window that has the project open), and a restore must find the project
closed everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.store import backup as _backup
from desktop.store import identity as _identity
from desktop.store import restore as _restore

KEEP = _backup.KEEP


def backup_project(path: str | Path) -> Path:
    """Back up a sound project now; returns the new file. Refuses a foreign or damaged file
    (a damaged copy must not push a sound backup out of the last KEEP)."""
    return _backup.make_from_path(Path(path))


def backup_if_due(path: str | Path) -> Path | None:
    """The daily backup for a project opened without its check (the GUI: call it once its
    background check found the file sound). Never raises; None when none was due or made."""
    path = Path(path)
    if not _backup.due(path):
        return None
    try:
        return _backup.make_from_path(path)
    except Exception:  # a backup must never break the session it protects
        return None


def list_backups(path: str | Path) -> list[Path]:
    """The project's backups, oldest first."""
    return _backup.existing(Path(path))


def restore_hint(path: str | Path) -> str:
    """The newest backup of a (damaged) project and the command that restores it."""
    return _backup.hint(Path(path))


@dataclass(frozen=True)
class RestorePlan:
    """What a restore would do, for the confirmation question."""

    file: Path
    target: Path
    target_exists: bool
    same_project: bool | None  # None: the target is new or predates project ids

    def question(self) -> str:
        if not self.target_exists:
            return f"Restore {self.file} as the new project {self.target}?"
        other = "" if self.same_project is not False else " (it is a backup of a DIFFERENT project)"
        return (f"Replace the project {self.target} with {self.file}{other}? "
                "The project as it is now is backed up first.")


def plan_restore(file: str | Path, target: str | Path) -> RestorePlan:
    """Check that `file` is a sound Spandesk project (StoreError if not) and say what
    restoring it over `target` means. Reads only."""
    file, target = Path(file), Path(target)
    file_id = _restore.check_restorable(file)
    exists = target.exists() and target.stat().st_size > 0
    same = None
    if exists and file_id is not None:
        try:
            target_id = _identity.project_id(target)
        except Exception:  # a damaged target: the very case a restore is for
            target_id = None
        same = None if target_id is None else target_id == file_id
    return RestorePlan(file, target, exists, same)


def restore_project(file: str | Path, target: str | Path) -> Path | None:
    """Replace `target` with the backup `file` (the SQLite backup API, page by page, in one
    transaction). Refuses while another program has `target` open. Returns the backup made
    of `target` first (None when there was no target)."""
    return _restore.restore(Path(file), Path(target))
