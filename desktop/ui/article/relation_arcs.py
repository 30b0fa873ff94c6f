"""Relations (issue 10) drawn in the article: a dashed arc from the head span to the child,
labelled, in a colour of their own, stacked above the current event's arcs.

Every relation of the document is drawn all the time (unlike event arcs, which show the
current event only), so their room is planned once for all of them: moving the focus
never changes a line's height and the text never moves. Those touching the focused span
are drawn strong, the others faint, so the focused span's relations stand out (with no
span focused, all are strong). While a
relation is being made (Shift+R on its head), the head wears a dashed ring.

Planning reuses `links.plan` (same levels, buses, cut-short labels); the view calls
`replan` from its own `_relink`, so both kinds of arcs share one set of block heights.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

from desktop.ui.article.link_paint import LinkPainter
from desktop.ui.article.links import Link, LinkPlan, plan
from desktop.ui.lazy_qt import Qt  # Qt's enums when first read: 11 ms off the first paint
from desktop.ui.look.colours import readable

# A blue-green far from the entity pastels, the trigger magenta and the (accent) event arcs.
RELATION_COLOUR = QColor("#00796b")
FAINT = 0.45  # the alpha of relations not touching the focused span


def relation_links(relations, name=str) -> list[Link]:
    """core.annotations.Relation values as links (`name` maps each label to what is drawn)."""
    return [Link((r.head.start, r.head.end), (r.child.start, r.child.end), name(r.label)) for r in relations]


class RelationPainter(LinkPainter):
    """A LinkPainter whose arcs are dashed: a relation is told from an event argument
    by its line as well as its colour."""

    def __init__(self, m, ink: QColor, page: QColor, width: float = 1.4):
        super().__init__(m, ink, page)
        self.width = width

    def _pen(self, seg=None) -> QPen:
        pen = QPen(self.ink, self.width)
        pen.setDashPattern([4.0, 2.5])
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen


class RelationArcs:
    """The view's relations: what to draw (`set_relations`), where (`plan`), and the head
    of a relation in the making (`set_pending`)."""

    def __init__(self, view):
        self.view = view
        self.links: list[Link] = []
        self.plan = LinkPlan()
        self.pending: tuple[int, int] | None = None  # the head's range while its child is picked
        self._current: tuple[object, int | None, set] | None = None  # (plan, focused id, keys)

    def set_relations(self, links: list[Link]) -> None:
        """Draw these (head range, child range, label) links; [] clears them."""
        links = [link if isinstance(link, Link) else Link(*link) for link in links]
        if links == self.links:
            return
        self.links = links
        self.view._relink()  # the view's one planning pass (both kinds of arcs share the heights)
        self.view.viewport().update()

    def set_pending(self, head: tuple[int, int] | None) -> None:
        self.pending = head
        self.view.viewport().update()

    def forget(self) -> None:
        """Another document is on show: its relations come with its kinds."""
        self.links, self.plan, self.pending, self._current = [], LinkPlan(), None, None

    def wanted(self) -> bool:
        return bool(self.links or self.plan.levels)

    def replan(self, levels: dict[int, int]) -> None:
        """Plan the relations above the event arcs, whose room per block is `levels` (block
        number -> arc levels), and add the relations' levels to it (the view then applies it)."""
        v = self.view
        new = plan(v.document(), v.article(), v.span_index(), v.metrics(), self.links) if self.links else LinkPlan()
        for seg in new.segments:
            seg.level += levels.get(seg.block, 0)
        for block, n in new.levels.items():
            levels[block] = levels.get(block, 0) + n
        self.plan, self._current = new, None

    # --- painting -------------------------------------------------------------------------

    def paint(self, p: QPainter, geo, area: QRectF) -> None:
        if not (self.plan.segments or self.pending):
            return
        v = self.view
        palette = v.palette()
        page = palette.color(QPalette.ColorRole.Base)
        ink = _readable(palette)
        faint = QColor(ink)
        faint.setAlphaF(FAINT)
        if v.focused_span() is None:  # nothing to stand out from: all drawn strong (and in `render`)
            strong, weak = self.plan, LinkPlan()
        else:
            current = self._current_keys()
            strong = LinkPlan([s for s in self.plan.segments if _key(s) in current])
            weak = LinkPlan([s for s in self.plan.segments if _key(s) not in current])
        m = v.metrics()
        if weak.segments:
            RelationPainter(m, faint, page).paint(p, v.document(), weak, area)
        if strong.segments:
            RelationPainter(m, ink, page, 2.0).paint(p, v.document(), strong, area)
        if self.pending is not None:
            index = v.span_index()
            rows = {i for i, s in enumerate(index.spans) if (s.start, s.end) == self.pending}
            pen = QPen(ink, 2.0)
            pen.setDashPattern([2.0, 2.0])
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            for row, box in geo.boxes:
                if row in rows:
                    p.drawRoundedRect(box.adjusted(-3, -3, 3, 3), m.radius + 2, m.radius + 2)

    def current_links(self) -> list[Link]:
        """The relations touching the focused span (drawn strong)."""
        span = self.view.focused_span()
        if span is None:
            return []
        rng = (span.start, span.end)
        return [link for link in self.links if rng in (link.head, link.child)]

    def _current_keys(self) -> set:
        """Which planned segments belong to the focused span's relations: planning those
        alone puts their segments where the joint plan does (x does not depend on levels)."""
        span = self.view.focused_span()
        focused = span.id if span is not None else None
        if self._current is None or self._current[0] is not self.plan or self._current[1] != focused:
            mine = self.current_links()
            v = self.view
            keys = {_key(s) for s in plan(v.document(), v.article(), v.span_index(), v.metrics(), mine).segments} \
                if mine else set()
            self._current = (self.plan, focused, keys)
        return self._current[2]


def _key(seg) -> tuple:
    return seg.block, seg.line, seg.kind, round(seg.x_from, 1), round(seg.x_to, 1), seg.role, seg.side


def _readable(palette: QPalette) -> QColor:
    """The relation colour, made readable on the page (lighter on a dark one)."""
    return readable(RELATION_COLOUR, palette.color(QPalette.ColorRole.Base))
