"""Drawing a `LinkPlan` (see `links`): arcs, the margin bus, arrowheads, role names
and the rings around the linked spans, all in one accent colour on the page."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from desktop.ui.article.links import BUS, GAP, LinkPlan, Segment, level_height, role_font
from desktop.ui.article.paint import Metrics
from desktop.ui.lazy_qt import Qt  # Qt's enums when first read: 11 ms off the first paint


class LinkPainter:
    """Draws a `LinkPlan` in one colour: arcs, arrowheads and role labels on the page."""

    def __init__(self, m: Metrics, ink: QColor, page: QColor):
        self.m, self.ink, self.page = m, ink, page
        self.font = role_font(m)
        self.fm = QFontMetricsF(self.font)
        self.level_h = level_height(m)

    def rings(self, p: QPainter, boxes: list[tuple[int, QRectF]], rows: set[int]) -> None:
        """A ring around each box of the linked spans: the event is seen at once."""
        p.setPen(QPen(self.ink, 1.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        r = self.m.radius + 1
        for row, box in boxes:
            if row in rows:
                p.drawRoundedRect(box.adjusted(-1, -1, 1, 1), r, r)

    def paint(self, p: QPainter, doc, links: LinkPlan, area: QRectF) -> None:
        layout = doc.documentLayout()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self.font)
        bus: dict[int, list[float]] = {}  # side -> [x, y of each run joining it...]
        for seg in links.segments:
            block = doc.findBlockByNumber(seg.block)
            rect = layout.blockBoundingRect(block)
            line = block.layout().lineAt(seg.line)
            chip_top = rect.top() + line.y() - self.m.pad_y - self.m.chip_h
            y = chip_top - GAP - (seg.level + 0.5) * self.level_h
            if seg.side:
                edge = seg.x_to if seg.kind == "out" else seg.x_from
                bus.setdefault(seg.side, [edge + seg.side * BUS]).append(y)
            if chip_top < area.top() - 2 or y - self.level_h > area.bottom():
                continue
            self._arc(p, seg, y, chip_top)
        for _side, (x, *ys) in bus.items():
            if len(ys) > 1 and max(ys) >= area.top() and min(ys) <= area.bottom():
                p.setPen(self._pen())
                p.drawLine(QPointF(x, min(ys)), QPointF(x, max(ys)))

    def _pen(self, seg: Segment | None = None) -> QPen:
        pen = QPen(self.ink, 1.4)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if seg is not None and seg.suggested:  # a model's argument, not yet ruled on (issue 13)
            pen.setDashPattern([4.0, 3.0])
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def _arc(self, p: QPainter, seg: Segment, y: float, chip_top: float) -> None:
        a, b = seg.x_from, seg.x_to
        if seg.kind == "in":
            a += seg.side * BUS  # the run starts at the bus in the margin
        elif seg.kind == "out":
            b += seg.side * BUS
        r = min(5.0, abs(b - a) / 2, (chip_top - y) / 2)
        sign = 1.0 if b >= a else -1.0
        path = QPainterPath()
        if seg.kind == "in":
            path.moveTo(a, y)
        else:
            path.moveTo(a, chip_top)
            path.lineTo(a, y + r)
            path.quadTo(a, y, a + sign * r, y)
        if seg.kind == "out":
            path.lineTo(b, y)
        else:
            path.lineTo(b - sign * r, y)
            path.quadTo(b, y, b, y + r)
            path.lineTo(b, chip_top - 4)
        p.setPen(self._pen(seg))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        if seg.kind != "out":
            head = QPainterPath()
            head.moveTo(b, chip_top)
            head.lineTo(b - 3.5, chip_top - 6)
            head.lineTo(b + 3.5, chip_top - 6)
            head.closeSubpath()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.ink)
            p.drawPath(head)
        if seg.labelled:
            self._label(p, seg.text, seg.label_at, y)

    def _label(self, p: QPainter, role: str, x: float, y: float) -> None:
        w, h = self.fm.horizontalAdvance(role) + 6, self.fm.height()
        box = QRectF(x - w / 2, y - h / 2, w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.page)
        p.drawRoundedRect(box, 3, 3)
        p.setPen(self.ink)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, role)
