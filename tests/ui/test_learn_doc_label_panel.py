"""Issue 13 in the window: the document-label panel shows a trained model's suggested label
with its score, and the label's key (Alt+Shift+key) accepts it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from tests.helpers import open_window, seed_copies_project


def test_the_panel_shows_a_suggested_label_and_its_key_accepts_it(qtbot, tmp_path):
    store = ops.open_project(seed_copies_project(tmp_path, 1))
    try:
        doc_id = store.documents.ids()[0]
        with store.action("preannotate", undoable=False):
            store.doc_labels.suggest(doc_id, "Protest", "m@1", 0.71)
        win = open_window(qtbot, store, tmp_path)
        box = win.doc_labels.boxes["Protest"]
        assert box.text() == "Protest — suggested 0.71" and not box.isChecked()
        key = next(d.key for d in win.desk.label_set.doc_labels if d.name == "Protest")
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{key.upper()}"),
                       Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
        assert ops.doc_labels(store, doc_id) == ["Protest"]
        assert box.isChecked() and box.text() == "Protest"
    finally:
        store.close()
