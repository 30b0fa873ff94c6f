"""The review window (issue 11), end to end: assign, two annotators work differently through
ops, merge, measure, adjudicate by key presses, export the gold."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.core.model import State
from desktop.ui.review.window import ReviewWindow
from tests.helpers import find, merged, open_review, team_files


@pytest.fixture
def project(tmp_path):
    """Two documents both annotators did: ana marks "Ana Smith" PERSON and Paris GPE; ben
    "Ana" PERSON, Paris GPE and "Monday" DATE."""
    store = merged(*team_files(tmp_path, 2, marks={"ana": {"Ana Smith": "PERSON", "Paris": "GPE"},
                                                   "ben": {"Ana": "PERSON", "Paris": "GPE", "Monday": "DATE"}}))
    yield store
    store.close()


def _window(qtbot, store):
    return open_review(qtbot, store)


def _gold(store, doc_id):
    return sorted((s.text, s.label) for s in store.spans.for_doc(doc_id) if s.state == State.ACCEPTED)


def test_keys_adjudicate_two_documents_and_the_gold_exports(qtbot, project, tmp_path):
    store = project
    report = ops.measure_agreement(store)
    assert report["documents"] == 2 and report["entities"]["pairwise"][0]["f1"] < 1.0
    win = _window(qtbot, store)
    first, second = win.docs
    # Paris, which both marked, is pre-accepted; two disagreements wait: Ana/Ana Smith, Monday.
    assert _gold(store, first) == [("Paris", "GPE")]
    assert win.list.count() == 2
    assert win.list.item(0).text().splitlines() == ["1 ana: 'Ana Smith' PERSON", "2 ben: 'Ana' PERSON"]
    qtbot.keyClick(win.view, "1")  # ana's "Ana Smith"; the focus moves to the next disagreement
    assert _gold(store, first) == [("Ana Smith", "PERSON"), ("Paris", "GPE")]
    assert win.at == 1
    qtbot.keyClick(win.view, "2")  # ben's Monday
    assert _gold(store, first) == [("Ana Smith", "PERSON"), ("Monday", "DATE"), ("Paris", "GPE")]
    qtbot.keyClick(win.view, Qt.Key.Key_Backspace)  # undo takes Monday back out
    assert _gold(store, first) == [("Ana Smith", "PERSON"), ("Paris", "GPE")]
    qtbot.keyClick(win.view, "x")  # neither for Monday
    assert win.list.item(1).text().endswith("→ now: neither")
    assert win.list.item(0).text().endswith("→ now: ana")
    qtbot.keyClick(win.view, "d")  # done, on to the next document
    assert store.documents.get_status(first) == "done" and win.doc_id == second
    qtbot.keyClick(win.view, "b")  # both "Ana" and "Ana Smith"
    qtbot.keyClick(win.view, "p")
    qtbot.keyClick(win.view, "n")
    qtbot.keyClick(win.view, "1")  # Monday: ana marked none
    qtbot.keyClick(win.view, "d")
    assert _gold(store, second) == [("Ana", "PERSON"), ("Ana Smith", "PERSON"), ("Paris", "GPE")]
    out = tmp_path / "gold.jsonl"
    assert ops.export(store, "jsonl", out) == 2
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [sorted(s["label"] for s in t["spans"]) for t in tasks] == [["GPE", "PERSON"], ["GPE", "PERSON", "PERSON"]]


def test_the_article_shows_the_disputed_spans_outlined_beside_the_gold(qtbot, project):
    win = _window(qtbot, project)
    shown = {(s.text, s.state) for s in win.shown}
    assert ("Paris", "accepted") in shown
    assert {("Ana", "suggested"), ("Ana Smith", "suggested"), ("Monday", "suggested")} <= shown
    assert win.view.focused_span() is not None  # on the first disagreement


def test_without_preaccept_nothing_is_written_on_opening(qtbot, project):
    store = project
    actions = store.query("SELECT COUNT(*) AS n FROM actions")[0]["n"]
    win = ReviewWindow(store, "lead", {}, preaccept=False)
    qtbot.addWidget(win)
    assert store.query("SELECT COUNT(*) AS n FROM actions")[0]["n"] == actions
    assert len(win.current.disagreements) == 2  # Paris is agreed, not a disagreement
    assert _gold(store, win.doc_id) == []
    assert find(store.documents.text(win.doc_id), "Paris")


def test_the_main_window_opens_the_review_with_its_key(qtbot, project, tmp_path):
    from tests.helpers import open_window

    main = open_window(qtbot, project, tmp_path)
    qtbot.keyClick(main.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, ReviewWindow) and w.isVisible() for w in QApplication.topLevelWidgets()))
    review = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow))
    assert review.docs == ops.review_documents(project)
    review.close()


def test_each_disputed_span_carries_its_annotators_dots_in_the_article(qtbot, project):
    from desktop.ui.review.badges import PALETTE

    win = _window(qtbot, project)
    text = project.documents.text(win.doc_id)
    ends = [cp for cp, _colours in win.badges.badges]
    assert ends == [find(text, "Ana")[1], find(text, "Ana Smith")[1], find(text, "Monday")[1]]
    colours = [[c.name().upper() for c in cs] for _cp, cs in win.badges.badges]
    assert colours == [[PALETTE[1]], [PALETTE[0]], [PALETTE[1]]]  # ben's "Ana", ana's "Ana Smith", ben's Monday
    area = win.badges.rect()
    assert all(area.contains(p) for p in win.badges.points())
    image = win.view.viewport().grab().toImage()  # the dots are painted where the layer says
    x, y = win.badges.points()[2].x() + 3, win.badges.points()[2].y() + 3
    assert image.pixelColor(x, y).name().upper() == PALETTE[1]
