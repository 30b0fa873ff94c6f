"""For mouse users (issue 12): a context menu on spans, drag handles on a focused span's edges."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.core.model import State

from tests.helpers import press


def _point(view, cp: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.article().map.to_utf16(cp))
    return view.cursorRect(cursor).center()


def test_right_click_on_a_span_offers_its_actions(qtbot, window, project):
    store, doc_id = project
    view = window.view
    text = view.toPlainText()
    at = text.index("Russian")
    shown: list[list[str]] = []

    def pick_reject():
        menu = QApplication.activePopupWidget()
        shown.append([a.text() for a in menu.actions()])
        next(a for a in menu.actions() if a.text() == "Reject Suggestion").trigger()
        menu.close()

    QTimer.singleShot(100, pick_reject)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=_point(view, at + 2))
    from PySide6.QtGui import QContextMenuEvent
    if not shown:  # offscreen Qt sends no context-menu event for a synthetic right click
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse,
                                                                 _point(view, at + 2),
                                                                 view.viewport().mapToGlobal(_point(view, at + 2))))
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert {"Accept Suggestion", "Reject Suggestion", "Delete Span", "Relabel", "Add Argument…"} <= set(shown[0])
    russian = next(s for s in store.spans.for_doc(doc_id) if s.text == "Russian")
    assert russian.state == State.REJECTED


def test_dragging_a_focused_spans_end_handle_moves_its_end(qtbot, window, project):
    store, doc_id = project
    view = window.view
    text = view.toPlainText()
    press(qtbot, Qt.Key.Key_Tab, widget=view)
    press(qtbot, Qt.Key.Key_Tab)
    span = view.focused_span()
    assert span.text == "Russian"
    qtbot.wait(20)
    side, handle = next(h for h in view.edge_handles() if h[0] == "end")
    grab = (handle.center() - view.scroll_offset()).toPoint()
    drop_at = text.index("military", span.end) + 3
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=grab)
    qtbot.mouseMove(view.viewport(), _point(view, drop_at))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, drop_at))
    moved = view.focused_span()
    assert moved.start == span.start and moved.text == text[span.start:text.index("military") + len("military")]
    assert view.selection() is None  # the drag selected nothing
    assert any(s.text == moved.text for s in store.spans.for_doc(doc_id))
