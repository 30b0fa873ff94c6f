"""Label Studio results (and doccano entities) whose region ids or relation labels have the
wrong JSON type are a FILE:LINE refusal of the file, never an internal error (an unhashable
id) or a relation per letter of a label given as a string."""

from __future__ import annotations

import json

import pytest

from desktop.core.model import BadInput, Record
from desktop.formats import labelstudio

TEXT = "Ana went to Paris."


def _region(rid, start, end, label):
    return {"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": start, "end": end, "labels": [label]}}


def _read(tmp_path, results):
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([{"data": {"text": TEXT}, "annotations": [{"result": results}]}]), encoding="utf-8")
    return list(labelstudio.read(path))


@pytest.mark.parametrize("results, said", [
    ([_region(["a"], 0, 3, "PERSON")], "id must be a string, not an array"),
    ([_region("a", 0, 3, "PERSON"), {"type": "relation", "from_id": ["a"], "to_id": "a"}], "from_id must be a string"),
    ([_region("a", 0, 3, "PERSON"), {"type": "relation", "from_id": "a", "to_id": {"b": 1}}], "to_id must be a string"),
    ([_region("a", 0, 3, "PERSON"), _region("b", 12, 17, "GPE"),
      {"type": "relation", "from_id": "a", "to_id": "b", "labels": "LIVES_IN"}], "labels must be a list of names"),
    ([_region("a", 0, 3, "PERSON"), _region("b", 12, 17, "GPE"),
      {"type": "relation", "from_id": "a", "to_id": "b", "labels": [5]}], "labels must be a list of names"),
    ([_region("a", 0, 3, "PERSON"), {"id": {"x": 1}, "type": "choices", "value": {"choices": ["y"]}}],
     "id must be a string, not an object"),
])
def test_wrong_types_are_refused_with_file_and_line(tmp_path, results, said):
    [bad] = _read(tmp_path, results)
    assert isinstance(bad, BadInput) and said in bad.reason and bad.line == 1


def test_good_relations_still_read(tmp_path):
    [record] = _read(tmp_path, [_region("a", 0, 3, "PERSON"), _region(7, 12, 17, "GPE"),
                                {"type": "relation", "from_id": "a", "to_id": 7, "labels": ["LIVES_IN"]}])
    assert isinstance(record, Record)
    assert [(r.label, r.head.text, r.child.text) for r in record.relations] == [("LIVES_IN", "Ana", "Paris")]


@pytest.mark.parametrize("line, said", [
    ({"text": TEXT, "entities": [{"id": [1], "start_offset": 0, "end_offset": 3, "label": "PERSON"}]},
     "entity 1: id must be a string or integer, not an array"),
    ({"text": TEXT, "entities": [{"id": 1, "start_offset": 0, "end_offset": 3, "label": "PERSON"}],
      "relations": [{"id": 1, "from_id": [1], "to_id": 1, "type": "X"}]},
     "relation 1: from_id must be a string or integer, not an array"),
])
def test_doccano_ids_of_the_wrong_type_are_refused_with_file_and_line(tmp_path, line, said):
    from desktop.formats import doccano

    path = tmp_path / "dc.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [bad] = list(doccano.read(path))
    assert isinstance(bad, BadInput) and bad.reason == said and bad.line == 1
