"""The window on BioNLP-ST GE, whose events have events as arguments (V_EVARGS): paging
through every document by key press shows each one's events, arguments that are events
drawn to their event's trigger; deleting an event that is another's argument by key takes
that argument, and undo brings it back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.ui.panels.events import KIND
from tests.helpers import open_window

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"
SHARED = (GE / "PMC-2065877-06-Results-05.txt").read_text(encoding="utf-8")


def _named(store, doc_id) -> int:
    return sum(a.event is not None for e in store.events.for_doc(doc_id) for a in e.arguments)


def test_paging_through_ge_shows_every_document_and_its_event_arguments(qtbot, tmp_path):
    store = ops.open_project(tmp_path / "ge.db")
    try:
        assert ops.import_paths(store, [GE]).imported == 20
        win = open_window(qtbot, store, tmp_path)
        seen, shared = set(), None
        for _ in range(25):
            doc_id = win.desk.doc_id
            if doc_id is not None:
                seen.add(doc_id)
                events = store.events.for_doc(doc_id)
                qtbot.waitUntil(lambda: win.events_panel.tree.topLevelItemCount() == len(events))
                if store.documents.text(doc_id) == SHARED:
                    shared = doc_id
            if len(seen) == 20 and shared is not None:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
        assert len(seen) == 20 and shared is not None
        # go back to the document where three events share a trigger and each is named
        while win.desk.doc_id != shared:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp)
        before = _named(store, shared)
        count = len(store.events.for_doc(shared))
        qtbot.waitUntil(lambda: win.events_panel.tree.topLevelItemCount() == count)
        # E12, one of the three Transcription events on T72: its own regulation names it
        target = next(e for e in store.events.for_doc(shared) if e.type == "Transcription"
                      and sum((o.type, o.trigger) == (e.type, e.trigger) for o in store.events.for_doc(shared)) == 3)
        # by keys: the events panel (Ctrl+Shift+E), Down to the event's row, Delete
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        tree = win.events_panel.tree
        qtbot.waitUntil(lambda: QApplication.focusWidget() is tree)
        for _ in range(200):
            item = tree.currentItem()
            if item is not None and item.data(0, KIND) == ("event", target.id):
                break
            qtbot.keyClick(tree, Qt.Key.Key_Down)
        qtbot.keyClick(tree, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: _named(store, shared) == before - 1)
        assert target.id not in {e.id for e in store.events.for_doc(shared)}
        win.view.setFocus()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: _named(store, shared) == before)
    finally:
        store.close()
