"""Issue 13: events suggested by pre-annotation (the trigger lexicon and the role schema),
ruled on through ops, never re-suggested over a decision, and never exported as gold."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop import ops
from desktop.core.model import Layer, State, Status
from desktop.nlp.models import find_model
from desktop.store import suggested_events
from tests.helpers import seed_copies_project

pytestmark = pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def suggested(tmp_path_factory):
    """A project of two seed articles pre-annotated once (entities and events); tests copy it."""
    tmp = tmp_path_factory.mktemp("suggested")
    db = seed_copies_project(tmp, 2)
    with ops.open_project(db) as store:
        report = ops.preannotate(store)
        assert report.event_model == "lexicon:ace-triggers@1"
        assert report.events > 0 and report.arguments > 0
    return db


@pytest.fixture
def store(suggested, tmp_path):
    db = tmp_path / "p.db"
    shutil.copy(suggested, db)
    with ops.open_project(db) as opened:
        yield opened


def _all_events(store, doc_id):
    return store.events.for_doc(doc_id, rejected=True)


def test_lexicon_triggers_and_arguments_respect_the_role_schema(store):
    label_set = ops.project_label_set(store)
    doc_id = store.documents.ids()[0]
    events = ops.events(store, doc_id)
    assert events and all(e.state == State.SUGGESTED and e.trigger.state == State.SUGGESTED for e in events)
    types = {e.type for e in events}
    assert "Movement:Transport" in types  # "withdrawing its troops from Kazakhstan"
    for event in events:
        assert event.trigger.layer == Layer.TRIGGER and event.trigger.model == "lexicon:ace-triggers@1"
        assert event.score is not None and 0 < event.score <= 1
        for arg in event.arguments:
            assert arg.state == State.SUGGESTED and arg.score is not None
            assert label_set.why_not(event.type, arg.role, arg.span.label) is None
            assert arg.span.layer == Layer.ENTITY
        roles = [a.role for a in event.arguments]
        kind = label_set.event(event.type)
        assert all(kind.role(r).many or roles.count(r) == 1 for r in roles)


def test_accepting_an_argument_accepts_its_event_and_undo_puts_it_back(store):
    doc_id = store.documents.ids()[0]
    event = next(e for e in ops.events(store, doc_id) if e.arguments)
    arg = event.arguments[0]
    ops.accept_argument(store, event.id, arg.span.id, arg.role)
    after = store.events.get(event.id)[1]
    assert after.state == State.ACCEPTED and after.trigger.state == State.ACCEPTED
    assert next(a for a in after.arguments if a.role == arg.role and a.span.id == arg.span.id).state == State.ACCEPTED
    ops.undo(store)
    again = store.events.get(event.id)[1]
    assert again.state == State.SUGGESTED and again.trigger.state == State.SUGGESTED


def test_enter_on_a_suggested_trigger_accepts_its_event(store):
    doc_id = store.documents.ids()[0]
    event = ops.events(store, doc_id)[0]
    ops.accept_span(store, event.trigger.id)  # what Enter on a dashed trigger does
    assert store.events.get(event.id)[1].state == State.ACCEPTED


def test_rejected_and_accepted_suggestions_survive_resuggesting(store):
    doc_id = store.documents.ids()[0]
    events = [e for e in ops.events(store, doc_id) if e.arguments]
    keep, drop = events[0], events[1]
    ops.accept_event(store, keep.id)
    ops.reject_event(store, drop.id)
    rejected_arg = keep.arguments[0]
    ops.reject_argument(store, keep.id, rejected_arg.span.id, rejected_arg.role)
    before = {e.id: (e.state, e.type, e.trigger.start) for e in _all_events(store, doc_id)}

    report = ops.preannotate(store, force=True)
    assert report.documents == 2

    after = {e.id: (e.state, e.type, e.trigger.start) for e in _all_events(store, doc_id)}
    assert after[keep.id][0] == State.ACCEPTED and after[drop.id][0] == State.REJECTED
    # The rejected event was not suggested again on its trigger, nor the rejected argument.
    same = [e for e in _all_events(store, doc_id) if (e.type, e.trigger.start) == (drop.type, drop.trigger.start)]
    assert [e.id for e in same] == [drop.id]
    kept = store.events.get(keep.id)[1]
    assert [a.state for a in kept.arguments if a.span.id == rejected_arg.span.id
            and a.role == rejected_arg.role] == [State.REJECTED]
    assert {k: v for k, v in before.items() if v[0] != State.SUGGESTED} == \
        {k: v for k, v in after.items() if v[0] != State.SUGGESTED}


def test_resuggesting_adds_nothing_twice(store):
    doc_id = store.documents.ids()[1]
    count = len(_all_events(store, doc_id))
    text = store.documents.text(doc_id)
    again = [e for e in _all_events(store, doc_id)]
    with store.action("preannotate", undoable=False):
        assert suggested_events.add(store.events, doc_id, again, text, "lexicon:ace-triggers@1") == (0, 0)
    assert len(_all_events(store, doc_id)) == count


def test_done_accepts_the_suggested_events_left_and_export_writes_only_accepted_ones(store, tmp_path):
    first, second = store.documents.ids()
    shown = ops.events(store, first)
    ops.reject_event(store, shown[0].id)
    ops.mark_done(store, first)
    assert all(e.state == State.ACCEPTED for e in ops.events(store, first))
    assert all(a.state == State.ACCEPTED for e in ops.events(store, first) for a in e.arguments)
    out = tmp_path / "all.jsonl"
    ops.export(store, "jsonl", out, everything=True)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_text = {len(line["events"]) for line in lines}
    assert len(lines) == 2 and 0 in by_text  # the undone document's suggested events are not gold
    done = next(line for line in lines if line["events"])
    assert len(done["events"]) == len(shown) - 1
    assert store.documents.get_status(second) != Status.DONE


def test_a_database_from_before_keeps_its_events_as_accepted(tmp_path):
    db = tmp_path / "v8.db"
    shutil.copy(DATA / "schema-v8.db", db)  # the first with V_LEARN, holding a suggested event
    with ops.open_project(db) as store:
        doc_id = store.documents.ids()[0]
        (event,) = ops.events(store, doc_id)
        assert event.state == State.SUGGESTED and event.arguments[0].state == State.SUGGESTED
    old = tmp_path / "v4.db"
    shutil.copy(DATA / "schema-v4.db", old)
    with ops.open_project(old) as store:
        doc_id = store.documents.ids()[0]
        text = store.documents.text(doc_id)
        start = text.index("withdrawal")
        outcome = ops.add_event(store, doc_id, start, start + 10, "Movement:Transport")
        assert store.events.get(outcome.event_id)[1].state == State.ACCEPTED
