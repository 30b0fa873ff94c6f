"""The two-phase window keeps the article still: the first paint shows the article alone, and
when the menus, label bar, header and status bar arrive (MainWindow.complete) it stays where
it was, because the first phase kept the room they took when the window was last closed."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


def _where(window: MainWindow) -> tuple[int, int]:
    """The article view's top and height in the window. (Not its width: on a window this
    narrow, completing it folds the side panels, see MainWindow._fold.)"""
    view = window.view
    return view.mapTo(window, QPoint(0, 0)).y(), view.height()


def _settled(qtbot, window: MainWindow) -> None:
    qtbot.wait(50)  # layouts settle through posted LayoutRequest events


def test_the_article_does_not_move_when_the_window_completes(qtbot, project, tmp_path):
    store, _doc_id = project
    settings = Settings(tmp_path / "settings.ini")
    first = MainWindow(store, settings, "tester")  # a complete window, then closed: the room is kept
    qtbot.addWidget(first)
    first.resize(760, 620)  # within the offscreen screen, which a restored geometry is fitted into
    first.show()
    qtbot.waitExposed(first)
    _settled(qtbot, first)
    complete = _where(first)
    first.close()
    assert settings.article_room is not None and settings.article_room[0] == complete[0] > 0

    again = MainWindow(store, settings, "tester", later=True)  # as `spandesk gui` starts it
    qtbot.addWidget(again)
    again.show()
    again.desk.open_first()
    qtbot.waitExposed(again)
    _settled(qtbot, again)
    before = _where(again)
    again.complete()
    _settled(qtbot, again)
    assert before == _where(again) == complete


def test_without_a_kept_room_the_first_phase_shows_the_article_alone(qtbot, project, tmp_path):
    store, _doc_id = project
    window = MainWindow(store, Settings(tmp_path / "fresh.ini"), "tester", later=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.view.mapTo(window, QPoint(0, 0)).y() == 0
    window.complete()
    _settled(qtbot, window)
    assert window.view.mapTo(window, QPoint(0, 0)).y() > 0  # the menus and the label bar came above it
