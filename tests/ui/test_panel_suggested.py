"""The events panel and the model's suggested events (issue 13): a suggestion is not a
decision, so a suggested event or argument is drawn grey and italic with "?" and its score,
never red "incomplete"; once the annotator accepts it (Enter on its trigger) a required role
nobody fills is flagged as for any event of theirs. Real key presses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from desktop import ops
from desktop.core.model import State
from tests.helpers import SEED, find, open_window, press, suggest_events


@pytest.fixture
def suggested(tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    (doc_id,) = store.documents.ids()
    suggest_events(store, doc_id, [("Movement:Transport", "withdrawing", 0.5, [("Origin", "Kazakhstan", "GPE", 0.25)]),
                                   ("Life:Die", "fatal", None, [])])
    ops.add_event(store, doc_id, *find(store.documents.text(doc_id), "arrested"), "Justice:Arrest-Jail", "ana")
    yield store, doc_id
    store.close()


def _row(panel, starts: str):
    tree = panel.tree
    return next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(0).startswith(starts))


def test_suggested_events_are_grey_with_their_score_and_only_accepted_ones_warn(qtbot, suggested, tmp_path):
    store, doc_id = suggested
    window = open_window(qtbot, store, tmp_path)
    panel = window.events_panel
    assert panel.title.text() == "Events (3) · 1 incomplete ⚠ · 2 suggested ?"
    assert panel.rows() == ["Movement:Transport · “withdrawing”  ? 0.50",
                            "  Origin · “Kazakhstan”   GPE  ? 0.25",
                            "Life:Die · “fatal”  ?",
                            "Justice:Arrest-Jail · “arrested”  ⚠",
                            "  ⚠ missing required Person"]
    grey = panel.palette().color(QPalette.ColorRole.PlaceholderText)
    moving, dying, arrest = (_row(panel, w) for w in ("Movement", "Life", "Justice"))
    for item in (moving, moving.child(0), dying):
        assert item.font(0).italic() and item.foreground(0).color() == grey
    red = arrest.foreground(0).color()
    assert not arrest.font(0).italic() and red != grey  # the annotator's own, incomplete

    # Tab to "fatal" makes its event current; the header says it is suggested, not what it lacks.
    fatal = find(store.documents.text(doc_id), "fatal")
    for _ in range(40):
        press(qtbot, Qt.Key.Key_Tab)
        if (window.view.focused_span().start, window.view.focused_span().end) == fatal:
            break
    assert "suggested" in window.header.event_text() and "missing" not in window.header.event_text()
    press(qtbot, Qt.Key.Key_Return)  # accepted: now it is the annotator's, and it lacks a Victim
    die = next(e for e in ops.events(store, doc_id) if e.type == "Life:Die")
    assert die.state == State.ACCEPTED
    qtbot.waitUntil(lambda: panel.title.text() == "Events (3) · 2 incomplete ⚠ · 1 suggested ?")
    assert panel.rows()[2:4] == ["Life:Die · “fatal”  ⚠", "  ⚠ missing required Victim"]
    dying = _row(panel, "Life")
    assert not dying.font(0).italic() and dying.foreground(0).color() == red
