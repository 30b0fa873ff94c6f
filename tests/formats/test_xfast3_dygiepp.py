"""DyGIE++ read's quick path for events (a one-token trigger, arguments that are entities,
made in one go) reads what `_event`'s checks read, and leaves every other event to them,
with the same messages and dropped arguments."""

from __future__ import annotations

import json
import random

import pytest

from desktop.core.model import BadInput, Layer
from desktop.formats import dygiepp

SENTENCES = [["Police", "met", "Tokayev", "in", "Almaty"], ["Troops", "left", "Almaty", "today"]]
NER = [[[0, 0, "ORG"], [2, 2, "PERSON"], [4, 4, "GPE"]], [[5, 5, "ORG"], [7, 7, "GPE"]]]


def _read(tmp_path, events, **more) -> list:
    path = tmp_path / "d.jsonl"
    obj = {"doc_key": "d", "sentences": SENTENCES, "ner": NER, "events": events, **more}
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    return list(dygiepp.read(path))


def _by_event(tmp_path, events) -> list:
    """The same events, each read by `_event` alone (the general path), on the same document."""
    (record,) = _read(tmp_path, [[] for _ in SENTENCES])
    doc = dygiepp._Doc(SENTENCES)
    for field in NER:
        for a, b, _ in field:
            doc.entities[(a, b)] = next(s for s in record.spans if (s.start, s.end) == (doc.starts[a], doc.ends[b]))
    numbered = enumerate([(i, item) for i, items in enumerate(events, 1) for item in items], 1)  # across sentences
    return [dygiepp._event(doc, record, item, f"event {n} (sentence {i})", []) for n, (i, item) in numbered], \
        record.dropped


def test_an_event_with_entity_arguments_is_made_as_the_general_path_makes_it(tmp_path):
    events = [[[[1, "Contact:Meet"], [0, 0, "Entity"], [2, 2, "Entity"], [4, 4, "Place"]]],
              [[[6, "Movement:Transport"], [5, 5, "Artifact"]], [[8, "Time"]]]]
    (record,) = _read(tmp_path, events)
    expected, dropped = _by_event(tmp_path, events)
    assert record.events == expected and not record.dropped and not dropped
    assert [(e.type, e.trigger.text, e.trigger.layer, [(a.role, a.span.text) for a in e.arguments])
            for e in record.events] == [
        ("Contact:Meet", "met", Layer.TRIGGER, [("Entity", "Police"), ("Entity", "Tokayev"), ("Place", "Almaty")]),
        ("Movement:Transport", "left", Layer.TRIGGER, [("Artifact", "Troops")]),
        ("Time", "today", Layer.TRIGGER, [])]
    assert record.events[0].arguments[1].span is next(s for s in record.spans if s.text == "Tokayev")


def test_random_events_read_as_the_general_path_reads_them(tmp_path):
    rng = random.Random(3)
    for _ in range(40):
        events = [[], []]
        for _ in range(rng.randint(1, 4)):
            t = rng.randrange(9)
            pairs = [(0, 0), (2, 2), (4, 4), (5, 5), (7, 7), (1, 1), (0, 2)]  # entities, and two that are none
            ends = [rng.choice(pairs) for _ in range(rng.randint(0, 3))]
            args = [[a, b, rng.choice(["Entity", "Place"])] for a, b in ends]
            events[0 if t < 5 else 1].append([[t, rng.choice(["Meet", "Move"])], *args])
        (record,) = _read(tmp_path, events)
        expected, dropped = _by_event(tmp_path, events)
        assert record.events == expected
        assert [(d.kind, d.reason) for d in record.dropped] == [(d.kind, d.reason) for d in dropped]


@pytest.mark.parametrize("item, message", [
    ([[True, "Meet"]], "tokens True-True are not in the document"),
    ([[1.0, "Meet"]], "tokens 1.0-1.0 are not in the document"),
    ([[9, "Meet"]], "tokens 9-9 are not in the document"),
    ([[1, " "]], "label must be a non-empty string"),
    ([[1, "Meet"], [0, 0, ""]], "argument [0, 0, ''] is not [start, end, role]"),
    ([[1, "Meet"], [0, True, "Entity"]], "tokens 0-True are not in the document"),
    ([[1, "Meet"], "0 0 Entity"], "argument '0 0 Entity' is not [start, end, role]"),
    ([1, "Meet"], "expected [[trigger, type], [start, end, role], …]"),
])
def test_bad_events_keep_their_messages(tmp_path, item, message):
    (bad,) = _read(tmp_path, [[item], []])
    assert isinstance(bad, BadInput) and bad.line == 1 and "event 1 (sentence 1)" in bad.reason
    assert message in bad.reason


def test_an_argument_that_is_no_entity_is_dropped_and_a_wide_trigger_kept_whole(tmp_path):
    (record,) = _read(tmp_path, [[[[1, "Meet"], [3, 3, "Place"], [2, 2, "Entity"]]], []])
    assert [(a.role, a.span.text) for a in record.events[0].arguments] == [("Entity", "Tokayev")]
    assert [d.kind for d in record.dropped] == ["argument"] and "tokens 3-3" in record.dropped[0].reason
    (record,) = _read(tmp_path, [[[[1, "Meet"], [2, 2, "Entity"]]], []],
                      _spandesk=[{"triggers": [[1, 3, "Meet"]]}, {}])
    assert record.events[0].trigger.text == "met Tokayev in"
