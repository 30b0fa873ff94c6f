"""Notes by keyboard (issue 10): Shift+N on a focused span writes its note, with no span
focused the document's; Ctrl+Enter saves, the notes panel lists it, the keyboard is back
in the article; Shift+N again edits it, and saving it empty deletes it; undo works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from tests.helpers import SEED, find, free_kinds, key, open_window, tab_to_word

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project(tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    free_kinds(store, tmp_path)  # relation labels of the test's own, not ACE's
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    ops.add_span(store, doc_id, *find(text, "Tokayev"), "PERSON", "ana")
    yield store, doc_id
    store.close()


def notes(store, doc_id) -> list[tuple[str, str | None]]:
    return [(n.text, getattr(n.target, "text", None)) for _, n in ops.notes(store, doc_id)]


def write(qtbot, window, text: str, *, clear: bool = False) -> None:
    dialog = window.relating.note_dialog
    assert dialog is not None and dialog.isVisible()
    if clear:
        dialog.edit.selectAll()
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.edit, text)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.relating.note_dialog is None)


def test_a_note_on_a_span_and_on_the_document_by_keys(qtbot, project, tmp_path):
    store, doc_id = project
    window = open_window(qtbot, store, tmp_path)
    panel = window.kinds_panel
    tab_to_word(window, "Tokayev")
    key(Qt.Key.Key_N, SHIFT)
    write(qtbot, window, "Check the <b>spelling</b>")
    assert notes(store, doc_id) == [("Check the <b>spelling</b>", "Tokayev")]
    qtbot.waitUntil(lambda: panel.rows() == ["Notes (1)", "  “Tokayev” PERSON: “Check the <b>spelling</b>”"])
    assert QApplication.focusWidget() is window.view
    assert window.view.focused_span().text == "Tokayev"  # Shift+N did not open the next document

    key(Qt.Key.Key_N, SHIFT)  # again: the same note, edited
    assert window.relating.note_dialog.edit.toPlainText() == "Check the <b>spelling</b>"
    write(qtbot, window, "Kassym-Jomart Tokayev", clear=True)
    assert notes(store, doc_id) == [("Kassym-Jomart Tokayev", "Tokayev")]

    key(Qt.Key.Key_Escape)  # no span focused: the document's note
    key(Qt.Key.Key_N, SHIFT)
    write(qtbot, window, "Source: a news agency")
    assert notes(store, doc_id) == [("Kassym-Jomart Tokayev", "Tokayev"), ("Source: a news agency", None)]
    qtbot.waitUntil(lambda: panel.rows()[:1] == ["Notes (2)"])
    assert "  Document: “Source: a news agency”" in panel.rows()

    key(Qt.Key.Key_Backspace)  # undo the document's note
    qtbot.waitUntil(lambda: panel.rows()[:1] == ["Notes (1)"])
    assert notes(store, doc_id) == [("Kassym-Jomart Tokayev", "Tokayev")]
    window.close()


def test_esc_in_the_dialog_keeps_the_note_and_saving_it_empty_deletes_it(qtbot, project, tmp_path):
    store, doc_id = project
    span_id = ops.document_spans(store, doc_id)[0].id
    ops.add_note(store, doc_id, "Keep me", span_id=span_id)
    window = open_window(qtbot, store, tmp_path)
    tab_to_word(window, "Tokayev")
    qtbot.waitUntil(lambda: window.relating.kinds is not None)
    key(Qt.Key.Key_N, SHIFT)
    dialog = window.relating.note_dialog
    qtbot.keyClicks(dialog.edit, " and more")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.relating.note_dialog is None)
    assert notes(store, doc_id) == [("Keep me", "Tokayev")]
    assert QApplication.focusWidget() is window.view
    key(Qt.Key.Key_N, SHIFT)
    write(qtbot, window, "", clear=True)
    assert notes(store, doc_id) == []
    window.close()


def test_enter_on_a_note_in_the_panel_edits_it_and_delete_removes_it(qtbot, project, tmp_path):
    store, doc_id = project
    ops.add_note(store, doc_id, "First thoughts")
    window = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: window.kinds_panel.rows()[:1] == ["Notes (1)"])
    key(Qt.Key.Key_K, CTRL | SHIFT)
    key(Qt.Key.Key_Return)
    write(qtbot, window, " (revised)")
    assert notes(store, doc_id) == [("First thoughts (revised)", None)]
    qtbot.waitUntil(lambda: window.kinds_panel.rows()[1:] == ["  Document: “First thoughts (revised)”"])
    key(Qt.Key.Key_K, CTRL | SHIFT)
    key(Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: notes(store, doc_id) == [])
    window.close()
