"""Label Studio JSON: read an export (spans, relations, choices, notes, predictions,
cancelled annotations), write tasks that read back the same."""

from __future__ import annotations

import io
import json

from desktop.core.model import State, Status
from desktop.formats import labelstudio
from tests.formats.helpers_interchange import THIRDPARTY, annotations, records

# Written by hand from Label Studio's documented export format: see tests/data/thirdparty/README.md.
EXPORT = THIRDPARTY / "labelstudio/ner-relations-export.json"


def round_trip(recs, tmp_path, **kw):
    path = tmp_path / "out.json"
    with open(path, "w", encoding="utf-8") as out:
        assert labelstudio.write(recs, out, **kw) == len(recs)
    json.loads(path.read_text(encoding="utf-8"))  # one JSON list, as Label Studio imports it
    return records(labelstudio.read(path))


def test_export_has_8_spans_4_relations_and_everything_else_counted():
    one, two, three = records(labelstudio.read(EXPORT))
    assert (one.doc.ext_id, one.doc.status, one.line) == ("1", Status.DONE, 2)
    assert [(s.text, s.label, s.state, s.annotator) for s in one.spans][0] == (
        "Google", "ORG", State.ACCEPTED, "ana@example.org")
    assert len(one.spans) == 4 and len(two.spans) == 4
    # "left" relations are turned round: Sergey Brin → Google written as to → from.
    assert sorted((r.label, r.head.text, r.child.text) for r in one.relations) == [
        ("foundedAt", "Google", "September 4, 1998"), ("foundedBy", "Google", "Larry Page"),
        ("foundedBy", "Google", "Sergey Brin")]
    assert one.doc_labels == ["business"]
    assert [(a.name, a.target.text, a.value) for a in one.attributes] == [("confidence", "Larry Page", "certain")]
    assert [(n.text, n.target.text) for n in one.notes] == [("exact day from the press release", "September 4, 1998")]
    assert {s.state for s in two.spans} == {State.SUGGESTED} and {s.model for s in two.spans} == {"en_core_web_sm-3.8.0"}
    assert [(r.label, r.head.text, r.child.text) for r in two.relations] == [
        (labelstudio.UNLABELLED, "Kassym-Jomart Tokayev", "Vladimir Putin")]
    assert [d.kind for d in two.dropped] == ["relation"]  # the two-way relation, stored one way
    # the reason says what was stored and why: a stored relation has a direction, its label's symmetry does not
    assert ("'related' relation 'Kassym-Jomart Tokayev' ↔ 'Vladimir Putin' is two-way" in two.dropped[0].reason
            and "stored one way, 'Kassym-Jomart Tokayev' → 'Vladimir Putin'" in two.dropped[0].reason
            and "symmetric" in two.dropped[0].reason)
    assert two.doc.meta == {"data": {"source": "wire"}}
    assert three.doc.status == Status.SKIPPED and not three.spans


def test_written_tasks_read_back_the_same(tmp_path):
    recs = records(labelstudio.read(EXPORT))
    back = round_trip(recs, tmp_path)
    assert [annotations(r) for r in back] == [annotations(r) for r in recs]
    assert [r.doc.status for r in back] == [r.doc.status for r in recs]
    assert back[1].doc.meta == recs[1].doc.meta


def test_pre_annotations_put_everything_in_predictions(tmp_path):
    recs = records(labelstudio.read(EXPORT))
    out = io.StringIO()
    labelstudio.write(recs[:1], out, predictions_only=True)
    (task,) = json.loads(out.getvalue())
    assert "annotations" not in task and task["predictions"][0]["model_version"] == "spandesk"
    labels = [r for r in task["predictions"][0]["result"] if r["type"] == "labels"]
    assert [(r["value"]["text"], r["value"]["labels"]) for r in labels][0] == ("Google", ["ORG"])
    assert sum(r["type"] == "relation" for r in task["predictions"][0]["result"]) == 3


def test_a_malformed_task_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([
        {"data": {"text": "fine"}},
        {"data": {"text": "abc"}, "annotations": [{"result": [
            {"id": "a", "type": "labels", "value": {"start": 0, "end": 9, "labels": ["X"]}}]}]},
        {"data": {"text": "abc"}, "annotations": [{"result": [
            {"from_id": "a", "to_id": "b", "type": "relation"}]}]},
        {"data": {}},
        {"data": {"text": "also fine"}},
    ], indent=1), encoding="utf-8")
    items = list(labelstudio.read(path))
    assert [type(x).__name__ for x in items] == ["Record", "BadInput", "BadInput", "BadInput", "Record"]
    # Each task is named by the line its object starts on (indent=1 puts " {" there).
    starts = [n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(" {")]
    assert [x.line for x in items[1:4]] == starts[1:4]
    assert "not a stretch of the text" in items[1].reason and "no labels region" in items[2].reason
    assert "no text" in items[3].reason


def test_a_region_without_id_is_no_relation_end(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"data": {"text": "Ana met Bo"}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 0, "end": 3, "labels": ["PER"]}},
        {"type": "labels", "value": {"start": 8, "end": 10, "labels": ["PER"]}},
        {"type": "relation", "labels": ["knows"]}]}]}]), encoding="utf-8")
    (bad,) = list(labelstudio.read(path))
    assert "no labels region" in bad.reason


def test_other_result_types_are_listed_not_lost(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"data": {"text": "Ana met Bo"}, "annotations": [{"result": [
        {"type": "rating", "from_name": "stars", "to_name": "text", "value": {"rating": 4}}]}]}]), encoding="utf-8")
    (rec,) = records(labelstudio.read(path))
    assert [d.kind for d in rec.dropped] == ["rating"] and '"rating": 4' in rec.dropped[0].source
