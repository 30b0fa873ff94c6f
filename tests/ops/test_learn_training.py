"""Issue 13: `spandesk train` through ops — a tiny end-to-end training (a handful of documents,
a few steps), model versions listed and chosen, and stopping early (time, Ctrl+C, Cancel)."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop import ops
from desktop.core.model import SpandeskError, State
from desktop.nlp.models import find_model
from tests.helpers import find, run, seed_copies_project

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")]


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """Six short seed articles: suggested, then five marked done with a PRODUCT the base model
    lacks ("CSTO" relabelled) and an accepted event each; one left open for rehearsal."""
    tmp = tmp_path_factory.mktemp("annotated")
    db = seed_copies_project(tmp, 6, chars=700)
    with ops.open_project(db) as store:
        ops.preannotate(store)
        for doc_id in store.documents.ids()[:5]:
            text = store.documents.text(doc_id)
            start, end = find(text, "withdrawal")
            if not any(e.trigger.start == start for e in ops.events(store, doc_id)):
                ops.add_event(store, doc_id, start, end, "Movement:Transport")
            ops.add_span(store, doc_id, *find(text, "Russian-led"), "PRODUCT")
            ops.toggle_doc_label(store, doc_id, ops.project_label_set(store).doc_labels[0].name)
            ops.mark_done(store, doc_id)
    return db


@pytest.fixture
def store(annotated, tmp_path):
    db = tmp_path / "p.db"
    shutil.copy(annotated, db)
    with ops.open_project(db) as opened:
        yield opened


def test_a_tiny_training_makes_a_version_that_preannotation_can_choose(store):
    steps = []
    report = ops.train_model(store, max_steps=3, eval_split=0.2, progress=steps.append)
    assert report.version == 1 and report.path == ops.models_dir(store) / "v1"
    assert (report.documents, report.held_out, report.rehearsal) == (4, 1, 1)
    assert set(report.components) == {"ner", "triggers", "doc_labels"}
    assert report.steps == 3 and steps[-1] == 3 and report.stopped == "done"
    for what in ("entities", "triggers", "doc_labels"):
        assert {"base", "trained"} <= set(report.scores[what])
        assert report.scores[what]["trained"]["ALL"]["n"] >= 1  # the held-out document has some
    assert "PRODUCT" in report.scores["entities"]["base"]  # scored side by side, label by label
    assert (report.path / "config.cfg").is_file()

    (version,) = ops.list_models(store)
    assert version.name == "v1" and version.info["documents"] == 4 and version.info["base"] == report.base
    assert ops.resolve_model(store, "latest") == ops.resolve_model(store, "v1") == str(report.path)
    assert ops.resolve_model(store, "en_core_web_sm") == "en_core_web_sm"
    with pytest.raises(SpandeskError, match="no model version v7"):
        ops.resolve_model(store, "v7")

    again = ops.preannotate(store, model="latest")
    assert again.model == "en_spandesk_v1@1.0.0" and again.documents == 1
    assert ops.train_model(store, max_steps=1).version == 2
    assert [m.name for m in ops.list_models(store)] == ["v1", "v2"]


def test_max_seconds_stops_training_and_keeps_the_model(store):
    report = ops.train_model(store, components=("ner",), max_seconds=0.001)
    assert report.stopped == "time" and report.steps <= 1
    assert ops.list_models(store)[-1].info["stopped"] == "time"


def test_stop_request_and_cancel(store):
    report = ops.train_model(store, components=("ner",), should_stop=lambda: True)
    assert report.stopped == "interrupted" and report.version == 1

    class Cancelled(Exception):
        pass

    def cancel(step):
        raise Cancelled

    with pytest.raises(Cancelled):
        ops.train_model(store, components=("ner",), progress=cancel)
    assert [m.name for m in ops.list_models(store)] == ["v1"]  # nothing half-written is listed
    assert not [p for p in ops.models_dir(store).iterdir() if p.name != "v1"]


def test_ctrl_c_while_training_keeps_what_was_learnt(store):
    def interrupt(step):
        if step == 2:
            raise KeyboardInterrupt

    report = ops.train_model(store, components=("ner",), max_steps=50, progress=interrupt)
    assert report.stopped == "interrupted" and report.steps == 2
    assert ops.list_models(store)[-1].info["stopped"] == "interrupted"
    assert ops.preannotate(store, model="latest").model == "en_spandesk_v1@1.0.0"


def test_nothing_done_is_refused(tmp_path):
    db = seed_copies_project(tmp_path, 2, chars=300)
    with ops.open_project(db) as store, pytest.raises(SpandeskError, match="nothing to train on"):
        ops.train_model(store, max_steps=1)


def test_cli_train_models_and_preannotate_with_a_version(annotated, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    db = tmp_path / "p.db"
    shutil.copy(annotated, db)
    trained = run("train", "--db", db, "--components", "ner,triggers", "--max-steps", 2)
    assert trained.exit_code == 0, trained.output
    assert "trained version v1" in trained.output and "PRODUCT" in trained.output
    listed = run("models", "--db", db)
    assert listed.exit_code == 0 and "v1" in listed.output
    as_json = json.loads(run("models", "--db", db, "--json").output)
    assert as_json[0]["version"] == "v1" and as_json[0]["components"] == ["ner", "triggers"]
    used = run("preannotate", "--db", db, "--model", "v1")
    assert used.exit_code == 0 and "en_spandesk_v1" in used.output
    missing = run("preannotate", "--db", db, "--model", "v9")
    assert missing.exit_code == 1 and "no model version v9" in missing.output
    with ops.open_project(db) as store:
        assert all(s.state != State.REJECTED or s.annotator for s in store.spans.for_doc(store.documents.ids()[0]))
