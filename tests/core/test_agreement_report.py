"""The agreement report over plain documents: its JSON shape, self-agreement, degenerate data."""

from __future__ import annotations

import json
import math

import pytest

from desktop.core.agreement import AnnotatorWork, DocWork, build_report, worst_documents

TEXT = "Ana Smith met Bob Jones in Paris on Monday ."
ANA = AnnotatorWork(
    spans=[(0, 9, "PERSON"), (14, 23, "PERSON"), (27, 32, "GPE")],
    events=[(10, 13, "Meet", [("Entity", 0, 9), ("Place", 27, 32)])],
    doc_labels={"politics"},
)
BEN = AnnotatorWork(
    spans=[(0, 9, "PERSON"), (14, 17, "PERSON"), (27, 32, "LOC")],
    events=[(10, 13, "Meet", [("Entity", 0, 9)])],
    doc_labels={"politics", "sport"},
)


def _doc(doc_id, by, text=TEXT, title=""):
    return DocWork(id=doc_id, title=title or f"doc {doc_id}", length=len(text), by=by, text=text)


def _numbers(obj):
    """Every number in a nested report, for 'everything is 1.0' checks."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in ("documents", "tokens", "spans", "id", "coverage", "coding_coverage"):
                yield from _numbers(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _numbers(v)
    elif isinstance(obj, float | int) and not isinstance(obj, bool):
        yield obj


def test_report_has_the_keys_the_issue_names_and_is_json():
    report = build_report([_doc(1, {"ana": ANA, "ben": BEN})])
    assert report["documents"] == 1 and report["annotators"] == ["ana", "ben"]
    e = report["entities"]
    pair = e["pairwise"][0]
    assert set(pair) >= {"a", "b", "precision", "recall", "f1", "f1_overlap"}
    assert pair["f1"] == pytest.approx(1 / 3) and pair["f1_overlap"] == pytest.approx(2 / 3)
    assert e["per_label"]["PERSON"]["f1"] == pytest.approx(0.5)
    assert e["cohen_kappa"][0]["a"] == "ana" and -1 <= e["cohen_kappa"][0]["kappa"] < 1
    for key in ("fleiss_kappa", "krippendorff_alpha", "unitized_alpha"):
        assert isinstance(e[key], float) and e[key] < 1
    assert report["events"]["trigger_f1"] == 1.0
    assert report["events"]["argument_f1"] == pytest.approx(2 / 3)
    assert report["doc_labels"]["kappa"] == {"politics": 1.0, "sport": 0.0}
    worst = report["worst_documents"][0]
    assert (worst["id"], worst["title"], worst["f1"]) == (1, "doc 1", pytest.approx(1 / 3))
    assert json.loads(json.dumps(report)) == report


def test_a_file_with_itself_agrees_perfectly_everywhere():
    docs = [_doc(1, {"ana": ANA, "ana2": ANA, "ana3": ANA}), _doc(2, {"ana": BEN, "ana2": BEN})]
    report = build_report(docs)
    numbers = list(_numbers({k: report[k] for k in ("entities", "events", "doc_labels")}))
    assert numbers and all(n == 1.0 for n in numbers)
    assert all(row["f1"] == 1.0 for row in report["worst_documents"])


def test_a_file_with_no_annotations_agrees_with_itself():
    empty = AnnotatorWork()
    report = build_report([_doc(1, {"a": empty, "b": empty})])
    e = report["entities"]
    assert e["pairwise"][0]["f1"] == e["pairwise"][0]["f1_overlap"] == 1.0
    assert e["cohen_kappa"][0]["kappa"] == e["fleiss_kappa"] == e["krippendorff_alpha"] == 1.0
    assert e["unitized_alpha"] == 1.0 and e["per_label"] == {}
    assert report["events"]["trigger_f1"] == report["events"]["argument_f1"] == 1.0
    assert report["doc_labels"]["kappa"] == {}


def test_one_annotator_gives_nothing_to_measure():
    report = build_report([_doc(1, {"ana": ANA})])
    assert report["documents"] == 0
    e = report["entities"]
    assert e["pairwise"] == [] and e["cohen_kappa"] == []
    assert e["fleiss_kappa"] is None and e["krippendorff_alpha"] is None
    assert e["unitized_alpha"] is None
    assert report["events"]["trigger_f1"] is None
    assert report["worst_documents"] == []
    assert build_report([])["documents"] == 0


def test_missing_annotators_contribute_nothing_to_a_document():
    # chen did not annotate doc 1: the ana-chen pair rests on doc 2 alone.
    docs = [_doc(1, {"ana": ANA, "ben": BEN}), _doc(2, {"ana": ANA, "ben": ANA, "chen": ANA})]
    report = build_report(docs)
    pairs = {(p["a"], p["b"]): p for p in report["entities"]["pairwise"]}
    assert pairs["ana", "chen"]["documents"] == 1 and pairs["ana", "chen"]["f1"] == 1.0
    assert pairs["ana", "ben"]["documents"] == 2
    assert report["entities"]["tokens"] == 20
    assert math.isclose(report["entities"]["cohen_kappa"][1]["kappa"], 1.0)


def test_chosen_annotators_and_labels():
    docs = [_doc(1, {"ana": ANA, "ben": BEN, "chen": ANA})]
    report = build_report(docs, annotators=["chen", "ana"], labels={"PERSON"})
    assert report["annotators"] == ["chen", "ana"]
    assert [(p["a"], p["b"]) for p in report["entities"]["pairwise"]] == [("chen", "ana")]
    assert set(report["entities"]["per_label"]) == {"PERSON"}


def test_tokens_given_or_whitespace():
    # Given tokens decide the items; without tokens or text a document has none.
    by = {"ana": ANA, "ben": ANA}
    given = DocWork(id=1, length=len(TEXT), by=by, tokens=[(0, 3), (4, 9)])
    assert build_report([given])["entities"]["tokens"] == 2
    bare = DocWork(id=1, length=len(TEXT), by=by)
    assert build_report([bare])["entities"]["tokens"] == 0
    assert build_report([bare])["entities"]["fleiss_kappa"] is None


def test_worst_documents_rank_lowest_pairwise_f1_first():
    docs = [
        _doc("b", {"ana": ANA, "ben": ANA}),
        _doc("a", {"ana": ANA, "ben": BEN}),
        _doc("c", {"ana": ANA, "ben": ANA, "chen": AnnotatorWork()}),
    ]
    rows = worst_documents(docs)
    assert [r["id"] for r in rows] == ["c", "a", "b"]
    assert rows[0]["f1"] == 0.0 and {rows[0]["a"], rows[0]["b"]} <= {"ana", "ben", "chen"}
    assert worst_documents(docs, limit=1) == rows[:1]


def test_doc_label_kappa_with_three_annotators_is_fleiss():
    docs = [
        _doc(i, {n: AnnotatorWork(doc_labels=labels) for n, labels in zip("xyz", row)})
        for i, row in enumerate([({"p"}, {"p"}, {"p"}), (set(), set(), {"p"}), (set(), set(), set())])
    ]
    dl = build_report(docs)["doc_labels"]
    assert dl["kappa"] == dl["fleiss_kappa"]
    assert dl["kappa"]["p"] == pytest.approx(0.55)  # P̄ = 7/9, P̄_e = 41/81: (22/81)/(40/81)
    assert len(dl["cohen_kappa"]) == 3


def test_many_copies_of_one_file_agree_exactly():
    # Coincidences are sums of n/(m - 1): with m - 1 not a power of two, perfect
    # agreement must still read exactly 1.0, not 0.9999999999999998.
    import random

    rng = random.Random(5)
    for m in (4, 6, 7):
        spans = sorted({(s, s + rng.randint(1, 4), rng.choice("XYZ")) for s in range(0, 40, 5)})
        work = AnnotatorWork(spans=spans, doc_labels={"p"})
        report = build_report([_doc(1, {str(i): work for i in range(m)}, text="w " * 25)])
        numbers = list(_numbers({k: report[k] for k in ("entities", "events", "doc_labels")}))
        assert numbers and all(n == 1.0 for n in numbers), (m, report)
