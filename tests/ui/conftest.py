"""Fixtures the window tests share: the seed article with three model suggestions and the real
window over it (the annotator-flow tests, issue 12), and the seed article with six for the
event tests (events_project, events_window), and one pre-annotated by the app
(preannotated_seed, preannotated_window)."""

from __future__ import annotations

import shutil

import pytest

from desktop import ops
from desktop.core.model import Source, Span, State
from tests.helpers import SEED, find, open_window, seed_copies_project

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


EVENT_SUGGESTIONS = [("Kazakhstan", 1, "GPE"), ("Russian", 1, "NORP"), ("CSTO", 0, "ORG"),
                     ("Kassym-Jomart Tokayev", 0, "PERSON"), ("Almaty", 2, "GPE"), ("Wednesday", 0, "DATE")]


@pytest.fixture
def events_project(tmp_path):
    """The seed article with six model suggestions (a word, its nth occurrence, its label):
    yields (store, doc id, text)."""
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    spans = [Span(*find(text, word, n), label, word, source=Source.MODEL, state=State.SUGGESTED,
                  model="test_model@1") for word, n, label in EVENT_SUGGESTIONS]
    ops.save_suggestions(store, ops.PreannotateReport("test_model@1"), [(doc_id, spans)])
    yield store, doc_id, text
    store.close()


@pytest.fixture
def events_window(qtbot, events_project, tmp_path):
    return open_window(qtbot, events_project[0], tmp_path)


@pytest.fixture(scope="module")
def preannotated_seed(tmp_path_factory):
    """One seed article pre-annotated as the app does it (entities, and events and arguments
    from the trigger lexicon), once per test module: the project file's path."""
    db = seed_copies_project(tmp_path_factory.mktemp("preannotated"), 1)
    with ops.open_project(db) as store:
        assert ops.preannotate(store).arguments > 0
    return db


@pytest.fixture
def preannotated_window(qtbot, preannotated_seed, tmp_path):
    """A copy of `preannotated_seed` open in the window: yields (window, store)."""
    db = tmp_path / "p.db"
    shutil.copy(preannotated_seed, db)
    store = ops.open_project(db)
    yield open_window(qtbot, store, tmp_path), store
    store.close()
