"""Arguments that are events (V_EVARGS) in the store: read back as references, taken with
the event they name when it goes, brought back by undo, moved with its trigger.

A small brat document in the shape of BioNLP's: E1, E2 are two Transcription events on one
trigger with different themes, E3 and E4 regulate each of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop import ops
from desktop.core.model import Layer, Span
from desktop.store import migrations
from tests.helpers import DATA

TEXT = "A and B are transcribed, which induces them."
ANN = ("T1\tProtein 0 1\tA\nT2\tProtein 6 7\tB\nT3\tTranscription 12 23\ttranscribed\n"
       "T4\tPositive_regulation 31 38\tinduces\n"
       "E1\tTranscription:T3 Theme:T1\nE2\tTranscription:T3 Theme:T2\n"
       "E3\tPositive_regulation:T4 Theme:E2\nE4\tPositive_regulation:T4 Theme:E1\n")


def _imported(store, tmp_path: Path) -> int:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d.txt").write_text(TEXT, encoding="utf-8")
    (folder / "d.ann").write_text(ANN, encoding="utf-8")
    report = ops.import_paths(store, [folder])
    assert report.ok and not report.dropped, report.dropped
    return store.documents.ids()[0]


def _links(store, doc_id) -> set[tuple[str, str]]:
    """(regulation's theme event's own theme text) for every event argument: which event each names."""
    return {(e.type, a.event.arguments[0].span.text) for e in store.events.for_doc(doc_id)
            for a in e.arguments if a.event is not None}


def _rows(store) -> list[tuple]:
    return store.conn.execute("SELECT id, event_id, span_id, role, arg_event_id FROM event_arguments"
                              " ORDER BY id").fetchall()


def test_each_regulation_names_its_own_transcription(store, tmp_path):
    doc_id = _imported(store, tmp_path)
    events = store.events.for_doc(doc_id)
    assert len(events) == 4
    assert _links(store, doc_id) == {("Positive_regulation", "A"), ("Positive_regulation", "B")}
    for e in events:
        for a in e.arguments:
            if a.event is not None:  # the span is the named event's trigger; the event is the listed one
                assert a.span == a.event.trigger and a.event in events


def test_deleting_an_argument_event_takes_the_argument_and_undo_brings_it_back(store, tmp_path):
    doc_id = _imported(store, tmp_path)
    before = _rows(store)
    (b_event,) = [e for e in store.events.for_doc(doc_id)
                  if e.type == "Transcription" and e.arguments[0].span.text == "B"]
    ops.delete_event(store, b_event.id)
    events = store.events.for_doc(doc_id)
    assert len(events) == 3
    # the regulation of B lost its theme (the row that was B's event), the other kept A's
    assert _links(store, doc_id) == {("Positive_regulation", "A")}
    assert not store.conn.execute("SELECT COUNT(*) FROM event_arguments WHERE arg_event_id = ?",
                                  (b_event.id,)).fetchone()[0]
    ops.undo(store)
    assert _rows(store) == before
    assert _links(store, doc_id) == {("Positive_regulation", "A"), ("Positive_regulation", "B")}
    ops.redo(store)
    assert _links(store, doc_id) == {("Positive_regulation", "A")}


def test_an_event_given_its_own_trigger_keeps_the_arguments_that_name_it(store, tmp_path):
    """Retyping one of two events on a shared trigger gives it a trigger of its own: the
    argument naming it follows (its span is that event's trigger), and undo restores it."""
    doc_id = _imported(store, tmp_path)
    (a_event,) = [e for e in store.events.for_doc(doc_id)
                  if e.type == "Transcription" and e.arguments[0].span.text == "A"]
    before = _rows(store)
    with store.action("move trigger", annotator=None, doc_id=doc_id):
        new = store.spans.add(doc_id, Span(12, 23, "Gene_expression", "transcribed", Layer.TRIGGER), TEXT)
        store.events.update(a_event.id, type="Gene_expression", trigger_span_id=new)
    (named,) = [a for e in store.events.for_doc(doc_id) for a in e.arguments
                if a.event is not None and a.event.id == a_event.id]
    assert named.span.id == new and named.event.type == "Gene_expression"
    ops.undo(store)
    assert _rows(store) == before


def test_the_v10_fixture_has_the_column_and_takes_an_event_argument(tmp_path):
    path = tmp_path / "v10.db"
    shutil.copy(DATA / "schema-v10.db", path)
    with ops.open_project(path) as store:
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(event_arguments)")]
        assert "arg_event_id" in columns
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST


def test_an_older_file_gains_the_column_with_its_arguments_unchanged(tmp_path):
    path = tmp_path / "v9.db"
    shutil.copy(DATA / "schema-v9.db", path)
    with ops.open_project(path) as store:
        rows = store.conn.execute("SELECT event_id, span_id, role, arg_event_id FROM event_arguments").fetchall()
        assert rows and all(r[3] is None for r in rows)
        doc_id = store.documents.ids()[0]
        assert all(a.event is None for e in store.events.for_doc(doc_id, rejected=True) for a in e.arguments)


def test_two_events_on_one_trigger_in_one_role_of_one_event_are_reported_not_lost_silently(store, tmp_path):
    """One row per event, span and role: `E3 Theme:E1 Theme2:E2` with E1 and E2 on one
    trigger stores the first and reports the second with the document's line."""
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d.txt").write_text(TEXT, encoding="utf-8")
    (folder / "d.ann").write_text(ANN.split("E3\t")[0] + "E3\tPositive_regulation:T4 Theme:E1 Theme2:E2\n",
                                  encoding="utf-8")
    report = ops.import_paths(store, [folder])
    assert not report.ok and report.dropped_kinds["events"] == 1
    assert (report.read["events"], report.stored_kinds["events"]) == (3, 2)
    assert any("another Transcription event with the same trigger fills that role already" in d
               for d in report.dropped), report.dropped
    (doc_id,) = store.documents.ids()
    (regulation,) = [e for e in store.events.for_doc(doc_id) if e.type == "Positive_regulation"]
    assert [a.event.type for a in regulation.arguments] == ["Transcription"]
