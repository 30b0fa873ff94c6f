"""Agreement over merged annotators (issue 11): a file against itself is 1.0 everywhere;
different work scores below 1 where it differs; only documents two annotators marked done."""

from __future__ import annotations

import math

import pytest

from desktop import ops
from desktop.core.model import SpandeskError
from tests.helpers import annotate_file, find, merged, team_files, team_project


def _full_work(path, name):
    """Entities, an event with an argument and a document label on every document, then done."""
    with ops.open_project(path) as store:
        for doc_id in store.documents.ids():
            text = store.documents.text(doc_id)
            person = ops.add_span(store, doc_id, *find(text, "Ana Smith"), "PERSON", annotator=name).span_id
            ops.add_span(store, doc_id, *find(text, "Paris"), "GPE", annotator=name)
            event = ops.add_event(store, doc_id, *find(text, "met"), "Contact:Meet", annotator=name).event_id
            ops.add_argument(store, event, person, "Entity", annotator=name)
            ops.toggle_doc_label(store, doc_id, "Political statement", annotator=name)
            ops.mark_done(store, doc_id, annotator=name)


def _numbers(obj, skip=("documents", "tokens", "spans", "id", "coverage", "coding_coverage")):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in skip:
                yield from _numbers(v, skip)
    elif isinstance(obj, list):
        for v in obj:
            yield from _numbers(v, skip)
    elif isinstance(obj, float | int) and not isinstance(obj, bool):
        yield obj


def test_a_file_merged_as_two_annotators_agrees_with_itself_everywhere(tmp_path):
    master, files = team_files(tmp_path, 5, ("ana",), overlap_docs=0)
    _full_work(files["ana"], "ana")
    with ops.open_project(master) as store:
        ops.merge_file(store, files["ana"], annotator="ana")
        ops.merge_file(store, files["ana"], annotator="ben")
        report = ops.measure_agreement(store)
    assert report["documents"] == 5 and report["annotators"] == ["ana", "ben"]
    e = report["entities"]
    assert e["pairwise"][0]["f1"] == e["pairwise"][0]["f1_overlap"] == 1.0
    assert e["fleiss_kappa"] == e["krippendorff_alpha"] == e["unitized_alpha"] == 1.0
    assert e["cohen_kappa"][0]["kappa"] == 1.0
    assert report["events"]["trigger_f1"] == report["events"]["argument_f1"] == 1.0
    assert report["doc_labels"]["kappa"]  # the label was compared
    values = list(_numbers({k: v for k, v in report.items() if k != "worst_documents"}))
    assert values and all(math.isnan(v) or v == 1.0 for v in values if v is not None)
    assert [w["f1"] for w in report["worst_documents"]] == [1.0] * 5


def test_different_work_scores_what_differs_and_counts_only_documents_both_marked_done(tmp_path):
    master, files = team_files(tmp_path, 8, marks={"ana": {"Ana Smith": "PERSON", "Paris": "GPE"}}, overlap_docs=4, seed=2)
    annotate_file(files["ben"], "ben", {"Paris": "GPE"}, limit=3)  # one shared document left undone
    with merged(master, files) as store:
        report = ops.measure_agreement(store)
        everything = ops.measure_agreement(store, docs="all")
        only_gpe = ops.measure_agreement(store, labels=["GPE"])
    pair = report["entities"]["pairwise"][0]
    assert report["documents"] <= 3 < 4 == everything["documents"]
    assert {pair["precision"], pair["recall"]} == {0.5, 1.0}  # ana marked two spans, ben one of them
    assert pair["f1"] == pytest.approx(2 / 3)
    assert report["entities"]["per_label"]["GPE"]["f1"] == 1.0
    assert report["entities"]["per_label"]["PERSON"]["f1"] == 0.0
    assert only_gpe["entities"]["pairwise"][0]["f1"] == 1.0
    assert report["entities"]["krippendorff_alpha"] < 1.0


def test_krippendorff_alpha_matches_the_krippendorff_package(tmp_path):
    krippendorff = pytest.importorskip("krippendorff")  # test-only cross-check, when installed
    from desktop.core.agreement.coding import krippendorff_alpha

    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal example with missing data.
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]
    theirs = krippendorff.alpha(reliability_data=[[math.nan if v is None else v for v in row] for row in data],
                                level_of_measurement="nominal")
    items = [[row[i] for row in data if row[i] is not None] for i in range(12)]
    assert krippendorff_alpha(items) == pytest.approx(theirs, abs=1e-9)
    assert theirs == pytest.approx(0.743, abs=1e-3)


def test_an_unknown_annotator_is_named_with_the_known_ones(tmp_path):
    master = team_project(tmp_path, 2)
    with ops.open_project(master) as store, pytest.raises(SpandeskError, match="no merged work by zed"):
        ops.measure_agreement(store, annotators=["zed"])
