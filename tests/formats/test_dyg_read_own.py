"""DyGIE++ read: our own `_spandesk` field is checked as a whole before any of it is used,
each refusal naming what is wrong (FILE:LINE: reason), in a fixed order: the list's shape
first, then the meta, then the triggers; and what it holds comes back."""

from __future__ import annotations

import json

import pytest

from desktop.core.model import BadInput
from desktop.formats import dygiepp

SENTENCES = [["Police", "met", "Tokayev"], ["Troops", "left"]]
SHAPE = '"_spandesk" is not a list of one object per sentence (2)'
TRIGGERS = '"_spandesk": "triggers" is not a list of [start, end, type]'


def _read(tmp_path, own) -> list:
    path = tmp_path / "d.jsonl"
    obj = {"doc_key": "d", "sentences": SENTENCES, "ner": [[], []], "events": [[[[1, "Meet"]]], []],
           "_spandesk": own}
    path.write_text("\n" + json.dumps(obj) + "\n", encoding="utf-8")
    return list(dygiepp.read(path))


@pytest.mark.parametrize("own, message", [
    ({}, SHAPE),
    ([{}], SHAPE),
    ([{}, {}, {}], SHAPE),
    ([{}, []], SHAPE),
    ([{"triggers": 5}, []], SHAPE),  # the shape is told before the triggers
    ([{"meta": [1], "triggers": 5}, {}], '"_spandesk": "meta" is an array, not an object'),
    ([{"meta": {}}, {"triggers": 5}], TRIGGERS),
    ([{}, {"triggers": [[1, 2]]}], TRIGGERS),
    ([{"triggers": [[1, 2, "Meet"], "x"]}, {}], TRIGGERS),
])
def test_a_bad_own_field_is_refused_with_its_reason(tmp_path, own, message):
    (bad,) = _read(tmp_path, own)
    assert isinstance(bad, BadInput) and bad.line == 2 and bad.reason == message


def test_a_good_own_field_gives_back_its_title_meta_and_whole_trigger(tmp_path):
    own = [{"title": "T", "meta": {"source": "x"}, "triggers": [[1, 2, "Meet"]]}, {"triggers": []}]
    (record,) = _read(tmp_path, own)
    assert not isinstance(record, BadInput)
    assert record.doc.title == "T" and record.doc.meta == {"source": "x"}
    assert [e.trigger.text for e in record.events] == ["met Tokayev"]
