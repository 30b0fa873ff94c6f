"""Fixtures the annotator-flow tests (issue 12) share: the seed article with three model
suggestions, and the real window over it."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.model import Source, Span, State
from tests.helpers import SEED, find, open_window

SUGGESTIONS = [("Kazakhstan", "GPE"), ("Russian", "NORP"), ("Kassym-Jomart Tokayev", "PERSON")]


@pytest.fixture
def project(tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    doc_id = store.documents.ids()[0]
    text = store.documents.text(doc_id)
    spans = [Span(*find(text, word), label, word, source=Source.MODEL, state=State.SUGGESTED, model="m@1")
             for word, label in SUGGESTIONS]
    ops.save_suggestions(store, ops.PreannotateReport("m@1"), [(doc_id, spans)])
    yield store, doc_id
    store.close()


@pytest.fixture
def window(qtbot, project, tmp_path):
    return open_window(qtbot, project[0], tmp_path)
