"""Relations, attributes, notes and normalisations (issue 10): one undoable action each,
kept through span deletion and corrections, and undone and redone exactly."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.annotations import Attribute, Normalisation, Note, Relation
from desktop.core.model import BadInput, Changes, Source, Span, State
from desktop.store.errors import NotFound
from tests.helpers import find, free_kinds


@pytest.fixture
def seeded(seeded, tmp_path):
    """The seed project with relations and attributes free: these tests are about the store's
    mechanics; the label set's rules have their own tests below."""
    free_kinds(seeded[0], tmp_path)
    return seeded


def _span(store, doc_id, word, label, nth=0):
    start, end = find(store.documents.text(doc_id), word, nth)
    return ops.add_span(store, doc_id, start, end, label, "ana").span_id


def _kinds(store, doc_id):
    """Everything of the new kinds, by value (ids left out), to compare before and after."""
    k = ops.document_kinds(store, doc_id)
    return ([v for _, v in k.relations], [v for _, v in k.attributes], [v for _, v in k.notes],
            [v for _, v in k.normalisations], [v for _, v in k.equivalences])


def _rows(store):
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("relations", "attributes", "notes", "normalisations", "equivalences", "equivalence_members")}


def test_relation_is_added_read_and_undone_and_redone(seeded):
    store, doc_id = seeded
    head, child = _span(store, doc_id, "Tokayev", "PERSON"), _span(store, doc_id, "Kazakhstan", "GPE")
    out = ops.add_relation(store, head, child, "president_of", "ana")
    assert Changes.KINDS in out.changes and out.kind_id is not None
    ((rel_id, rel),) = ops.relations(store, doc_id)
    assert rel_id == out.kind_id
    assert (rel.label, rel.head.id, rel.child.id, rel.head.text, rel.child.text) == (
        "president_of", head, child, "Tokayev", "Kazakhstan")
    assert ops.undo(store).changes == Changes.KINDS
    assert ops.relations(store, doc_id) == []
    ops.redo(store)
    assert ops.relations(store, doc_id) == [(rel_id, rel)]
    # the same relation again changes nothing, not even the list of actions
    actions = store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
    assert ops.add_relation(store, head, child, "president_of").changes == Changes.NONE
    assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == actions


def test_relation_refusals(seeded):
    store, doc_id = seeded
    head = _span(store, doc_id, "Tokayev", "PERSON")
    with pytest.raises(BadInput, match="itself"):
        ops.add_relation(store, head, head, "x")
    child = _span(store, doc_id, "Kazakhstan", "GPE")
    with pytest.raises(BadInput, match="needs a label"):
        ops.add_relation(store, head, child, "  ")
    ops.reject_span(store, child)
    with pytest.raises(BadInput, match="rejected"):
        ops.add_relation(store, head, child, "x")
    with pytest.raises(NotFound, match="no span 999"):
        ops.add_relation(store, head, 999, "x")
    assert _rows(store)["relations"] == 0


