"""The annotated reference seed: the seed article as annotated in the app itself (its entities
corrected, its events and arguments marked, its document labels set, marked done), exported
with `spandesk export --format jsonl`. It imports, validates clean, round-trips, and the brat
folder and the event-extraction JSON carry its events exactly."""

from __future__ import annotations

import json

import pytest

from desktop import ops
from desktop.core.model import Record, Status
from desktop.formats import brat

from tests.helpers import ROOT, SEED

REFERENCE = ROOT / "seeds" / "kazakhstan-csto-withdrawal.jsonl"


@pytest.fixture
def reference(store):
    report = ops.import_paths(store, [REFERENCE])
    assert report.ok and report.imported == 1 and not report.skipped
    (doc_id,) = store.documents.ids()
    return store, doc_id


def event_tuples(events):
    return sorted(
        (e.type, e.trigger.start, e.trigger.end, e.trigger.text,
         tuple(sorted((a.role, a.span.start, a.span.end, a.span.label, a.span.text) for a in e.arguments)))
        for e in events
    )


def test_the_reference_is_the_seed_text_annotated_done_and_valid(reference):
    store, doc_id = reference
    assert store.documents.text(doc_id) == ops.open_document(store, doc_id).doc.text
    assert store.documents.get_status(doc_id) == Status.DONE
    assert ops.validate(store) == []
    events = ops.events(store, doc_id)
    assert len([e for e in events if e.arguments]) >= 5
    kinds = {e.type for e in events}
    assert {"Movement:Transport", "Justice:Arrest-Jail", "Life:Die", "Conflict:Demonstrate",
            "Conflict:Attack"} <= kinds
    assert ops.doc_labels(store, doc_id) == sorted(ops.doc_labels(store, doc_id)) != []
    visit = next(e for e in events if e.trigger.text == "visited")
    assert sorted((a.role, a.span.text) for a in visit.arguments) == [
        ("Artifact", "Tokayev"), ("Destination", "Almaty"), ("Time", "Wednesday")]


def test_export_import_export_is_identical_to_the_file(reference, tmp_path):
    store, _doc_id = reference
    first = tmp_path / "first.jsonl"
    assert ops.export(store, "jsonl", first) == 1
    assert first.read_bytes() == REFERENCE.read_bytes()
    with ops.open_project(tmp_path / "again.db") as again:
        assert ops.import_paths(again, [first]).ok
        second = tmp_path / "second.jsonl"
        ops.export(again, "jsonl", second)
    assert second.read_bytes() == first.read_bytes()


def test_brat_export_carries_the_events_exactly(reference, tmp_path):
    store, doc_id = reference
    folder = tmp_path / "brat"
    assert ops.export(store, "brat", folder) == 1
    (record,) = brat.read(folder)
    assert isinstance(record, Record), record
    assert event_tuples(record.events) == event_tuples(ops.events(store, doc_id))
    # (brat has no document-level annotation: document labels travel in JSONL and DocBin)
    (ann,) = folder.glob("*.ann")
    assert sum(line.startswith("E") for line in ann.read_text(encoding="utf-8").splitlines()) == 17


def test_events_export_carries_the_events_exactly(reference, tmp_path):
    from desktop.formats import dygiepp

    from tests.formats import dygiepp_loader

    store, doc_id = reference
    out = tmp_path / "events.jsonl"
    assert ops.export(store, "events", out) == 1  # "events" names DyGIE++'s documents
    (loaded,) = dygiepp_loader.load(out)  # what DyGIE++'s loader takes
    assert len(loaded["events"]) == len(ops.events(store, doc_id))
    (back,) = dygiepp.read(out)

    def plain(text):
        return "".join(text.split())  # DyGIE++ keeps tokens, not the spaces between them

    found = [(e.type, plain(e.trigger.text), tuple(sorted((a.role, a.span.label, plain(a.span.text))
                                                          for a in e.arguments))) for e in back.events]
    expected = [(e.type, plain(e.trigger.text), tuple(sorted((a.role, a.span.label, plain(a.span.text))
                                                             for a in e.arguments)))
                for e in ops.events(store, doc_id)]
    assert sorted(found) == sorted(expected)


def test_a_new_users_database_holds_the_reference_once(tmp_path):
    with ops.open_project(tmp_path / "new.db", seed=True) as store:
        titles = {store.documents.get(i).title: i for i in store.documents.ids()}
        reference = titles["Kazakhstan: Military alliance begins with withdrawal"]
        assert len(titles) == store.documents.count()  # the plain-text seed was not stored again
        assert store.documents.get_status(reference) == Status.DONE
        assert len(ops.events(store, reference)) == 17
        assert ops.first_run_due(store)  # the practice articles still wait for the model
        assert ops.first_open_document(store) != reference
    again = ops.ImportReport()
    with ops.open_project(tmp_path / "other.db") as store:
        again = ops.import_seeds(store)
    assert again.ok and again.duplicates == [] and again.imported == len(titles)



def test_the_plain_text_seed_is_the_same_article(reference):
    store, _doc_id = reference
    plain = ops.import_paths(store, [SEED])
    assert plain.imported == 0 and len(plain.duplicates) == 1  # outside seeding, a duplicate is reported
