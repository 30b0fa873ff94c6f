"""brat R, A/M, #, N and * lines (issue 10): read into the Record's kinds, stored, and
written back. Round trips run on brat's own example corpora: import, export brat, and the
same annotations by value (ids may be renumbered)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from desktop import ops
from desktop.core.annotations import Attribute, Equivalence, Normalisation, Note, Relation
from desktop.core.model import BadInput, Event, Layer
from desktop.formats import brat
from desktop.formats.brat_read import read_document

BRAT = Path(__file__).parents[1] / "data/thirdparty/brat"
CORPORA = {
    "news": BRAT / "tutorials/news",
    "TDT": BRAT / "corpora/TDT",
    "NCBI": BRAT / "corpora/NCBI-disease",
    "REL": BRAT / "corpora/BioNLP-ST_2011/BioNLP-ST_2011_REL",
    "CoNLL": BRAT / "corpora/CoNLL-ST_2002/esp",
}


def _values(folder: Path) -> dict[str, Counter]:
    """Every .ann of a folder by its text: each annotation by value, T and E ids resolved to
    what they name, R/A/M/#/N/* lines only (T and E lines have their own tests)."""
    out = {}
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        lines = [line.split("\t") for line in ann.read_text(encoding="utf-8").splitlines() if line.strip()]
        things: dict[str, object] = {}
        for ident, rest, *_ in lines:
            if ident[0] == "T":
                label, offsets = rest.split(" ", 1)
                things[ident] = (label, offsets)
        for ident, rest, *_ in lines:  # events naming events: resolved in as many passes as needed
            if ident[0] == "E":
                kind, trigger = rest.split()[0].split(":")
                things[ident] = (kind, things[trigger])
        for ident, rest, *_ in lines:
            if ident[0] == "R":
                label, a1, a2 = rest.split()
                things[ident] = (label, a1.split(":")[0], things[a1.split(":")[1]], a2.split(":")[0],
                                 things[a2.split(":")[1]])
        found = Counter()
        for ident, rest, *tail in lines:
            fields = rest.split()
            if ident[0] == "R":
                found["R", things[ident]] += 1
            elif ident[0] in "AM":
                found["A", fields[0], things[fields[1]], tuple(fields[2:])] += 1
            elif ident[0] == "#":
                found["#", fields[0], things[fields[1]], tail[0] if tail else ""] += 1
            elif ident[0] == "N":
                found["N", fields[0], things[fields[1]], fields[2], tail[0] if tail else ""] += 1
            elif ident[0] == "*":
                found["*", fields[0], frozenset(things[m] for m in fields[1:])] += 1
        out[text] = found
    return out


@pytest.mark.parametrize("name", CORPORA)
def test_real_corpora_round_trip_every_kind(name, store, tmp_path):
    folder = CORPORA[name]
    report = ops.import_paths(store, [folder])
    assert report.ok and not report.dropped, report.dropped
    ops.export(store, "brat", tmp_path / "out", everything=True)
    before, after = _values(folder), _values(tmp_path / "out")
    assert set(before) == set(after)
    # A duplicate line (brat allows two identical A lines) is written once: compare as sets.
    assert {t: set(c) for t, c in after.items()} == {t: set(c) for t, c in before.items()}
    assert sum(len(c) for c in before.values()) > 0 or name == "CoNLL"


def test_stored_counts_equal_the_lines_of_each_kind(store):
    report = ops.import_paths(store, [CORPORA["news"], CORPORA["TDT"], CORPORA["NCBI"], CORPORA["REL"]])
    lines = Counter()
    for folder in (CORPORA["news"], CORPORA["TDT"], CORPORA["NCBI"], CORPORA["REL"]):
        for ann in folder.glob("*.ann"):
            for line in ann.read_text(encoding="utf-8").splitlines():
                if line[:1] in ("R", "A", "M", "#", "N", "*"):
                    lines[{"R": "relations", "A": "attributes", "M": "attributes", "#": "notes",
                           "N": "normalisations", "*": "equivalences"}[line[0]]] += 1
    assert lines == Counter(relations=89, attributes=266, notes=78, normalisations=1, equivalences=7)
    assert {k: report.stored_kinds[k] for k in lines} == dict(lines)
    assert report.ok


