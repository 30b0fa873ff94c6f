"""spaCy DocBin export: loads in spaCy unchanged, with exact entities, accepted spans in "sc", and the ids.

Issue 10 changed the rule: only accepted spans are gold (ents and "sc"); suggestions are kept in
spans["suggestions"]; a document not done is "missing" around its entities (tests/formats/test_gold_export.py)."""

import io
import json
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Corpus

from desktop.core.model import Document, Layer, Record, Source, Span, State, Status, Token
from desktop.formats import jsonl
from desktop.formats import spacy as spacy_format

_nlp = spacy.blank("en")


def tokens(text):
    return [Token(t.idx, t.idx + len(t.text), bool(t.whitespace_)) for t in _nlp.tokenizer(text)]


def load(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def ents(doc):
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def record(text, spans, **doc):
    return Record(Document(text, **doc), spans=spans, tokens=tokens(text))


def span(text, word, label, nth=0, **keys):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), label, word, **keys)


TEXT = "👩‍👩‍👧 Tokayev thanked the CSTO in Nur-Sultan 🇰🇿.\n\nJose\u0301  left   Almaty 😀 on Jan 13."


def test_docbin_matches_the_jsonl_export(tmp_path):
    spans = [
        span(TEXT, "Tokayev", "PERSON"),
        span(TEXT, "CSTO", "ORG", state=State.SUGGESTED, source=Source.MODEL),
        span(TEXT, "Nur-Sultan", "GPE"),
        span(TEXT, "Jose\u0301", "PERSON"),
        span(TEXT, "Almaty", "GPE"),
        span(TEXT, "Jan 13", "DATE"),
    ]
    records = [record(TEXT, spans, title="CSTO", ext_id="a-1", meta={"source": "x.txt"}, status=Status.DONE)]
    path = tmp_path / "train.spacy"
    assert spacy_format.write(records, path) == 1
    out = io.StringIO()
    jsonl.write(records, out)
    task = json.loads(out.getvalue())

    (doc,) = load(path)
    assert doc.text == TEXT == task["text"]
    accepted = [s for s in task["spans"] if s["state"] == "accepted"]  # issue 10: suggestions are not gold
    assert ents(doc) == [(s["start"], s["end"], s["label"]) for s in accepted]
    assert [e.text for e in doc.ents] == [s["text"] for s in accepted]
    assert [(s.start_char, s.end_char) for s in doc.spans["suggestions"]] == [(26, 30)]
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]] == ents(doc)
    # in a done document unannotated tokens are "outside", not missing, so NER trains on them as negatives
    assert {t.ent_iob_ for t in doc if t.ent_type_ == ""} == {"O"}
    assert doc.user_data["id"] == "a-1" == task["id"]
    assert (doc.user_data["title"], doc.user_data["meta"], doc.user_data["status"]) == ("CSTO", {"source": "x.txt"}, "done")


def test_overlaps_all_in_sc_and_a_non_overlapping_choice_in_ents(tmp_path):
    text = "The Bank of England governor met New York Times editors."
    spans = [
        span(text, "Bank of England", "ORG", state=State.SUGGESTED),
        span(text, "England", "GPE"),  # accepted beats the longer suggested span
        span(text, "New York", "GPE", state=State.SUGGESTED),
        span(text, "New York Times", "ORG", state=State.SUGGESTED),  # longer wins between suggestions
        span(text, "York", "GPE", state=State.REJECTED),  # rejected: in neither
        span(text, "met", "MEET", layer=Layer.TRIGGER),  # not an entity layer: in neither
        span(text, "The", "X", state=State.SUGGESTED),
    ]
    path = tmp_path / "overlap.spacy"
    spacy_format.write([record(text, spans, id=7)], path, include_suggestions=True)
    (doc,) = load(path)
    sc = [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]]
    kept = [s for s in spans if s.state != State.REJECTED and s.layer == Layer.ENTITY]
    assert sc == sorted((s.start, s.end, s.label) for s in kept)
    assert ents(doc) == [(0, 3, "X"), (12, 19, "GPE"), (33, 47, "ORG")]
    assert set(ents(doc)) <= set(sc)
    # issue 10: without include_suggestions (silver data) only the accepted span is gold
    spacy_format.write([record(text, spans, id=7)], path)
    (doc,) = load(path)
    assert ents(doc) == [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]] == [(12, 19, "GPE")]
    assert doc.user_data["id"] == "doc-7"


