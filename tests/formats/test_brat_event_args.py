"""brat events whose arguments are events (issue 10, defect 4), on BioNLP-ST 2011 GE.

An argument that is an event (`E2<TAB>Positive_regulation:T5 Theme:E1`) is stored as a
reference to that event (its span: the event's trigger, trigger layer, labelled with its
type), and brat export writes it back as `Theme:E1`, naming that very event.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from desktop import ops
from desktop.core.model import BadInput, Layer
from desktop.formats import brat

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"


def _counted():
    """E lines and their role arguments (and those that are events), straight from the .ann files."""
    events = arguments = event_args = 0
    for ann in GE.glob("*.ann"):
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("E"):
                events += 1
                roles = line.split("\t")[1].split()[1:]
                arguments += len(roles)
                event_args += sum(bool(re.fullmatch(r"[^:]+:E\d+", r)) for r in roles)
    return events, arguments, event_args


def _events(store):
    """Each document's events by its text, as comparable tuples."""
    found = {}
    for doc_id in store.documents.ids():
        found[store.documents.text(doc_id)] = Counter(
            (e.type, e.trigger.start, e.trigger.end,
             tuple(sorted((a.role, a.span.start, a.span.end, a.span.label, a.span.layer) for a in e.arguments)))
            for e in store.events.for_doc(doc_id))
    return found


def test_the_real_counts():
    assert _counted() == (244, 317, 100)


def test_every_ge_document_imports_with_every_event_and_argument(store):
    report = ops.import_paths(store, [GE])
    assert not report.refused and not report.skipped and not report.skipped_documents, report
    assert report.imported == 20
    # every event argument refers to its own event, so nothing is approximated (before
    # V_EVARGS, 26 arguments naming an event that shares its trigger and type with another
    # were stored as the trigger, and 3 M lines on events that then looked alike were lost)
    assert report.ok and not report.dropped, report.dropped
    assert report.stored_kinds["attributes"] == 41 and report.stored_kinds["equivalences"] == 14
    events = [e for doc_id in store.documents.ids() for e in store.events.for_doc(doc_id)]
    assert len(events) == 244
    args = [a for e in events for a in e.arguments]
    assert len(args) == 317
    assert sum(a.span.layer == Layer.TRIGGER for a in args) == 100


def test_brat_export_reads_back_the_same_events(store, tmp_path):
    ops.import_paths(store, [GE])
    out = tmp_path / "out"
    assert ops.export(store, "brat", out, everything=True) == 20
    written = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.ann"))
    assert len(re.findall(r"^E\d+\t", written, re.M)) == 244
    assert len(re.findall(r" [^ :\t]+:E\d+", written)) == 100
    again = ops.open_project(tmp_path / "again.db")
    try:
        assert not ops.import_paths(again, [out]).refused
        assert _events(again) == _events(store)
    finally:
        again.close()


def test_nested_chain_defined_later_is_read(tmp_path):
    (tmp_path / "d.txt").write_text("A binds B, which regulates C.", encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tProtein 0 1\tA\nT2\tBinding 2 7\tbinds\nT3\tProtein 8 9\tB\nT4\tRegulation 17 26\tregulates\n"
        "T5\tProtein 27 28\tC\nE1\tRegulation:T4 Cause:E2 Theme:T5\nE2\tBinding:T2 Theme:T1 Theme2:E3\n"
        "E3\tRegulation:T4 Theme:T3\n", encoding="utf-8")
    (record,) = brat.read(tmp_path)
    assert not isinstance(record, BadInput), record
    first = record.events[0]
    cause = first.arguments[0]
    assert (cause.role, cause.span.start, cause.span.end, cause.span.label, cause.span.layer) == (
        "Cause", 2, 7, "Binding", Layer.TRIGGER)
    assert record.events[1].arguments[1].span.label == "Regulation"


def test_a_cycle_refuses_the_document_with_its_line(tmp_path):
    (tmp_path / "d.txt").write_text("A binds B.", encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tBinding 2 7\tbinds\nE1\tBinding:T1 Theme:E3\nE2\tBinding:T1 Theme:E1\nE3\tBinding:T1 Theme:E2\n",
        encoding="utf-8")
    (bad,) = brat.read(tmp_path)
    assert isinstance(bad, BadInput)
    assert (bad.file, bad.line) == (str(tmp_path / "d.ann"), 2)
    assert "cycle: E1 → E3 → E2 → E1" in bad.reason


def test_an_event_argument_whose_trigger_another_event_shares_names_that_event():
    """26 of GE's 100 event arguments name an event whose trigger and type another event
    shares: each holds its own event, so nothing is reported."""
    records = [r for r in brat.read(GE) if not isinstance(r, BadInput)]
    assert not [d for r in records for d in r.dropped]
    args = [a for r in records for e in r.events for a in e.arguments if a.event is not None]
    assert len(args) == 100
    assert all(a.span == a.event.trigger for a in args)
    shared = [a for r in records for e in r.events for a in e.arguments if a.event is not None
              and sum((o.type, o.trigger) == (a.event.type, a.event.trigger) for o in r.events) > 1]
    assert len(shared) == 26
