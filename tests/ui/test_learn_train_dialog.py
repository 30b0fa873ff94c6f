"""Issue 13: Model → Train in the window — a tiny training as a background job, its scores
shown after; Cancel saves nothing."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.nlp.models import find_model
from tests.helpers import open_window, seed_copies_project

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")]


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("train-ui")
    db = seed_copies_project(tmp, 4, chars=500)
    with ops.open_project(db) as store:
        ops.preannotate(store, events=False)
        for doc_id in store.documents.ids()[:3]:
            ops.mark_done(store, doc_id)
    return db


@pytest.fixture
def window(annotated, tmp_path, qtbot):
    db = tmp_path / "p.db"
    shutil.copy(annotated, db)
    store = ops.open_project(db)
    win = open_window(qtbot, store, tmp_path)
    yield win
    win.close()


def _dialog(window, qtbot):
    from desktop.ui.dialogs.train import TrainDialog

    model_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Model")
    (train,) = [a for a in model_menu.actions() if a.text() == "&Train…"]
    train.trigger()  # the menu item, as a click on it
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget() or window.findChild(TrainDialog), TrainDialog))
    return window.findChild(TrainDialog)


def test_train_runs_in_the_background_and_shows_the_scores(window, qtbot):
    dialog = _dialog(window, qtbot)
    dialog.boxes["triggers"].setChecked(False)
    dialog.boxes["doc_labels"].setChecked(False)
    dialog.steps.selectAll()
    qtbot.keyClicks(dialog.steps, "2")
    qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    assert dialog.running and not dialog.train_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=120_000)
    assert dialog.scores.isVisible() and "entities" in dialog.scores.toPlainText()
    assert "v1" in dialog.status.text() and dialog.resuggest_button.isVisible()
    (version,) = ops.list_models(window.desk.path)
    assert version.info["steps"] == 2 and version.info["components"] == ["ner"]


def test_cancel_saves_no_model(window, qtbot):
    dialog = _dialog(window, qtbot)
    qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=120_000)
    assert "Cancelled" in dialog.status.text()
    assert ops.list_models(window.desk.path) == []
