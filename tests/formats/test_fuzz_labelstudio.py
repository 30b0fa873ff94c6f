"""A Label Studio annotation or prediction without its `result`, as the mutation sweep
(bench/fuzz_import.py) made one: refused as FILE:LINE (it ended in KeyError: 'result')."""

from __future__ import annotations

import json

import pytest

from desktop.core.model import BadInput, Record
from desktop.formats import labelstudio

REGION = {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
          "value": {"start": 0, "end": 3, "labels": ["PERSON"]}}


def _read(tmp_path, task):
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([{"data": {"text": "Ana went to Paris."}, **task}]), encoding="utf-8")
    return list(labelstudio.read(path))


@pytest.mark.parametrize("task, said", [
    ({"annotations": [{"a": 1}]}, "annotation 1 is not an object with a result list"),
    ({"annotations": [{"result": [REGION]}, {"completed_by": 2}]}, "annotation 2 is not an object with a result list"),
    ({"predictions": [{"model_version": "m"}]}, "prediction 1 is not an object with a result list"),
])
def test_an_entry_without_its_result_is_refused_by_line(tmp_path, task, said):
    [bad] = _read(tmp_path, task)
    assert isinstance(bad, BadInput) and said in bad.reason and bad.line == 1


def test_an_entry_with_an_empty_result_is_still_read(tmp_path):
    [record] = _read(tmp_path, {"annotations": [{"result": []}], "predictions": [{"result": [REGION]}]})
    assert isinstance(record, Record) and [s.text for s in record.spans] == ["Ana"]
