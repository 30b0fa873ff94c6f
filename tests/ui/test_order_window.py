"""Issue 13: the window's next-document key follows the order its list shows, least sure
first included, and `spandesk gui --order uncertain` opens on the first of that order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from tests.helpers import open_window, press, scored_suggestion, seed_copies_project


@pytest.fixture
def store(tmp_path):
    db = seed_copies_project(tmp_path, 4, chars=200)
    opened = ops.open_project(db)
    a, b, c, d = opened.documents.ids()
    scored_suggestion(opened, a, 0.97)
    scored_suggestion(opened, b, 0.52)  # nearest 0.5: the least sure
    scored_suggestion(opened, d, 0.2)
    yield opened
    opened.close()


def _walk(qtbot, win, key, count):
    seen = [win.desk.doc_id]
    for _ in range(count):
        press(qtbot, key, widget=win.view)
        seen.append(win.desk.doc_id)
    return seen


def test_next_document_follows_the_sort_chosen_in_the_list(qtbot, store, tmp_path):
    a, b, c, d = store.documents.ids()
    win = open_window(qtbot, store, tmp_path)
    assert _walk(qtbot, win, Qt.Key.Key_N, 1) == [a, b]  # imported order to begin with
    panel = win.panel
    qtbot.mouseClick(panel.sort, Qt.MouseButton.LeftButton)  # the sort box's list, chosen by keys
    popup = panel.sort.view()
    qtbot.waitUntil(popup.isVisible)
    for _ in range(panel.sort.findData("uncertain") - panel.sort.currentIndex()):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.query().sort == "uncertain")
    assert [panel.model.doc_id(r) for r in range(4)] == [b, d, a, c]
    assert _walk(qtbot, win, Qt.Key.Key_N, 3) == [b, d, a, c]  # n: on from b, in the list's order
    assert _walk(qtbot, win, Qt.Key.Key_P, 2) == [c, a, d]  # p: back the same way


def test_gui_order_uncertain_opens_on_the_least_sure_document(qtbot, store, tmp_path):
    from desktop.ui.app import start
    from desktop.ui.settings import Settings

    a, b, c, d = store.documents.ids()
    win = start(store, Settings(tmp_path / "settings.ini"), "ana", background=False, order="uncertain")
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.desk.doc_id == b  # not a, the first imported
    assert win.panel.sort.currentData() == "uncertain" and win.panel.query().sort == "uncertain"
    assert [win.panel.model.doc_id(r) for r in range(4)] == [b, d, a, c]
    assert _walk(qtbot, win, Qt.Key.Key_N, 2) == [b, d, a]


def test_a_sort_with_a_column_shows_its_arrow_when_opened_in_it(qtbot, store, tmp_path):
    from desktop.ui.app import start
    from desktop.ui.settings import Settings

    win = start(store, Settings(tmp_path / "settings.ini"), "ana", background=False, order="title")
    qtbot.addWidget(win)
    header = win.panel.table.horizontalHeader()
    assert win.panel.sort.currentData() == "title" and header.isSortIndicatorShown()
    assert header.sortIndicatorSection() == 0
