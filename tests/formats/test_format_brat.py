"""brat standoff: a folder brat opens as it is, read back identically."""

from __future__ import annotations

import filecmp
import re

import pytest

from desktop import ops
from desktop.core.model import Argument, BadInput, Document, Event, Layer, Record, Source, Span, State
from desktop.core.label_set import default_label_set
from desktop.formats import brat, brat_names, reader_for

from tests.helpers import SEED, find

TEXT = "Protesters clashed with troops in Almaty.\nSoldiers and police\nfired; 3 people died."


def span(word, label, nth=0, **keys):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Span(start, start + len(word), label, word, **keys)


def record():
    protesters, troops = span("Protesters", "PERSON"), span("troops", "PERSON", state=State.SUGGESTED)
    soldiers, police = span("Soldiers", "PERSON"), span("police", "ORG")
    almaty, people = span("Almaty", "GPE", source=Source.MODEL), span("3 people", "PERSON")
    clash = Event("Conflict:Attack", span("clashed", "Conflict:Attack", layer=Layer.TRIGGER), (
        Argument("Attacker", protesters), Argument("Attacker", troops), Argument("Attacker", soldiers),
        Argument("Attacker", police), Argument("Place", almaty)))
    death = Event("Life:Die", span("died", "Life:Die", layer=Layer.TRIGGER), (Argument("Victim", people),))
    # spans across a line break, as an annotator may mark them
    both = span("Soldiers and police\nfired", "EVENT")
    spans = [protesters, troops, soldiers, police, almaty, people, both]
    return Record(Document(TEXT, ext_id="clash/1 ?"), spans=spans, events=[death, clash])


def read_one(folder):
    (back,) = brat.read(folder)
    assert isinstance(back, Record), back
    return back


