"""Arguments that are events through the team layers (V_EVARGS2), on the real BioNLP GE files,
whose events share triggers (E12-E14 are three Transcription events on one word, and
E15-E17 name one each): assign, merge, `export --annotator` and adjudication give back the
very events the file names, brat lines equal up to ids."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from desktop import ops

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"
NAME = "PMC-2065877-06-Results-05"
SHARED = (GE / f"{NAME}.txt").read_text(encoding="utf-8")


def _events(ann: str) -> Counter:
    """The T and E lines of an .ann with every id replaced by what it names (an event by its
    type, trigger and arguments, recursively; roles without brat's numbering): equal up to ids."""
    spans, events = {}, {}
    for line in ann.splitlines():
        ident, body = line.split("\t")[:2]
        if ident.startswith("T"):
            spans[ident] = body
        elif ident.startswith("E"):
            events[ident] = body.split(" ")

    def name(ident: str, seen: tuple = ()) -> object:
        if ident in spans:
            return spans[ident]
        assert ident not in seen, "a cycle of events"
        (kind, trigger), *args = [part.split(":") for part in events[ident]]
        return (kind, spans[trigger], tuple(sorted((re.sub(r"\d+$", "", role), repr(name(t, (*seen, ident))))
                                                   for role, t in args)))

    return Counter(repr(name(e)) for e in events) + Counter(spans.values())


def _events_of(folder: Path) -> Counter:
    (found,) = [p for p in folder.rglob("*.ann") if p.with_suffix(".txt").read_text(encoding="utf-8") == SHARED]
    return _events(found.read_text(encoding="utf-8"))


def _doc(store) -> int:
    (doc_id,) = [d for d in store.documents.ids() if store.documents.text(d) == SHARED]
    return doc_id


def test_the_corpus_shares_triggers_among_events_named_by_others():
    ann = (GE / f"{NAME}.ann").read_text(encoding="utf-8")
    assert "E12\tTranscription:T72 Theme:T16" in ann and "E13\tTranscription:T72 Theme:T17" in ann
    assert "E16\tPositive_regulation:T73 Theme:E13" in ann


def test_export_annotator_and_adjudication_keep_which_event_an_argument_is(tmp_path):
    original = _events((GE / f"{NAME}.ann").read_text(encoding="utf-8"))
    master = tmp_path / "master.db"
    with ops.open_project(master) as store:
        assert ops.import_paths(store, [GE]).imported == 20
        doc_id = _doc(store)
        files = ops.assign(store, ["ana", "ben"], tmp_path / "out", overlap=1.0).files
        # the gold layer starts without this document's events: adjudication must bring them back
        while events := store.events.for_doc(doc_id):
            ops.delete_event(store, events[0].id, annotator="lead")
    for name in ("ana", "ben"):
        with ops.open_project(files[name]) as s:
            if name == "ben":  # a little work: ben drops the Transcription event E13 (and so E16's Theme)
                (e13,) = [e for e in s.events.for_doc(doc_id) if e.type == "Transcription"
                          and any(a.span.text == "IL15" and a.span.start == 612 for a in e.arguments)]
                ops.delete_event(s, e13.id, annotator=name)
            for d in s.documents.ids():
                ops.mark_done(s, d, annotator=name)
    with ops.open_project(master) as store:
        ops.merge_files(store, files.values())
        assert ops.export(store, "brat", tmp_path / "ana", everything=True, annotator="ana") == 20
        assert _events_of(tmp_path / "ana") == original  # ana changed nothing: her events as the file's
        ops.export(store, "brat", tmp_path / "ben", everything=True, annotator="ben")
        ben = _events_of(tmp_path / "ben")
        # E13 gone, and E16 lost its Theme with it; E15 and E17 still name E12 and E14
        assert sum((original - ben).values()) == 2
        assert list(ben - original) == [repr(("Positive_regulation", "Positive_regulation 716 722", ()))]  # T73
        ops.preaccept(store, doc_id, annotator="lead")
        for disagreement in ops.review(store, doc_id).disagreements:
            if disagreement.kind == "event":
                ops.decide(store, doc_id, disagreement, "ana", annotator="lead")
        ops.export(store, "brat", tmp_path / "gold", everything=True)
        assert _events_of(tmp_path / "gold") == original
        assert not [d for d in ops.review(store, doc_id).disagreements
                    if d.kind == "event" and ops.decided(store, doc_id, d) != "ana"]


def test_undo_and_redo_of_a_merge_keep_which_event_an_argument_is(tmp_path):
    original = _events((GE / f"{NAME}.ann").read_text(encoding="utf-8"))
    with ops.open_project(tmp_path / "master.db") as store:
        ops.import_paths(store, [GE])
        files = ops.assign(store, ["ana"], tmp_path / "out").files
        ops.merge_files(store, files.values(), annotator="ana")
        ops.undo(store)
        assert not store.conn.execute("SELECT COUNT(*) FROM team_arguments").fetchone()[0]
        ops.redo(store)  # history gives each row back with its arg_event_id
        assert store.conn.execute("SELECT COUNT(*) FROM team_arguments WHERE arg_event_id IS NOT NULL").fetchone()[0]
        ops.export(store, "brat", tmp_path / "ana", everything=True, annotator="ana")
    assert _events_of(tmp_path / "ana") == original
