"""Arguments that are events in the formats besides brat: JSONL and the spaCy DocBin carry
them (`"event": i`, the index of the named event in the document's "events") and read them
back exactly; DyGIE++ cannot, and export says so per document with the count."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop import ops
from desktop.core.model import BadInput
from desktop.formats import jsonl

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"


def _canon(event) -> tuple:
    return (event.type, event.trigger.start, event.trigger.end, tuple(sorted(
        (a.role, a.span.start, a.span.end, a.span.label, _canon(a.event) if a.event is not None else None)
        for a in event.arguments)))


def _events(store) -> dict[str, Counter]:
    return {store.documents.text(d): Counter(_canon(e) for e in store.events.for_doc(d))
            for d in store.documents.ids()}


@pytest.mark.parametrize("fmt,name", [("jsonl", "out.jsonl"), ("spacy", "out.spacy")])
def test_event_arguments_round_trip(store, tmp_path, fmt, name):
    ops.import_paths(store, [GE])
    out = tmp_path / name
    assert ops.export(store, fmt, out, everything=True) == 20
    again = ops.open_project(tmp_path / "again.db")
    try:
        report = ops.import_paths(again, [out])
        assert not report.refused and not [d for d in report.dropped if "event" in d], report.dropped
        assert _events(again) == _events(store)
        assert sum(a.event is not None for d in again.documents.ids() for e in again.events.for_doc(d)
                   for a in e.arguments) == 100
    finally:
        again.close()


def test_jsonl_names_the_event_by_index(store, tmp_path):
    ops.import_paths(store, [GE])
    out = tmp_path / "out.jsonl"
    ops.export(store, "jsonl", out, everything=True)
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    named = [(t, a) for t in tasks for e in t["events"] for a in e["arguments"] if "event" in a]
    assert len(named) == 100
    for task, arg in named:
        target = task["events"][arg["event"]]
        assert (target["trigger"]["start"], target["trigger"]["end"], target["type"]) == (
            arg["start"], arg["end"], arg["label"])


def _task(events) -> str:
    text = "A is transcribed and induced."
    return json.dumps({"text": text, "spans": [{"start": 0, "end": 1, "label": "Protein"}], "events": events})


TRANSCRIPTION = {"type": "Transcription", "trigger": {"start": 5, "end": 16},
                 "arguments": [{"role": "Theme", "start": 0, "end": 1, "label": "Protein"}]}


def _read(tmp_path, line: str):
    path = tmp_path / "t.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    return list(jsonl.read(path))


def test_a_bad_event_index_is_refused_with_its_line(tmp_path):
    induced = {"type": "Positive_regulation", "trigger": {"start": 21, "end": 28},
               "arguments": [{"role": "Theme", "start": 5, "end": 16, "label": "Transcription", "layer": "trigger",
                              "event": 7}]}
    (bad,) = _read(tmp_path, _task([TRANSCRIPTION, induced]))
    assert isinstance(bad, BadInput) and bad.line == 1 and '"event" must be the index' in bad.reason


def test_an_event_index_to_an_event_whose_trigger_it_is_not_is_refused(tmp_path):
    induced = {"type": "Positive_regulation", "trigger": {"start": 21, "end": 28},
               "arguments": [{"role": "Theme", "start": 0, "end": 1, "label": "Protein", "event": 0}]}
    (bad,) = _read(tmp_path, _task([TRANSCRIPTION, induced]))
    assert isinstance(bad, BadInput) and "names event 1" in bad.reason


def test_a_cycle_of_event_indexes_is_refused(tmp_path):
    def regulation(start, end, other_start, other_end, other):
        return {"type": "Regulation", "trigger": {"start": start, "end": end},
                "arguments": [{"role": "Theme", "start": other_start, "end": other_end, "label": "Regulation",
                               "layer": "trigger", "event": other}]}
    (bad,) = _read(tmp_path, _task([regulation(5, 16, 21, 28, 1), regulation(21, 28, 5, 16, 0)]))
    assert isinstance(bad, BadInput) and "cycle" in bad.reason


def test_dygiepp_export_says_which_documents_lose_which_event(store, tmp_path):
    ops.import_paths(store, [GE])
    said: list[str] = []
    ops.export(store, "dygiepp", tmp_path / "out.jsonl", everything=True, warn=said.append)
    counts = [int(m.split(": ")[1].split()[0]) for m in said if "event argument" in m]
    assert sum(counts) == 100 and all("cannot say which event" in m and "document" in m for m in said)
    # a format that writes them exactly says nothing
    said.clear()
    ops.export(store, "jsonl", tmp_path / "out2.jsonl", everything=True, warn=said.append)
    assert not said
