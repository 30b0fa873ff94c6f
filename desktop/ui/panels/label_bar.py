"""The label bar: the schema's entity labels as coloured chips, each showing its key.

A chip is painted in the same fill the article view gives an accepted span of that label
(colours.label_style), so the bar doubles as the legend. Clicking a chip does what its
key does. Chips never take keyboard focus: the keys belong to the article.

The bar wraps its chips onto as many rows as fit in the height the window allows it
(`set_room`); when they need more, it folds into one row that scrolls sideways, so the
article keeps the window's height on a small screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QFrame, QLayout, QLayoutItem, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desktop.core.label_set import LabelSet
from desktop.ui.guard import guarded
from desktop.ui.look import colours

PAD_X, PAD_Y, GAP = 7, 3, 5


class LabelChip(QWidget):
    clicked = Signal(str)

    def __init__(self, name: str, key: str, colour: QColor, tip: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name, self.key, self.colour = name, key.upper(), colour
        self.setToolTip(f"{name} — {tip}" + (f"  (key {self.key})" if key else ""))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._hover = False

    def _fonts(self) -> tuple[QFont, QFont]:
        name = QFont(self.font())
        name.setBold(True)
        name.setCapitalization(QFont.Capitalization.SmallCaps)
        key = QFont(self.font())
        key.setPointSizeF(max(self.font().pointSizeF() * 0.85, 6))
        return name, key

    @guarded(QSize())
    def sizeHint(self) -> QSize:
        name_font, key_font = self._fonts()
        width = QFontMetrics(name_font).horizontalAdvance(self.name) + 2 * PAD_X
        if self.key:
            width += QFontMetrics(key_font).horizontalAdvance(self.key) + 10 + PAD_X // 2
        return QSize(width, QFontMetrics(name_font).height() + 2 * PAD_Y)

    @guarded()
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        style = colours.label_styles({self.name: self.colour}, self.palette())[self.name]
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        body = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(style.ink if self._hover else Qt.PenStyle.NoPen)
        p.setBrush(style.fill)
        p.drawRoundedRect(body, 5, 5)
        name_font, key_font = self._fonts()
        p.setFont(name_font)
        p.setPen(text_colour)
        text_rect = body.adjusted(PAD_X, 0, 0, 0)
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.name)
        if self.key:
            fm = QFontMetrics(key_font)
            w = fm.horizontalAdvance(self.key) + 10
            badge = QRectF(body.right() - PAD_X // 2 - w, body.top() + 3, w, body.height() - 6)
            page = self.palette().color(QPalette.ColorRole.Base)
            page.setAlphaF(0.75)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(page)
            p.drawRoundedRect(badge, 3, 3)
            p.setFont(key_font)
            p.setPen(text_colour)
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.key)

    @guarded()
    def enterEvent(self, _event) -> None:
        self._hover = True
        self.update()

    @guarded()
    def leaveEvent(self, _event) -> None:
        self._hover = False
        self.update()

    @guarded()
    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.name)


class LabelBar(QWidget):
    # a chip was clicked: apply this label as its key would
    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.inner = QWidget()
        self.flow = FlowLayout(GAP)
        self.flow.setContentsMargins(10, 8, 10, 6)
        self.inner.setLayout(self.flow)
        self.scroll = QScrollArea(self, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.inner)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.scroll)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._room = 10_000  # pixels of height the window allows the bar

    def set_label_set(self, label_set: LabelSet) -> None:
        while (item := self.flow.takeAt(0)) is not None:
            item.widget().deleteLater()
        palette = colours.label_colours(label_set)
        for entity in label_set.entities:
            chip = LabelChip(entity.name, entity.key, palette[entity.name], entity.description, self.inner)
            chip.clicked.connect(self.picked)
            self.flow.addWidget(chip)
        self._fit()

    def chips(self) -> list[LabelChip]:
        return [self.flow.itemAt(i).widget() for i in range(self.flow.count())]

    def set_room(self, pixels: int) -> None:
        """The most height the bar may take; past it, its chips fold into one scrolling row."""
        if pixels != self._room:
            self._room = pixels
            self._fit()

    def rows(self) -> int:
        """How many rows of chips the bar shows now (1 when folded into a scrolling row)."""
        return self.flow.rows(self.inner.width()) if self.flow.wrap else 1

    def _fit(self) -> None:
        width = max(1, self.contentsRect().width())  # the scroll area's, which may not be resized yet
        wrapped = self.flow.heightForWidth_(width, wrap=True)
        self.flow.wrap = wrapped <= max(self._room, self.flow.heightForWidth_(width, wrap=False))
        bar = self.scroll.horizontalScrollBar().sizeHint().height()
        if self.flow.wrap:
            self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.inner.setMinimumWidth(0)
            self.setFixedHeight(wrapped)
        else:
            self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.inner.setMinimumWidth(self.flow.row_width())
            self.setFixedHeight(self.flow.heightForWidth_(width, wrap=False) + bar)
        self.flow.invalidate()

    @guarded()
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()


class FlowLayout(QLayout):
    """Left to right, wrapping onto the next line when a line is full (Qt's flow layout example)."""

    def __init__(self, spacing: int):
        super().__init__()
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.wrap = True  # False: one row, as wide as the chips need

    def heightForWidth_(self, width: int, *, wrap: bool) -> int:
        """The height the chips take at `width`, wrapped or in one row."""
        was, self.wrap = self.wrap, wrap
        try:
            return self._place(QRect(0, 0, width, 0), move=False)
        finally:
            self.wrap = was

    def rows(self, width: int) -> int:
        tops = set()
        self._place(QRect(0, 0, width, 0), move=False, tops=tops)
        return len(tops)

    def row_width(self) -> int:
        m = self.contentsMargins()
        return sum(i.sizeHint().width() + self._gap for i in self._items) - self._gap + m.left() + m.right()

    @guarded()
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    @guarded(0)
    def count(self) -> int:
        return len(self._items)

    @guarded()
    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    @guarded()
    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    @guarded(Qt.Orientation(0))
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    @guarded(False)
    def hasHeightForWidth(self) -> bool:
        return True

    @guarded(-1)
    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    @guarded()
    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    @guarded(QSize())
    def sizeHint(self) -> QSize:
        return self.minimumSize()

    @guarded(QSize())
    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool, tops: set | None = None) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if self.wrap and x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._gap, 0
            if tops is not None:
                tops.add(y)
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()
