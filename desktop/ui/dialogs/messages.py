"""Short messages and questions: an error, the annotator's name, the files an import refused, About.

Dialogs only gather choices and show results; what is done with them is an ops call made
by whoever opened the dialog.
"""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QInputDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget,
)

from desktop import __version__, ops


def error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def ask_annotator(parent: QWidget | None, current: str = "") -> str | None:
    """The name recorded with every change; asked once, defaulting to the login name."""
    default = current or login_name()
    name, ok = QInputDialog.getText(
        parent, "Your name", "The name recorded with every change you make\n(change it later in Settings):",
        QLineEdit.EchoMode.Normal, default)
    name = name.strip()
    return name if ok and name else None


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "annotator"


def refused(parent: QWidget | None, report: ops.ImportReport) -> None:
    """Every refused file and skipped line as FILE:LINE: reason, selectable to copy."""
    lines = [f"{bad}" for bad in report.refused] + [f"skipped {bad}" for bad in report.skipped]
    box = QDialog(parent, windowTitle="Import: files refused")
    text = QPlainTextEdit("\n".join(lines), readOnly=True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    note = QLabel(f"{len(report.refused)} refused (nothing from those files was imported), "
                  f"{len(report.skipped)} skipped. Everything already stored is unchanged.")
    note.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=box.reject)
    layout = QVBoxLayout(box)
    for widget in (note, text, buttons):
        layout.addWidget(widget)
    box.resize(760, 360)
    box.exec()


def about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent, "About Spandesk",
        f"<b>Spandesk {__version__}</b><p>Read news articles with the entities a spaCy model found, "
        "and confirm or correct them with the keyboard. Everything stays in one SQLite file on "
        "this computer.</p><p>MIT licence.</p>",
    )
