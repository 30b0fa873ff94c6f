"""Opening another document shows its text with its arcs' room already kept (issue 12's
"keep the text still"): the events and relations load with the text, in the same paint,
so no line moves a moment after the switch. (They used to load on a zero timer after the
paint, and every document with events jumped once it was shown.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop import ops
from tests.helpers import open_window, press, seed_copies_project


def test_the_next_documents_lines_do_not_move_after_it_is_shown(qtbot, tmp_path):
    db = seed_copies_project(tmp_path, 2)
    with ops.open_project(db) as store:
        assert ops.preannotate(store).arguments > 0  # events, with arcs to keep room for
    store = ops.open_project(db)
    win = open_window(qtbot, store, tmp_path)
    view = win.view
    first = win.desk.doc_id
    text = store.documents.text(first)
    later = text.index("The Collective Security")

    def y() -> int:
        cursor = QTextCursor(view.document())
        cursor.setPosition(later)
        return view.cursorRect(cursor).top() + view.verticalScrollBar().value()

    press(qtbot, Qt.Key.Key_N, widget=view)  # the next document, as the keyboard opens it
    assert win.desk.doc_id != first
    shown = y()  # what the first paint of the new document shows
    qtbot.wait(100)  # every zero timer run, the events loaded
    assert win.eventing.events and view.link_plan() is not None
    assert y() == shown
    win.close()
    store.close()
