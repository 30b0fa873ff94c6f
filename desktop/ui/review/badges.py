"""A colour per annotator and the small badge that shows who marked a disagreement's spans."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from desktop.ui.guard import guarded

# Okabe and Ito's colour-blind-safe palette: told apart by everyone, on light and dark pages.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
DOT = 10
SMALL = 6  # the dots under the article's spans


def annotator_colours(annotators: list[str]) -> dict[str, QColor]:
    """Each annotator's colour, by their place in the list (annotator 1 is always the first colour)."""
    return {a: QColor(PALETTE[i % len(PALETTE)]) for i, a in enumerate(annotators)}


def badge_icon(colours: list[QColor]) -> QIcon:
    """One dot per annotator who marked something here, side by side (made once per set of colours)."""
    return _icon(tuple(c.rgba() for c in colours))


@lru_cache(maxsize=256)
def _icon(rgbas: tuple[int, ...]) -> QIcon:
    colours = [QColor.fromRgba(v) for v in rgbas]
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


class BadgeLayer(QWidget):
    """Dots under the article's disputed spans, one per annotator who marked the span, in
    their colour: who marked what, read off the text. A transparent layer over the article
    view's viewport (the view itself is reused unchanged); it follows scrolling and resizing."""

    def __init__(self, view):
        super().__init__(view.viewport())
        self.view = view
        self.badges: list[tuple[int, list[QColor]]] = []  # (code point a span ends at, colours)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        view.viewport().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.update)
        self.resize(view.viewport().size())

    def set_badges(self, badges: list[tuple[int, list[QColor]]]) -> None:
        self.badges = badges
        self.update()

    def points(self) -> list[QPoint]:
        """Where each badge's first dot goes, in this layer's coordinates: its dots end where the span does."""
        return [self.mapFromGlobal(self.view.point_below(cp)) - QPoint(len(colours) * (SMALL + 1), SMALL + 4)
                for cp, colours in self.badges]

    @guarded(False)
    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resize(self.view.viewport().size())
        return False

    @guarded()
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for at, (_cp, colours) in zip(self.points(), self.badges):
            for i, colour in enumerate(colours):
                painter.setBrush(colour)
                painter.drawEllipse(at.x() + i * (SMALL + 1), at.y(), SMALL, SMALL)
        painter.end()
