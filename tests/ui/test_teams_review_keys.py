"""Every key the review window binds is listed by Help → Keyboard shortcuts (F1) and in
README's rows (issue 11): both come from ui/review/keys.py."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.ui.dialogs.shortcuts import ShortcutsDialog
from desktop.ui.review import keys
from desktop.ui.review.window import ReviewWindow
from tests.helpers import open_window, team_project

PORTABLE = QKeySequence.SequenceFormat.PortableText


def test_every_bound_review_key_is_in_the_help_and_readme_rows(qtbot, tmp_path):
    with ops.open_project(team_project(tmp_path, 1)) as store:
        win = ReviewWindow(store, "lead", {})
        qtbot.addWidget(win)
        bound = {s.toString(PORTABLE) for a in win.actions.values() for s in a.shortcuts()}
    assert {"1", "9", "B", "X", "N", "Esc", "Backspace"} <= bound
    listed = " / ".join(k for k, _text in keys.readme_rows()).split(" / ")
    assert bound - set(keys.TAKE_KEYS) <= set(listed)
    assert "1–9" in listed
    assert [text for _g, _k, text in keys.help_rows()] == [text for _k, text in keys.readme_rows()]


def test_f1_in_the_main_window_lists_the_review_keys(qtbot, tmp_path):
    seen: list[list[str]] = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ShortcutsDialog)
        seen.append(dialog.texts())
        dialog.reject()

    with ops.open_project(team_project(tmp_path, 1)) as store:
        main = open_window(qtbot, store, tmp_path)
        QTimer.singleShot(0, read_and_close)
        qtbot.keyClick(QApplication.focusWidget() or main.view, Qt.Key.Key_F1)
        assert seen
        for _group, _keys, text in keys.help_rows():
            assert text in seen[0]
        main.close()
