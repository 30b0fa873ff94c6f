"""Prodigy text classification answers become document labels (issue 10, defect 3)."""

from __future__ import annotations

import pytest

from desktop.core.model import BadInput
from desktop.formats import jsonl
from desktop.formats.prodigy_cats import doc_labels

from tests.formats.helpers_interchange import THIRDPARTY, records

PRODIGY = THIRDPARTY / "prodigy-recipes/example-datasets"


def test_binary_answers_accept_gives_the_label_reject_rules_it_out_ignore_says_nothing():
    assert doc_labels({"label": "INSULT", "answer": "accept"}) == (["INSULT"], [])
    assert doc_labels({"label": "INSULT", "answer": "reject"}) == ([], ["INSULT"])
    assert doc_labels({"label": "INSULT", "answer": "ignore"}) == ([], [])


def test_choice_tasks_give_the_chosen_options_when_accepted():
    task = {"options": [{"id": "POS", "text": "positive"}, {"id": "NEG", "text": "negative"}], "accept": ["NEG"]}
    assert doc_labels(task | {"answer": "accept"}) == (["NEG"], [])
    assert doc_labels(task | {"answer": "reject"}) == ([], [])
    # On a span task, a choice is entity linking (a normalisation), not a document label.
    assert doc_labels(task | {"answer": "accept", "spans": [{"start": 0, "end": 1, "label": "X"}]}) == ([], [])


@pytest.mark.parametrize("task, reason", [
    ({"label": ["A"]}, '"label" must be a non-empty string'),
    ({"options": "A", "accept": []}, '"options" is not a list'),
    ({"options": [{"id": 1}], "accept": "1"}, '"accept" is a string'),
    ({"options": [{"id": 1}], "accept": [2]}, "not the id of an option"),
])
def test_malformed_answers_are_refused(task, reason):
    with pytest.raises(BadInput, match=reason):
        doc_labels(task)


def test_real_textcat_files_give_one_label_or_one_rejected_label_per_decided_line():
    for name, label in (("annotated_reddit-INSULT-textcat.jsonl", "INSULT"),
                        ("annotated_github-issues-DOCUMENTATION-textcat.jsonl", "DOCUMENTATION")):
        recs = records(jsonl.read(PRODIGY / name))
        lines = (PRODIGY / name).read_text(encoding="utf-8").count('"answer":"accept"')
        assert sum(r.doc_labels == [label] for r in recs) == lines > 0
        rejected = sum(r.rejected_doc_labels == [label] for r in recs)
        assert rejected == (PRODIGY / name).read_text(encoding="utf-8").count('"answer":"reject"') > 0
        assert not [d for r in recs for d in r.dropped]
