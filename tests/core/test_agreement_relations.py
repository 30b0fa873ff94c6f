"""Relation agreement in the report (issue 11): head offsets, child offsets and label, exact."""

from __future__ import annotations

import pytest

from desktop.core.agreement import AnnotatorWork, DocWork, build_report
from desktop.core.annotations import Relation
from desktop.core.model import Span

TEXT = "Ana Smith met Bob Jones in Paris on Monday ."
ANA_SMITH, BOB, PARIS = Span(0, 9, "PERSON", "Ana Smith"), Span(14, 23, "PERSON", "Bob Jones"), Span(27, 32, "GPE", "Paris")


def _doc(doc_id, **by):
    return DocWork(id=doc_id, length=len(TEXT), by=by, text=TEXT)


def test_relation_f1_counts_exact_head_child_and_label_per_pair_and_pooled():
    ana = AnnotatorWork(relations=[Relation("met", ANA_SMITH, BOB), Relation("in", BOB, PARIS)])
    ben = AnnotatorWork(relations=[(0, 9, 14, 23, "met"), (14, 23, 27, 32, "located_in"), (0, 9, 27, 32, "in")])
    chen = AnnotatorWork(relations=[(0, 9, 14, 23, "met")])
    report = build_report([_doc(1, ana=ana, ben=ben, chen=chen)])
    pairs = {(p["a"], p["b"]): p for p in report["relations"]["pairwise"]}
    ab = pairs[("ana", "ben")]
    assert (ab["precision"], ab["recall"], ab["f1"]) == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert pairs[("ana", "chen")]["f1"] == pytest.approx(2 / 3)
    assert pairs[("ben", "chen")]["f1"] == pytest.approx(0.5)
    # pooled: tp 1+1+1, fp 2+0+0, fn 1+1+2 -> 6 / (6 + 2 + 4)
    assert report["relations"]["f1"] == pytest.approx(0.5)


def test_reversed_relation_is_a_different_relation_and_nothing_marked_is_agreement():
    ana = AnnotatorWork(relations=[(0, 9, 14, 23, "met")])
    ben = AnnotatorWork(relations=[(14, 23, 0, 9, "met")])
    assert build_report([_doc(1, ana=ana, ben=ben)])["relations"]["f1"] == 0.0
    empty = build_report([_doc(1, ana=AnnotatorWork(), ben=AnnotatorWork())])
    assert empty["relations"]["f1"] == 1.0 and empty["relations"]["pairwise"][0]["f1"] == 1.0
    assert build_report([])["relations"] == {"pairwise": [], "f1": None}
