"""The two-phase start (issue 12): the article is painted first; the list, label bar, panels,
menus and keys are built after that paint."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from desktop.ui.app import start
from desktop.ui.settings import Settings



def test_the_article_paints_before_the_rest_of_the_window_is_built(qtbot, project, tmp_path):
    store, doc_id = project
    seen: list[bool] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append(win.completed)
            return False

    win = start(store, Settings(tmp_path / "settings.ini"), "ana")  # as `spandesk gui` starts it
    qtbot.addWidget(win)
    watch = FirstPaint()
    win.view.viewport().installEventFilter(watch)
    assert not win.completed and win.view.toPlainText().startswith("Kazakhstan")
    assert not hasattr(win, "panel")
    qtbot.waitUntil(lambda: win.completed, timeout=10_000)
    assert seen == [False]  # the first paint came before the rest
    assert win.panel.model.total == 1 and win.desk.doc_id == doc_id
    assert win.header.text().startswith(f"Document {doc_id}")
    assert win.menuBar().actions() and win.actions["accept"].shortcuts()
    qtbot.waitUntil(lambda: win.desk.writable, timeout=30_000)
    win.close()
