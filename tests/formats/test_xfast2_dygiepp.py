"""DyGIE++ read's quick path for relations (two entities by token offsets looked up at once)
reads what the part-by-part checks read, and leaves every other relation to them."""

from __future__ import annotations

import json

import pytest

from desktop.core.model import BadInput
from desktop.formats import dygiepp

SENTENCES = [["Police", "met", "Tokayev", "in", "Almaty"]]
NER = [[[0, 0, "ORG"], [2, 2, "PERSON"], [4, 4, "GPE"]]]


def _read(tmp_path, relations) -> list:
    path = tmp_path / "d.jsonl"
    obj = {"doc_key": "d", "sentences": SENTENCES, "ner": NER, "relations": [relations]}
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    return list(dygiepp.read(path))


def test_a_relation_between_entities_links_them(tmp_path):
    (record,) = _read(tmp_path, [[0, 0, 2, 2, "met"], [2, 2, 4, 4, "in"]])
    assert [(r.label, r.head.text, r.child.text) for r in record.relations] == [
        ("met", "Police", "Tokayev"), ("in", "Tokayev", "Almaty")]
    assert record.relations[0].head is record.spans[0] and not record.dropped


@pytest.mark.parametrize("item", [[True, 0, 2, 2, "met"], [0.0, 0, 2, 2, "met"], [0, 0, 2, 2.0, "met"]])
def test_offsets_that_only_equal_integers_are_refused_as_before(tmp_path, item):
    (bad,) = _read(tmp_path, [item])
    assert isinstance(bad, BadInput) and bad.line == 1
    assert "relation 1 (sentence 1): tokens" in bad.reason and "are not in the document" in bad.reason


def test_an_end_that_is_no_entity_is_dropped_and_bad_shapes_refused(tmp_path):
    (record,) = _read(tmp_path, [[0, 0, 1, 1, "met"]])
    assert record.relations == [] and [d.kind for d in record.dropped] == ["relation"]
    assert "an end is not an entity" in record.dropped[0].reason
    for item in ([0, 0, 2, 2], [0, 0, 2, 2, " "], [0, 0, 2, 2, 5], "0 0 2 2 met"):
        (bad,) = _read(tmp_path, [item])
        assert isinstance(bad, BadInput) and "expected [start1, end1, start2, end2, label]" in bad.reason
    (bad,) = _read(tmp_path, [[0, 0, 7, 7, "met"]])
    assert isinstance(bad, BadInput) and "tokens 7-7 are not in the document" in bad.reason
