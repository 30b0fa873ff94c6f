"""Edit → Find and Mark: search the annotations, and act on all of them at once.

The search runs over entity spans (words they hold, label, state, annotator) and lists what
it finds. Three buttons act in bulk, each naming how many spans it would touch before it
runs: mark every occurrence of the words with the label (in this document or in all),
accept or reject every suggestion with exactly these words and this label. The dialog only
gathers the choice; the command that opened it makes the ops call (one undoable action).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QPushButton,
    QVBoxLayout, QWidget,
)

from desktop.ui.guard import guarded

STATES = (("any state", ""), ("suggested", "suggested"), ("accepted", "accepted"), ("rejected", "rejected"))
SCOPES = (("in this document", True), ("in all documents", False))


class FindDialog(QDialog):
    """`search(words, label, state, annotator)` lists matches as lines; `count(action, words,
    label, this_doc)` says how many spans an action would touch ("mark", "accept", "reject")."""

    def __init__(self, labels: list[str], words: str, label: str | None,
                 search: Callable[[str, str, str, str], list[str]], count: Callable[[str, str, str, bool], int],
                 parent: QWidget | None = None):
        super().__init__(parent, windowTitle="Find and mark")
        self._search, self._count = search, count
        self.words = QLineEdit(words, placeholderText="words, as in the text")
        self.label = QComboBox()
        self.label.addItems(labels)
        if label in labels:
            self.label.setCurrentText(label)
        self.state = QComboBox()
        for text, _value in STATES:
            self.state.addItem(text)
        self.annotator = QLineEdit(placeholderText="any annotator")
        self.scope = QComboBox()
        for text, _value in SCOPES:
            self.scope.addItem(text)
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mark = QPushButton(clicked=lambda: self._chosen("mark"))
        self.accept_all = QPushButton(clicked=lambda: self._chosen("accept"))
        self.reject_all = QPushButton(clicked=lambda: self._chosen("reject"))
        self.action: str | None = None
        form = QFormLayout()
        form.addRow("Words:", self.words)
        form.addRow("Label:", self.label)
        filters = QHBoxLayout()
        filters.addWidget(self.state)
        filters.addWidget(self.annotator, 1)
        form.addRow("Only:", filters)
        form.addRow("Mark:", self.scope)
        buttons = QHBoxLayout()
        for button in (self.mark, self.accept_all, self.reject_all):
            buttons.addWidget(button)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.results, 1)
        box.addLayout(buttons)
        box.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=self.reject))
        self._timer = QTimer(self, singleShot=True, interval=150, timeout=self.refresh)
        for edit in (self.words, self.annotator):
            edit.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.label, self.state, self.scope):
            combo.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.resize(640, 460)
        self.refresh()

    def values(self) -> tuple[str | None, str, str, bool]:
        """(the action chosen or None, words, label, only this document)."""
        return self.action, self.words.text().strip(), self.label.currentText(), SCOPES[self.scope.currentIndex()][1]

    @guarded()
    def refresh(self) -> None:
        """The matches and the buttons' counts, for what the fields say now."""
        words, label = self.words.text().strip(), self.label.currentText()
        state = STATES[self.state.currentIndex()][1]
        self.results.clear()
        self.results.addItems(self._search(words, label, state, self.annotator.text().strip()))
        this_doc = SCOPES[self.scope.currentIndex()][1]
        where = "here" if this_doc else "everywhere"
        n = self._count("mark", words, label, this_doc) if words else 0
        self.mark.setText(f"Mark {n} occurrence{'s' if n != 1 else ''} {where} as {label}")
        self.mark.setEnabled(n > 0)
        for button, action, verb in ((self.accept_all, "accept", "Accept"), (self.reject_all, "reject", "Reject")):
            n = self._count(action, words, label, this_doc) if words else 0
            button.setText(f"{verb} {n} “{words}” {label} suggestion{'s' if n != 1 else ''}")
            button.setEnabled(n > 0)

    def _chosen(self, action: str) -> None:
        self.action = action
        self.accept()
