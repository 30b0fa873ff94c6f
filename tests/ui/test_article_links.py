"""Event links in the article view: `set_links` draws labelled arcs in the band above the
lines, gives only the blocks that carry them room, and takes it back."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from desktop.core.model import Layer, Span, State
from desktop.nlp.tokenize import tokenize
from desktop.ui.article.links import Link, fit
from desktop.ui.article.view import ArticleView

TEXT = ("👍🏽 Tokayev visited Almaty on Wednesday for the first time.\n\n"
        "Other news.\n\n"
        "Troops of the CSTO left Kazakhstan, which had asked for them, on Thursday after the riots, and the "
        "alliance said its mission there was over and that the soldiers were going home.")


def sp(word: str, label: str, n: int = 0, layer: str = Layer.ENTITY, id: int = 0) -> Span:
    start = -1
    for _ in range(n + 1):
        start = TEXT.index(word, start + 1)
    return Span(start, start + len(word), label, word, layer=layer, state=State.ACCEPTED, id=id)


SPANS = [sp("Tokayev", "PERSON", id=1), sp("visited", "Movement:Transport", layer=Layer.TRIGGER, id=2),
         sp("Almaty", "GPE", id=3), sp("Wednesday", "DATE", id=4), sp("Troops", "PERSON", id=5),
         sp("left", "Movement:Transport", layer=Layer.TRIGGER, id=6), sp("Kazakhstan", "GPE", id=7),
         sp("soldiers", "PERSON", id=8)]


def rng(span: Span) -> tuple[int, int]:
    return span.start, span.end


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(520, 500)
    v.show()
    qtbot.waitExposed(v)
    v.show_document(TEXT, SPANS, next(tokenize([TEXT])))
    return v


def heights(view: ArticleView) -> list[float]:
    block, out = view.document().begin(), []
    while block.isValid():
        out.append(block.blockFormat().lineHeight())
        block = block.next()
    return out


def test_links_on_one_line_nest_shorter_arcs_lower_and_take_room_only_there(view):
    plain = heights(view)
    visited = rng(SPANS[1])
    view.set_links([Link(visited, rng(s), role) for s, role in
                    ((SPANS[0], "Artifact"), (SPANS[2], "Destination"), (SPANS[3], "Time"))], [visited])
    plan = view.link_plan()
    assert {s.kind for s in plan.segments} == {"both"}
    level = {s.role: s.level for s in plan.segments}
    assert level["Time"] > level["Destination"]  # the longer arc goes over the shorter one
    grown = heights(view)
    assert grown[0] > plain[0] and grown[1:] == plain[1:]  # only the first paragraph makes room
    assert plan.rows == {0, 1, 2, 3}  # the trigger and its three arguments are ringed
    view.set_links([])
    assert heights(view) == plain and view.links() == []


def test_links_across_lines_run_along_a_margin_bus_with_one_trunk(view):
    left, soldiers, troops = rng(SPANS[5]), rng(SPANS[7]), rng(SPANS[4])
    view.set_links([Link(left, troops, "Artifact"), Link(left, soldiers, "Artifact")])
    segments = view.link_plan().segments
    # At this width the paragraph wraps: "soldiers" is lines below "left", "Troops" beside it.
    assert sorted((s.kind, s.role) for s in segments) == [("both", "Artifact"), ("in", "Artifact"), ("out", "")]
    trunk, arrival = next(s for s in segments if s.kind == "out"), next(s for s in segments if s.kind == "in")
    assert arrival.line > trunk.line and trunk.side == arrival.side  # one bus joins them
    assert view.link_plan().levels == {4: 1}  # one level, for the third paragraph only
    view.grab()  # paints without error, arcs and bus included


def test_a_new_document_or_zoom_keeps_heights_right(view):
    view.set_links([Link(rng(SPANS[1]), rng(SPANS[2]), "Destination")])
    view.set_zoom(3)
    assert view.link_plan().levels and heights(view)[0] > heights(view)[2]  # re-planned at the new size
    view.show_document(TEXT, SPANS, next(tokenize([TEXT])))
    assert view.links() == [] and len(set(h for h in heights(view) if h > 20)) == 1


def test_role_names_are_cut_short_to_fit_their_arc():
    fm = QFontMetricsF(QFont())
    assert fit("Destination", 1000, fm) == "Destination"
    short = fit("Destination", fm.horizontalAdvance("Dest.") + 12, fm)
    assert short.endswith(".") and "Destination".startswith(short[:-1]) and len(short) >= 5
    assert fit("Destination", 1, fm) == "Dest."
    assert fit("Time", 1, fm) == "Time"  # five letters or fewer stay whole
