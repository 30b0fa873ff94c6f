"""The notes and relations panel (issue 10) in the real window: it lists the open document's
relations, notes, attributes and normalisations, and follows real key presses (a span
deleted with Delete takes its relation and note along; Ctrl+Z brings them back)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from tests.helpers import SEED, find, free_kinds, open_window


@pytest.fixture
def project(tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    free_kinds(store, tmp_path)
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    head = ops.add_span(store, doc_id, *find(text, "Tokayev"), "PERSON", "ana").span_id
    child = ops.add_span(store, doc_id, *find(text, "Kazakhstan"), "GPE", "ana").span_id
    ops.add_relation(store, head, child, "president_of", "ana")
    ops.add_note(store, doc_id, "Is <b>this</b> right?", span_id=head)
    ops.add_note(store, doc_id, "About the whole article")
    ops.set_attribute(store, "Mention", "Name", span_id=head)
    ops.set_normalisation(store, child, "Wikidata", "Q232", "Kazakhstan")
    yield store, doc_id
    store.close()


def test_the_panel_lists_the_documents_kinds_and_follows_delete_and_undo(qtbot, project, tmp_path):
    store, _doc_id = project
    window = open_window(qtbot, store, tmp_path)
    panel = window.kinds_panel
    qtbot.waitUntil(lambda: panel.rows() != [])
    assert panel.rows() == [
        "Relations (1)", "  president_of: “Tokayev” → “Kazakhstan”",
        "Notes (2)", "  “Tokayev” PERSON: “Is <b>this</b> right?”", "  Document: “About the whole article”",
        "Attributes (1)", "  “Tokayev” PERSON: Mention = Name",
        "Normalisations (1)", "  “Kazakhstan” GPE → Wikidata:Q232 (Kazakhstan)",
    ]
    assert panel.title.text() == "Notes and relations (5)"
    # Tab onto "Tokayev", Delete: the span goes, and its relation, note and attribute with it.
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        span = window.view.focused_span()
        if span is not None and span.text == "Tokayev":
            break
    else:
        raise AssertionError("no Tokayev span to Tab to")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.rows()[:1] == ["Notes (1)"])
    assert panel.rows() == ["Notes (1)", "  Document: “About the whole article”",
                            "Normalisations (1)", "  “Kazakhstan” GPE → Wikidata:Q232 (Kazakhstan)"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.rows()[:1] == ["Relations (1)"])
    assert len(panel.rows()) == 9
    window.close()
