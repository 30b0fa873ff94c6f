"""The line above the article: where the annotator is and what is left to review there, and
the current event (the one R adds arguments to), or the keys when there is none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from desktop import ops
from desktop.core.model import Event, Layer, Span, State
from desktop.core.label_set import LabelSet
from desktop.ui.look.colours import link_colour
from desktop.ui.panels.doc_list import STATUS_TEXT
from desktop.ui.panels.elided import ElidedLabel


HINT = "Tab next span · ; jump to a word · Enter accept · X reject · digits/letters label · E event · R role · F1 all keys"


class DocHeader(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("docHeader")
        # Its natural width when there is room; elided, not widening the window, when not.
        self.where = ElidedLabel()
        self.where.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # A long line ends in "…" rather than widening the window (the full text is its tooltip).
        self.hint = ElidedLabel(HINT)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._event = False
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
        self._event = event is not None
        if event is None:
            self.hint.setText(HINT)
            self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return
        offered = event.state == State.SUGGESTED  # not yet a decision: nothing is missing from it
        missing = ops.missing_roles(self._label_set, event) if self._label_set and not offered else []
        args = len(event.arguments)
        parts = [f"{event.type} “{' '.join(event.trigger.text.split())}”",
                 f"{args} argument{'s' if args != 1 else ''}"]
        if offered:
            parts.append("suggested" + ("" if event.score is None else f" {event.score:.2f}"))
        if missing:
            parts.append("missing " + ", ".join(missing))
        parts.append("R adds the focused span · Esc lets go")
        palette = self.hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, link_colour(self.palette()))
        self.hint.setPalette(palette)
        self.hint.setForegroundRole(QPalette.ColorRole.WindowText)
        # Cut at the end, if it must be: the event's name comes first.
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setText("Current event: " + " · ".join(parts))

    def event_text(self) -> str:
        """The current event's line ("" when the line shows the keys)."""
        return self.hint.text() if self._event else ""

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
        # Entities, counted as the document list counts them; triggers are named apart.
        entities = [s for s in spans if s.layer == Layer.ENTITY]
        open_ = sum(s.state == State.SUGGESTED for s in entities)
        accepted = sum(s.state == State.ACCEPTED for s in entities)
        triggers = sum(s.layer == Layer.TRIGGER and s.state != State.REJECTED for s in spans)
        left = f"{open_} suggestion{'s' if open_ != 1 else ''} to review" if open_ else "nothing left to review"
        status = STATUS_TEXT.get(doc.status, doc.status)
        events = f" · {triggers} event trigger{'s' if triggers != 1 else ''}" if triggers else ""
        self.where.setText(f"Document {doc.id} · {status} · {left} · {accepted} ✓ entities{events}")


