"""Relations in the team workflow (issue 11): merged as each annotator's, measured by
`relations.f1`, and adjudicated like spans (one decision per pair of related spans)."""

from __future__ import annotations

import hashlib
import json

import pytest

from desktop import ops
from desktop.store.team import Version, team_of
from desktop.store.team_source import fingerprint
from tests.helpers import find, merged, relate_file, team_files

SPANS = {"Ana Smith": "PERSON", "Ben Jones": "PERSON", "Paris": "GPE"}


@pytest.fixture
def team(tmp_path):
    """Two documents both ana and ben did, the same spans; both related Ana Smith to Ben
    Jones ("PER-SOC:Business"), but Ana Smith to Paris ana as "GEN-AFF:Citizen-Resident-Religion-Ethnicity" and ben as "PHYS:Near"."""
    master, files = team_files(tmp_path, 2, marks={"ana": SPANS, "ben": SPANS})
    for name, other in (("ana", "GEN-AFF:Citizen-Resident-Religion-Ethnicity"), ("ben", "PHYS:Near")):
        relate_file(files[name], name, [("Ana Smith", "Ben Jones", "PER-SOC:Business"), ("Ana Smith", "Paris", other)])
    return master, files


def _relations(store, doc_id) -> list[tuple[str, str, str]]:
    return sorted((r.head.text, r.label, r.child.text) for _, r in ops.relations(store, doc_id))


def test_merge_brings_each_annotators_relations_and_undo_takes_them_back(team):
    master, files = team
    with ops.open_project(master) as store:
        reports = ops.merge_files(store, [files["ana"], files["ben"]])
        doc_id = store.documents.ids()[0]
        versions = team_of(store).versions(doc_id)
        assert sorted((r.head.text, r.label, r.child.text) for r in versions["ana"].relations) == [
            ("Ana Smith", "GEN-AFF:Citizen-Resident-Religion-Ethnicity", "Paris"), ("Ana Smith", "PER-SOC:Business", "Ben Jones")]
        assert sorted(r.label for r in versions["ben"].relations) == ["PER-SOC:Business", "PHYS:Near"]
        assert ops.merge_file(store, files["ana"]).documents == 0  # the same file again: nothing new
        assert store.query("SELECT COUNT(*) AS n FROM team_relations")[0]["n"] == 8
        ops.undo(store)  # ben's merge
        assert store.query("SELECT COUNT(*) AS n FROM team_relations WHERE annotator = 'ben'")[0]["n"] == 0
        assert store.query("SELECT COUNT(*) AS n FROM team_relations WHERE annotator = 'ana'")[0]["n"] == 4
        assert reports[1].annotators == {"ben": 2}


def test_a_later_copy_with_a_changed_relation_updates_that_version(team):
    master, files = team
    with ops.open_project(master) as store:
        ops.merge_files(store, [files["ana"], files["ben"]])
    with ops.open_project(files["ben"]) as ben:
        doc_id = ben.documents.ids()[0]
        (rel_id,) = [i for i, r in ops.relations(ben, doc_id) if r.label == "PHYS:Near"]
        ops.delete_relation(ben, rel_id, annotator="ben")
    with ops.open_project(master) as store:
        assert ops.merge_file(store, files["ben"]).annotators == {"ben": 1}
        labels = {d: sorted(r.label for r in team_of(store).versions(d)["ben"].relations)
                  for d in store.documents.ids()}
        assert sorted(labels.values()) == [["PER-SOC:Business"], ["PER-SOC:Business", "PHYS:Near"]]


def test_a_version_without_relations_keeps_its_fingerprint_from_before_relations():
    # files merged before relations were merged must still be recognised as merged
    version = Version("done", "", labels=["Protest"])
    before = hashlib.sha1(json.dumps(["done", [], [], ["Protest"]]).encode()).hexdigest()
    assert fingerprint(version) == before


def test_agreement_reports_relation_f1_pairwise_and_pooled(team):
    master, files = team
    with ops.open_project(master) as store:
        ops.merge_files(store, [files["ana"], files["ben"]])
        report = ops.measure_agreement(store)
        assert report["documents"] == 2
        (pair,) = report["relations"]["pairwise"]
        # each document: 2 relations each, 1 in common (head, child and label exact)
        assert (pair["a"], pair["b"], pair["documents"]) == ("ana", "ben", 2)
        assert pair["precision"] == pair["recall"] == pair["f1"] == pytest.approx(0.5)
        assert report["relations"]["f1"] == pytest.approx(0.5)
        alone = ops.measure_agreement(store, annotators=["ana", "ben"], docs="all")
        assert alone["relations"]["f1"] == pytest.approx(0.5)