def test_spans_off_token_boundaries_split_the_tokens(tmp_path):
    text = "Kazakhstan's CSTOforces left."
    spans = [Span(0, 6, "GPE", "Kazakh"), Span(13, 17, "ORG", "CSTO"), Span(17, 23, "X", "forces")]
    path = tmp_path / "expand.spacy"
    spacy_format.write([record(text, spans, id=1)], path)
    (doc,) = load(path)
    # issue 10 (defect 6): the tokens are cut at the span edges, no span is widened or merged
    assert ents(doc) == [(0, 6, "GPE"), (13, 17, "ORG"), (17, 23, "X")]
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]] == ents(doc)
    assert [t.text for t in doc] == ["Kazakh", "stan", "'s", "CSTO", "forces", "left", "."]


def test_tokens_must_cover_the_text(tmp_path):
    text = "Tokayev thanked the CSTO."
    tabbed = "Tokayev\tthanked"
    cases = [
        (text, tokens(text)[:-1]),  # the last token missing
        (text, [t for i, t in enumerate(tokens(text)) if i != 1]),  # a gap
        (text, [Token(0, 7, True), Token(7, 8, False), *tokens(text)[1:]]),  # overlapping tokens
        (tabbed, [Token(0, 2, False), Token(8, 15, False)]),  # text between tokens
    ]
    for body, toks in cases:
        bad = record(body, [], title="CSTO thanks", ext_id="art-3")
        bad.tokens = toks
        with pytest.raises(ValueError, match="'art-3'.*tokens do not cover the text"):
            spacy_format.write([bad], tmp_path / "bad.spacy")
    # Whitespace no token holds (a CoNLL or DyGIE++ text's line breaks, a tab) is a token
    # of its own, as spaCy's tokenizer makes it; one space is the token's whitespace_.
    lines = record("Ana left .\nBo\tstayed .", [], id=5)
    lines.tokens = [Token(0, 3, True), Token(4, 8, True), Token(9, 10, False), Token(11, 13, False),
                    Token(14, 20, True), Token(21, 22, False)]
    spacy_format.write([lines], tmp_path / "lines.spacy")
    (back,) = spacy_format.read(tmp_path / "lines.spacy")
    assert back.doc.text == "Ana left .\nBo\tstayed ."
    assert [back.doc.text[t.start:t.end] for t in back.tokens] == ["Ana", "left", ".", "\n", "Bo", "\t", "stayed", "."]
    no_tokens = record(text, [], id=4)
    no_tokens.tokens = None
    with pytest.raises(ValueError, match="doc-4.*no tokens"):
        spacy_format.write([no_tokens], tmp_path / "bad.spacy")


def test_spacy_training_corpus_reads_it(tmp_path):
    text = "Putin met Tokayev in Almaty.\n\nThe CSTO left."
    spans = [span(text, "Putin", "PERSON"), span(text, "Almaty", "GPE"), span(text, "CSTO", "ORG")]
    path = tmp_path / "train.spacy"
    done = [record(text, spans, id=1, status=Status.DONE), record("Nothing here.", [], id=2, status=Status.DONE)]
    spacy_format.write([*done, record("Not read yet.", [], id=3)], path)
    examples = list(Corpus(path)(spacy.blank("en")))
    assert [ex.reference.text for ex in examples] == [text, "Nothing here.", "Not read yet."]
    assert ents(examples[0].reference) == [(s.start, s.end, s.label) for s in spans]
    assert [t.ent_iob_ for t in examples[1].reference] == ["O", "O", "O"]
    # issue 10: a document not done is missing around its entities, not outside
    assert [t.ent_iob_ for t in examples[2].reference] == ["", "", "", ""]


