"""DyGIE++ documents on DyGIE++'s own test fixtures: token offsets to character offsets,
every entity, relation, event and cluster read, and written back the same."""

from __future__ import annotations

import io
import json

import pytest

from desktop.core.model import BadInput, Document, Event, Layer, Record, Span, Token
from desktop.formats import dygiepp
from tests.formats.helpers_interchange import THIRDPARTY, annotations, records

FIXTURES = THIRDPARTY / "dygiepp/dygie/tests/fixtures"


def round_trip(recs, tmp_path):
    path = tmp_path / "out.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        assert dygiepp.write(recs, out) == len(recs)
    return records(dygiepp.read(path)), [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_scierc_article_has_25_entities_15_relations_4_clusters_and_all_come_back(tmp_path):
    (rec,) = records(dygiepp.read(FIXTURES / "scierc_article.json"))
    assert rec.doc.ext_id == "CVPR_2003_18_abs" and rec.doc.meta == {"dataset": "scierc"}
    assert (len(rec.spans), len(rec.relations), len(rec.equivalences)) == (25, 15, 4)
    assert sum(len(e.members) for e in rec.equivalences) == 10
    assert not rec.dropped
    first = rec.doc.text.split("\n")[0]
    assert first.startswith("In this paper , a novel method")
    # ner [6, 6, "Method"]: token 6 of the document, "method".
    assert any((s.text, s.label) == ("method", "Method") for s in rec.spans)
    (back,), (obj,) = round_trip([rec], tmp_path)
    assert annotations(back) == annotations(rec)
    original = json.loads((FIXTURES / "scierc_article.json").read_text(encoding="utf-8"))
    assert obj["sentences"] == original["sentences"] and obj["relations"] == original["relations"]
    assert [sorted(s) for s in obj["ner"]] == [sorted(s) for s in original["ner"]]


def test_ace_event_article_has_25_events_with_29_arguments_and_all_come_back(tmp_path):
    (rec,) = records(dygiepp.read(FIXTURES / "ace_event_article.json"))
    assert len(rec.events) == 25 and sum(len(e.arguments) for e in rec.events) == 29
    assert all(e.trigger.layer == Layer.TRIGGER and e.trigger.label == e.type for e in rec.events)
    # 248 ner entries, one listed twice in sentence 12: stored once and reported.
    assert len(rec.spans) == 247
    assert [(d.kind, d.line) for d in rec.dropped] == [("span", 1)]
    (back,), (obj,) = round_trip([rec], tmp_path)
    assert annotations(back) == annotations(rec)
    original = json.loads((FIXTURES / "ace_event_article.json").read_text(encoding="utf-8"))
    assert obj["events"] == original["events"]


def test_multi_dataset_has_4_documents_and_keeps_per_sentence_keys(tmp_path):
    recs = records(dygiepp.read(FIXTURES / "multi_dataset/dev.jsonl"))
    assert [r.line for r in recs] == [1, 2, 3, 4]
    counts = [(len(r.spans), len(r.relations), len(r.events), len(r.equivalences)) for r in recs]
    assert counts == [(36, 2, 4, 0), (38, 11, 0, 0), (29, 0, 0, 9), (16, 5, 0, 3)]
    # Coreference members that are no entity are kept in their cluster as Mentions.
    mentions = [m for e in recs[2].equivalences for m in e.members if m.label == dygiepp.MENTION]
    assert len(mentions) == 20 and not any(s.label == dygiepp.MENTION for s in recs[2].spans)
    back, objs = round_trip(recs, tmp_path)
    assert [annotations(r) for r in back] == [annotations(r) for r in recs]
    assert objs[0]["_orig_sent_ix"] == [35, 16, 7, 38]


@pytest.mark.parametrize("obj, reason", [
    ({"doc_key": "d", "sentences": [["a", "b"]], "ner": [[[0, 5, "X"]]]}, "are not in the document"),
    ({"doc_key": "d", "sentences": [["a"], ["b"]], "ner": [[[0, 0, "X"]]]}, "one entry per sentence"),
    ({"doc_key": "d", "sentences": []}, '"sentences"'),
    ({"doc_key": "d", "sentences": [["a", ""]]}, "token 2 is empty"),
    ({"doc_key": "d", "sentences": [["a", "b"]], "events": [[[0, "T"]]]}, "expected [[trigger, type]"),
])
def test_a_malformed_document_is_refused_with_file_and_line(tmp_path, obj, reason):
    path = tmp_path / "in.jsonl"
    good = {"doc_key": "ok", "sentences": [["fine"]]}
    path.write_text("\n".join(json.dumps(o) for o in (good, obj, good)) + "\n", encoding="utf-8")
    items = list(dygiepp.read(path))
    assert [type(x).__name__ for x in items] == ["Record", "BadInput", "Record"]
    assert items[1].line == 2 and reason in items[1].reason, items[1].reason


def test_relations_and_arguments_that_name_no_entity_are_reported_not_lost(tmp_path):
    obj = {"doc_key": "d", "sentences": [["Ana", "hit", "Bo"]], "ner": [[[0, 0, "PER"]]],
           "relations": [[[0, 0, 2, 2, "KNOWS"]]], "events": [[[[1, "Attack"], [0, 0, "Attacker"], [2, 2, "Target"]]]],
           "predicted_relations": [[[0, 0, 2, 2, "KNOWS", 1.2, 0.8]]]}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    (rec,) = records(dygiepp.read(path))
    assert sorted(d.kind for d in rec.dropped) == ["argument", "predicted_relations", "relation"]
    assert [a.role for a in rec.events[0].arguments] == ["Attacker"]


def test_spans_inside_tokens_and_multi_token_triggers_are_written_on_token_pieces():
    text = "YfeABCD was pulled out"
    tokens = [Token(0, 7, True), Token(8, 11, True), Token(12, 18, True), Token(19, 22, False)]
    gene = Span(0, 4, "GENE", "YfeA")
    trigger = Span(12, 22, "Withdraw", "pulled out", layer=Layer.TRIGGER)
    rec = Record(Document(text, ext_id="x"), spans=[gene, trigger], events=[Event("Withdraw", trigger)], tokens=tokens)
    obj = dygiepp.document(rec)
    assert obj["sentences"] == [["YfeA", "BCD", "was", "pulled", "out"]]
    assert obj["ner"] == [[[0, 0, "GENE"]]] and obj["events"] == [[[[3, "Withdraw"]]]]
    out = io.StringIO()
    dygiepp.write([rec], out)
    assert json.loads(out.getvalue())["doc_key"] == "x"


def test_a_document_without_tokens_is_refused(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"doc_key": "d", "sentences": [[], []]}\n', encoding="utf-8")
    (bad,) = list(dygiepp.read(path))
    assert isinstance(bad, BadInput) and "no tokens" in bad.reason and bad.line == 1
