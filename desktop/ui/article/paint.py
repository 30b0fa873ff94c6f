"""Where spans sit on screen and how they are drawn: boxes behind the text, labels above it.

Geometry comes from the QTextDocument's own layout (block rectangles and QTextLine
positions), for the blocks inside a rectangle only, so painting a 50,000-word article
costs what its visible lines cost. Every line has a band above it (the view reserves it
with the block's line height); the label chips sit in that band at the span's start,
brat/INCEpTION style, so the label is read without a tooltip.

Looks: an ACCEPTED span is a solid box in its label's colour and its chip is a tab of the
same colour; a SUGGESTED span is a translucent tint with a dashed border and an outlined
chip; a REJECTED span (shown only on request) is a dotted grey frame with its text and
label struck through. Nested and crossing spans are inset by nesting level. An event
TRIGGER is not a thing but the word saying what happened, and looks unlike every entity:
no box, a faint wash and a thick underline in the trigger colour, and a square chip in
that colour with the event type in the page's colour (its subtype: "Transport" for
"Movement:Transport", as brat's ACE set-up shows it; the events panel names it in full).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPalette, QTextBlock, QTextBlockFormat, QTextCursor,
    QTextDocument,
)

from desktop.core.model import Layer, State
from desktop.ui.article import ink
from desktop.ui.article.spans import ArticleText, SpanIndex
from desktop.ui.lazy_qt import Qt  # Qt's enums when first read: 11 ms off the first paint
from desktop.ui.look.colours import LabelStyle, colour_copy, trigger_colour

MAX_INSET_LEVELS = 3  # deeper nesting is rare; beyond it boxes stop shrinking
GAP = 3.0  # between the chips and the lowest arc, and below the line above (article/links.py)


@dataclass(frozen=True)
class Metrics:
    """Sizes that follow the text font, so zooming scales the whole picture."""

    label_font: QFont
    chip_h: float  # a label chip's height
    band: float  # the space reserved above every line
    pad_x: float  # a box's padding around the glyphs
    pad_y: float
    inset: float  # how much a nested box shrinks per level
    radius: float
    line_format: QTextBlockFormat  # for every block: a line height that makes room for the band
    blank_format: QTextBlockFormat  # for an empty block (between paragraphs): no band

    @classmethod
    def for_font(cls, text_font: QFont, label_families: list[str]) -> Metrics:
        px = QFontMetricsF(text_font).height()
        label = QFont()
        label.setFamilies(label_families)
        label.setFamily(QFontInfo(label).family())  # the one that matched (see ArticleView)
        label.setPixelSize(max(8, round(px * 0.55)))
        label.setWeight(QFont.Weight.DemiBold)
        label.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        chip_h = QFontMetricsF(label).height() + 2
        pad_y = max(1.0, round(px * 0.12))
        band = chip_h + pad_y + 3
        fm = QFontMetricsF(text_font)
        heights = QTextBlockFormat.LineHeightTypes
        # The layout compares a MinimumHeight with each line's ceil(ascent + descent +
        # leading) and moves the text down by the difference: that difference is the band.
        line = math.ceil(fm.ascent() + fm.descent() + max(0.0, fm.leading()))
        line_format = QTextBlockFormat()
        line_format.setLineHeight(line + band, heights.MinimumHeight.value)
        # A full band on the blank line between paragraphs would leave a gulf.
        blank_format = QTextBlockFormat()
        blank_format.setLineHeight(round(0.4 * (line + band)), heights.FixedHeight.value)
        return cls(label, chip_h, band, max(1.0, round(px * 0.12)), pad_y, max(1.0, round(px * 0.11)),
                   max(2.0, px * 0.16), line_format, blank_format)


def format_blocks(cursor: QTextCursor, text: ArticleText, m: Metrics) -> None:
    """Give every block of the document the line format, and blank lines the blank one.

    Called inside the caller's edit block, so the layout sees one change, not one per block.
    """
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.setBlockFormat(m.line_format)
    to16 = text.map.to_utf16
    for before, after in zip([-1, *text.breaks], [*text.breaks, len(text.text)]):
        if after == before + 1:  # nothing between two breaks: a blank line
            cursor.setPosition(to16(after))
            cursor.setBlockFormat(m.blank_format)


# The arcs' room above a line (article/links.py plans the arcs). Here, with the blocks' own
# formats, so the window can give a document its kept room before its first paint without
# importing the arc planner (MainWindow._first_document, ArticleView.keep_arc_room).
def level_height(m: Metrics) -> float:
    return QFontMetricsF(m.label_font).height() + 3


def apply_heights(doc, m: Metrics, levels: dict[int, int], before: dict[int, int]) -> None:
    """Give the blocks that carry arcs room for them, and the others back their plain band."""
    if levels == before:
        return
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    heights = QTextBlockFormat.LineHeightTypes.MinimumHeight.value
    extra = level_height(m)
    for number in set(before) | set(levels):
        if levels.get(number) == before.get(number):
            continue
        block = doc.findBlockByNumber(number)
        if not block.isValid():
            continue
        fmt = QTextBlockFormat(m.line_format)
        if levels.get(number):
            fmt.setLineHeight(m.line_format.lineHeight() + GAP + levels[number] * extra, heights)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)
    cursor.endEditBlock()


@dataclass
class Geometry:
    """Boxes (per visible line fragment) and label chips, in document coordinates."""

    boxes: list[tuple[int, QRectF]] = field(default_factory=list)  # (row, box), outer levels first
    chips: list[tuple[int, QRectF]] = field(default_factory=list)  # (row, chip)


def geometry(doc: QTextDocument, text: ArticleText, index: SpanIndex, m: Metrics, area: QRectF,
             first: QTextBlock | None = None) -> Geometry:
    """Where the spans of the blocks meeting `area` (document coordinates) are drawn.
    `first`: the block at the area's top, when the caller has it (the view's paint asks
    QTextEdit.cursorForPosition: hitTest's accuracy argument is an enum of Qt's namespace,
    which the first paint must not build, see ink)."""
    geo = Geometry()
    if not len(index):
        return geo
    layout = doc.documentLayout()
    if first is None:
        first = doc.findBlock(max(0, layout.hitTest(QPointF(0, area.top()), Qt.HitTestAccuracy.FuzzyHit)))
    block = first.previous() if first.previous().isValid() else first  # boxes overhang a little
    label_fm = QFontMetricsF(m.label_font)
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.top() > area.bottom() + m.band:
            break
        rows = index.by_block.get(block.blockNumber())
        if rows and rect.bottom() >= area.top() - m.band:
            _block_geometry(block, rect, rows, text, index, m, label_fm, geo)
        block = block.next()
    return geo


def _block_geometry(block, rect, rows, text, index, m, label_fm, geo) -> None:
    lines = block.layout()
    bpos = block.position()
    bend = bpos + block.length() - 1  # without the block separator
    chips_by_line: dict[int, list[tuple[float, int]]] = {}
    count = lines.lineCount()
    line_starts = [bpos + lines.lineAt(n).textStart() for n in range(count)]
    for row in rows:
        s16, e16 = index.range16[row]
        lo, hi = max(s16, bpos), min(e16, bend)
        inset = min(index.level[row], MAX_INSET_LEVELS) * m.inset
        # From the line holding the span's start: a long paragraph is not walked per span.
        for n in range(max(0, bisect_right(line_starts, lo) - 1), count):
            line = lines.lineAt(n)
            ls = line_starts[n]
            le = ls + line.textLength()
            if le <= lo:
                continue
            if ls >= hi:
                break
            a, b = max(lo, ls), min(hi, le)
            if b == le:  # a wrapped line ends in the space it broke at: do not box it
                b = _strip_end(text, a, b)
            if a >= b:
                continue
            x1, x2 = sorted((line.cursorToX(a - bpos)[0], line.cursorToX(b - bpos)[0]))
            top = rect.top() + line.y()
            box = QRectF(rect.left() + x1 - m.pad_x + inset, top - m.pad_y + inset,
                         x2 - x1 + 2 * (m.pad_x - inset), line.height() + 2 * (m.pad_y - inset))
            geo.boxes.append((row, box))
            if a == s16:
                chips_by_line.setdefault(n, []).append((box.left(), row))
    for n, starts in chips_by_line.items():
        # One row of chips per line: a chip that would cover the previous one moves right,
        # but not past the column's edge, where it would be cut off; there, the chips before
        # it move left instead, each just clear of the next (two triggers on a line's last
        # word drew one label over the other). Only a row wider than the line overlaps.
        line = lines.lineAt(n)
        chip_bottom = rect.top() + line.y() - m.pad_y
        start, edge = rect.left() + line.x(), rect.left() + line.x() + line.width()
        placed, right = [], float("-inf")
        for x, row in sorted(starts):
            width = label_fm.horizontalAdvance(chip_text(index.spans[row])) + 2 * m.pad_x + 4
            x = max(x, right + 2)
            placed.append([x, width, row])
            right = x + width
        limit = edge
        for chip in reversed(placed):
            if chip[0] + chip[1] <= limit:
                break  # this chip and those before it already fit
            chip[0] = max(limit - chip[1], start)
            limit = chip[0] - 2
        for x, width, row in placed:
            geo.chips.append((row, QRectF(x, chip_bottom - m.chip_h, width, m.chip_h)))


def chip_text(span) -> str:
    """What a span's chip says: its label, or a trigger's event subtype."""
    return span.label.rsplit(":", 1)[-1] if span.layer == Layer.TRIGGER else span.label


def _strip_end(text: ArticleText, a16: int, b16: int) -> int:
    to_cp = text.map.to_codepoint
    a, b = to_cp(a16), to_cp(b16)
    while b > a and text.text[b - 1].isspace():
        b -= 1
    return text.map.to_utf16(b)


class SpanPainter:
    """Draws a `Geometry`: `under()` before the text is drawn, `over()` after it. Only with
    calls that leave Qt's `Qt` namespace alone (see `ink`): the first article's paint would
    otherwise build it."""

    def __init__(self, styles: dict[str, LabelStyle], fallback, palette: QPalette, m: Metrics):
        self.styles, self.fallback, self.palette, self.m = styles, fallback, palette, m
        self.trigger = trigger_colour(palette)
        self.trigger_wash = colour_copy(self.trigger)
        self.trigger_wash.setAlphaF(0.13)

    def style(self, label: str) -> LabelStyle:
        style = self.styles.get(label)
        if style is None:
            style = self.styles[label] = self.fallback(label)
        return style

    def under(self, p: QPainter, index: SpanIndex, geo: Geometry) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for row, box in geo.boxes:
            span = index.spans[row]
            if span.state == State.REJECTED:
                continue
            if span.layer == Layer.TRIGGER:
                p.fillPath(ink.rect(box), ink.brush(self.trigger_wash))
                continue
            style = self.style(span.label)
            accepted = span.state == State.ACCEPTED
            if accepted and index.level[row]:
                # A nested accepted box gets a hairline, or one inside another of its own colour
                # would vanish into it.
                shape = ink.rounded(box.adjusted(0.5, 0.5, -0.5, -0.5), self.m.radius)
                p.fillPath(shape, ink.brush(style.fill))
                p.strokePath(shape, ink.pen(p, style.ink, 1.0))
            else:
                p.fillPath(ink.rounded_fill(box, self.m.radius), ink.brush(style.fill if accepted else style.tint))

    def over(self, p: QPainter, index: SpanIndex, geo: Geometry, focused: int | None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette.color(QPalette.ColorRole.Text)
        grey = self.palette.color(QPalette.ColorRole.PlaceholderText)
        r = self.m.radius
        for row, box in geo.boxes:
            span = index.spans[row]
            if span.layer == Layer.TRIGGER and span.state != State.REJECTED:
                thick = max(2.0, self.m.pad_y + 1)
                if span.state == State.SUGGESTED:  # a model's trigger (issue 13): the underline dashed
                    ink.flat_line(p, box.left(), box.right(), box.bottom() - thick / 2, self.trigger, thick,
                                  (2.0, 1.2))  # in widths
                    continue
                p.fillPath(ink.rect(QRectF(box.left(), box.bottom() - thick, box.width(), thick)),
                           ink.brush(self.trigger))
            elif span.state == State.SUGGESTED:
                # short, even dashes: visible, not loud
                p.strokePath(ink.rounded(box.adjusted(0.5, 0.5, -0.5, -0.5), r),
                             ink.pen(p, self.style(span.label).ink, 1.0, (3.0, 2.5)))
            elif span.state == State.REJECTED:
                p.strokePath(ink.rounded(box.adjusted(0.5, 0.5, -0.5, -0.5), r), ink.pen(p, grey, 1.0, (1.0, 2.0)))
                ink.flat_line(p, box.left() + self.m.pad_x, box.right() - self.m.pad_x, box.center().y() + 1, grey, 1.2)
        labels = [self._chip(p, index.spans[row], chip, row == focused, text, grey) for row, chip in geo.chips]
        ink.centred_texts(p, self.m.label_font, labels)
        if focused is not None:
            # Drawn last so nothing covers it: a thick ring in the text colour, outside the box.
            for row, box in geo.boxes:
                if row == focused:
                    p.strokePath(ink.rounded(box.adjusted(-1.6, -1.6, 1.6, 1.6), r + 1.5), ink.pen(p, text, 2.2))

    def _chip(self, p: QPainter, span, chip: QRectF, focused: bool, text: QColor, grey: QColor
              ) -> tuple[QRectF, QColor, str, bool, bool]:
        """Draws the chip; returns its label for `ink.centred_texts` (drawn with the others)."""
        style = self.style(span.label)
        page = self.palette.color(QPalette.ColorRole.Base)
        italic = struck = False
        r = min(self.m.radius, chip.height() / 3)
        if span.layer == Layer.TRIGGER and span.state != State.REJECTED:
            fill, fg, edge, r = self.trigger, page, (ink.pen(p, text, 1.6) if focused else None), 0.0
            if span.state == State.SUGGESTED and not focused:  # outlined and dashed, as suggested spans are
                fill, fg, edge = page, self.trigger, ink.pen(p, self.trigger, 1.0, (3.0, 2.5))
            italic = True
        elif focused:
            fill, fg, edge = text, page, None
        elif span.state == State.ACCEPTED:
            fill, fg, edge = style.fill, text, None
        elif span.state == State.SUGGESTED:
            fill, fg, edge = page, style.ink, ink.pen(p, style.ink, 1.0)
        else:
            fill, fg, edge = page, grey, None
            struck = True
        area = chip.adjusted(0.5, 0.5, -0.5, -0.5)
        p.fillPath(ink.rect(area) if r <= 0 else ink.rounded_fill(area, r), ink.brush(fill))
        if edge is not None:
            p.strokePath(ink.rect(area) if r <= 0 else ink.rounded(area, r), edge)
        return chip, fg, chip_text(span), italic, struck
