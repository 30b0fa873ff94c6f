"""The review window walks relation and document-label disagreements like spans (issue 11):
1..9 take one annotator's, b both, x neither, each one undoable action."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import ops
from tests.helpers import merged, open_review, relate_file, team_files

SPANS = {"Ana Smith": "PERSON", "Ben Jones": "PERSON", "Paris": "GPE"}


@pytest.fixture
def store(tmp_path):
    """One document: same spans, "PER-SOC:Business" agreed; Ana Smith-Paris "GEN-AFF:Citizen-Resident-Religion-Ethnicity" (ana) against
    "PHYS:Near" (ben); ben alone gave the document the label Protest."""
    master, files = team_files(tmp_path, 1, marks={"ana": SPANS, "ben": SPANS})
    for name, other in (("ana", "GEN-AFF:Citizen-Resident-Religion-Ethnicity"), ("ben", "PHYS:Near")):
        relate_file(files[name], name, [("Ana Smith", "Ben Jones", "PER-SOC:Business"), ("Ana Smith", "Paris", other)])
    with ops.open_project(files["ben"]) as ben:
        ops.toggle_doc_label(ben, ben.documents.ids()[0], "Protest", annotator="ben")
    s = merged(master, files)
    yield s
    s.close()


def _window(qtbot, store):
    return open_review(qtbot, store)


def _relations(store, doc_id):
    return sorted((r.head.text, r.label, r.child.text) for _, r in ops.relations(store, doc_id))


def test_keys_settle_a_relation_and_a_document_label(qtbot, store):
    win = _window(qtbot, store)
    doc_id = win.doc_id
    assert _relations(store, doc_id) == [("Ana Smith", "PER-SOC:Business", "Ben Jones")]  # the agreed one, pre-accepted
    assert [d.kind for d in win.current.disagreements] == ["relation", "label"]
    assert win.list.item(0).text().splitlines() == [
        "relation", "1 ana: 'Ana Smith' →GEN-AFF:Citizen-Resident-Religion-Ethnicity→ 'Paris'", "2 ben: 'Ana Smith' →PHYS:Near→ 'Paris'"]
    assert win.view.focused_span() is not None  # on the relation's head
    qtbot.keyClick(win.view, "2")  # ben's "PHYS:Near"
    assert _relations(store, doc_id) == [("Ana Smith", "PER-SOC:Business", "Ben Jones"), ("Ana Smith", "PHYS:Near", "Paris")]
    assert win.at == 1 and win.list.item(0).text().endswith("→ now: ben")
    qtbot.keyClick(win.view, "b")  # the label: everyone's is ben's Protest
    assert store.doc_labels.has(doc_id, "Protest")
    qtbot.keyClick(win.view, Qt.Key.Key_Backspace)
    assert not store.doc_labels.has(doc_id, "Protest")
    qtbot.keyClick(win.view, "p")
    qtbot.keyClick(win.view, "b")  # both relations
    assert len(_relations(store, doc_id)) == 3
    qtbot.keyClick(win.view, "p")
    qtbot.keyClick(win.view, "x")  # neither
    assert _relations(store, doc_id) == [("Ana Smith", "PER-SOC:Business", "Ben Jones")]
    assert win.list.item(0).text().endswith("→ now: neither")