def test_review_preaccepts_the_agreed_relation_and_decides_the_disputed_one(team):
    master, files = team
    store = ops.open_project(master)
    try:
        ops.merge_files(store, [files["ana"], files["ben"]])
        doc_id = store.documents.ids()[0]
        r = ops.review(store, doc_id)
        assert [(x.head.text, x.label, x.child.text) for x in r.agreed_relations] == [("Ana Smith", "PER-SOC:Business", "Ben Jones")]
        (d,) = [d for d in r.disagreements if d.kind == "relation"]
        assert {a: [k[2] for k in ks] for a, ks in d.options.items()} == {"ana": ["GEN-AFF:Citizen-Resident-Religion-Ethnicity"], "ben": ["PHYS:Near"]}
        assert [x.kind for x in r.disagreements] == ["relation"]  # the spans themselves are agreed

        ops.preaccept(store, doc_id, annotator="lead")
        assert _relations(store, doc_id) == [("Ana Smith", "PER-SOC:Business", "Ben Jones")]
        assert ops.decided(store, doc_id, d) == ops.NEITHER

        ops.decide(store, doc_id, d, "ana", annotator="lead")
        assert _relations(store, doc_id) == [("Ana Smith", "GEN-AFF:Citizen-Resident-Religion-Ethnicity", "Paris"), ("Ana Smith", "PER-SOC:Business", "Ben Jones")]
        assert ops.decided(store, doc_id, d) == "ana"
        ops.decide(store, doc_id, d, "ben", annotator="lead")
        assert ("Ana Smith", "PHYS:Near", "Paris") in _relations(store, doc_id)
        assert ("Ana Smith", "GEN-AFF:Citizen-Resident-Religion-Ethnicity", "Paris") not in _relations(store, doc_id)
        ops.decide(store, doc_id, d, ops.BOTH, annotator="lead")
        assert ops.decided(store, doc_id, d) == ops.BOTH and len(_relations(store, doc_id)) == 3
        ops.decide(store, doc_id, d, ops.NEITHER, annotator="lead")
        assert _relations(store, doc_id) == [("Ana Smith", "PER-SOC:Business", "Ben Jones")]
        ops.undo(store)
        assert len(_relations(store, doc_id)) == 3  # one decision, one undo
    finally:
        store.close()


def test_taking_a_relation_whose_spans_the_gold_lacks_accepts_them_too(tmp_path):
    master, files = team_files(tmp_path, 1, marks={"ana": SPANS, "ben": {"Paris": "GPE"}})
    relate_file(files["ana"], "ana", [("Ben Jones", "Paris", "GEN-AFF:Citizen-Resident-Religion-Ethnicity")])
    with merged(master, files) as store:
        doc_id = store.documents.ids()[0]
        (d,) = [d for d in ops.review(store, doc_id).disagreements if d.kind == "relation"]
        ops.decide(store, doc_id, d, "ana", annotator="lead")
        assert _relations(store, doc_id) == [("Ben Jones", "GEN-AFF:Citizen-Resident-Religion-Ethnicity", "Paris")]
        text = store.documents.text(doc_id)
        assert (find(text, "Ben Jones"), "PERSON") in {((s.start, s.end), s.label) for s in store.spans.for_doc(doc_id)}


def test_export_of_one_annotator_carries_their_relations(team, tmp_path):
    master, files = team
    with ops.open_project(master) as store:
        ops.merge_files(store, [files["ana"], files["ben"]])
        out = tmp_path / "ben.jsonl"
        assert ops.export(store, "jsonl", out, annotator="ben") == 2
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for task in tasks:
        text = task["text"]
        by_start = {s["start"]: text[s["start"]:s["end"]] for s in task["spans"]}
        assert sorted((by_start[r["head_span"]["start"]], r["label"], by_start[r["child_span"]["start"]])
                      for r in task["relations"]) == [("Ana Smith", "PER-SOC:Business", "Ben Jones"), ("Ana Smith", "PHYS:Near", "Paris")]
