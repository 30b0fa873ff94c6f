"""Label chips on a line's last word stay apart and inside the column: two events whose
triggers are the same word at the end of a line ("left": Transport and End-Position, in the
seed article at zoom 2) drew one label over the other, because a chip could move right only
as far as the column's edge. Now the chips before it move left instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from desktop.core.model import Layer, Span, State
from desktop.nlp.tokenize import tokenize
from desktop.ui.article.paint import geometry
from desktop.ui.article.view import ArticleView

TEXT = ("Passenger flights resumed at the airport on Thursday morning after protesters stormed the "
        "terminal during the unrest that shook the country, and the airline said its first flight to "
        "the capital left at seven with a full load of passengers on board.")


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(520, 400)
    v.show()
    qtbot.waitExposed(v)
    return v


def _last_word_of_first_line(view: ArticleView) -> tuple[int, int]:
    view.show_document(TEXT, [], next(tokenize([TEXT])))
    view.document().documentLayout()  # laid out at the view's width
    line = view.document().firstBlock().layout().lineAt(0)
    end = line.textStart() + line.textLength()
    words = TEXT[:end].rstrip()
    start = words.rfind(" ") + 1
    return start, len(words)


@pytest.mark.parametrize("labels", [("Transport", "End-Position"), ("ORG", "Transport", "End-Position")])
def test_chips_on_a_lines_last_word_do_not_cover_each_other(view, labels):
    start, end = _last_word_of_first_line(view)
    assert 0 < start < end < len(TEXT) // 2  # a word that ends the first of several lines
    spans = [Span(start, end, label, TEXT[start:end], layer=Layer.ENTITY if label.isupper() else Layer.TRIGGER,
                  state=State.ACCEPTED, id=n + 1) for n, label in enumerate(labels)]
    view.show_document(TEXT, spans, next(tokenize([TEXT])))
    geo = geometry(view.document(), view.article(), view.span_index(), view.metrics(), QRectF(0, 0, 2000, 2000))
    chips = sorted((chip for _row, chip in geo.chips), key=QRectF.left)
    assert len(chips) == len(labels)
    column = view.document().firstBlock().layout().lineAt(0)
    left = view.document().documentLayout().blockBoundingRect(view.document().firstBlock()).left()
    for a, b in zip(chips, chips[1:]):
        assert a.right() < b.left()  # apart (2 px between)
    assert chips[-1].right() <= left + column.x() + column.width() + 0.01  # not cut off
    assert chips[0].left() >= left + column.x()
