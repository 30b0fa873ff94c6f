"""Issue 13's news half: a corpus annotated for some labels only (CoNLL-2003 marks PER, ORG,
LOC and MISC, and no dates or numbers) teaches those labels and nothing else: MISC and
whatever the base model tags with another label are missing in training, not O."""

from __future__ import annotations

import spacy

from desktop.nlp.training import TrainDoc, only_annotated, reference_doc

TEXT = "Peter Blackburn met German officials in Brussels on Monday ."


def _base():
    """A stand-in base model: a rule tags Monday a DATE (CoNLL-2003 never marks dates)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "DATE", "pattern": "Monday"}, {"label": "PERSON", "pattern": "Brussels"}])
    return nlp


def _tags(doc) -> dict[str, str]:
    return {t.text: t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") for t in doc}


def _entities(*words_labels):
    out = []
    for words, label in words_labels:
        start = TEXT.index(words)
        out.append((start, start + len(words), label))
    return out


def test_other_labels_and_the_base_models_other_entities_are_missing_not_outside():
    nlp = _base()
    gold = TrainDoc(TEXT, entities=_entities(("Peter Blackburn", "PERSON"), ("German", "MISC"), ("Brussels", "GPE")))
    (doc,) = only_annotated(nlp, [gold], ("PERSON", "ORG", "GPE"))
    tags = _tags(reference_doc(nlp, doc, ("ner",)))
    assert tags["Peter"] == "B-PERSON" and tags["Blackburn"] == "I-PERSON" and tags["Brussels"] == "B-GPE"
    assert tags["German"] == "" and tags["Monday"] == ""  # missing: MISC, and the base model's DATE
    assert tags["officials"] == tags["met"] == tags["on"] == "O"  # the rest is known to be no entity
    # The base model's PERSON on "Brussels" is not kept: the gold GPE there wins.
    assert doc.entities == _entities(("Peter Blackburn", "PERSON"), ("Brussels", "GPE"))


def test_a_document_annotated_for_every_label_keeps_every_other_token_outside():
    nlp = _base()
    gold = TrainDoc(TEXT, entities=_entities(("Peter Blackburn", "PERSON"), ("German", "NORP")))
    tags = _tags(reference_doc(nlp, gold, ("ner",)))
    assert tags["German"] == "B-NORP" and tags["Monday"] == "O" and tags["Brussels"] == "O"
