"""What the window says about a damaged project file: the integrity check's findings,
SQLite refusing a page mid-session, text that is not UTF-8, a file that cannot be opened.

Each says what is wrong, names the file and says what to do. The window's dialogs do
not block (shown, not exec'd): they may arrive while the annotator is reading, and a
test or a paint must never wait on them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import ops
from desktop.ui.guard import show_box

TITLE = "Damaged project file"


def advice(path: Path, *, running: bool = True) -> str:
    """What to do about a damaged file: put back a backup, naming the newest one where the
    project keeps backups, and keep the damaged file."""
    first = "close Spandesk and " if running else ""
    keep = (f"Keep a copy of the damaged file ({path.name}): any work done since that backup is "
            "only there.")
    hint = _restore_hint(path)
    if hint and "spandesk restore" in hint:
        return f"What to do: {first}restore the newest backup. {hint}\n\n{keep}"
    general = f"What to do: {first}put back the newest backup copy of this file, then open it again."
    return f"{general} {hint}\n\n{keep}" if hint else f"{general} {keep}"


def _restore_hint(path: Path) -> str | None:
    """ops.restore_hint (the newest backup beside the project and the command that restores
    it) comes with `spandesk backup/restore`; without it the advice stays general."""
    hint = getattr(ops, "restore_hint", None)
    if hint is None:
        return None
    try:
        return hint(path)
    except Exception:  # noqa: BLE001 - a damaged folder must not stop the dialog that explains it
        return None


def damaged(parent: QWidget | None, path: Path, problems: list[str]) -> QMessageBox:
    """The integrity check (or SQLite, mid-session) found the file damaged: read-only from now."""
    text = (f"The project file\n{path}\nis damaged: SQLite cannot read parts of it.\n\n"
            "Spandesk will not write to it, so nothing more can be lost; what is still readable stays "
            f"on screen.\n\n{advice(path)}")
    return _show(parent, QMessageBox.Icon.Critical, text, "\n".join(problems[:20]))


def undecodable(parent: QWidget | None, path: Path) -> QMessageBox:
    """Some text in the file is not UTF-8: shown with U+FFFD, the rest unaffected."""
    text = (f"Some text in the project file\n{path}\nis not valid UTF-8: the file was damaged, or changed "
            "by another program. Spandesk shows each unreadable byte as \N{REPLACEMENT CHARACTER} and "
            "the rest of the project as usual.\n\n"
            "To get the original text back, put back a backup copy of this file, or import those "
            "documents again into a new project.")
    return _show(parent, QMessageBox.Icon.Warning, text)


def cannot_open(path: Path, message: str) -> None:
    """Before any window: the file was refused. Blocks until read (nothing else is open)."""
    text = f"Spandesk cannot open the project file\n{path}\n\n{message}"
    damage_words = any(word in message for word in ("damaged", "malformed", "not a database"))
    if damage_words and "spandesk restore" not in message:  # (the refusal may name the backup itself)
        text += "\n\n" + advice(path, running=False)
    box = QMessageBox(QMessageBox.Icon.Critical, "Spandesk", text, QMessageBox.StandardButton.Close)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def _show(parent: QWidget | None, icon: QMessageBox.Icon, text: str, details: str = "") -> QMessageBox:
    return show_box(icon, TITLE, text, details, parent)
