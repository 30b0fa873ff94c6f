"""Events, arguments and document labels: schema-checked actions, one undoable transaction each."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.model import BadInput, Changes, Layer, Source, Span, State, Status


def _at(store, doc_id, word, nth=0):
    text = store.documents.text(doc_id)
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def _entity(store, doc_id, word, label, nth=0):
    start, end = _at(store, doc_id, word, nth)
    return ops.add_span(store, doc_id, start, end, label, "ana").span_id


def _suggest(store, doc_id, word, label):
    start, end = _at(store, doc_id, word)
    span = Span(start, end, label, word, source=Source.MODEL, state=State.SUGGESTED, model="m@1")
    with store.action("test suggestions", undoable=False):
        return store.spans.add(doc_id, span, store.documents.text(doc_id), logged=False)


def _event(store, doc_id, word, kind, nth=0):
    start, end = _at(store, doc_id, word, nth)
    return ops.add_event(store, doc_id, start, end, kind, "ana")


def _snapshot(store, doc_id):
    return ops.events(store, doc_id), store.spans.for_doc(doc_id), ops.doc_labels(store, doc_id)


def test_add_event_creates_an_accepted_trigger_and_the_event_in_one_action(seeded):
    store, doc_id = seeded
    actions = store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
    out = _event(store, doc_id, "withdrawal", "Movement:Transport")
    assert Changes.EVENTS in out.changes and Changes.SPANS in out.changes and Changes.DOC_STATUS in out.changes
    (event,) = ops.events(store, doc_id)
    assert (event.id, event.type, event.arguments) == (out.event_id, "Movement:Transport", ())
    t = event.trigger
    assert (t.id, t.text, t.label, t.layer, t.source, t.state, t.annotator) == (
        out.span_id, "withdrawal", "Movement:Transport", Layer.TRIGGER, Source.ANNOTATOR, State.ACCEPTED, "ana")
    assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == actions + 1
    assert store.documents.get_status(doc_id) == Status.IN_PROGRESS
    # Entity spans and triggers stay apart.
    assert store.spans.for_doc(doc_id, layer=Layer.ENTITY) == []


def test_unknown_event_type_is_refused_with_a_hint(seeded):
    store, doc_id = seeded
    with pytest.raises(BadInput, match='no event type "Conflict:Atack" \\(did you mean "Conflict:Attack"\\?\\)'):
        _event(store, doc_id, "clashes", "Conflict:Atack")
    assert store.spans.for_doc(doc_id) == []


def test_one_event_of_a_type_per_trigger(seeded):
    store, doc_id = seeded
    _event(store, doc_id, "clashes", "Conflict:Attack")
    with pytest.raises(BadInput, match="already the trigger of a Conflict:Attack event"):
        _event(store, doc_id, "clashes", "Conflict:Attack")
    _event(store, doc_id, "clashes", "Conflict:Demonstrate")  # another type on the same words is fine
    assert [e.type for e in ops.events(store, doc_id)] == ["Conflict:Attack", "Conflict:Demonstrate"]


def test_arguments_are_checked_against_the_schema_with_why_not_messages(seeded):
    store, doc_id = seeded
    attack = _event(store, doc_id, "clashes", "Conflict:Attack").event_id
    almaty = _entity(store, doc_id, "Almaty", "GPE")
    tuesday = _entity(store, doc_id, "Tuesday", "DATE")
    with pytest.raises(BadInput, match="^Attacker takes PERSON, ORG, NORP or GPE, not DATE.$"):
        ops.add_argument(store, attack, tuesday, "Attacker", "ana")
    with pytest.raises(BadInput, match='Conflict:Attack has no role "Victim"; its roles are Attacker, Target'):
        ops.add_argument(store, attack, almaty, "Victim", "ana")
    out = ops.add_argument(store, attack, tuesday, "Time", "ana")
    assert out.changes & Changes.EVENTS
    ops.add_argument(store, attack, almaty, "Place", "ana")
    (event,) = ops.events(store, doc_id)
    assert [(a.role, a.span.text) for a in event.arguments] == [("Time", "Tuesday"), ("Place", "Almaty")]
    # The same link again changes nothing.
    assert ops.add_argument(store, attack, almaty, "Place", "ana").changes == Changes.NONE


def test_many_false_roles_are_filled_once(seeded):
    store, doc_id = seeded
    attack = _event(store, doc_id, "clashes", "Conflict:Attack").event_id
    ops.add_argument(store, attack, _entity(store, doc_id, "Tuesday", "DATE"), "Time")
    wednesday = _entity(store, doc_id, "Wednesday", "DATE")
    with pytest.raises(BadInput, match='^Time is already filled by "Tuesday"; Conflict:Attack takes one Time'):
        ops.add_argument(store, attack, wednesday, "Time")
    # many=True roles take several fillers.
    ops.add_argument(store, attack, _entity(store, doc_id, "Russia", "GPE"), "Attacker")
    ops.add_argument(store, attack, _entity(store, doc_id, "Kazakhstan", "GPE"), "Attacker")
    (event,) = ops.events(store, doc_id)
    assert sorted(a.span.text for a in event.arguments if a.role == "Attacker") == ["Kazakhstan", "Russia"]


def test_arguments_must_be_live_entity_spans_of_the_same_document(seeded, tmp_path):
    store, doc_id = seeded
    attack = _event(store, doc_id, "clashes", "Conflict:Attack")
    arrest = _event(store, doc_id, "arrested", "Justice:Arrest-Jail")
    with pytest.raises(BadInput, match="is an event trigger"):
        ops.add_argument(store, attack.event_id, arrest.span_id, "Target")
    rejected = _suggest(store, doc_id, "Almaty", "GPE")
    ops.reject_span(store, rejected)
    with pytest.raises(BadInput, match="was rejected"):
        ops.add_argument(store, attack.event_id, rejected, "Place")
    other = tmp_path / "other.txt"
    other.write_text("Protesters gathered in Almaty.", encoding="utf-8")
    ops.import_paths(store, [other])
    other_id = store.documents.ids()[-1]
    far = ops.add_span(store, other_id, 23, 29, "GPE").span_id
    with pytest.raises(BadInput, match="another document"):
        ops.add_argument(store, attack.event_id, far, "Place")


def test_a_suggestion_used_as_an_argument_is_accepted_with_it(seeded):
    store, doc_id = seeded
    attack = _event(store, doc_id, "clashes", "Conflict:Attack").event_id
    almaty = _suggest(store, doc_id, "Almaty", "GPE")
    out = ops.add_argument(store, attack, almaty, "Place", "ana")
    assert out.changes & Changes.SPANS
    assert store.spans.get(almaty)[1].state == State.ACCEPTED
    ops.undo(store)
    assert store.spans.get(almaty)[1].state == State.SUGGESTED
    assert ops.events(store, doc_id)[0].arguments == ()


def test_role_choices_and_missing_roles():
    from desktop.core.model import Argument, Event
    from desktop.core.label_set import default_label_set

    label_set = default_label_set()
    choices = ops.role_choices(label_set, "Life:Die", "PERSON")
    assert [(r.name, why) for r, why in choices] == [
        ("Agent", None), ("Victim", None), ("Instrument", "Instrument takes WEA or VEH, not PERSON."),
        ("Time", "Time takes DATE or TIME, not PERSON."), ("Place", "Place takes GPE, LOC or FAC, not PERSON."),
    ]
    assert ops.role_choices(label_set, "No:Such", "PERSON") == []
    trigger = Span(0, 4, "Conflict:Attack", "hit", layer=Layer.TRIGGER)
    dated = Event("Conflict:Attack", trigger, (Argument("Time", Span(9, 12, "DATE", "Monday")),))
    why = dict((r.name, w) for r, w in ops.role_choices(label_set, "Conflict:Attack", "DATE", dated))
    assert why["Time"] == 'Time is already filled by "Monday"; Conflict:Attack takes one Time.'
    trigger = Span(0, 4, "Life:Die", "died", layer=Layer.TRIGGER)
    victim = Span(10, 13, "PERSON", "Ana")
    assert ops.missing_roles(label_set, Event("Life:Die", trigger)) == ["Victim"]
    assert ops.missing_roles(label_set, Event("Life:Die", trigger, (Argument("Victim", victim),))) == []
    assert ops.missing_roles(label_set, Event("Conflict:Attack", trigger)) == []  # no required role


def test_set_event_type_relabels_the_trigger_and_drops_roles_the_new_type_lacks(seeded):
    store, doc_id = seeded
    out = _event(store, doc_id, "clashes", "Conflict:Attack")
    ops.add_argument(store, out.event_id, _entity(store, doc_id, "Tuesday", "DATE"), "Time")
    ops.add_argument(store, out.event_id, _entity(store, doc_id, "Russia", "GPE"), "Attacker")
    before = _snapshot(store, doc_id)
    ops.set_event_type(store, out.event_id, "Conflict:Demonstrate", "ana")
    (event,) = ops.events(store, doc_id)
    assert (event.type, event.trigger.label, event.trigger.id) == ("Conflict:Demonstrate",) * 2 + (out.span_id,)
    assert [(a.role, a.span.text) for a in event.arguments] == [("Time", "Tuesday")]
    ops.undo(store)
    assert _snapshot(store, doc_id) == before
    # relabelling the trigger span is the same action
    ops.relabel_span(store, out.span_id, "Contact:Meet", "ana")
    assert ops.events(store, doc_id)[0].type == "Contact:Meet"


def test_delete_event_removes_arguments_event_and_trigger_and_undo_restores_all(seeded):
    store, doc_id = seeded
    out = _event(store, doc_id, "arrested", "Justice:Arrest-Jail")
    ops.add_argument(store, out.event_id, _entity(store, doc_id, "Almaty", "GPE"), "Place")
    before = _snapshot(store, doc_id)
    ops.delete_event(store, out.event_id, "ana")
    assert ops.events(store, doc_id) == []
    assert [s.text for s in store.spans.for_doc(doc_id)] == ["Almaty"]  # the entity stays
    changes = store.history.changes(store.history.last(undone=False)["id"])
    assert [(c["tbl"], c["after"]) for c in changes] == [
        ("event_arguments", None), ("events", None), ("spans", None),
    ]
    ops.undo(store)
    assert _snapshot(store, doc_id) == before
    ops.redo(store)
    assert ops.events(store, doc_id) == []


def test_undo_redo_across_events_arguments_and_doc_labels(seeded):
    store, doc_id = seeded
    states = [_snapshot(store, doc_id)]
    out = _event(store, doc_id, "protests", "Conflict:Demonstrate")
    states.append(_snapshot(store, doc_id))
    ops.add_argument(store, out.event_id, _entity(store, doc_id, "Almaty", "GPE"), "Place")
    states.append(_snapshot(store, doc_id))
    ops.toggle_doc_label(store, doc_id, "Protest", "ana")
    states.append(_snapshot(store, doc_id))
    for expected in reversed(states[:-1]):
        undone = ops.undo(store)
        if expected is states[2]:
            assert undone.changes == Changes.DOC_LABELS
        snapshot = _snapshot(store, doc_id)
        # the entity span was its own action: skip past it
        if snapshot != expected:
            ops.undo(store)
            snapshot = _snapshot(store, doc_id)
        assert snapshot == expected
    while ops.redo(store).changes != Changes.NONE:
        pass
    assert _snapshot(store, doc_id) == states[-1]


def test_toggle_doc_label_adds_and_removes_and_checks_the_schema(seeded):
    store, doc_id = seeded
    out = ops.toggle_doc_label(store, doc_id, "Protest", "ana")
    assert Changes.DOC_LABELS in out.changes
    ops.toggle_doc_label(store, doc_id, "Casualties", "ana")
    assert ops.doc_labels(store, doc_id) == ["Casualties", "Protest"]
    ops.toggle_doc_label(store, doc_id, "Protest", "ana")
    assert ops.doc_labels(store, doc_id) == ["Casualties"]
    with pytest.raises(BadInput, match='no document label "protest" \\(did you mean "Protest"\\?\\)'):
        ops.toggle_doc_label(store, doc_id, "protest")
    ops.undo(store)
    assert ops.doc_labels(store, doc_id) == ["Casualties", "Protest"]


def test_deleting_an_argument_span_removes_the_argument_in_history(seeded):
    store, doc_id = seeded
    out = _event(store, doc_id, "clashes", "Conflict:Attack")
    almaty = _entity(store, doc_id, "Almaty", "GPE")
    ops.add_argument(store, out.event_id, almaty, "Place", "ana")
    before = _snapshot(store, doc_id)
    deleted = ops.delete_span(store, almaty, "ana")
    assert Changes.EVENTS in deleted.changes
    assert ops.events(store, doc_id)[0].arguments == ()
    changes = store.history.changes(store.history.last(undone=False)["id"])
    assert [(c["tbl"], c["after"]) for c in changes] == [("event_arguments", None), ("spans", None)]
    ops.undo(store)
    assert _snapshot(store, doc_id) == before


def test_rejecting_an_argument_suggestion_or_a_trigger_detaches_them(seeded):
    store, doc_id = seeded
    out = _event(store, doc_id, "clashes", "Conflict:Attack")
    almaty = _suggest(store, doc_id, "Almaty", "GPE")
    ops.add_argument(store, out.event_id, almaty, "Place")
    ops.delete_span(store, almaty)  # a model's span is rejected, not deleted
    assert store.spans.get(almaty)[1].state == State.REJECTED
    assert ops.events(store, doc_id)[0].arguments == ()
    ops.delete_span(store, out.span_id)  # deleting a trigger deletes its event
    assert ops.events(store, doc_id) == []
    ops.undo(store)
    assert [e.id for e in ops.events(store, doc_id)] == [out.event_id]


def test_correcting_an_argument_into_its_twin_keeps_the_argument(seeded):
    store, doc_id = seeded
    out = _event(store, doc_id, "clashes", "Conflict:Attack")
    start, end = _at(store, doc_id, "Kassym-Jomart Tokayev")
    whole = ops.add_span(store, doc_id, start, end, "PERSON").span_id
    ops.reject_span(store, whole)
    part = ops.add_span(store, doc_id, start, start + len("Kassym-Jomart"), "PERSON").span_id
    ops.add_argument(store, out.event_id, part, "Attacker")
    grown = ops.resize_span(store, part, "end", +1)  # becomes the rejected twin, revived
    assert grown.span_id == whole and Changes.EVENTS in grown.changes
    (event,) = ops.events(store, doc_id)
    assert [(a.role, a.span.id, a.span.text) for a in event.arguments] == [
        ("Attacker", whole, "Kassym-Jomart Tokayev")]


def test_force_preannotation_never_drops_a_span_an_event_uses(seeded):
    store, doc_id = seeded
    out = _event(store, doc_id, "clashes", "Conflict:Attack")
    almaty = _suggest(store, doc_id, "Almaty", "GPE")
    with store.action("link", undoable=False):
        store.events.add_argument(out.event_id, almaty, "Place")
    with store.action("force", undoable=False):
        assert store.spans.delete_suggestions(doc_id, "m@1") == 0
    assert ops.events(store, doc_id)[0].arguments[0].span.id == almaty
