"""Prodigy answers become span states and document statuses (issue 10, defect 1)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop.core.model import State, Status
from desktop.formats import jsonl

DATA = Path(__file__).parent.parent / "data" / "thirdparty" / "prodigy-recipes" / "example-datasets"
REDDIT = DATA / "annotated_reddit-PRODUCT-ner.jsonl"
NEWS = DATA / "annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl"


def _one(tmp_path, task):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    (record,) = jsonl.read(path)
    return record


def test_reddit_product_answers_map_to_states():
    records = list(jsonl.read(REDDIT))
    assert len(records) == 120
    states = Counter(s.state for r in records for s in r.spans)
    # 86 reject lines (one with 5 spans, one of them answered "ignore" on its own),
    # 27 accept lines (one with 2), 7 ignore lines
    assert states == {State.REJECTED: 89, State.ACCEPTED: 28, State.SUGGESTED: 8}
    statuses = Counter(r.doc.status for r in records)
    assert statuses == {Status.TODO: 86, Status.DONE: 27, Status.SKIPPED: 7}


def test_news_headlines_manual_accepts_are_done_and_accepted():
    records = list(jsonl.read(NEWS))
    assert len(records) == 40 and {r.doc.status for r in records} == {Status.DONE}
    assert Counter(s.state for r in records for s in r.spans) == {State.ACCEPTED: 39}


def test_a_span_s_own_answer_wins_over_the_task_s(tmp_path):
    record = _one(tmp_path, {"text": "Ana met Bo.", "answer": "accept", "spans": [
        {"start": 0, "end": 3, "label": "PER", "answer": "reject"},
        {"start": 8, "end": 10, "label": "PER"}]})
    assert [s.state for s in record.spans] == [State.REJECTED, State.ACCEPTED]
    record = _one(tmp_path, {"text": "Ana met Bo.", "answer": "reject", "spans": [
        {"start": 0, "end": 3, "label": "PER", "answer": "ignore"}]})
    assert record.spans[0].state == State.SUGGESTED


@pytest.mark.parametrize("answer", ["accept", "reject", "ignore", None])
def test_spandesk_state_and_status_keys_win(tmp_path, answer):
    task = {"text": "Ana met Bo.", "status": "in_progress",
            "spans": [{"start": 0, "end": 3, "label": "PER", "state": "suggested"}]}
    if answer:
        task["answer"] = answer
    record = _one(tmp_path, task)
    assert record.doc.status == Status.IN_PROGRESS and record.spans[0].state == State.SUGGESTED
