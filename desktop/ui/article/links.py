"""Links between spans drawn as brat draws them: labelled arcs in the band above the lines.

A link goes from an event's trigger to one of its arguments and carries the role. Each
arc leaves the top of the trigger's label chip, rises to its own level, runs level, and
comes down onto the argument's chip with an arrowhead; the role sits on the level run,
cutting the line, so it is read without a tooltip. Links to arguments on other lines
leave the trigger's line by one trunk towards the nearer side of the column, run along a
bus in the page margin, and come in from that edge on each argument's line, labelled
there (brat splits such arcs across rows; the bus keeps the two halves visibly one line,
and one trunk per side keeps the trigger's line low).

Levels: on each line, shorter arcs go lower and longer ones over them, so a leg never
crosses a lower arc that nests inside its own. A role name longer than its arc is cut
short ("Destination" over a short arc reads "Dest."), as brat abbreviates labels. The blocks that carry arcs get a taller band (their block format's
line height), so arcs never cover text; every other block keeps the plain one. Planning
reads the layout of the few blocks holding link ends, once per `set_links` (and after a
rewrap); painting (`link_paint`) only turns the plan into lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from desktop.core.model import Layer, State
from desktop.ui.article.paint import GAP, Metrics, apply_heights, geometry, level_height  # GAP, apply_heights, level_height: also offered here
from desktop.ui.article.spans import ArticleText, SpanIndex

BUS = 8.0  # how far into the page margin the bus runs that joins links across lines


@dataclass(frozen=True, slots=True)
class Link:
    """From the span `head` (code points [start, end)) to `child`, labelled `role`."""

    head: tuple[int, int]
    child: tuple[int, int]
    role: str
    suggested: bool = False  # a model's argument not yet ruled on: drawn dashed (issue 13)


@dataclass(slots=True)
class Segment:
    """One arc (or half of one) on one line. `kind` is "both" (head and child on this
    line), "out" (from the head to the line's edge) or "in" (from the edge to the child)."""

    block: int
    line: int
    kind: str
    x_from: float
    x_to: float
    role: str
    level: int = 0
    labelled: bool = True
    text: str = ""  # the role as drawn: whole, or cut short to fit its arc
    side: int = 0  # for "out" and "in": +1 when the bus is in the right margin, -1 in the left
    label_at: float = 0.0  # the middle of the role's name
    suggested: bool = False  # drawn dashed: the link is a model's suggestion


@dataclass
class LinkPlan:
    segments: list[Segment] = field(default_factory=list)
    levels: dict[int, int] = field(default_factory=dict)  # block number -> arc levels it needs
    rows: set[int] = field(default_factory=set)  # span rows to ring: the link ends and `marked`


def event_links(event) -> list[Link]:
    """The arcs of one `core.model.Event`: from its trigger to each argument, labelled with the
    role; a suggested argument's arc is marked so (drawn dashed)."""
    head = (event.trigger.start, event.trigger.end)
    return [Link(head, (a.span.start, a.span.end), a.role, a.state == State.SUGGESTED) for a in event.arguments]


def plan(doc, text: ArticleText, index: SpanIndex, m: Metrics, links: Iterable[Link],
         marked: Iterable[tuple[int, int]] = ()) -> LinkPlan:
    """Where each link's arcs go, and how many levels each block needs. Call with the
    block formats as they are: x positions do not depend on line heights."""
    out = LinkPlan()
    anchors: dict[tuple[tuple[int, int], bool], tuple[int, int, float] | None] = {}
    trunks: dict[tuple[tuple[int, int, float], int], Segment] = {}
    label_fm = QFontMetricsF(role_font(m))
    for link in links:
        ends = []
        for rng, trigger in ((link.head, True), (link.child, False)):
            if (rng, trigger) not in anchors:
                anchors[rng, trigger] = _anchor(doc, text, index, m, rng, out.rows, trigger)
            ends.append(anchors[rng, trigger])
        (head, child) = ends
        if head is None or child is None:
            continue  # an end not on show (hidden, or not in this document)
        if head[:2] == child[:2]:
            out.segments.append(Segment(head[0], head[1], "both", head[2], child[2], link.role,
                                        suggested=link.suggested))
            continue
        left, right = _edge(doc, head, False), _edge(doc, head, True)
        side = 1 if head[2] + child[2] > left + right else -1  # the margin nearer to both ends
        edge = right if side > 0 else left
        if (head, side) not in trunks:
            trunks[head, side] = Segment(head[0], head[1], "out", head[2], edge, "", labelled=False, side=side)
            out.segments.append(trunks[head, side])
        out.segments.append(Segment(child[0], child[1], "in", edge, child[2], link.role, side=side,
                                    suggested=link.suggested))
    for rng in marked:
        _anchor(doc, text, index, m, rng, out.rows, True)
    by_line: dict[tuple[int, int], list[tuple[float, float, Segment]]] = {}
    for seg in out.segments:
        lo, hi = sorted((seg.x_from, seg.x_to))
        if seg.kind == "in":
            width = label_fm.horizontalAdvance(seg.role)
            seg.text = seg.role
            if hi - lo + BUS >= width + 14:
                seg.label_at = (lo + hi + seg.side * BUS) / 2
            else:  # a short run from the margin: the name goes beside the arrow, not over the bus
                seg.label_at = seg.x_to - seg.side * (width / 2 + 5)
        else:
            seg.text = fit(seg.role, hi - lo, label_fm) if seg.labelled else ""
            seg.label_at = (lo + hi) / 2
        half = (label_fm.horizontalAdvance(seg.text) / 2 + 6) if seg.labelled else 0
        entry = (min(lo, seg.label_at - half), max(hi, seg.label_at + half), seg)
        by_line.setdefault((seg.block, seg.line), []).append(entry)
    for (block, _line), items in by_line.items():
        taken: list[list[tuple[float, float]]] = []
        # Shorter arcs lower (by the arc itself; the label only widens what it occupies).
        for lo, hi, seg in sorted(items, key=lambda it: abs(it[2].x_to - it[2].x_from)):
            level = next((n for n, spans in enumerate(taken) if all(hi <= a or lo >= b for a, b in spans)), len(taken))
            if level == len(taken):
                taken.append([])
            taken[level].append((lo, hi))
            seg.level = level
        out.levels[block] = max(out.levels.get(block, 0), len(taken))
    return out


def fit(role: str, room: float, fm: QFontMetricsF) -> str:
    """The role's name if it fits in `room` pixels, else its longest prefix that does (with a
    "."), down to four letters; names of five letters or fewer stay whole."""
    if len(role) <= 5 or fm.horizontalAdvance(role) + 10 <= room:
        return role
    for n in range(len(role) - 1, 4, -1):
        if fm.horizontalAdvance(role[:n] + ".") + 10 <= room:
            return role[:n] + "."
    return role[:4] + "."


def _anchor(doc, text: ArticleText, index: SpanIndex, m: Metrics, rng: tuple[int, int],
            rows: set[int], trigger: bool = False) -> tuple[int, int, float] | None:
    """(block, line, x) where arcs meet the span covering exactly `rng`: the middle of
    its label chip (of its first box when its chip is not drawn)."""
    first = index.first_from(rng[0])
    rows_here = [] if first is None else [
        i for i in range(first, len(index)) if index.starts[i] == rng[0] and index.spans[i].end == rng[1]]
    if not rows_here:
        return None
    # Words that are both an entity and a trigger: a link's head is the trigger, its child the entity.
    row = next((i for i in rows_here if (index.spans[i].layer == Layer.TRIGGER) == trigger), rows_here[0])
    rows.add(row)
    block = doc.findBlockByNumber(text.block_of(rng[0]))
    layout = doc.documentLayout()
    rect = layout.blockBoundingRect(block)
    geo = geometry(doc, text, index, m, QRectF(rect.left(), rect.top(), rect.width(), 1))
    start16 = index.range16[row][0]
    line = block.layout().lineForTextPosition(start16 - block.position())
    chip = next((c for r, c in geo.chips if r == row), None)
    box = next((b for r, b in geo.boxes if r == row), None)
    x = chip.center().x() if chip is not None else box.center().x() if box is not None else rect.left()
    return block.blockNumber(), max(0, line.lineNumber()), x


def _edge(doc, end: tuple[int, int, float], right: bool) -> float:
    block = doc.findBlockByNumber(end[0])
    rect = doc.documentLayout().blockBoundingRect(block)
    line = block.layout().lineAt(end[1])
    return rect.left() + line.x() + (line.width() if right else 0.0)


def role_font(m: Metrics) -> QFont:
    font = QFont(m.label_font)
    font.setItalic(True)
    return font


__all__ = ["BUS", "GAP", "Link", "LinkPlan", "Segment", "apply_heights", "event_links", "fit", "level_height", "plan",
           "role_font"]
