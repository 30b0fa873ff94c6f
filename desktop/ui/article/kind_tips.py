"""Hovering a span shows what hangs on it (issue 10): its notes, attributes,
normalisations and relations, as a tooltip over the article.

An event filter on the article's viewport answers Qt's ToolTip event; the span under the
pointer is the innermost one holding the character there. Nothing is read from the
store here: the window hands over each document's kinds (`show_kinds`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QToolTip

from desktop.ui.guard import guarded

MAX_NOTE = 400  # characters of one note in a tooltip; the panel holds the rest


def span_lines(kinds) -> dict[int, list[str]]:
    """span id -> the lines its tooltip shows, from a store.kinds.DocKinds (or None)."""
    out: dict[int, list[str]] = {}
    if kinds is None:
        return out

    def add(span, line: str) -> None:
        if getattr(span, "id", None) is not None and hasattr(span, "start"):
            out.setdefault(span.id, []).append(line)

    for _, note in kinds.notes:
        text = note.text if len(note.text) <= MAX_NOTE else note.text[: MAX_NOTE - 1] + "…"
        add(note.target, f"Note: {text}")
    for _, a in kinds.attributes:
        add(a.target, f"{a.name}" + ("" if a.value is None else f" = {a.value}"))
    for _, n in kinds.normalisations:
        add(n.target, f"{n.resource}:{n.key}" + (f" ({n.name})" if n.name else ""))
    for _, r in kinds.relations:
        add(r.head, f"{r.label} → {r.child.text}")
        add(r.child, f"{r.label} ← {r.head.text}")
    return out


class KindTips(QObject):
    def __init__(self, view, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.lines: dict[int, list[str]] = {}
        self.more = None  # span -> more lines (issue 13: the model's suggestions and scores)
        view.viewport().installEventFilter(self)

    def show_kinds(self, kinds) -> None:
        self.lines = span_lines(kinds)

    def text_at(self, pos) -> str | None:
        """The tooltip (rich text) for a viewport point, or None where no span has any."""
        view = self.view
        cursor = view.cursorForPosition(pos)
        index, article = view.span_index(), view.article()
        cp = article.map.to_codepoint(cursor.position())
        # The caret position nearest the pointer: the character after it, or (right half of a
        # character) the one before.
        rows = index.covering(cp) or (index.covering(cp - 1) if cp else [])
        parts = []
        for row in rows:  # the innermost span first
            span = index.spans[row]
            lines = self.lines.get(span.id, []) + (self.more(span) if self.more else [])
            if lines:
                parts.append(f"<b>{escape(span.text)}</b> {escape(span.label)}<br>"
                             + "<br>".join(escape(line) for line in lines))
        return "<hr>".join(parts) or None

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and watched is self.view.viewport():
            text = self.text_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, watched)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().eventFilter(watched, event)
