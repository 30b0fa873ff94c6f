"""Prodigy's task identity survives import and JSONL export (issue 10, defect 8)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop import ops

DATA = Path(__file__).parent.parent / "data" / "thirdparty" / "prodigy-recipes" / "example-datasets"
NEWS = DATA / "annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl"
REDDIT = DATA / "annotated_reddit-PRODUCT-ner.jsonl"
KEYS = ("_input_hash", "_task_hash", "_annotator_id", "_session_id", "_timestamp", "_view_id", "tokens")


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _identity(task):
    return {k: task[k] for k in KEYS if k in task}


def test_news_headlines_hashes_session_view_and_tokens_are_written_back(store, tmp_path):
    assert ops.import_paths(store, [NEWS]).ok
    out = tmp_path / "out.jsonl"
    assert ops.export(store, "jsonl", out, everything=True) == 40
    given = {t["text"]: t for t in _lines(NEWS)}
    written = _lines(out)
    assert len(written) == 40
    for task in written:
        original = given[task["text"]]
        assert _identity(task) == _identity(original)  # 5 keys each: no _annotator_id, _timestamp in this file
        assert task["meta"] == original["meta"]  # the identity is not shown to Prodigy's annotators as meta
        assert [(s["start"], s["end"], s["token_start"], s["token_end"], s["label"]) for s in task["spans"]] == [
            (s["start"], s["end"], s["token_start"], s["token_end"], s["label"]) for s in original.get("spans", [])]


def test_reddit_hashes_are_kept_and_our_tokens_written(store, tmp_path):
    assert ops.import_paths(store, [REDDIT]).ok
    out = tmp_path / "out.jsonl"
    ops.export(store, "jsonl", out, everything=True)
    first = {}
    for t in _lines(REDDIT):
        first.setdefault(t["text"], t)
    written = _lines(out)
    assert len(written) == 115
    assert all((t["_input_hash"], t["_task_hash"]) == (first[t["text"]]["_input_hash"], first[t["text"]]["_task_hash"])
               for t in written)
    assert all(t["tokens"] for t in written)


def test_export_import_export_of_prodigy_documents_is_identical(store, tmp_path):
    ops.import_paths(store, [NEWS, REDDIT])
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    ops.export(store, "jsonl", first, everything=True)
    with ops.open_project(tmp_path / "copy.db") as copy:
        assert ops.import_paths(copy, [first]).ok
        ops.export(copy, "jsonl", second, everything=True)
    assert second.read_bytes() == first.read_bytes()


def test_identity_keys_of_a_hand_written_line_are_kept(store, tmp_path):
    task = {"text": "Ana met Bo.", "_input_hash": 1, "_task_hash": 2, "_annotator_id": "set-ana",
            "_session_id": "set-ana", "_timestamp": 1700000000, "_view_id": "ner_manual",
            "tokens": [{"text": "Ana", "start": 0, "end": 3, "id": 0, "ws": True}],  # does not cover "Bo"
            "spans": [{"start": 8, "end": 10, "label": "PER"}], "answer": "accept"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    ops.import_paths(store, [path])
    out = tmp_path / "out.jsonl"
    ops.export(store, "jsonl", out, everything=True)
    (written,) = _lines(out)
    assert {k: written[k] for k in KEYS[:-1]} == {k: task[k] for k in KEYS[:-1]}
    # the file's tokens do not cover the span, so the stored tokens are written
    assert [t["text"] for t in written["tokens"]] == ["Ana", "met", "Bo", "."]
    assert written["spans"][0]["token_start"] == 2
