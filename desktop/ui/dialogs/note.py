"""The small dialog Shift+N opens: a note's text, on a span or on the document.

Ctrl+Enter (or the Save button) keeps it, Esc drops the edit. Emptying an existing note
and saving deletes it; the caller reads `text()` once the dialog is accepted and makes
the ops call. Not modal to the application: the article stays readable behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.ui.guard import guarded


class NoteDialog(QDialog):
    def __init__(self, title: str, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.title = QLabel(title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the article's words, shown as written
        self.title.setWordWrap(True)
        self.edit = QPlainTextEdit(text)
        self.edit.setAccessibleName(title)
        self.edit.setTabChangesFocus(True)
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        hint = QLabel("Ctrl+Enter saves · Esc cancels" + (" · empty and save to delete the note" if text else ""))
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.edit.installEventFilter(self)  # Ctrl+Enter: the text edit would take it as a new line
        box = QVBoxLayout(self)
        for widget in (self.title, self.edit, hint, buttons):
            box.addWidget(widget)
        self.resize(460, 220)
        self.edit.setFocus()

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.edit.toPlainText().strip()
