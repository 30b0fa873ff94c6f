"""doccano's entity fast path (an entity checked and made in one test) against Text.span's checks."""

from __future__ import annotations

import json

from desktop.core.model import BadInput
from desktop.formats import doccano


def test_doccano_entities_read_in_one_test_say_what_the_checks_said(tmp_path):
    """The entity fast path makes what Text.span makes, and leaves every refusal to it."""
    text = "Ana met\r\nBo  in Almaty."
    good = [{"id": 0, "start_offset": 0, "end_offset": 3, "label": "PER"},
            {"id": "b", "start_offset": 9, "end_offset": 11, "label": "PER"},
            {"id": 2, "start_offset": 16, "end_offset": 22, "label": "GPE"},
            {"id": 3, "start_offset": 16, "end_offset": 22, "label": "GPE"}]
    lines = [{"text": text, "entities": good, "relations": [{"from_id": 0, "to_id": "b", "type": "met"}]}]
    bad = [(0, 0, "PER"), (0, 3, ""), (0, 3, 7), (0.0, 3, "PER"), (11, 13, "PER"), (0, 99, "PER"), (7, 8, "PER")]
    lines += [{"text": text, "entities": [{"start_offset": a, "end_offset": b, "label": x}]} for a, b, x in bad]
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    first, *refused = doccano.read(path)
    assert [(s.start, s.end, s.text, s.label) for s in first.spans] == [
        (0, 3, "Ana", "PER"), (8, 10, "Bo", "PER"), (15, 21, "Almaty", "GPE")]  # the \r is dropped
    assert [(r.head.text, r.child.text) for r in first.relations] == [("Ana", "Bo")]
    assert [d.reason for d in first.dropped] == ["entity 4: the same span is listed twice"]
    assert all(isinstance(r, BadInput) and r.reason.startswith("entity 1") for r in refused)
    assert len(refused) == len(bad)