def _doc(tmp_path, ann: str, text: str = "Alice met Bob in Paris."):
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    return read_document(tmp_path / "d.txt", tmp_path / "d.ann")


def test_reader_resolves_ids_defined_later_and_keeps_every_kind(tmp_path):
    record = _doc(tmp_path, "R1\tMet Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes R1\tsure?\nA1\tNegation E1\n"
                            "A2\tMention T1 Name\nN1\tReference T3 Wikipedia:22989\tParis\n*\tEquiv T1 T2\n"
                            "T1\tPER 0 5\tAlice\nT2\tPER 10 13\tBob\nT3\tLOC 17 22\tParis\nT4\tMeet 6 9\tmet\n"
                            "E1\tMeet:T4 Agent:T1\n")
    alice, bob, paris = (s for s in record.spans if s.layer == Layer.ENTITY)
    (event,) = record.events
    (rel,) = record.relations
    assert rel == Relation("Met", alice, bob)
    assert record.notes == [Note("sure?", rel)]
    assert record.attributes == [Attribute("Negation", event), Attribute("Mention", alice, "Name")]
    assert record.normalisations == [Normalisation(paris, "Wikipedia", "22989", "Paris")]
    assert record.equivalences == [Equivalence("Equiv", (alice, bob))]
    assert record.dropped == []


def test_what_the_project_cannot_hold_is_dropped_with_its_line(tmp_path):
    record = _doc(tmp_path, "T1\tPER 0 5\tAlice\nT4\tMeet 6 9\tmet\nE1\tMeet:T4 Agent:T1\n"
                            "R1\tX Arg1:E1 Arg2:T1\nA1\tMention T1 Name\n#1\tAnnotatorNotes A1\twhy\n")
    assert [(d.kind, d.line) for d in record.dropped] == [("relation", 4), ("note", 6)]
    assert "end is an event" in record.dropped[0].reason


@pytest.mark.parametrize("ann, reason", [
    ("R1\tX Arg1:T1 Arg2:T9\nT1\tPER 0 5\tAlice\n", "R1: T9 is no annotation of this file"),
    ("R1\tX Arg1:T1\n", "R1: expected LABEL Arg1:ID Arg2:ID"),
    ("N1\tReference T1 nokey\tx\nT1\tPER 0 5\tAlice\n", "expected RESOURCE:KEY"),
    ("A1\tConfidence T1 High Low\nT1\tPER 0 5\tAlice\n", "expected NAME TARGET \\[VALUE\\]"),
    ("#1\tAnnotatorNotes\ttext\n", "#1: expected KIND ID"),
    ("*\tEquiv\n", "\\*: expected LABEL ID…"),
])
def test_malformed_lines_refuse_the_document_with_file_and_line(tmp_path, ann, reason):
    bad = _doc(tmp_path, ann)
    assert isinstance(bad, BadInput) and bad.line == 1
    assert re.search(reason, bad.reason), bad.reason


def test_writer_names_events_and_relations_by_value_and_skips_document_notes(tmp_path):
    record = _doc(tmp_path, "T1\tPER 0 5\tAlice\nT2\tPER 10 13\tBob\nT4\tMeet 6 9\tmet\nE1\tMeet:T4 Agent:T1 Agent2:T2\n"
                            "R1\tMet Arg1:T1 Arg2:T2\nA1\tConfidence E1 High\n#1\tAnnotatorNotes R1\tline one\n")
    record.notes.append(Note("about the whole document"))
    record.notes.append(Note("two\nlines", record.spans[0]))
    ann = brat.ann(record)
    assert "R1\tMet Arg1:T1 Arg2:T2\n" in ann and "A1\tConfidence E1 High\n" in ann
    assert "#1\tAnnotatorNotes R1\tline one\n" in ann and "\tAnnotatorNotes T1\ttwo lines\n" in ann
    assert "whole document" not in ann
    assert isinstance(record.events[0], Event)


def test_a_set_of_one_span_is_kept_and_written_back(tmp_path):
    record = _doc(tmp_path, "T1\tPER 0 5\tAlice\n*\tEquiv T1\n")
    assert [len(e.members) for e in record.equivalences] == [1]
    assert "*\tEquiv T1\n" in brat.ann(record)
