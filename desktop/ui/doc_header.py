"""The line above the article: where the annotator is and what is left to review there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop import ops
from desktop.core.model import Span, State
from desktop.ui.doc_list import STATUS_TEXT


HINT = "Tab next span · Enter accept · X reject · digits/letters label · A accept all & next · F1 all keys"


class DocHeader(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("docHeader")
        self.where = QLabel()
        self.hint = QLabel(HINT)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 2, 12, 4)
        row.addWidget(self.where)
        row.addStretch(1)
        row.addWidget(self.hint)
        self._doc = None

    def text(self) -> str:
        return self.where.text()

    def show_document(self, view: ops.DocumentView | None) -> None:
        self._doc = view.doc if view else None
        self.show_spans(view.spans if view else [])

    def show_status(self, status: str) -> None:
        if self._doc is not None:
            self._doc.status = status

    def show_spans(self, spans: list[Span]) -> None:
        doc = self._doc
        if doc is None:
            self.where.setText("No document yet: import articles with File → Import (Ctrl+I).")
            return
        open_ = sum(s.state == State.SUGGESTED for s in spans)
        accepted = sum(s.state == State.ACCEPTED for s in spans)
        left = f"{open_} suggestion{'s' if open_ != 1 else ''} to review" if open_ else "nothing left to review"
        status = STATUS_TEXT.get(doc.status, doc.status)
        self.where.setText(f"Document {doc.id} · {status} · {left} · {accepted} accepted")
