"""Adjudication ops (issue 11): agreed spans pre-accepted, disagreements grouped where they
overlap, each decision one undoable action on the master's own (gold) layer."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.model import State
from tests.helpers import find, merged, team_files


@pytest.fixture
def doc(tmp_path):
    """The master with one document ana and ben both did: ana marked "Ana Smith" PERSON and
    Paris GPE and a label; ben "Ana" PERSON and Paris GPE."""
    master, files = team_files(tmp_path, 1, marks={"ana": {"Ana Smith": "PERSON", "Paris": "GPE"}, "ben": {"Paris": "GPE"}})
    with ops.open_project(files["ben"]) as ben:
        doc_id = ben.documents.ids()[0]
        text = ben.documents.text(doc_id)
        ops.add_span(ben, doc_id, *find(text, "Ana"), "PERSON", annotator="ben")
        ops.toggle_doc_label(ben, doc_id, "Protest", annotator="ben")
    store = merged(master, files)
    yield store, store.documents.ids()[0]
    store.close()


def _gold(store, doc_id):
    return sorted((s.text, s.label) for s in store.spans.for_doc(doc_id) if s.state == State.ACCEPTED)


def test_review_finds_the_agreed_and_groups_overlapping_disagreements(doc):
    store, doc_id = doc
    r = ops.review(store, doc_id)
    text = store.documents.text(doc_id)
    assert r.annotators == ["ana", "ben"]
    assert [text[s:e] for s, e, _ in r.agreed] == ["Paris"]
    spans, label = r.disagreements
    assert {a: [text[s:e] for s, e, _ in ks] for a, ks in spans.options.items()} == {"ana": ["Ana Smith"], "ben": ["Ana"]}
    assert label.label == "Protest" and label.options == {"ana": (), "ben": ((0, 0, "Protest"),)}
    assert ops.review_documents(store) == [doc_id]


def test_preaccept_copies_the_agreed_once(doc):
    store, doc_id = doc
    assert _gold(store, doc_id) == []
    ops.preaccept(store, doc_id, annotator="lead")
    assert _gold(store, doc_id) == [("Paris", "GPE")]
    actions = store.query("SELECT COUNT(*) AS n FROM actions")[0]["n"]
    assert not ops.preaccept(store, doc_id, annotator="lead").changes  # nothing left to accept
    assert store.query("SELECT COUNT(*) AS n FROM actions")[0]["n"] == actions


@pytest.mark.parametrize("choice, expected", [
    ("ana", [("Ana Smith", "PERSON")]),
    ("ben", [("Ana", "PERSON")]),
    (ops.BOTH, [("Ana", "PERSON"), ("Ana Smith", "PERSON")]),
    (ops.NEITHER, []),
])
def test_each_choice_sets_the_gold_and_undo_takes_it_back(doc, choice, expected):
    store, doc_id = doc
    disagreement = ops.review(store, doc_id).disagreements[0]
    ops.decide(store, doc_id, disagreement, ops.BOTH, annotator="lead")  # start from something decided
    ops.decide(store, doc_id, disagreement, choice, annotator="lead")
    assert _gold(store, doc_id) == expected
    assert ops.decided(store, doc_id, disagreement) == choice
    ops.undo(store)
    assert _gold(store, doc_id) == [("Ana", "PERSON"), ("Ana Smith", "PERSON")]


def test_a_document_label_is_decided_the_same_way(doc):
    store, doc_id = doc
    label = ops.review(store, doc_id).disagreements[-1]
    ops.decide(store, doc_id, label, "ben", annotator="lead")
    assert store.doc_labels.for_doc(doc_id) == ["Protest"]
    ops.decide(store, doc_id, label, "ana", annotator="lead")
    assert store.doc_labels.for_doc(doc_id) == []


@pytest.fixture
def events(tmp_path):
    """ana: a Contact:Meet event on "met" with Ana Smith as Entity; ben: the same event with
    Paris as Place too, and a Movement:Transport he alone saw on "in"."""
    master, files = team_files(tmp_path, 1)
    for name in ("ana", "ben"):
        with ops.open_project(files[name]) as s:
            doc_id = s.documents.ids()[0]
            text = s.documents.text(doc_id)
            person = ops.add_span(s, doc_id, *find(text, "Ana Smith"), "PERSON", annotator=name).span_id
            place = ops.add_span(s, doc_id, *find(text, "Paris"), "GPE", annotator=name).span_id
            meet = ops.add_event(s, doc_id, *find(text, "met"), "Contact:Meet", annotator=name).event_id
            ops.add_argument(s, meet, person, "Entity", annotator=name)
            if name == "ben":
                ops.add_argument(s, meet, place, "Place", annotator=name)
                ops.add_event(s, doc_id, *find(text, "in"), "Movement:Transport", annotator=name)
            ops.mark_done(s, doc_id, annotator=name)
    store = merged(master, files)
    yield store, store.documents.ids()[0]
    store.close()


def _events(store, doc_id):
    return sorted((e.type, e.trigger.text, tuple(sorted((a.role, a.span.text) for a in e.arguments)))
                  for e in store.events.for_doc(doc_id))


def test_events_are_adjudicated_the_same_way(events):
    store, doc_id = events
    r = ops.review(store, doc_id)
    kinds = [d.kind for d in r.disagreements]
    assert kinds == ["event", "event"]  # the Meet event's arguments differ; Transport is ben's alone
    ops.preaccept(store, doc_id, annotator="lead")
    assert _events(store, doc_id) == []  # no event is agreed whole
    meet, transport = r.disagreements
    ops.decide(store, doc_id, meet, "ben", annotator="lead")
    assert _events(store, doc_id) == [("Contact:Meet", "met", (("Entity", "Ana Smith"), ("Place", "Paris")))]
    assert ops.decided(store, doc_id, meet) == "ben"
    ops.decide(store, doc_id, meet, "ana", annotator="lead")
    assert _events(store, doc_id) == [("Contact:Meet", "met", (("Entity", "Ana Smith"),))]
    ops.decide(store, doc_id, transport, ops.NEITHER, annotator="lead")
    ops.decide(store, doc_id, transport, "ben", annotator="lead")
    assert [e[0] for e in _events(store, doc_id)] == ["Contact:Meet", "Movement:Transport"]
    ops.undo(store)
    assert [e[0] for e in _events(store, doc_id)] == ["Contact:Meet"]
