"""Hostile brat folders through `spandesk import`: names with dots, hidden documents, bad .ann
contents. Each bad document is refused as FILE:LINE: reason with the database unchanged."""

from __future__ import annotations


import pytest

from desktop import ops
from desktop.core.model import BadInput
from desktop.formats import brat

from tests.helpers import dump, run

TEXT = "Ana met Bo."


def folder_with(tmp_path, files: dict[str, str | bytes]):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "annotation.conf").write_text("[entities]\nPER\n", encoding="utf-8")
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def test_names_with_dots_pair_by_their_full_name(tmp_path):
    folder = folder_with(tmp_path, {
        "esp.testa.1.txt": TEXT, "esp.testa.1.ann": "T1\tPER 0 3\tAna\n",
        "esp.testa.2.txt": "Bo met Ana.", "esp.testa.2.ann": "T1\tPER 0 2\tBo\n",
    })
    first, second = brat.read(folder)
    assert (first.doc.ext_id, [s.text for s in first.spans]) == ("esp.testa.1", ["Ana"])
    assert (second.doc.ext_id, [s.text for s in second.spans]) == ("esp.testa.2", ["Bo"])


def test_a_document_whose_name_starts_with_a_dot_is_imported(tmp_path, db_path):
    folder = folder_with(tmp_path, {".hidden.txt": TEXT, ".hidden.ann": "T1\tPER 0 3\tAna\n",
                                    "shown.txt": "Another article."})
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "imported 2 documents with 1 spans" in result.output
    store = ops.open_project(db_path)
    try:
        assert sorted(store.documents.get(i).ext_id for i in store.documents.ids()) == [".hidden", "shown"]
    finally:
        store.close()


def test_hidden_folders_and_macos_appledouble_files_are_not_documents(tmp_path):
    folder = folder_with(tmp_path, {
        "a.txt": TEXT,
        "._a.txt": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",  # AppleDouble: not text
        "._a.ann": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",
        ".git/notes.txt": "A file in a hidden folder.",
        ".ipynb_checkpoints/a-checkpoint.txt": TEXT,
    })
    assert [r.doc.ext_id for r in brat.read(folder)] == ["a"]


def test_lone_surrogate_escapes_in_type_and_role_names_become_replacement_characters(tmp_path, db_path):
    folder = folder_with(tmp_path, {
        "d.txt": TEXT,
        "d.ann": "T1\tP-_d800_ 0 3\tAna\nT2\tM-_dfff_ 4 7\tmet\nE1\tM-_dfff_:T2 R-_dc00_:T1\n",
    })
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    store = ops.open_project(db_path)
    try:
        (doc_id,) = store.documents.ids()
        (event,) = store.events.for_doc(doc_id)
        assert (event.type, event.arguments[0].role, event.arguments[0].span.label) == ("M\ufffd", "R\ufffd", "P\ufffd")
    finally:
        store.close()


HOSTILE_ANN = [
    ("T1\t\n", 1, "T1: no label before the offsets"),
    ("T1\tPER\n", 1, "T1: offsets must be START END pairs, not ''"),
    ("T1\tPER 0 3;\tAna\n", 1, "T1: offsets must be START END pairs, not '0 3;'"),
    ("T1\tPER \u0660 \u0663\tAna\n", 1, "T1: offsets must be START END pairs"),  # Arabic-Indic digits
    ("T1\tPER 0 1_0\n", 1, "T1: offsets must be START END pairs, not '0 1_0'"),
    ("T1\tPER -1 3\tAna\n", 1, "T1: offsets must be START END pairs, not '-1 3'"),
    (f"T1\tPER 0 {'9' * 5000}\tAna\n", 1, f"T1: offsets 0 {'9' * 58}… are outside the text (11 characters)"),
    (f"T1\tPER 0 {2**64}\tAna\n", 1, f"T1: offsets 0 {2**64} are outside the text"),
    ("T1\tPER 3 0\tx\n", 1, "T1: offsets 3 0 are outside the text"),
    ("E1\t\n", 1, "E1: expected TYPE:TRIGGER ROLE:ID…, not ''"),
    ("A1\tSuggested\n", 1, "A1: expected NAME TARGET, not 'Suggested'"),
    (f"T1\tP-_{'f' * 5000}_ 0 3\tAna\n", 1, "bad escape in 'P-_fff"),
    ("T1\tP-_110000_ 0 3\tAna\n", 1, "bad escape in 'P-_110000_' at character 2"),
    ("T1\tMeet 4 7\tmet\nE1\tMeet:T1 Who:T1\n", 2, "E1: argument Who:T1 is an event trigger"),
    (f"{'X' * 5000}\tPER 0 3\tAna\n", 1, f"unknown annotation '{'X' * 60}'…"),
]


@pytest.mark.parametrize(("ann", "line", "reason"), HOSTILE_ANN)
def test_hostile_ann_is_refused_and_the_database_is_unchanged(tmp_path, db_path, ann, line, reason):
    seed = tmp_path / "seed.txt"
    seed.write_text("Already here.\n", encoding="utf-8")
    assert run("import", seed, "--db", db_path).exit_code == 0
    before = dump(db_path)
    folder = folder_with(tmp_path, {"d.txt": TEXT, "d.ann": ann})
    result = run("import", folder, "--db", db_path)
    assert result.exit_code == 1
    assert f"{folder / 'd.ann'}:{line}: {reason}" in result.output
    # a huge value is cut short, not repeated (the report's table and the conf's lines add a fixed part)
    assert max(map(len, result.output.splitlines())) < 400 and len(result.output) < 3000
    assert dump(db_path) == before


def test_bad_documents_read_as_badinput_not_exceptions(tmp_path):
    folder = folder_with(tmp_path, {"d.txt": TEXT, "d.ann": f"T1\tPER 0 {'9' * 5000}\tAna\n"})
    (bad,) = brat.read(folder)
    assert isinstance(bad, BadInput)