def test_relation_accepts_a_suggestion_it_uses(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    start, end = find(text, "Kazakhstan")
    with store.action("test suggestions", undoable=False):
        child = store.spans.add(doc_id, Span(start, end, "GPE", "Kazakhstan", source=Source.MODEL,
                                             state=State.SUGGESTED, model="m"), text, logged=False)
    out = ops.add_relation(store, _span(store, doc_id, "Tokayev", "PERSON"), child, "of")
    assert Changes.SPANS in out.changes and store.spans.get(child)[1].state == State.ACCEPTED


def test_every_kind_goes_with_its_span_and_comes_back_with_undo(seeded):
    store, doc_id = seeded
    head, child = _span(store, doc_id, "Tokayev", "PERSON"), _span(store, doc_id, "Kazakhstan", "GPE")
    rel = ops.add_relation(store, head, child, "of").kind_id
    ops.set_attribute(store, "Negation", span_id=head)
    ops.set_attribute(store, "Mention", "Name", span_id=head)
    ops.add_note(store, doc_id, "check the title", span_id=head)
    ops.add_note(store, doc_id, "not explicit", relation_id=rel)
    ops.add_note(store, doc_id, "whole article")
    ops.set_normalisation(store, head, "Wikipedia", "64488", "Kassym-Jomart Tokayev")
    with store.action("test equivalence"):
        store.kinds.add_equivalence(doc_id, "Equiv", [head, child])
    before = _kinds(store, doc_id)
    assert [len(x) for x in before] == [1, 2, 3, 1, 1]
    ops.delete_span(store, head)
    # only the document note is left; the set keeps its other member
    after = _kinds(store, doc_id)
    assert after[:4] == ([], [], [Note("whole article")], [])
    assert [len(e.members) for e in after[4]] == [1]
    ops.undo(store)
    assert _kinds(store, doc_id) == before
    ops.redo(store)
    assert _kinds(store, doc_id) == after


def test_a_span_corrected_into_its_twin_hands_over_its_relations(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    head, child = _span(store, doc_id, "Tokayev", "PERSON"), _span(store, doc_id, "Kazakhstan", "GPE")
    twin = _span(store, doc_id, "Kazakhstan", "LOC")
    ops.add_relation(store, head, child, "of")
    ops.set_normalisation(store, child, "Wikidata", "Q232")
    ops.relabel_span(store, child, "LOC")  # the LOC twin exists: the GPE span goes, its rows move
    ((_, rel),) = ops.relations(store, doc_id)
    assert rel.child.id == twin and rel.child.label == "LOC"
    ((_, norm),) = ops.document_kinds(store, doc_id).normalisations
    assert norm.target.id == twin
    assert text  # the document text is untouched


def test_attribute_values_replace_and_clear_undoably(seeded):
    store, doc_id = seeded
    span = _span(store, doc_id, "Tokayev", "PERSON")
    first = ops.set_attribute(store, "Mention", "Name", span_id=span)
    second = ops.set_attribute(store, "Mention", "Nominal", span_id=span)
    assert first.kind_id == second.kind_id
    ((_, attr),) = ops.document_kinds(store, doc_id).attributes
    assert (attr.name, attr.value, attr.target.id) == ("Mention", "Nominal", span)
    ops.undo(store)
    assert ops.document_kinds(store, doc_id).attributes[0][1].value == "Name"
    ops.clear_attribute(store, first.kind_id)
    assert ops.document_kinds(store, doc_id).attributes == []
    with pytest.raises(BadInput, match="one span or one event"):
        ops.set_attribute(store, "X")


def test_attributes_and_notes_on_an_event_go_with_the_event(seeded):
    store, doc_id = seeded
    start, end = find(store.documents.text(doc_id), "withdrawal")
    event_id = ops.add_event(store, doc_id, start, end, "Movement:Transport", "ana").event_id
    ops.set_attribute(store, "Confidence", "High", event_id=event_id)
    ops.add_note(store, doc_id, "one event or two?", event_id=event_id)
    k = ops.document_kinds(store, doc_id)
    assert k.attributes[0][1].target.id == event_id and k.notes[0][1].target.id == event_id
    before = _kinds(store, doc_id)
    ops.delete_event(store, event_id)
    assert _rows(store)["attributes"] == _rows(store)["notes"] == 0
    ops.undo(store)
    assert _kinds(store, doc_id) == before


def test_notes_are_added_edited_and_deleted(seeded):
    store, doc_id = seeded
    note = ops.add_note(store, doc_id, "first").kind_id
    assert ops.edit_note(store, note, "first").changes == Changes.NONE
    ops.edit_note(store, note, "second")
    assert ops.notes(store, doc_id) == [(note, Note("second"))]
    ops.undo(store)
    assert ops.notes(store, doc_id) == [(note, Note("first"))]
    ops.delete_note(store, note)
    assert ops.notes(store, doc_id) == []
    with pytest.raises(BadInput, match="some text"):
        ops.add_note(store, doc_id, " ")
    with pytest.raises(NotFound, match="no note 999"):
        ops.delete_note(store, 999)


def test_normalisation_set_and_cleared(seeded):
    store, doc_id = seeded
    span = _span(store, doc_id, "Tokayev", "PERSON")
    out = ops.set_normalisation(store, span, "Wikipedia", "64488", "Tokayev")
    ((_, norm),) = ops.document_kinds(store, doc_id).normalisations
    assert norm == Normalisation(store.spans.get(span)[1], "Wikipedia", "64488", "Tokayev")
    ops.clear_normalisation(store, out.kind_id)
    assert ops.document_kinds(store, doc_id).normalisations == []
    ops.undo(store)
    assert len(ops.document_kinds(store, doc_id).normalisations) == 1


def test_model_suggestions_rerun_keeps_spans_the_new_kinds_use(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    start, end = find(text, "Kazakhstan")
    with store.action("test suggestions", undoable=False):
        span = store.spans.add(doc_id, Span(start, end, "GPE", "Kazakhstan", source=Source.MODEL,
                                            state=State.SUGGESTED, model="m"), text, logged=False)
    ops.add_note(store, doc_id, "is this right?", span_id=span)
    with store.action("rerun", undoable=False):
        store.spans.delete_suggestions(doc_id, "m")
    assert store.spans.get(span)[1].state == State.SUGGESTED
    assert len(ops.notes(store, doc_id)) == 1


def test_reads_are_plain_values():
    assert Relation("x", Span(0, 1, "A", "a"), Span(2, 3, "B", "b")).head_role == "Arg1"
    assert Attribute("Negation", Span(0, 1, "A", "a")).value is None


def test_a_duplicate_text_merges_its_kinds_once(store, tmp_path):
    """The same brat folder twice: every document a duplicate; nothing stored twice, and
    what hangs on events (not merged) reported by kind."""
    from pathlib import Path

    news = Path(__file__).parents[1] / "data/thirdparty/brat/tutorials/news"
    first = ops.import_paths(store, [news])
    assert first.ok
    rows = _rows(store)
    again = ops.import_paths(store, [news])
    assert len(again.duplicates) == first.imported and _rows(store) == rows
    on_events = [d for d in again.dropped if "events are not merged" in d]
    assert on_events and all(": attribute: " in d or ": note: " in d for d in on_events)
    assert len(on_events) == len(again.dropped)


def test_the_shipped_label_set_refuses_an_undeclared_relation_and_attribute(seeded, tmp_path):
    store, doc_id = seeded
    from tests.helpers import ROOT  # the project starts free here: put the shipped set back
    ops.set_label_set(store, ROOT / "resources" / "schemas" / "news-events.toml")
    head, child = _span(store, doc_id, "Tokayev", "PERSON"), _span(store, doc_id, "Kazakhstan", "GPE")
    with pytest.raises(BadInput, match="president_of"):
        ops.add_relation(store, head, child, "president_of")
    with pytest.raises(BadInput):  # PHYS:Located goes from a person to a place, not back
        ops.add_relation(store, child, head, "PHYS:Located")
    assert ops.add_relation(store, head, child, "PHYS:Located").kind_id is not None
    with pytest.raises(BadInput):  # the shipped attributes are on events only
        ops.set_attribute(store, "Polarity", "Negative", span_id=head)
    assert ops.relations(store, doc_id)[0][1].label == "PHYS:Located"
    assert ops.document_kinds(store, doc_id).attributes == []
