"""Issue 13 (V_LEARN2): document labels have a state, so a trained model's labels can be
suggested. Rows from before are accepted; readers see accepted labels only; toggling rules
on a suggestion, and a rejected one is not suggested anew."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop import ops
from tests.helpers import seed_copies_project

DATA = Path(__file__).resolve().parents[1] / "data"


def test_labels_from_before_are_accepted(tmp_path):
    db = tmp_path / "v8.db"
    shutil.copy(DATA / "schema-v8.db", db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO doc_labels (doc_id, label, annotator) SELECT id, 'Protest', 'ana' FROM documents")
    conn.commit()
    conn.close()
    with ops.open_project(db) as store:
        doc_id = store.documents.ids()[0]
        assert ops.doc_labels(store, doc_id) == ["Protest"]
        assert ops.doc_label_suggestions(store, doc_id) == []
    v9 = tmp_path / "v9.db"
    shutil.copy(DATA / "schema-v9.db", v9)  # the first with V_LEARN2: one accepted, one suggested
    with ops.open_project(v9) as store:
        doc_id = store.documents.ids()[0]
        assert ops.doc_labels(store, doc_id) == ["Protest"]
        assert ops.doc_label_suggestions(store, doc_id) == [("Armed clash", 0.71)]


def test_toggling_rules_on_a_suggested_label_and_undo_puts_it_back(tmp_path):
    with ops.open_project(seed_copies_project(tmp_path, 1)) as store:
        doc_id = store.documents.ids()[0]
        with store.action("preannotate", undoable=False):
            assert store.doc_labels.suggest(doc_id, "Protest", "m@1", 0.8)
        assert ops.doc_labels(store, doc_id) == []  # a suggestion is no label yet
        ops.toggle_doc_label(store, doc_id, "Protest")  # the key: accepted
        assert ops.doc_labels(store, doc_id) == ["Protest"] and ops.doc_label_suggestions(store, doc_id) == []
        ops.undo(store)
        assert ops.doc_labels(store, doc_id) == [] and ops.doc_label_suggestions(store, doc_id) == [("Protest", 0.8)]
        ops.redo(store)
        ops.toggle_doc_label(store, doc_id, "Protest")  # off again: rejected, kept
        assert ops.doc_labels(store, doc_id) == []
        with store.action("preannotate", undoable=False):
            assert not store.doc_labels.suggest(doc_id, "Protest", "m@1", 0.9)  # never suggested anew
        assert ops.doc_label_suggestions(store, doc_id) == []
        ops.toggle_doc_label(store, doc_id, "Protest")  # the annotator may still change their mind
        assert ops.doc_labels(store, doc_id) == ["Protest"]
        # An annotator's own label, toggled off, is simply gone.
        ops.toggle_doc_label(store, doc_id, "Arrests")
        ops.toggle_doc_label(store, doc_id, "Arrests")
        assert store.query("SELECT COUNT(*) AS n FROM doc_labels WHERE label = 'Arrests'")[0]["n"] == 0
