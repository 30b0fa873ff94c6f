"""Pens, brushes, shapes and centred text for the span painter, without Qt's `Qt` namespace.

Why not QPainter.setPen / setBrush / drawRoundedRect / drawText(rect, flags, text): in
PySide 6.11 every call with an overload that takes an enum of `Qt` (setPen(Qt.PenStyle),
QBrush(Qt.GlobalColor), fillRect(…, Qt.BrushStyle), QColor(Qt.GlobalColor)…) builds that
whole namespace, 11 ms, on the first article's paint (`bench/gui.py --qt-probe` lists which
calls do). What is used here has one signature each: a pen is a default QPen given a colour,
a width and dashes; a brush is such a pen's brush; shapes are QPainterPaths filled with
`fillPath(path, brush)` and outlined with `strokePath(path, pen)`; text is a QTextLayout whose
format carries the colour. The pictures are the same as before (checked pixel by pixel).

A default QPen has square caps, and setting flat ones takes an enum: a dashed outline with
flat caps is drawn as the same dashes with square caps, each shortened by a pen width (half
at each end) and shifted by half of one, which covers exactly the same ground. Except for a
hairline on a raster device (one device pixel or less), whose dashes Qt draws without caps.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QTextCharFormat, QTextLayout

from desktop.core.offsets import utf16_len

_pens: dict[tuple, QPen] = {}
_brushes: dict[int, object] = {}


def brush(colour: QColor):
    """A solid brush of `colour` (the brush of a pen given that colour), made once per colour."""
    key = colour.rgba()
    made = _brushes.get(key)
    if made is None:
        pen = QPen()
        pen.setColor(colour)
        made = _brushes[key] = pen.brush()
    return made


def pen(p: QPainter, colour: QColor, width: float, dashes: tuple[float, float] | None = None) -> QPen:
    """A pen of `colour` and `width` for painter `p`; with `dashes` (dash, gap in pen widths,
    as QPen.setDashPattern takes them), dashed as a flat-capped pen would be (see the module)."""
    capped = dashes is not None and not _hairline(p, width)
    key = (colour.rgba(), width, dashes, capped)
    made = _pens.get(key)
    if made is None:
        made = QPen()
        made.setColor(colour)
        made.setWidthF(width)
        if capped:
            dash, gap = dashes
            made.setDashPattern([max(dash - 1.0, 0.0), gap + 1.0])
            made.setDashOffset(dash + gap - 0.5)  # the first dash's cap starts where it would
        elif dashes is not None:
            made.setDashPattern(list(dashes))
        _pens[key] = made
    return made


# QInternal's Widget, Pixmap and Image: the devices Qt paints with its raster engine (a
# widget through its window's backing store, an image in memory on every platform Qt 6
# has). An SVG or PDF generator has an engine of its own and reports another type. Asked of
# the device rather than of p.paintEngine(): QPaintEngine's class and its four enums cost
# PySide ~0.8 ms to make, on the first article's paint.
RASTER_DEVICES = frozenset({1, 2, 3})


def _hairline(p: QPainter, width: float) -> bool:
    """Whether the raster engine draws this pen as a hairline (QCosmeticStroker: a width of
    at most one device pixel), which dashes without caps whatever the cap style."""
    return p.device().devType() in RASTER_DEVICES and width * abs(p.deviceTransform().m11()) <= 1


KAPPA = 0.5522847498  # Qt's control-point factor for a quarter circle as a Bézier curve


def rounded(area: QRectF, radius: float) -> QPainterPath:
    """The outline QPainter.drawRoundedRect(area, radius, radius) draws, point for point
    (QPaintEngineEx's): its dashes start where that one's do, which addRoundedRect's do not."""
    x1, x2, y1, y2 = area.left(), area.right(), area.top(), area.bottom()
    rx, ry = min(radius, area.width() / 2), min(radius, area.height() / 2)
    kx, ky = (1 - KAPPA) * rx, (1 - KAPPA) * ry
    path = QPainterPath(QPointF(x1 + rx, y1))
    path.lineTo(QPointF(x2 - rx, y1))
    path.cubicTo(QPointF(x2 - kx, y1), QPointF(x2, y1 + ky), QPointF(x2, y1 + ry))
    path.lineTo(QPointF(x2, y2 - ry))
    path.cubicTo(QPointF(x2, y2 - ky), QPointF(x2 - kx, y2), QPointF(x2 - rx, y2))
    path.lineTo(QPointF(x1 + rx, y2))
    path.cubicTo(QPointF(x1 + kx, y2), QPointF(x1, y2 - ky), QPointF(x1, y2 - ry))
    path.lineTo(QPointF(x1, y1 + ry))
    path.cubicTo(QPointF(x1, y1 + ky), QPointF(x1 + kx, y1), QPointF(x1 + rx, y1))
    return path


def rounded_fill(area: QRectF, radius: float) -> QPainterPath:
    """The same shape as `rounded` for filling only, made in one call: filled, the two
    paths cover the same pixels; only a stroke's dashes start where the path does."""
    path = QPainterPath()
    path.addRoundedRect(area, radius, radius)
    return path


def rect(area: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addRect(area)
    return path


def flat_line(p: QPainter, x1: float, x2: float, y: float, colour: QColor, width: float,
              dashes: tuple[float, float] | None = None) -> None:
    """A horizontal line from x1 to x2 as a flat-capped pen of `width` draws it, solid or
    with `dashes` (dash, gap in widths): each dash a square-capped segment half a width
    shorter at each end, the same ground (a piece shorter than the width is filled)."""
    dash, gap = dashes if dashes is not None else (x2 - x1 + 1.0, 0.0)
    step, segments, pieces = (dash + gap) * width, QPainterPath(), QPainterPath()
    a = x1
    while a < x2:
        b = min(a + dash * width, x2)
        if b - a > width:
            segments.moveTo(QPointF(a + width / 2, y))
            segments.lineTo(QPointF(b - width / 2, y))
        else:
            pieces.addRect(QRectF(a, y - width / 2, b - a, width))
        a += step if dashes is not None else x2 - x1
    p.strokePath(segments, pen(p, colour, width))
    if not pieces.isEmpty():
        p.fillPath(pieces, brush(colour))


def centred_text(p: QPainter, area: QRectF, font: QFont, colour: QColor, text: str) -> None:
    """`text` on one line, centred in `area`, as drawText(area, AlignCenter, text) places it."""
    centred_texts(p, font, [(area, colour, text, False, False)])


def centred_texts(p: QPainter, font: QFont, items: list[tuple[QRectF, QColor, str, bool, bool]]) -> None:
    """Each (area, colour, text, italic, struck out) centred in its area, as drawText(area,
    AlignCenter, text) places it: all in one QTextLayout, one line each (the chips of a
    paint: one layout for all costs a fraction of one per chip)."""
    if not items:
        return
    layout = QTextLayout("\u2028".join(text for _a, _c, text, _i, _s in items), font, p.device())
    ranges, at = [], 0
    for _area, colour, text, italic, struck in items:
        form = QTextCharFormat()
        form.setForeground(brush(colour))
        if italic:
            form.setFontItalic(True)
        if struck:
            form.setFontStrikeOut(True)
        part = QTextLayout.FormatRange()
        part.start, part.length, part.format = at, utf16_len(text), form
        ranges.append(part)
        at += utf16_len(text) + 1  # and the line separator
    layout.setFormats(ranges)
    layout.beginLayout()
    for area, _colour, _text, _italic, _struck in items:
        row = layout.createLine()
        row.setLineWidth(1e6)  # never wrapped: each ends at its line separator
        # ascent + descent, not height(), which is rounded
        row.setPosition(QPointF(area.left() + (area.width() - row.horizontalAdvance()) / 2,
                                area.top() + (area.height() - row.ascent() - row.descent()) / 2))
    layout.endLayout()
    layout.draw(p, QPointF(0, 0))
