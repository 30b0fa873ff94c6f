"""Attributes by keyboard (issue 10): Shift+A on a focused span opens a chooser of the
attributes the project uses (one row per value); a new one is typed as Name=value; a row
already set clears it; the tooltip and the panel show them; Backspace undoes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import ops
from tests.helpers import SEED, find, free_kinds, key, open_window, tab_to_word

SHIFT = Qt.KeyboardModifier.ShiftModifier


def attributes(store, doc_id):
    return sorted((a.name, a.value, a.target.text) for _, a in ops.document_kinds(store, doc_id).attributes)


def test_set_a_new_attribute_pick_a_used_one_and_clear_it(qtbot, tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    free_kinds(store, tmp_path)  # relation labels of the test's own, not ACE's
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    csto = ops.add_span(store, doc_id, *find(text, "CSTO"), "ORG", "ana").span_id
    ops.add_span(store, doc_id, *find(text, "Tokayev"), "PERSON", "ana")
    ops.set_attribute(store, "Negated", span_id=csto)
    window = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: window.relating.kinds is not None)

    tab_to_word(window, "Tokayev")
    key(Qt.Key.Key_A, SHIFT)
    palette = window.relating.palette
    assert [name for name, _detail, offered in palette.rows() if offered] == ["Negated"]
    qtbot.keyClicks(palette.edit, "Mention=Name")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(attributes(store, doc_id)) == 2)
    assert attributes(store, doc_id) == [("Mention", "Name", "Tokayev"), ("Negated", None, "CSTO")]
    assert ops.document_status(store, doc_id) is not None  # Shift+A did not mark it done (A does)

    key(Qt.Key.Key_A, SHIFT)
    rows = [name for name, _detail, offered in window.relating.palette.rows() if offered]
    assert sorted(rows) == ["Mention = Name", "Negated"]  # used once each: by name
    qtbot.keyClick(window.relating.palette.edit, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(attributes(store, doc_id)) == 3)
    assert ("Negated", None, "Tokayev") in attributes(store, doc_id)
    qtbot.waitUntil(lambda: "  “Tokayev” PERSON: Negated" in window.kinds_panel.rows())

    key(Qt.Key.Key_A, SHIFT)  # Negated is set on Tokayev now: choosing it clears it
    palette = window.relating.palette
    row = next(r for r in palette.rows() if r[0].endswith("Negated"))
    assert row[1] == "set: Enter clears it"
    qtbot.keyClicks(palette.edit, "Negated")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(attributes(store, doc_id)) == 2)
    assert ("Negated", None, "Tokayev") not in attributes(store, doc_id)
    key(Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: len(attributes(store, doc_id)) == 3)
    window.close()
    store.close()
