"""ops.preannotation_batches: the one pre-annotation loop behind `spandesk preannotate` and
the window's job. Run with a small rule-based pipeline saved to a folder (fast, no model
package), without a display."""

from __future__ import annotations

import sqlite3

import pytest

from desktop import ops
from desktop.core.model import SpandeskError, Status
from desktop.ops import preannotating

spacy = pytest.importorskip("spacy")

WORDS = ("Almaty", "Moscow", "CSTO", "Tokayev")


@pytest.fixture(scope="module")
def ruler(tmp_path_factory):
    """A pipeline folder whose 'ner' finds four words, as `--model FOLDER` takes it."""
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("entity_ruler", name="ner")
    ner.add_patterns([{"label": "GPE", "pattern": w} for w in WORDS[:2]] +
                     [{"label": "ORG", "pattern": "CSTO"}, {"label": "PERSON", "pattern": "Tokayev"}])
    nlp.meta.update(name="ruler", version="1.0.0")
    folder = tmp_path_factory.mktemp("ruler") / "pipeline"
    nlp.to_disk(folder)
    return str(folder)


def _project(path, n=40):
    folder = path.parent / f"{path.stem}-articles"
    folder.mkdir()
    for i in range(n):
        words = " ".join(WORDS[(i + j) % 4] for j in range(i % 5 + 1))
        (folder / f"a{i:02}.txt").write_text(f"Report {i}\n\nTroops met in {words} on day {i}.", encoding="utf-8")
    store = ops.open_project(path)
    assert ops.import_paths(store, [folder]).imported == n
    return store


def _suggestions(store):
    return store.conn.execute(
        'SELECT doc_id, start, "end", label, text, state FROM spans ORDER BY doc_id, start').fetchall()


def _count(path, table):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def test_the_cli_and_the_windows_job_store_the_same_suggestions(tmp_path, ruler, monkeypatch):
    from desktop.ui import jobs  # the window's job function, run here on this thread

    monkeypatch.setattr(preannotating, "COMMIT_EVERY", 7)  # several batches
    cli, gui = _project(tmp_path / "cli.db"), _project(tmp_path / "gui.db")
    try:
        by_cli = ops.preannotate(cli, model=ruler)
        ticks: list = []
        by_gui = jobs.preannotate(gui, ticks.append, ruler, "ana")
        assert (by_cli.documents, by_cli.spans) == (by_gui.documents, by_gui.spans) == (40, by_cli.spans)
        assert by_cli.spans > 40
        assert _suggestions(cli) == _suggestions(gui) != []
        assert len(ticks) >= 40 // 7 + 1  # the window heard of every batch, as it was committed
        assert sorted(i for t in ticks for i in t.saved) == gui.documents.ids()
    finally:
        cli.close()
        gui.close()


def test_each_batch_is_committed_before_it_is_reported(tmp_path, ruler, monkeypatch):
    monkeypatch.setattr(preannotating, "COMMIT_EVERY", 5)
    store = _project(tmp_path / "p.db", n=12)
    try:
        batches = ops.preannotation_batches(store, ruler, annotator="ana")
        first = next(batches)
        assert (first.total, first.documents, first.saved) == (12, 0, [])
        assert _count(store.path, "writers") == 1  # registered, so a run beside it says whom it waits for
        seen = 0
        for report in batches:
            assert report.saved and _count(store.path, "preannotations") == report.documents  # on disk already
            seen += len(report.saved)
        assert seen == report.documents == 12
        assert _count(store.path, "writers") == _count(store.path, "claims") == 0  # over: its claims went with it
    finally:
        store.close()


def test_stopping_between_batches_keeps_them_and_frees_the_rest(tmp_path, ruler, monkeypatch):
    monkeypatch.setattr(preannotating, "COMMIT_EVERY", 4)
    store = _project(tmp_path / "p.db", n=20)
    try:
        batches = ops.preannotation_batches(store, ruler)
        next(batches)
        kept = next(batches).documents
        batches.close()  # what Cancel does in the window, between two batches
        assert kept == 4 and _count(store.path, "preannotations") == 4
        assert _count(store.path, "claims") == _count(store.path, "writers") == 0
        again = ops.preannotate(store, model=ruler)
        assert again.documents == 16 and not again.interrupted
    finally:
        store.close()


def test_a_document_marked_done_before_the_model_reaches_it_is_left_alone(tmp_path, ruler):
    store = _project(tmp_path / "p.db", n=3)
    try:
        batches = ops.preannotation_batches(store, ruler)
        next(batches)
        first = store.documents.ids()[0]
        ops.set_status(store, first, Status.DONE, annotator="ana")  # the run has begun
        reports = list(batches)
        assert reports[-1].documents == 2 and first not in {i for r in reports for i in r.saved}
        assert not store.spans.for_doc(first)
    finally:
        store.close()


def test_no_model_anywhere_is_the_users_error(store, monkeypatch):
    from desktop.nlp import models

    monkeypatch.setattr(models, "DEFAULT_MODELS", ())
    with pytest.raises(SpandeskError, match="No spaCy pipeline"):
        next(ops.preannotation_batches(store))
