"""Duplicate texts merge their annotations into one document (issue 10, defects 1 and 7)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from desktop import ops
from desktop.store import batches

DATA = Path(__file__).parent.parent / "data" / "thirdparty" / "prodigy-recipes" / "example-datasets"
REDDIT = DATA / "annotated_reddit-PRODUCT-ner.jsonl"


def _write(path, *tasks):
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks), encoding="utf-8")
    return path


def _states(store):
    return Counter(s.state for d in store.documents.ids() for s in store.spans.for_doc(d))


def test_teach_lines_on_one_text_merge_into_one_document_with_each_verdict(store, tmp_path):
    text = "Ana met Bo in Paris."
    path = _write(tmp_path / "teach.jsonl",
                  {"text": text, "spans": [{"start": 0, "end": 3, "label": "PER"}], "answer": "reject"},
                  {"text": text, "spans": [{"start": 8, "end": 10, "label": "PER"}], "answer": "accept"},
                  {"text": text, "spans": [{"start": 14, "end": 19, "label": "GPE"}], "answer": "ignore"})
    report = ops.import_paths(store, [path])
    assert report.ok and report.imported == 1 and report.merged == 2 and not report.conflicts
    assert report.spans == 3  # one stored with the document, one added by each later line
    (doc_id,) = store.documents.ids()
    assert [(s.text, s.state) for s in store.spans.for_doc(doc_id)] == [
        ("Ana", "rejected"), ("Bo", "accepted"), ("Paris", "suggested")]
    assert store.documents.get_status(doc_id) == "done"  # to do after the reject; the accept made it done
    assert "teach.jsonl:2: same text as document" in report.duplicates[0]
    assert "1 span merged into an earlier line's document" in report.duplicates[0]


def test_a_conflicting_verdict_is_reported_and_the_first_kept(store, tmp_path):
    task = {"text": "Ana met Bo.", "spans": [{"start": 0, "end": 3, "label": "PER"}]}
    path = _write(tmp_path / "a.jsonl", task | {"answer": "accept"}, task | {"answer": "reject"},
                  task | {"answer": "accept"})
    report = ops.import_paths(store, [path])
    (span,) = store.spans.for_doc(store.documents.ids()[0])
    assert span.state == "accepted" and report.merged == 0
    assert not report.ok  # a verdict read was not stored: the import says so (exit 1)
    (conflict,) = report.conflicts
    assert "a.jsonl:2: PER 'Ana' at 0-3 is rejected here but accepted in document" in conflict
    assert "conflict: PER 'Ana' at 0-3 is rejected here" in report.duplicates[0]  # the CLI lists duplicates


def test_reddit_product_excerpt_imports_115_documents_with_every_verdict(store):
    report = ops.import_paths(store, [REDDIT])
    # 120 lines, 115 texts: the 5 repeats each ask again about a span an earlier line
    # already holds (line 52 gathers lines 53-56's verdicts), with the same verdict
    assert report.ok and report.imported == 115 and len(report.duplicates) == 5
    assert report.spans == 120 and report.merged == 0 and not report.conflicts
    assert _states(store) == {"rejected": 86, "accepted": 27, "suggested": 7}


def test_a_document_already_in_the_project_gains_spans_but_keeps_its_decisions(store, tmp_path):
    text = "Ana met Bo in Paris."
    first = _write(tmp_path / "first.jsonl", {"text": text, "answer": "accept", "spans": [
        {"start": 0, "end": 3, "label": "PER"}]})
    assert ops.import_paths(store, [first]).ok
    second = _write(tmp_path / "second.jsonl", {"text": text, "answer": "reject", "spans": [
        {"start": 0, "end": 3, "label": "PER"}, {"start": 14, "end": 19, "label": "GPE"}]})
    report = ops.import_paths(store, [second])
    (doc_id,) = store.documents.ids()
    assert [(s.text, s.state) for s in store.spans.for_doc(doc_id)] == [("Ana", "accepted"), ("Paris", "rejected")]
    assert report.merged == 1 and len(report.conflicts) == 1
    assert "1 span merged into it, stored before this file" in report.duplicates[0]


def test_a_refused_file_leaves_an_earlier_document_as_it_was(store, tmp_path, monkeypatch):
    text = "Ana met Bo in Paris."
    assert ops.import_paths(store, [_write(tmp_path / "first.jsonl", {"text": text})]).ok
    monkeypatch.setattr(batches, "BATCH_SECONDS", 0)  # commit after every line
    many = [{"text": f"Filler {i}."} for i in range(3)]
    bad = _write(tmp_path / "second.jsonl", {"text": text, "answer": "accept", "spans": [
        {"start": 14, "end": 19, "label": "GPE"}]}, *many)
    with bad.open("a", encoding="utf-8") as out:
        out.write('{"text": 3}\n')
    report = ops.import_paths(store, [bad])
    assert report.refused and store.documents.count() == 1
    (doc_id,) = store.documents.ids()
    assert store.spans.for_doc(doc_id) == [] and store.documents.get_status(doc_id) == "todo"


def test_the_reddit_teach_lines_on_one_text_make_one_document(store, tmp_path):
    lines = REDDIT.read_text(encoding="utf-8").splitlines()[52:56]  # lines 53-56: one span each
    path = tmp_path / "teach.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ops.import_paths(store, [path])
    assert report.imported == 1 and report.merged == 3 and len(report.duplicates) == 3
    assert _states(store) == {"rejected": 3, "suggested": 1}


def test_a_later_verdict_decides_a_stored_suggestion(store, tmp_path):
    task = {"text": "Ana met Bo.", "spans": [{"start": 0, "end": 3, "label": "PER"}]}
    report = ops.import_paths(store, [_write(tmp_path / "a.jsonl", task | {"answer": "ignore"},
                                             task | {"answer": "reject"})])
    (doc_id,) = store.documents.ids()
    assert [s.state for s in store.spans.for_doc(doc_id)] == ["rejected"]
    assert report.merged == 1 and report.spans == 1 and not report.conflicts
    assert store.documents.get_status(doc_id) == "skipped"  # the first line's: not to do, so kept
