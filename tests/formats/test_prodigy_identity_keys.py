"""Which Prodigy identity keys the JSONL reader keeps, and where the writer puts them (issue 10, defect 8)."""

from __future__ import annotations

import io
import json

from desktop.core.model import Record, Token
from desktop.formats import jsonl


def _read(tmp_path, task):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    (record,) = jsonl.read(path)
    return record


def test_a_line_spandesk_wrote_keeps_no_identity(tmp_path):
    text = "Ana met Bo."
    out = io.StringIO()
    jsonl.write([Record(jsonl.Document(text), tokens=[Token(0, 3, True), Token(4, 7, True), Token(8, 10, False),
                                                     Token(10, 11, False)])], out)
    record = _read(tmp_path, json.loads(out.getvalue()))
    assert "prodigy" not in record.doc.meta


def test_prodigy_keys_go_to_meta_and_tokens_only_when_they_fit(tmp_path):
    tokens = [{"text": "Ana", "start": 0, "end": 3, "id": 0}]
    record = _read(tmp_path, {"text": "Ana met Bo.", "_input_hash": 5, "_view_id": "ner", "tokens": tokens,
                              "_timestamp": [1], "meta": {"source": "x"}})
    assert record.doc.meta == {"source": "x", "prodigy": {"_input_hash": 5, "_view_id": "ner", "tokens": tokens}}
    # CRLF becomes LF in the stored text: the file's offsets no longer fit it
    record = _read(tmp_path, {"text": "Ana\r\nmet.", "_input_hash": 5, "tokens": [{"start": 5, "end": 8}]})
    assert record.doc.meta == {"prodigy": {"_input_hash": 5}}
    record = _read(tmp_path, {"text": "Ana met.", "tokens": [{"start": 4, "end": 7}, {"start": 0, "end": 3}]})
    assert record.doc.meta == {}  # out of order: not kept


def test_the_writer_puts_the_identity_at_the_top_level_not_in_meta():
    tokens = [{"text": "Ana", "start": 0, "end": 3, "id": 0}, {"text": "met", "start": 4, "end": 7, "id": 1}]
    doc = jsonl.Document("Ana met", meta={"a": 1, "prodigy": {"_input_hash": 5, "_task_hash": 6,
                                                               "_session_id": None, "tokens": tokens}})
    out = io.StringIO()
    jsonl.write([Record(doc, tokens=[Token(0, 3, True), Token(4, 7, False)])], out)
    task = json.loads(out.getvalue())
    assert task["meta"] == {"a": 1}
    assert (task["_input_hash"], task["_task_hash"], task["_session_id"], task["tokens"]) == (5, 6, None, tokens)
    assert list(task)[:6] == ["text", "meta", "_input_hash", "_task_hash", "_session_id", "tokens"]
