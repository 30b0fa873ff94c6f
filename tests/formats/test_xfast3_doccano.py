"""doccano read's quick paths: a relation between two entity ids that are strings or
integers is linked at once, any other id still goes through the checks (and links as
before); an entity in a text without \\r\\n takes its offsets as they are, one in a text
with \\r\\n has them moved."""

from __future__ import annotations

import json

import pytest

from desktop.core.model import BadInput
from desktop.formats import doccano

ENTITIES = [{"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"},
            {"id": 1, "start_offset": 11, "end_offset": 18, "label": "PERSON"},
            {"id": "x", "start_offset": 22, "end_offset": 28, "label": "GPE"}]
TEXT = "Police met Tokayev in Almaty"


def _read(tmp_path, relations, text=TEXT, entities=ENTITIES) -> list:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": text, "entities": entities, "relations": relations}) + "\n",
                    encoding="utf-8")
    return list(doccano.read(path))


def test_relations_link_their_entities_by_any_id_json_can_spell(tmp_path):
    rels = [{"from_id": 0, "to_id": 1, "type": "met"}, {"from_id": 1, "to_id": "x", "type": "in"},
            {"from_id": True, "to_id": 1.0, "type": "same"}]  # True and 1.0 are keys equal to 1, as before
    (record,) = _read(tmp_path, rels)
    assert [(r.label, r.head.text, r.child.text) for r in record.relations] == [
        ("met", "Police", "Tokayev"), ("in", "Tokayev", "Almaty"), ("same", "Tokayev", "Tokayev")]
    assert record.relations[0].head is record.spans[0]


@pytest.mark.parametrize("rel, message", [
    ({"from_id": 0, "to_id": 7, "type": "met"}, "from_id 0 or to_id 7 is not the id of an entity"),
    ({"from_id": [0], "to_id": 1, "type": "met"}, "from_id must be a string or integer, not an array"),
    ({"from_id": 0, "to_id": 1, "type": " "}, "type must be a non-empty string"),
    ({"from_id": 0, "to_id": 1}, "type must be a non-empty string"),
    ([0, 1, "met"], "relation 1 is an array, not an object"),
])
def test_bad_relations_keep_their_messages(tmp_path, rel, message):
    (bad,) = _read(tmp_path, [rel])
    assert isinstance(bad, BadInput) and bad.line == 1 and message in bad.reason


def test_offsets_move_where_the_text_had_crlf_and_not_elsewhere(tmp_path):
    text = "Police\r\nmet Tokayev"
    (record,) = _read(tmp_path, [], text, [{"start_offset": 12, "end_offset": 19, "label": "PERSON"}])
    assert record.doc.text == "Police\nmet Tokayev" and [(s.start, s.end, s.text) for s in record.spans] == [
        (11, 18, "Tokayev")]
    (record,) = _read(tmp_path, [], "Police\nmet Tokayev", [{"start_offset": 11, "end_offset": 18, "label": "P"}])
    assert [(s.start, s.end, s.text) for s in record.spans] == [(11, 18, "Tokayev")]
