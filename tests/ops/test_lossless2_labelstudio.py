"""Label Studio's two-way relations (`"direction": "bi"`) and the label set's symmetric ones,
on tests/data/thirdparty/labelstudio: a relation whose label is declared symmetric is
written two-way and read back as the same relation, nothing reported dropped; one whose
label is not stays reported (stored one way)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop import ops

EXPORT = Path(__file__).parents[1] / "data/thirdparty/labelstudio/ner-relations-export.json"

LABELS = """
[schema]
name = "news"
version = 1
description = ""
{entities}
[[relation]]
name = "foundedBy"
heads = ["ORG"]
children = ["PERSON"]

[[relation]]
name = "foundedAt"
heads = ["ORG"]
children = ["DATE"]

[[relation]]
name = "related"
heads = ["PERSON"]
children = ["PERSON"]
symmetric = {symmetric}
"""


def _project(store, tmp_path: Path, symmetric: bool) -> None:
    entities = "".join(f'\n[[entity]]\nname = "{e}"\ncolour = "#aa9cfc"\n' for e in ("ORG", "PERSON", "GPE", "DATE"))
    path = tmp_path / f"labels-{symmetric}.toml"
    path.write_text(LABELS.format(entities=entities, symmetric=str(symmetric).lower()), encoding="utf-8")
    ops.set_label_set(store, path)


def _relations(store) -> list[tuple]:
    out = []
    for doc_id in store.documents.ids():
        out += sorted((r.label, r.head.text, r.child.text) for _id, r in store.kinds.for_doc(doc_id).relations)
    return sorted(out)


def _results(path: Path) -> list[dict]:
    return [r for task in json.loads(path.read_text(encoding="utf-8"))
            for entry in task.get("annotations", []) + task.get("predictions", [])
            for r in entry["result"] if r.get("type") == "relation"]


def test_a_symmetric_relation_is_written_two_way_and_read_back_the_same(tmp_path):
    with ops.open_project(tmp_path / "a.db") as store:
        _project(store, tmp_path, symmetric=True)
        report = ops.import_paths(store, [EXPORT])
        assert report.ok and not report.dropped  # the two-way 'related' relation is stored exactly
        read = _relations(store)
        assert ("related", "Kassym-Jomart Tokayev", "Vladimir Putin") in read
        ops.export(store, "labelstudio", tmp_path / "out.json", everything=True)
    written = _results(tmp_path / "out.json")
    assert sorted((r["direction"], r["labels"][0]) for r in written) == [
        ("bi", "related"), ("right", "foundedAt"), ("right", "foundedBy"), ("right", "foundedBy")]
    with ops.open_project(tmp_path / "b.db") as store:
        _project(store, tmp_path, symmetric=True)
        back = ops.import_paths(store, [tmp_path / "out.json"])
        assert back.ok and not back.dropped
        assert _relations(store) == read


def test_a_relation_and_its_reverse_with_a_symmetric_label_are_written_once_two_way(tmp_path):
    with ops.open_project(tmp_path / "a.db") as store:
        _project(store, tmp_path, symmetric=True)
        ops.import_paths(store, [EXPORT])
        (doc_id,) = [d for d in store.documents.ids() if "Putin" in store.documents.text(d)]
        ((_id, rel),) = store.kinds.for_doc(doc_id).relations
        ops.add_relation(store, rel.child.id, rel.head.id, "related")  # Putin → Tokayev as well
        ops.export(store, "labelstudio", tmp_path / "out.json", everything=True)
    assert [r["direction"] for r in _results(tmp_path / "out.json") if r["labels"] == ["related"]] == ["bi"]


def test_a_two_way_relation_whose_label_is_not_symmetric_is_still_reported(tmp_path):
    with ops.open_project(tmp_path / "a.db") as store:
        _project(store, tmp_path, symmetric=False)
        report = ops.import_paths(store, [EXPORT])
        assert not report.ok and len(report.dropped) == 1 and "two-way" in report.dropped[0]
        ops.export(store, "labelstudio", tmp_path / "out.json", everything=True)
    assert "bi" not in {r["direction"] for r in _results(tmp_path / "out.json")}