def test_read_round_trip(tmp_path):
    spans = [span(TEXT, "Tokayev", "PERSON", state=State.SUGGESTED), span(TEXT, "Almaty", "GPE")]
    original = record(TEXT, spans, title="T", ext_id="a-1", meta={"k": [1]}, status=Status.SKIPPED)
    path = tmp_path / "rt.spacy"
    spacy_format.write([original, record("No id here.", [])], path)
    back, anonymous = spacy_format.read(path)
    assert (back.doc.text, back.doc.title, back.doc.ext_id, back.doc.meta, back.doc.status) == (
        TEXT, "T", "a-1", {"k": [1]}, Status.SKIPPED,
    )  # fmt: skip
    # issue 10: the suggestion comes back a suggestion (from spans["suggestions"]), not accepted
    assert [(s.start, s.end, s.label, s.text, s.state) for s in back.spans] == [
        (s.start, s.end, s.label, s.text, s.state) for s in spans
    ]
    assert back.tokens == original.tokens
    assert type(back.doc.meta["k"]) is list
    assert (anonymous.doc.ext_id, anonymous.doc.title) == (None, "No id here.")


def test_formats_do_not_import_spacy_until_used():
    code = "import sys, desktop.formats; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_events_triggers_and_document_labels(tmp_path):
    from desktop.core.model import Argument, Event

    tokayev, almaty = span(TEXT, "Tokayev", "PERSON"), span(TEXT, "Almaty", "GPE")
    thanked = Event("Contact:Meet", span(TEXT, "thanked", "Contact:Meet", layer=Layer.TRIGGER),
                    (Argument("Entity", tokayev),))
    left = Event("Movement:Transport", span(TEXT, "left", "Movement:Transport", layer=Layer.TRIGGER),
                 (Argument("Artifact", span(TEXT, "Jose\u0301", "PERSON")), Argument("Origin", almaty)))
    original = record(TEXT, [tokayev, almaty], id=3)
    original.events, original.doc_labels = [left, thanked], ["Protest"]
    path = tmp_path / "events.spacy"
    spacy_format.write([original], path, doc_labels=["Protest", "Casualties"])
    (doc,) = load(path)
    assert [(s.text, s.label_) for s in doc.spans["events"]] == [("thanked", "Contact:Meet"),
                                                                  ("left", "Movement:Transport")]
    assert [(s.text, s.label_) for s in doc.spans["sc"]] == [("Tokayev", "PERSON"), ("Almaty", "GPE")]
    assert doc.cats == {"Protest": 1.0, "Casualties": 0.0}
    events = json.loads(json.dumps(doc.user_data["events"]))
    assert events[1] == {"type": "Movement:Transport", "trigger": {"start": left.trigger.start,
                                                                   "end": left.trigger.end, "text": "left"},
                         "arguments": [{"role": "Artifact", "start": TEXT.index("Jose"), "end": TEXT.index("Jose") + 5,
                                        "label": "PERSON", "text": "Jose\u0301"},
                                       {"role": "Origin", "start": almaty.start, "end": almaty.end, "label": "GPE",
                                        "text": "Almaty"}]}
    (back,) = spacy_format.read(path)
    assert back.doc_labels == ["Protest"]
    assert [(e.type, e.trigger.layer, [(a.role, a.span.text) for a in e.arguments]) for e in back.events] == [
        ("Contact:Meet", Layer.TRIGGER, [("Entity", "Tokayev")]),
        ("Movement:Transport", Layer.TRIGGER, [("Artifact", "Jose\u0301"), ("Origin", "Almaty")]),
    ]
    # the argument span that was no entity of the doc is added, accepted
    assert ("Jose\u0301", State.ACCEPTED) in [(s.text, s.state) for s in back.spans if s.layer == Layer.ENTITY]
