"""Issue 13 in the window: the suggestion threshold in Settings, and the document list's
sort box offering the least sure documents first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop import ops
from tests.helpers import open_window, scored_suggestion, seed_copies_project


@pytest.fixture
def window(qtbot, tmp_path):
    db = seed_copies_project(tmp_path, 4, chars=200)
    store = ops.open_project(db)
    a, b, c, d = store.documents.ids()
    scored_suggestion(store, a, 0.97)
    scored_suggestion(store, b, 0.52)  # nearest 0.5: the least sure
    scored_suggestion(store, d, 0.2)
    yield open_window(qtbot, store, tmp_path), store, (a, b, c, d)
    store.close()


def test_the_threshold_is_set_in_settings(qtbot, window):
    win, store, _ids = window
    assert ops.suggestion_threshold(store) == 0.25
    seen = []

    def type_threshold():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.threshold.value())
        dialog.threshold.setFocus()
        spin = dialog.threshold
        qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(spin, "0.6")
        qtbot.keyClick(spin, Qt.Key.Key_Return)  # Enter: the dialog's default button, OK

    QTimer.singleShot(100, type_threshold)
    qtbot.keyClick(win.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert seen == [0.25]
    assert ops.suggestion_threshold(store) == pytest.approx(0.6)


def test_the_sort_box_puts_the_least_sure_documents_first(qtbot, window):
    win, store, (a, b, c, d) = window
    panel = win.panel
    qtbot.mouseClick(panel.sort, Qt.MouseButton.LeftButton)  # opens its list
    popup = panel.sort.view()
    qtbot.waitUntil(popup.isVisible)
    row = panel.sort.findData("uncertain")
    for _ in range(row - panel.sort.currentIndex()):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.query().sort == "uncertain")
    assert [panel.model.doc_id(r) for r in range(4)] == [b, d, a, c]
    # Clicking the Title header takes over, and the box says so.
    header = panel.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(0) + 5, 5))
    assert panel.query().sort == "title" and panel.sort.currentData() == "title"
