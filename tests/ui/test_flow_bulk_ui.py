"""Edit → Find and Mark: the count is on the button before it runs; one Backspace undoes it all."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.model import State

from tests.helpers import press


def _kazakhstans(store, doc_id):
    return [s for s in store.spans.for_doc(doc_id) if s.text == "Kazakhstan" and s.state == State.ACCEPTED]


def test_mark_every_occurrence_from_the_focused_span_then_undo(qtbot, window, project):
    store, doc_id = project
    text = window.view.toPlainText()
    seen: list[str] = []

    def use_dialog():
        dialog = QApplication.activeModalWidget()
        assert dialog.words.text() == "Kazakhstan" and dialog.label.currentText() == "GPE"
        dialog.scope.setCurrentIndex(0)  # this document
        dialog.refresh()
        seen.append(dialog.mark.text())
        assert dialog.results.count() >= 1  # the suggestion itself is found
        qtbot.mouseClick(dialog.mark, Qt.MouseButton.LeftButton)

    press(qtbot, Qt.Key.Key_Tab, widget=window.view)
    assert window.view.focused_span().text == "Kazakhstan"
    QTimer.singleShot(100, use_dialog)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    expected = text.count("Kazakhstan")  # the seed has no "Kazakhstani": each one is a whole word
    assert seen == [f"Mark {expected} occurrences here as GPE"]
    assert len(_kazakhstans(store, doc_id)) == expected
    assert "Backspace undoes it all" in window.status.currentMessage()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
    press(qtbot, Qt.Key.Key_Backspace)
    assert _kazakhstans(store, doc_id) == []
