"""brat events as arguments stored exactly (V_EVARGS): the real BioNLP-ST 2011 GE files
import, export and read back with every E line equal to the original's up to ids.

Before, an argument naming an event that shares its trigger and type with another
(`E15<TAB>Positive_regulation:T73 Theme:E12` where E12, E13 and E14 share T72) was
stored as the trigger, and an export named the first such event instead.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from desktop import ops

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"


def _canonical_events(ann: str, text: str) -> Counter:
    """A .ann's E lines with every id replaced by what it names: a T by its label and covered
    text's offsets, an E by its own canonical form (recursively); role numbers kept."""
    bounds, events = {}, {}
    for line in ann.splitlines():
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            label, offsets = rest.split("\t")[0].split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            bounds[ident] = (label, pieces[0][0], pieces[-1][1])
        elif ident.startswith("E"):
            events[ident] = rest.split("\t")[0].split()

    def canon(ident: str, path: tuple = ()) -> tuple:
        assert ident not in path
        (kind, trigger), *args = (f.split(":") for f in events[ident])
        return (kind, bounds[trigger], tuple(sorted(
            (role.rstrip("0123456789"), canon(t, (*path, ident)) if t.startswith("E") else bounds[t])
            for role, t in args)))

    return Counter(canon(e) for e in events)


def _by_text(folder: Path) -> dict[str, Counter]:
    return {txt.read_text(encoding="utf-8"): _canonical_events(
        txt.with_suffix(".ann").read_text(encoding="utf-8"), txt.read_text(encoding="utf-8"))
        for txt in folder.glob("*.txt")}


def test_ge_event_lines_round_trip_exactly(store, tmp_path):
    report = ops.import_paths(store, [GE])
    assert report.imported == 20 and not report.dropped, report.dropped
    out = tmp_path / "out"
    assert ops.export(store, "brat", out, everything=True) == 20
    original, written = _by_text(GE), _by_text(out)
    assert set(written) == set(original)
    assert sum(sum(c.values()) for c in original.values()) == 244
    for text, events in original.items():
        assert written[text] == events, text[:60]


def test_the_shared_trigger_case_names_each_event(store, tmp_path):
    """PMC-2065877-06-Results-05: E15, E16, E17 have Theme E12, E13, E14, three
    Transcription events on one trigger T72 with different themes."""
    ops.import_paths(store, [GE])
    (doc_id,) = [d for d in store.documents.ids()
                 if store.documents.text(d) == (GE / "PMC-2065877-06-Results-05.txt").read_text(encoding="utf-8")]
    events = store.events.for_doc(doc_id)
    regulations = [e for e in events if e.type == "Positive_regulation"
                   and any(a.event is not None and a.event.type == "Transcription" for a in e.arguments)]
    themes = {a.event.arguments[0].span.text for e in regulations for a in e.arguments if a.event is not None}
    assert len(regulations) == 3 and len(themes) == 3
    # the referenced events are the listed ones, with their ids
    assert all(a.event in events and a.event.id is not None for e in regulations for a in e.arguments if a.event)
