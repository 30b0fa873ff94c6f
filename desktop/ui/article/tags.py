"""Numbered tags on spans: while the current event's trigger is focused, its nine likeliest
(entity, role) pairs (the first rows of R's pairs palette) show a digit and the role above
their entity span, and that digit adds the argument at once (commands/suggested.py): an
argument in one key where R and the digit take two.

`SpanTags` is owned by the article view (`view.tags`) and draws only; what the tags say and
what their digits do belong to the commands.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextCursor

FILL, INK = QColor("#b9d7ff"), QColor("#1b1b1f")  # pale blue: told apart from the jump letters' yellow


class SpanTags:
    """The tags on show: (code point where the tag stands, its text)."""

    def __init__(self, view):
        self.view = view
        self.tags: list[tuple[int, str]] = []

    def set(self, tags: list[tuple[int, str]]) -> None:
        if tags != self.tags:
            self.tags = list(tags)
            self.view.viewport().update()

    def paint(self, painter: QPainter) -> None:
        """Each tag in the band above its span's first word (document coordinates); several on
        one span stand side by side."""
        if not self.tags:
            return
        view, doc = self.view, self.view.article()
        font = QFont(view.metrics().label_font)
        font.setBold(True)
        painter.setFont(font)
        fm = QFontMetricsF(font)
        offset = view.scroll_offset()
        cursor = QTextCursor(view.document())
        right: dict[int, float] = {}
        for at, text in self.tags:
            if at > len(doc.text):
                continue
            cursor.setPosition(doc.map.to_utf16(at))
            rect = QRectF(view.cursorRect(cursor)).translated(offset)
            left = right.get(at, rect.left())
            box = QRectF(left, rect.top() - fm.height() - 1, fm.horizontalAdvance(text) + 6, fm.height() + 1)
            right[at] = box.right() + 2
            painter.setPen(INK)
            painter.setBrush(FILL)
            painter.drawRoundedRect(box, 3, 3)
            painter.drawText(QPoint(int(box.left() + 3), int(box.top() + 1 + fm.ascent())), text)
