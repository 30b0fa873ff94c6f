"""The import report's per-kind counts (issue 10): a duplicate text's events the document
holds already are no loss; other ones are dropped and named; a kind a reader read that the
storing step did not store is named with its FILE:LINE."""

from __future__ import annotations

import json

from desktop import ops

TASK = {"text": "Police arrested Ana in Almaty.", "answer": "accept",
        "spans": [{"start": 16, "end": 19, "label": "PERSON"}],
        "events": [{"type": "Arrest", "trigger": {"start": 7, "end": 15, "text": "arrested"},
                    "arguments": [{"role": "Person", "start": 16, "end": 19, "label": "PERSON", "text": "Ana"}]}]}


def test_a_duplicates_events_count_as_stored_when_the_document_has_them(store, tmp_path):
    same, other = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    same.write_text(json.dumps(TASK) + "\n", encoding="utf-8")
    other.write_text(json.dumps(TASK | {"events": [TASK["events"][0] | {"type": "Detain"}]}) + "\n", encoding="utf-8")
    assert ops.import_paths(store, [same]).ok
    again = ops.import_paths(store, [same])
    assert again.ok and (again.read["events"], again.stored_kinds["events"], again.dropped_kinds["events"]) == (1, 1, 0)
    differs = ops.import_paths(store, [other])
    assert not differs.ok and (differs.stored_kinds["events"], differs.dropped_kinds["events"]) == (0, 1)
    assert differs.dropped == [f"{other}:1: events: 1 not merged into document 1 (same text; its own events kept)"]


def test_a_kind_the_store_did_not_keep_is_named_by_line(store, tmp_path):
    source = tmp_path / "rel.jsonl"
    source.write_text(json.dumps({"text": "Ana met Bo.", "entities": [
        {"id": 1, "start_offset": 0, "end_offset": 3, "label": "PER"},
        {"id": 2, "start_offset": 8, "end_offset": 10, "label": "PER"}],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "met"}]}) + "\n", encoding="utf-8")
    report = ops.import_paths(store, [source], fmt="doccano")
    assert report.read["relations"] == 1
    assert report.read["relations"] == report.stored_kinds["relations"] + report.dropped_kinds["relations"]
    if report.dropped_kinds["relations"]:  # a project that cannot hold relations names what it left
        assert report.dropped == [f"{source}:1: relations: 1 read but not stored"] and not report.ok
