"""Prodigy JSONL lines the mutation sweep (bench/fuzz_import.py) found ending in an internal
error: an `answer` that is a list or an object reached a set lookup (TypeError: unhashable)."""

from __future__ import annotations

import pytest

from desktop.core.model import BadInput, State
from desktop.formats import jsonl

SPAN = '{{"start": 0, "end": 5, "label": "X"{extra}}}'


@pytest.fixture
def _read(tmp_path):
    def read(lines: str):
        path = tmp_path / "f.jsonl"
        path.write_text(lines + "\n", encoding="utf-8")
        return list(jsonl.read(path))
    return read


@pytest.mark.parametrize("answer", ["[]", "{}", '["accept"]', "5", "true"])
def test_a_task_answer_that_is_no_string_is_refused_by_line(_read, answer):
    line = '{"text": "Alpha beta.", "spans": [' + SPAN.format(extra="") + '], "answer": ' + answer + "}"
    [bad] = _read(line)
    assert isinstance(bad, BadInput) and bad.line == 1 and '"answer" is' in bad.reason


@pytest.mark.parametrize("answer", ["[]", '{"a": 1}'])
def test_a_span_answer_that_is_no_string_is_refused_by_span(_read, answer):
    line = '{"text": "Alpha beta.", "spans": [' + SPAN.format(extra=', "answer": ' + answer) + "]}"
    [bad] = _read(line)
    assert isinstance(bad, BadInput) and bad.line == 1 and 'span 1: "answer" is' in bad.reason


def test_string_and_absent_answers_read_as_before(_read):
    accepted, undecided, rejected = _read(
        '{"text": "Alpha beta.", "spans": [' + SPAN.format(extra="") + '], "answer": "accept"}\n'
        '{"text": "Gamma delta.", "spans": [' + SPAN.format(extra="") + '], "answer": null}\n'
        '{"text": "Eps zeta.", "spans": [' + SPAN.format(extra=', "answer": "reject"') + "]}")
    assert [r.spans[0].state for r in (accepted, undecided, rejected)] == [State.ACCEPTED, State.SUGGESTED,
                                                                           State.REJECTED]


@pytest.mark.parametrize("label", ["[1, 2]", '{"a": 1}', "5"])
def test_a_relation_end_whose_label_is_no_string_is_refused_by_line(_read, label):
    # sweep case: a list reached the set of event arguments (TypeError: unhashable), not the check
    span = SPAN.format(extra="")
    line = ('{"text": "Alpha beta.", "spans": [' + span + ', {"start": 6, "end": 10, "label": "Y"}], '
            '"relations": [{"label": "R", "head_span": {"start": 0, "end": 5, "label": "X"}, '
            '"child_span": {"start": 6, "end": 10, "label": ' + label + "}}]}")
    [bad] = _read(line)
    assert isinstance(bad, BadInput) and bad.line == 1
    assert "relation 1, child_span: label must be a non-empty string" in bad.reason


@pytest.mark.parametrize("accept", ['[{"a": 1}]', '[["Q1"]]', '["Q1", true]'])
def test_an_entity_linking_choice_that_is_no_option_id_is_refused_by_line(_read, accept):
    # sweep case (--paths): an object among the accepted ids was unhashable (internal error)
    line = ('{"text": "Alpha beta.", "spans": [' + SPAN.format(extra="") + '], "answer": "accept", '
            '"options": [{"id": "Q1", "text": "one"}], "accept": ' + accept + "}")
    [bad] = _read(line)
    assert isinstance(bad, BadInput) and bad.line == 1 and '"accept" is an array holding' in bad.reason


def test_an_entity_linking_choice_still_reads(_read):
    line = ('{"text": "Alpha beta.", "spans": [' + SPAN.format(extra="") + '], "answer": "accept", '
            '"options": [{"id": "Q1", "text": "one"}], "accept": ["Q1"]}')
    [record] = _read(line)
    assert [(n.key, n.name) for n in record.normalisations] == [("Q1", "one")]
