"""Pre-accepting agreed annotations in the review window is the user's setting (issue 11):
on by default, turned off with the window's check box, remembered for the next window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import ops
from desktop.core.model import State
from desktop.ui.settings import Settings
from tests.helpers import merged, open_review, team_files


@pytest.fixture
def store(tmp_path):
    """Two documents ana and ben both did: both marked Paris GPE, ana also "Ana Smith" PERSON."""
    s = merged(*team_files(tmp_path, 2, marks={"ana": {"Ana Smith": "PERSON", "Paris": "GPE"}, "ben": {"Paris": "GPE"}}))
    yield s
    s.close()


def _accepted(store, doc_id):
    return sorted(s.text for s in store.spans.for_doc(doc_id) if s.state == State.ACCEPTED)


def _window(qtbot, store, settings):
    return open_review(qtbot, store, settings)


def test_preaccept_is_on_by_default_and_the_check_box_turns_it_off_for_good(qtbot, store, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    first, second = ops.review_documents(store)
    win = _window(qtbot, store, settings)
    assert win.preaccept_box.isChecked() and _accepted(store, first) == ["Paris"]
    qtbot.mouseClick(win.preaccept_box, Qt.MouseButton.LeftButton)
    assert not settings.review_preaccept
    assert Settings(tmp_path / "settings.ini").review_preaccept is False  # kept in the file
    win.close()
    actions = store.query("SELECT COUNT(*) AS n FROM actions")[0]["n"]
    again = _window(qtbot, store, settings)
    assert not again.preaccept_box.isChecked()
    qtbot.keyClick(again.view, Qt.Key.Key_PageDown)  # the second document opens untouched
    assert again.doc_id == second and _accepted(store, second) == []
    assert store.query("SELECT COUNT(*) AS n FROM actions")[0]["n"] == actions
    qtbot.mouseClick(again.preaccept_box, Qt.MouseButton.LeftButton)  # on again: the open document now
    assert settings.review_preaccept and _accepted(store, second) == ["Paris"]
