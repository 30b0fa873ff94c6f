"""Whether a project's rows are damaged past SQLite's own checks (store/row_damage.py): asked
by the CLI when a command failed in a way Spandesk did not expect, so a project another
program damaged is named as such, with how to restore it, instead of an internal error."""

from __future__ import annotations

from pathlib import Path

from desktop.core.model import SpandeskError
from desktop.store import row_damage as _rows


def row_damage(path: str | Path) -> list[str]:
    """Up to five sentences naming the project's damaged rows; [] when none is found or the
    file cannot be read at all (that has its own message)."""
    try:
        return _rows.check_path(path)
    except SpandeskError:
        return []
