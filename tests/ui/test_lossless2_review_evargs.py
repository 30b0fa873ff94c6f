"""The review window on events whose arguments are events (BioNLP GE, events sharing a
trigger): their disagreements are listed, and taking an annotator's version by key puts
the event into the gold layer naming the very event the annotator's did."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop import ops
from tests.helpers import open_review

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"
NAME = "PMC-2065877-06-Results-05"


def test_an_event_disagreement_on_a_shared_trigger_is_listed_and_taken_by_key(qtbot, tmp_path):
    corpus = tmp_path / "ge"
    corpus.mkdir()
    for suffix in (".txt", ".ann"):
        shutil.copy(GE / f"{NAME}{suffix}", corpus)
    with ops.open_project(tmp_path / "master.db") as store:
        ops.import_paths(store, [corpus])
        (doc_id,) = store.documents.ids()
        files = ops.assign(store, ["ana", "ben"], tmp_path / "out", overlap=1.0).files
        while events := store.events.for_doc(doc_id):  # the gold layer starts without events
            ops.delete_event(store, events[0].id, annotator="lead")
    with ops.open_project(files["ben"]) as s:  # ben drops the Transcription event of IL15 (E13)
        (e13,) = [e for e in s.events.for_doc(doc_id) if e.type == "Transcription"
                  and any(a.span.start == 612 for a in e.arguments)]
        ops.delete_event(s, e13.id, annotator="ben")
    store = ops.open_project(tmp_path / "master.db")
    try:
        ops.merge_files(store, files.values())
        win = open_review(qtbot, store)
        lines = [win.list.item(n).text() for n in range(win.list.count())]
        # ana's E16 names E13 (IL15's Transcription); ben has neither
        assert any(line.startswith("event\n1 ana: Positive_regulation 'higher' [Theme: 'Transcription']")
                   and "Transcription 'Transcription' [Theme: 'IL15']" not in line for line in lines)
        for _ in range(win.list.count()):
            qtbot.keyClick(win.view, "1")  # ana's version of each, the focus moving on
        named = {(e.trigger.text, e.type, a.role, a.event.type, a.event.arguments[0].span.text)
                 for e in store.events.for_doc(doc_id) for a in e.arguments if a.event is not None}
        # the three Positive_regulation events on "higher" each name their own Transcription event
        assert {(t, a) for t, ty, r, et, a in named if t == "higher"} == {
            ("higher", "IL10"), ("higher", "IL15"), ("higher", "IFNgamma")}
    finally:
        store.close()
