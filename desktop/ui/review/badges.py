"""A colour per annotator and the small badge that shows who marked a disagreement's spans."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

# Okabe and Ito's colour-blind-safe palette: told apart by everyone, on light and dark pages.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
DOT = 10


def annotator_colours(annotators: list[str]) -> dict[str, QColor]:
    """Each annotator's colour, by their place in the list (annotator 1 is always the first colour)."""
    return {a: QColor(PALETTE[i % len(PALETTE)]) for i, a in enumerate(annotators)}


def badge_icon(colours: list[QColor]) -> QIcon:
    """One dot per annotator who marked something here, side by side."""
    pixmap = QPixmap(max(1, len(colours)) * (DOT + 2), DOT + 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for i, colour in enumerate(colours):
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(i * (DOT + 2) + 1, 1, DOT, DOT)
    painter.end()
    return QIcon(pixmap)
