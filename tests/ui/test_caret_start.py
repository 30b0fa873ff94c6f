"""A document is opened with the caret at its start (issue 12: "Ctrl+←/→ moves the caret …,
so Shift+→ then selects words"). The article used to receive its text through the document
itself, which left QTextEdit's caret at the text's end: Ctrl+→ and Shift+→ did nothing on a
document just opened until a Tab or a click put the caret somewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import ops
from tests.helpers import open_window, press, seed_copies_project


def test_a_document_just_opened_takes_ctrl_and_shift_arrows_from_its_start(qtbot, tmp_path):
    db = seed_copies_project(tmp_path, 2)
    store = ops.open_project(db)
    win = open_window(qtbot, store, tmp_path)
    view = win.view
    for _document in range(2):
        text = view.shown_text()
        assert (view.textCursor().position(), view.textCursor().anchor()) == (0, 0)
        assert view.selection() is None
        press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier, widget=view)
        first = text.split()[0].rstrip(".,:;")
        assert view.selection() == (0, len(first))  # the first word, from the start
        press(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier, widget=view)
        assert view.selection() is None and 0 < view.textCursor().position() < 40
        press(qtbot, Qt.Key.Key_N, widget=view)  # the next document: at its start again
    win.close()
    store.close()