def test_ann_lines_conflict_attack_and_repeated_roles_numbered(tmp_path):
    assert brat.write([record()], tmp_path, default_label_set()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotation.conf", "clash_1.ann", "clash_1.txt"]
    assert (tmp_path / "clash_1.txt").read_bytes() == TEXT.encode("utf-8")
    lines = (tmp_path / "clash_1.ann").read_text(encoding="utf-8").splitlines()
    ids = {line.split("\t")[2]: line.split("\t")[0] for line in lines if line.startswith("T")}
    (attack,) = [line for line in lines if line.startswith("E") and "Conflict__Attack" in line]
    assert attack.split("\t")[1] == (
        f"Conflict__Attack:{ids['clashed']} Attacker:{ids['Protesters']} Attacker2:{ids['troops']} "
        f"Place:{ids['Almaty']} Attacker3:{ids['Soldiers']} Attacker4:{ids['police']}")
    assert f"A1\tSuggested {ids['troops']}" in lines  # the suggestion, and only it
    assert sum(line.startswith("A") for line in lines) == 1
    # a span over a line break is written in fragments, as brat writes it
    assert f"{ids['Soldiers and police fired']}\tEVENT 42 61;62 67\tSoldiers and police fired" in lines


def test_read_back_gives_the_original_types_roles_states_and_spans(tmp_path):
    original = record()
    brat.write([original], tmp_path, default_label_set())
    back = read_one(tmp_path)
    assert back.doc.text == TEXT and back.doc.ext_id == "clash_1"

    def events(r):
        return sorted((e.type, e.trigger.text, e.trigger.layer,
                       sorted((a.role, a.span.text, a.span.label, a.span.state) for a in e.arguments))
                      for e in r.events)

    assert events(back) == events(original)
    assert [e.type for e in back.events] == ["Conflict:Attack", "Life:Die"]
    entities = sorted((s.start, s.end, s.label, s.state) for s in back.spans if s.layer == Layer.ENTITY)
    assert entities == sorted((s.start, s.end, s.label, s.state) for s in original.spans)
    assert {s.source for s in back.spans} == {Source.IMPORT}


def test_annotation_conf_lists_every_type_and_role(tmp_path):
    label_set = default_label_set()
    brat.write([record()], tmp_path, label_set)
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    sections = dict(re.findall(r"\[(\w+)\]\n(.*?)(?=\n\[|\Z)", conf, re.S))
    assert set(sections) == {"entities", "relations", "events", "attributes"}
    assert sections["entities"].split() == [e.name for e in label_set.entities]
    relations = sections["relations"].strip().splitlines()
    assert relations[:-1] == [
        f"{brat_names.encode(r.name)}\tArg1:{'|'.join(r.heads)}, Arg2:{'|'.join(r.children)}"
        + (", <REL-TYPE>:symmetric" if r.symmetric else "") for r in label_set.relations]
    # "Soldiers and police\nfired" (EVENT) contains two PERSON/ORG spans: brat must allow it
    assert relations[-1] == "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain"
    events = dict(line.split("\t") for line in sections["events"].strip().splitlines())
    assert len(events) == 33
    for event in label_set.events:
        args = dict(arg.split(":") for arg in events[brat_names.encode(event.name)].split(", "))
        for role in event.roles:
            mark = {(False, False): "?", (False, True): "*", (True, False): "", (True, True): "+"}[
                role.required, role.many]
            assert args.pop(role.name + mark).split("|") == list(role.labels), (event.name, role.name)
        assert args == {}
    assert events["Conflict__Attack"].startswith("Attacker*:PERSON|ORG|NORP|GPE, Target*:")
    assert sections["attributes"].strip().splitlines() == [
        *(f"{a.name}\tArg:{'|'.join(a.applies_to)}, Value:{'|'.join(a.values)}" for a in label_set.attributes),
        "Suggested\tArg:<ENTITY>"]


def test_labels_the_data_uses_beyond_the_schema_are_declared(tmp_path):
    odd = Record(Document("Ana met Bo.", ext_id="odd"), spans=[Span(0, 3, "HERO", "Ana"), Span(8, 10, "HERO", "Bo")],
                 events=[Event("Story:Meet up", Span(4, 7, "Story:Meet up", "met", layer=Layer.TRIGGER),
                               (Argument("Who", Span(0, 3, "HERO", "Ana")),))])
    brat.write([odd], tmp_path, default_label_set())
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    assert "\nHERO\n" in conf and "\nStory__Meet-_20_up\tWho*:HERO\n" in conf
    assert read_one(tmp_path).events[0].type == "Story:Meet up"


@pytest.mark.parametrize("name", [
    "Conflict:Attack", "Justice:Arrest-Jail", "WORK_OF_ART", "Armed clash", "a__b", "a_:b", ":_:", "-_-",
    "x-", "_", "Zoë:Ünïcode 😀", "Time-Within", "Arg1",
])
def test_type_names_map_to_brat_letters_and_back(name):
    stored = brat_names.encode(name)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", stored), stored
    assert brat_names.decode(stored) == name


def test_plain_names_are_unchanged_and_ace_types_readable():
    for name in ("PERSON", "WORK_OF_ART", "Arrest-Jail", "Time"):
        assert brat_names.encode(name) == name
    assert brat_names.encode("Conflict:Attack") == "Conflict__Attack"
    with pytest.raises(ValueError):
        brat_names.decode("bad-_zz")


def test_numbered_roles_keep_a_digit_the_role_itself_has(tmp_path):
    (tmp_path / "d.txt").write_text("A met B and C.", encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tX 0 1\tA\nT2\tX 6 7\tB\nT3\tX 12 13\tC\nT4\tMeet 2 5\tmet\n"
        "E1\tMeet:T4 Arg1:T1 Arg12:T2 Theme2:T3\n", encoding="utf-8")
    (event,) = read_one(tmp_path).events
    assert [a.role for a in event.arguments] == ["Arg1", "Arg1", "Theme2"]


def test_foreign_lines_are_ignored_and_crlf_is_cleaned(tmp_path):
    (tmp_path / "d.txt").write_bytes("Ana\r\nmet Bo.".encode("utf-8"))
    (tmp_path / "d.ann").write_bytes(
        b"T1\tPER 0 3\tAna\r\nT2\tPER 9 11\tBo\r\n#1\tAnnotatorNotes T1\tthe host\r\n"
        b"R1\tKnows Arg1:T1 Arg2:T2\r\nN1\tReference T1 Wikipedia:1\tAna\r\nA1\tNegation T1\r\n")
    back = read_one(tmp_path)
    assert back.doc.text == "Ana\nmet Bo."
    assert [(s.text, s.start, s.state) for s in back.spans] == [("Ana", 0, State.ACCEPTED), ("Bo", 8, State.ACCEPTED)]


@pytest.mark.parametrize(("ann", "line", "reason"), [
    ("T1\tPER 0 3\tAnx\n", 1, "T1: text 'Anx' is not the text at 0 3, 'Ana'"),
    ("T1\tPER 0 3\tAna\nT1\tPER 8 10\tBo\n", 2, "annotation id T1 is used twice"),
    ("T1 PER 0 3 Ana\n", 1, "no tab after the annotation id"),
    ("T1\tPER 0 99\tAna\n", 1, "T1: offsets 0 99 are outside the text"),
    ("T1\tPER zero 3\tAna\n", 1, "T1: offsets must be START END pairs"),
    ("T1\tPER 0 3\tAna\nE1\tMeet:T1\n", 2, "E1: the trigger T1 is a PER, not a Meet"),
    ("T1\tMeet 4 7\tmet\nE1\tMeet:T1 Who:T9\n", 2, "E1: argument Who:T9: no such T line"),
    # Issue 10: events may be arguments (brat's Theme:E1), but not of each other.
    ("T1\tMeet 4 7\tmet\nE1\tMeet:T1 Why:E2\nE2\tMeet:T1 Why:E1\n", 2, "E1: events that are arguments of each other (a cycle: E1 → E2 → E1)"),
    ("T1\tMeet 4 7\tmet\nE1\tMeet:T1 Why:E9\n", 2, "E1: argument Why:E9: no such E line"),
    ("T1\tMeet 4 7\tmet\nE1\tMeet:T1 Arg\n", 2, "E1: expected TYPE:TRIGGER ROLE:ID"),
    ("X1\tPER 0 3\tAna\n", 1, "unknown annotation 'X1'"),
    ("T1\tPER 0 1;8 10\tA Bo\n", 1, "T1: a span with a gap in it (discontinuous) is not supported"),
    ("T1\tP-_zz_ 0 3\tAna\n", 1, "bad escape"),
])
def test_bad_lines_are_named_by_file_and_line(tmp_path, ann, line, reason):
    (tmp_path / "d.txt").write_text("Ana met Bo.", encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    (bad,) = brat.read(tmp_path)
    assert isinstance(bad, BadInput)
    assert (bad.file, bad.line) == (str(tmp_path / "d.ann"), line)
    assert bad.reason.startswith(reason), bad.reason


def test_pairs_a_txt_alone_is_a_document_an_ann_alone_is_refused(tmp_path):
    (tmp_path / "annotation.conf").write_text("[entities]\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Nothing marked.", encoding="utf-8")
    (tmp_path / "orphan.ann").write_text("T1\tX 0 1\tN\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "deep.txt").write_text("Deep text.", encoding="utf-8")
    (sub / "deep.ann").write_text("T1\tX 0 4\tDeep\n", encoding="utf-8")
    orphan, plain, deep = brat.read(tmp_path)
    assert isinstance(orphan, BadInput) and "no orphan.txt" in str(orphan)
    assert (plain.doc.text, plain.spans) == ("Nothing marked.", [])
    assert [s.text for s in deep.spans] == ["Deep"]
    assert reader_for(tmp_path) is brat.read and reader_for(sub) is brat.read
    assert reader_for(tmp_path / "plain.txt") is not brat.read


@pytest.fixture
def annotated(seeded):
    """The seed article with an entity or two, events with repeated roles, a suggestion."""
    store, doc_id = seeded
    text = store.documents.text(doc_id)

    def at(word, nth=0):
        return find(text, word, nth)

    clashes = ops.add_event(store, doc_id, *at("clashes"), "Conflict:Attack", "ana").event_id
    for word, label, role in [("Tuesday", "DATE", "Time"), ("Almaty", "GPE", "Place"),
                              ("security forces", "ORG", "Attacker"), ("radical groups", "ORG", "Attacker")]:
        ops.add_argument(store, clashes, ops.add_span(store, doc_id, *at(word), label).span_id, role)
    arrested = ops.add_event(store, doc_id, *at("arrested", 2), "Justice:Arrest-Jail", "ana").event_id
    ops.add_argument(store, arrested, ops.add_span(store, doc_id, *at("10,000 people"), "PERSON").span_id, "Person")
    with store.action("suggest", undoable=False):
        store.spans.add(doc_id, Span(*at("CSTO"), "ORG", "CSTO", source=Source.MODEL, state=State.SUGGESTED,
                                     model="m"), text, logged=False)
    ops.toggle_doc_label(store, doc_id, "Protest")
    return store


def test_export_import_export_is_identical(annotated, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert ops.export(annotated, "brat", first, everything=True) == 1
    with ops.open_project(tmp_path / "copy.db") as copy:
        report = ops.import_paths(copy, [first])
        assert report.ok and report.imported == 1, report.refused
        doc_id = copy.documents.ids()[0]
        assert sorted(e.type for e in ops.events(copy, doc_id)) == ["Conflict:Attack", "Justice:Arrest-Jail"]
        ops.export(copy, "brat", second, everything=True)
    cmp = filecmp.dircmp(first, second)
    assert (cmp.left_only, cmp.right_only) == ([], [])
    for name in cmp.common_files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_import_walks_into_a_brat_folder_once(annotated, tmp_path):
    ops.export(annotated, "brat", tmp_path / "corpus" / "brat", everything=True)
    (tmp_path / "corpus" / "other.txt").write_text("A plain article.", encoding="utf-8")
    with ops.open_project(tmp_path / "copy.db") as copy:
        report = ops.import_paths(copy, [tmp_path / "corpus"])
        assert (report.files, report.imported) == (2, 2)  # the brat folder, then other.txt


def test_export_replaces_its_own_folder_and_refuses_any_other(annotated, tmp_path):
    out = tmp_path / "out"
    ops.export(annotated, "brat", out, everything=True)
    ops.export(annotated, "brat", out, everything=True)
    assert sorted(p.suffix or p.name for p in out.iterdir()) == [".ann", ".conf", ".txt"]
    (out / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(Exception, match="notes.md"):
        ops.export(annotated, "brat", out, everything=True)
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"


def test_seed_file_name_is_the_export_id(annotated, tmp_path):
    ops.export(annotated, "brat", tmp_path / "b", everything=True)
    assert (tmp_path / "b" / f"{SEED.stem}.txt").read_text(encoding="utf-8") == annotated.documents.text(1)


def test_command_line_exports_and_imports_a_brat_folder(annotated, tmp_path):
    from click.testing import CliRunner

    from desktop.cli import main

    def run(*args):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    annotated.close()
    db = annotated.path
    folder = tmp_path / "brat"
    result = run("export", "--format", "brat", "--all", "--out", folder, "--db", db)
    assert result.exit_code == 0 and "exported 1 documents" in result.output
    result = run("import", folder, "--db", tmp_path / "copy.db")
    assert result.exit_code == 0 and "imported 1 documents" in result.output
    with ops.open_project(tmp_path / "copy.db") as copy:
        assert len(ops.events(copy, copy.documents.ids()[0])) == 2
