"""The line above the article: where the annotator is and what is left to review there, and
the current event (the one R adds arguments to), or the keys when there is none."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop import ops
from desktop.core.model import Event, Span, State
from desktop.core.label_set import LabelSet
from desktop.ui.look.colours import link_colour
from desktop.ui.panels.doc_list import STATUS_TEXT


HINT = "Tab next span · Enter accept · X reject · digits/letters label · E event · R role · F1 all keys"


class DocHeader(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("docHeader")
        self.where = QLabel()
        self.hint = QLabel(HINT)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A long line is cut rather than widening the window (the full text is its tooltip).
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 2, 12, 4)
        row.addWidget(self.where)
        row.addWidget(self.hint, 1)
        self._doc = None
        self._label_set: LabelSet | None = None

    def text(self) -> str:
        return self.where.text()

    def set_label_set(self, label_set: LabelSet) -> None:
        self._label_set = label_set

    def show_event(self, event: Event | None) -> None:
        """The current event in the accent its arcs are drawn in, with what it still lacks."""
        if event is None:
            self.hint.setText(HINT)
            self.hint.setToolTip(HINT)
            self.hint.setTextFormat(Qt.TextFormat.PlainText)
            self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return
        missing = ops.missing_roles(self._label_set, event) if self._label_set else []
        args = len(event.arguments)
        parts = [f"<b>{_esc(event.type)}</b> “{_esc(' '.join(event.trigger.text.split()))}”",
                 f"{args} argument{'s' if args != 1 else ''}"]
        if missing:
            parts.append("missing " + ", ".join(missing))
        parts.append("R adds the focused span · Esc lets go")
        colour = link_colour(self.palette()).name()
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        # Cut at the end, if it must be: the event's name comes first.
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setText(f"<span style='color:{colour}'>Current event: " + " · ".join(parts) + "</span>")
        self.hint.setToolTip(self.event_text())

    def event_text(self) -> str:
        """The current event's line as plain text ("" when the line shows the keys)."""
        return "" if self.hint.textFormat() != Qt.TextFormat.RichText else _plain(self.hint.text())

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


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
