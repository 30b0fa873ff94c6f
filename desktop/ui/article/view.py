"""The article view: one document's text with its entity spans, read and corrected by keyboard.

Why a read-only QTextEdit: it gives text layout, wrapping, mouse and keyboard selection,
copying and accessibility for free, and, unlike QPlainTextEdit, its layout honours a block's
line height, which is how the band above every line that holds the label names is
reserved (`MinimumHeight` pushes the text down and leaves the band above it). The text goes
in as plain text and is never interpreted as HTML; spans are never character formats, so
switching documents costs one `setPlainText` and changing spans costs a repaint. Spans are
painted in `paintEvent` over the visible blocks only (see `paint`).

Offsets: the public API speaks code points, as the rest of Spandesk does; the view converts
through `core.offsets.Utf16Map` (inside `ArticleText`) and nothing else, so an emoji before
a span does not shift it.
Mouse, keys and the selection: `input.ArticleInput`, an object the view owns (`view.input`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from desktop.core.model import Span, Token
from desktop.ui.article import ink
from desktop.ui.article.paint import Metrics, SpanPainter, apply_heights, format_blocks, geometry
from desktop.ui.article.spans import ArticleText, SpanIndex
from desktop.ui import lazy_qt
from desktop.ui.guard import guarded
from desktop.ui.look.colours import (
    colour_copy, fallback_colour, label_style, label_styles, link_colour, palette_colours,
)

if TYPE_CHECKING:
    from desktop.ui.article.hints import WordHints
    from desktop.ui.article.input import ArticleInput
    from desktop.ui.article.link_paint import LinkPainter
    from desktop.ui.article.links import Link, LinkPlan
    from desktop.ui.article.relation_arcs import RelationArcs
    from desktop.ui.article.tags import SpanTags

# The view's parts that the first article's paint does without, each made on first use (see
# ArticleView.input): importing their modules cost the first paint about 3 ms.
_PARTS = {"input": ("input", "ArticleInput"), "hints": ("hints", "WordHints"), "tags": ("tags", "SpanTags"),
          "relation_arcs": ("relation_arcs", "RelationArcs")}

TEXT_FAMILIES = ["Charter", "Georgia", "Source Serif 4", "Source Serif Pro", "Noto Serif", "DejaVu Serif", "serif"]
LABEL_FAMILIES = ["Inter", "Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", "sans-serif"]
BASE_POINTS, MIN_POINTS, MAX_POINTS = 12, 7, 36
COLUMN_CHARS = 80  # a readable measure; wider windows get margins, the column stays centred


class ArticleView(QTextEdit):
    """Shows a document with its spans; reports the focused span and the token-snapped selection."""

    focusedSpanChanged = Signal(object)  # span id or None
    selectionChanged = Signal(object)  # (start, end) in code points, snapped to tokens, or None
    spanMenuAsked = Signal(object)  # a right click focused a span: its menu, at this global QPoint
    edgeDragged = Signal(int, str, int)  # span id, "start" or "end", the code point its handle was dropped at

    def __init__(self, parent=None):
        super().__init__(parent)
        self._own_viewport()
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        # Through Qt's properties, which take the enums' values: their setters' arguments are
        # enums of Qt's namespace, which the first paint must not build (see lazy_qt).
        self.setProperty("textInteractionFlags", 1 | 2)  # TextSelectableByMouse | TextSelectableByKeyboard
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A scroll bar that came and went with each document would resize the viewport and
        # relayout the text twice per switch.
        self.setProperty("verticalScrollBarPolicy", 2)  # Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        # The margins beside the centred column belong to this widget, not the viewport.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self._doc = ArticleText("", [])
        self._spans: list[Span] = []
        self._index = SpanIndex(self._doc, [], False)
        self._focused: int | None = None
        self._show_rejected = False
        self._zoom = 0
        self._colours: dict[str, QColor] = {}
        self._side = -1
        self._links: list[Link] = []
        self._marked: list[tuple[int, int]] = []
        # The arcs as last planned; None: none (links.py, about 1 ms to import, comes with
        # the first links set: the first article's paint has none to draw).
        self._plan: LinkPlan | None = None
        # Arc room kept for every event of the document, current or not, so the text never
        # moves when an event becomes current: link groups, and the heights last applied.
        self._reserve: list[list[Link]] = []
        self._heights: dict[int, int] = {}
        self._parts: dict[str, object] = {}  # input, hints, tags, relation_arcs: see `input`
        self._link_painter: LinkPainter | None = None  # made when arcs are first drawn (_restyle)
        self._apply_font()

    # --- parts, made on first use -----------------------------------------------------

    @property
    def input(self) -> ArticleInput:
        """Mouse, keys and the selection (input.py). This and the other parts are made when
        first used, or by `make_parts` once the window is complete: the first article's
        paint needs none of them, and importing them cost it about 3 ms."""
        return self._part("input")

    @property
    def hints(self) -> WordHints:
        """Jump hints on the words on screen (hints.py)."""
        return self._part("hints")

    @property
    def tags(self) -> SpanTags:
        """Numbered (entity, role) pairs while a trigger is focused (tags.py)."""
        return self._part("tags")

    @property
    def relation_arcs(self) -> RelationArcs:
        """Issue 10: relations drawn as arcs (relation_arcs.py)."""
        return self._part("relation_arcs")

    def make_parts(self) -> None:
        for name in _PARTS:
            self._part(name)
        self._viewport_cursor()

    def _own_viewport(self) -> None:
        """Swap the viewport QAbstractScrollArea made in C++ for one made here, given what
        QAbstractScrollArea and QTextEdit give theirs.

        Why: the first `viewport()` to return the C++-made one costs PySide about 7 ms
        (finding its Python type resolves every lazy QtWidgets class and 81 enums), and the
        first paint asks for it; a viewport made from Python is known already (0.06 ms).
        `setViewport` reparents it, makes this widget its focus proxy, installs the scroll
        area's filter, grabs the pan gesture and lays it out; the rest is QAbstractScrollArea's
        and QTextEdit's init (qtbase), set again here: tests/ui/test_cold5_viewport.py
        compares every attribute with a stock QTextEdit's.
        """
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        # QTextEdit pointed its layout at the old viewport (its DPI), which setViewport deleted.
        self.document().documentLayout().setPaintDevice(viewport)
        viewport.setMouseTracking(True)
        viewport.setAcceptDrops(True)
        if lazy_qt.resolved():
            self._viewport_cursor()
        # else by make_parts, once the first paint is done: the I-beam needs a Qt enum, whose
        # namespace the first paint must not build (lazy_qt), and no pointer sees it before.

    def _viewport_cursor(self) -> None:
        self.viewport().setCursor(lazy_qt.Qt.CursorShape.IBeamCursor)

    def _part(self, name: str):
        part = self._parts.get(name)
        if part is None:
            module, cls = _PARTS[name]
            part = self._parts[name] = getattr(importlib.import_module(f"desktop.ui.article.{module}"), cls)(self)
        return part

    def _made(self, name: str):
        """The part if it has been made, else None (a part not made has nothing to show)."""
        return self._parts.get(name)

    # --- public API -------------------------------------------------------------------

    def show_document(self, text: str, spans: list[Span], tokens: list[Token]) -> None:
        """Show another document: its text, spans and tokens; no focus, no selection, at the top."""
        self._doc = ArticleText(text, tokens)
        doc = self.document()
        cursor = QTextCursor(doc)
        # One edit block around QTextEdit.setPlainText and the blocks' formats: the layout then
        # sees one full change and lays out lazily, instead of relaying every block twice.
        # QTextEdit's own setPlainText, not the document's: it also puts the caret at the
        # start with no selection, without laying the text out (setTextCursor afterwards costs
        # a full layout, 4 ms on 5,000 words); the document's left the caret at the end.
        cursor.beginEditBlock()
        self.setPlainText(text)
        format_blocks(cursor, self._doc, self._metrics)
        cursor.endEditBlock()
        self._spans = list(spans)
        self._index = SpanIndex(self._doc, self._spans, self._show_rejected)
        self._links, self._marked, self._plan = [], [], None  # format_blocks gave every block its plain band
        self._reserve, self._heights = [], {}
        for name, forget in (("hints", "stop"), ("relation_arcs", "forget")):
            if (part := self._made(name)) is not None:
                getattr(part, forget)()
        if (tags := self._made("tags")) is not None:
            tags.set([])
        self.verticalScrollBar().setValue(0)
        self._set_focus(None)
        if (mouse_and_keys := self._made("input")) is not None:  # one not yet made has said nothing
            mouse_and_keys.report_selection()
        self.viewport().update()

    def set_spans(self, spans: list[Span]) -> None:
        """New spans for the same text (after an action): the scroll position stays, and so
        does the focused span; if it is gone (or now hidden), the next one after its start."""
        old = self.focused_span()
        self._spans = list(spans)
        self._index = index = SpanIndex(self._doc, self._spans, self._show_rejected)
        row = None
        if old is not None:
            row = index.index_of(old.id)
            if row is None:
                row = index.first_from(old.start)
                row = len(index) - 1 if row is None and len(index) else row
        self._set_focus(index.spans[row].id if row is not None else None)
        if row is not None and self._focused != (old.id if old else None):
            self._scroll_to(row, only_if_hidden=True)
        self._caret_to_focus()  # the same span, grown or shrunk: the caret at its new end
        self._relink()
        self.viewport().update()

    def set_links(self, links: list[Link], marked: list[tuple[int, int]] = ()) -> None:
        """Draw arcs from each link's head span to its child span, labelled with its role,
        and ring the spans at their ends and those in `marked` (code-point ranges of spans
        on show). [] clears them."""
        from desktop.ui.article.links import Link

        self._links = [link if isinstance(link, Link) else Link(*link) for link in links]
        self._marked = list(marked)
        self._relink()
        self.viewport().update()

    def reserve_links(self, groups: list[list[Link]]) -> None:
        """Keep room above the lines for each group's arcs (one group per event of the
        document), drawn or not: making an event current then moves no text."""
        from desktop.ui.article.links import Link

        self._reserve = [[link if isinstance(link, Link) else Link(*link) for link in group] for group in groups]
        self._relink()
        self.viewport().update()

    def shown_text(self) -> str:
        """The text on show, as it was given (toPlainText turns some characters into others)."""
        return self._doc.text

    def arc_room(self) -> dict[int, int]:
        """The arcs' room each block has now (block number -> levels; blocks without none)."""
        return dict(self._heights)

    def keep_arc_room(self, room: dict[int, int]) -> None:
        """Give the document on show the arcs' room it had before (`arc_room`), ahead of its
        events: the window's first paint comes before they are loaded, and when they come
        and ask for the same room, no line moves. Blocks it does not have are passed over."""
        room = {block: levels for block, levels in room.items() if 0 <= block < self.document().blockCount()}
        apply_heights(self.document(), self._metrics, room, self._heights)
        self._heights = room

    def links(self) -> list[Link]:
        return list(self._links)

    def link_plan(self) -> LinkPlan:
        """Where the arcs go (segments, levels, ringed rows), as last planned."""
        if self._plan is None:
            from desktop.ui.article.links import LinkPlan

            return LinkPlan()
        return self._plan

    def _arcs_planned(self) -> bool:
        return self._plan is not None and bool(self._plan.segments)

    def focused_span(self) -> Span | None:
        row = self._index.index_of(self._focused)
        return self._index.spans[row] if row is not None else None

    def focus_span(self, span_id: int | None, scroll: bool = True) -> None:
        """Focus a span by id and (unless `scroll` is False) scroll it into view; an id not on
        show clears the focus."""
        row = self._index.index_of(span_id)
        self._set_focus(self._index.spans[row].id if row is not None else None)
        if row is not None and scroll:
            self._scroll_to(row, only_if_hidden=True)

    def focus_next(self, step: int = 1) -> None:
        """Move the focus `step` spans on in reading order (start, then end), wrapping.
        With nothing focused, go on from the caret when it is on screen (after Esc, Tab
        continues where the annotator was), else from the top of what is on screen."""
        index = self._index
        if not len(index):
            return
        row = index.index_of(self._focused)
        if row is None:
            caret = self.cursorRect()
            if 0 <= caret.top() and caret.bottom() <= self.viewport().height():
                at = self._doc.map.to_codepoint(self.textCursor().position())
                first = index.first_from(at)
                if step < 0:  # the last span that starts before the caret
                    first = first if first is not None else len(index)
                    row = first
                else:
                    row = (first if first is not None else len(index)) - 1
            else:
                y = 0 if step > 0 else self.viewport().height()
                top = self._doc.map.to_codepoint(self.cursorForPosition(QPoint(0, y)).position())
                first = index.first_from(top)
                row = (first if first is not None else (0 if step > 0 else len(index))) - (1 if step > 0 else 0)
        row = (row + step) % len(index)
        self._set_focus(index.spans[row].id)
        self._scroll_to(row, only_if_hidden=True)

    def set_show_rejected(self, show: bool) -> None:
        if show != self._show_rejected:
            self._show_rejected = show
            self.set_spans(self._spans)

    def set_zoom(self, points_delta: int) -> None:
        """Text size as points above (or below) the default 12 pt, kept within 7–36 pt."""
        delta = max(MIN_POINTS - BASE_POINTS, min(MAX_POINTS - BASE_POINTS, int(points_delta)))
        if delta != self._zoom:
            self._zoom = delta
            self._apply_font()
            row = self._index.index_of(self._focused)
            if row is not None:
                self._scroll_to(row, only_if_hidden=True)

    def zoom(self) -> int:
        return self._zoom

    def edge_handles(self) -> list[tuple[str, QRectF]]:
        """("start" | "end", rect in document coordinates) of the focused span's drag handles:
        on the left edge of its first box and the right edge of its last."""
        row = self._index.index_of(self._focused)
        if row is None:
            return []
        start16, end16 = self._index.range16[row]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start16)
        offset = self.scroll_offset()
        top = QRectF(self.cursorRect(cursor)).translated(offset)
        cursor.setPosition(end16)
        bottom = QRectF(self.cursorRect(cursor)).translated(offset)
        geo = geometry(self.document(), self._doc, self._index, self._metrics, top.united(bottom))
        boxes = [box for r, box in geo.boxes if r == row]
        if not boxes:
            return []
        first, last = boxes[0], boxes[-1]
        w = max(4.0, self._metrics.pad_x * 3)
        return [("start", QRectF(first.left() - w / 2, first.top(), w, first.height())),
                ("end", QRectF(last.right() - w / 2, last.top(), w, last.height()))]

    # The selection, kept by `self.input` (see input.py).

    def selection(self) -> tuple[int, int] | None:
        """The selection in code points, snapped outward to whole tokens; None if empty or blank."""
        return self.input.selection()

    def words(self, start: int, end: int) -> str:
        """The text of code points [start, end) of the document on show."""
        return self.input.words(start, end)

    def point_below(self, cp: int) -> QPoint:
        """Global coordinates just below the line holding code point `cp` (for a popup)."""
        return self.input.point_below(cp)

    def clear_selection(self) -> None:
        self.input.clear_selection()

    def select_word(self, start: int, end: int) -> None:
        """Select code points [start, end) with the caret at the end and no span focused, as a
        jump hint does: Shift+Right then grows the selection, a label key marks it."""
        self._set_focus(None)
        self.input.select(start, end)

    # What the input (and painting) read: the document on show, its spans, the label metrics.

    def article(self) -> ArticleText:
        """The document on show: text, tokens and the code point / UTF-16 map."""
        return self._doc

    def span_index(self) -> SpanIndex:
        """The spans on show, in Tab order, with their rows and nesting levels."""
        return self._index

    def metrics(self) -> Metrics:
        return self._metrics

    def scroll_offset(self) -> QPointF:
        """How far the viewport is scrolled: viewport point + offset = document point."""
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def set_label_colours(self, colours: dict[str, QColor]) -> None:
        """Label colours as the schema gives them (light); dark-mode variants are derived."""
        self._colours = {label: colour_copy(c) for label, c in colours.items()}
        self._restyle()

    # --- state ------------------------------------------------------------------------

    def _set_focus(self, span_id: int | None) -> None:
        if span_id != self._focused:
            self._focused = span_id
            self._caret_to_focus()
            self.viewport().update()
            self.focusedSpanChanged.emit(span_id)

    def _caret_to_focus(self) -> None:
        """The caret follows the focused span to its end (also when the span grows): Esc,
        then Shift+Right selects the words after it, by keyboard alone (a trigger beside an
        entity, say), and Tab goes on from there."""
        row = self._index.index_of(self._focused)
        cursor = self.textCursor()
        if row is None or cursor.hasSelection() or cursor.position() == self._index.range16[row][1]:
            return
        cursor.setPosition(self._index.range16[row][1])
        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setTextCursor(cursor)
        bar.setValue(keep)  # the view scrolls to spans its own way (_scroll_to), not to the caret

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies(TEXT_FAMILIES)
        font.setPointSize(BASE_POINTS + self._zoom)
        # Keep only the family that matched: an SVG render writes the font's family list
        # verbatim, and viewers parse a list with "Source Serif 4" in it badly.
        font.setFamily(QFontInfo(font).family())
        self.setFont(font)
        self._metrics = Metrics.for_font(font, LABEL_FAMILIES)
        self.document().setDocumentMargin(round(QFontMetricsF(font).height() * 1.2))
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        format_blocks(cursor, self._doc, self._metrics)
        cursor.endEditBlock()
        self._side = -1
        self._plan, self._heights = None, {}  # format_blocks took the arcs' room back
        self._update_margins()
        self._relink()
        self._restyle()

    def _restyle(self) -> None:
        palette = self.palette()
        text, page = palette_colours(palette)
        self._painter = SpanPainter(label_styles(self._colours, palette),
                                    lambda label: label_style(fallback_colour(label), text, page),
                                    palette, self._metrics)
        self._link_painter = None  # made anew in this palette when arcs are next drawn
        self.viewport().update()

    def link_painter(self) -> LinkPainter:
        """What draws the event arcs, in the current palette and metrics."""
        if self._link_painter is None:
            from desktop.ui.article.link_paint import LinkPainter

            palette = self.palette()
            self._link_painter = LinkPainter(self._metrics, link_colour(palette), palette_colours(palette)[1])
        return self._link_painter

    def _relink(self) -> None:
        """Plan the arcs for the current wrap, and give their blocks room (see links)."""
        arcs = self._made("relation_arcs")
        if not (self._links or self._marked or self._reserve or self._heights or (arcs is not None and arcs.wanted())):
            return
        from desktop.ui.article.links import plan

        doc, args = self.document(), (self._doc, self._index, self._metrics)
        new = plan(doc, *args, self._links, self._marked)
        heights = dict(new.levels)
        for group in self._reserve:
            for block, levels in plan(doc, *args, group).levels.items():
                heights[block] = max(heights.get(block, 0), levels)
        self.relation_arcs.replan(heights)  # relations above the events' arcs, their room added
        apply_heights(doc, self._metrics, heights, self._heights)
        self._plan, self._heights = new, heights

    def _update_margins(self) -> None:
        fm = QFontMetricsF(self.font())
        column = fm.averageCharWidth() * COLUMN_CHARS + 2 * self.document().documentMargin()
        # Always leave room for the scroll bar, so its coming and going cannot re-centre the text.
        spare = self.width() - column - self.verticalScrollBar().sizeHint().width()
        side = max(0, int(spare // 2))
        if side != self._side:
            self._side = side
            self.setViewportMargins(side, 0, side, 0)
        # QTextEdit rewraps on the viewport's resize event, which a widget that is not yet
        # visible delivers late or not at all: wrap at the width the viewport has now.
        width = self.viewport().width()
        if self.document().pageSize().width() != width:
            self.document().setPageSize(QSizeF(width, -1))
            if self._arcs_planned() or self._relations_drawn():
                self._relink()  # the lines wrap elsewhere now

    # --- geometry ----------------------------------------------------------------------

    def _scroll_to(self, row: int, only_if_hidden: bool) -> None:
        start16, end16 = self._index.range16[row]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start16)
        top = self.cursorRect(cursor).top() - self._metrics.band
        cursor.setPosition(end16)
        bottom = self.cursorRect(cursor).bottom() + self._metrics.pad_y
        height = self.viewport().height()
        if only_if_hidden and top >= 0 and bottom <= height:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + int(top - height / 3))  # a third down: context shows above

    # --- events -------------------------------------------------------------------------

    @guarded()
    def paintEvent(self, event) -> None:
        offset = self.scroll_offset()
        try:
            geo = geometry(self.document(), self._doc, self._index, self._metrics,
                           QRectF(event.rect()).translated(offset),
                           self.cursorForPosition(QPoint(0, event.rect().top())).block())
            if geo.boxes:
                self._decorate(offset, lambda painter: self._painter.under(painter, self._index, geo))
        finally:
            super().paintEvent(event)  # the text itself, even when a decoration failed
        if geo.boxes or self._arcs_planned() or self._relations_drawn():
            self._decorate(offset, lambda painter: self._over(painter, geo, QRectF(event.rect()).translated(offset)))
        tags, hints = self._made("tags"), self._made("hints")
        hinting = hints is not None and hints.active
        if tags is not None and tags.tags and not hinting:
            self._decorate(offset, tags.paint)
        if hinting:
            self._decorate(offset, hints.paint)

    def _relations_drawn(self) -> bool:
        arcs = self._made("relation_arcs")
        return arcs is not None and bool(arcs.plan.segments)

    def _over(self, painter: QPainter, geo, area: QRectF) -> None:
        self._painter.over(painter, self._index, geo, self._index.index_of(self._focused))
        if self.hasFocus():
            handle_ink = ink.brush(self.palette().color(QPalette.ColorRole.Highlight))
            for _side, handle in self.edge_handles():  # drag handles on the focused span's edges
                x = handle.center().x()
                painter.fillPath(ink.rect(QRectF(x - 1.5, handle.top() - 3, 3, handle.height() + 6)), handle_ink)
        if self._plan is not None and (self._plan.rows or self._plan.segments):
            links = self.link_painter()
            links.rings(painter, geo.boxes, self._plan.rows)
            links.paint(painter, self.document(), self._plan, area)
        if (arcs := self._made("relation_arcs")) is not None:
            arcs.paint(painter, geo, area)

    def _decorate(self, offset, draw) -> None:
        """Paint on the viewport, the painter ended even if drawing fails (Qt allows one at a time)."""
        painter = QPainter(self.viewport())
        try:
            painter.translate(-offset)
            draw(painter)
        finally:
            painter.end()

    # Mouse and keys: handled by self.input, given QTextEdit's own handler for what it still does.

    @guarded(False)
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            return self.input.shortcut_override(event)
        return super().event(event)

    @guarded()
    def keyPressEvent(self, event) -> None:
        self.input.key_press(event, super().keyPressEvent)

    @guarded()
    def mousePressEvent(self, event) -> None:
        self.input.mouse_press(event, super().mousePressEvent)

    @guarded()
    def mouseReleaseEvent(self, event) -> None:
        self.input.mouse_release(event, super().mouseReleaseEvent)

    @guarded()
    def mouseMoveEvent(self, event) -> None:
        self.input.mouse_move(event, super().mouseMoveEvent)

    @guarded()
    def contextMenuEvent(self, event) -> None:
        self.input.context_menu(event, super().contextMenuEvent)

    @guarded()
    def mouseDoubleClickEvent(self, event) -> None:
        self.input.double_click(event, super().mouseDoubleClickEvent)

    @guarded()
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_margins()

    @guarded()
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_painter"):
            self._restyle()  # (the first palette change comes from QTextEdit's own constructor)


