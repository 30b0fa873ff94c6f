"""brat's annotation.conf in shapes the mutation sweep (bench/fuzz_import.py) found passed over
without a word: a conf that is a folder, and --label-set-from-conf with no conf at all."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run


def folder(tmp_path: Path) -> Path:
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "doc.txt").write_text("Ana died in Paris.\n", encoding="utf-8")
    (path / "doc.ann").write_text("T1\tPerson 0 3\tAna\n", encoding="utf-8")
    return path


def test_a_conf_that_is_a_folder_is_named_and_the_import_refused(tmp_path):
    corpus = folder(tmp_path)
    (corpus / "annotation.conf").mkdir()  # was: left out, and the folder imported as if it had no conf
    db = tmp_path / "p.db"
    done = run("import", "--label-set-from-conf", "--db", db, corpus)
    assert done.exit_code == 1
    assert "annotation.conf: not a regular file: a folder" in done.stderr and "nothing was imported" in done.stderr
    assert "documents: 0 " in run("stats", "--db", db).output
    told = run("schema", "from-conf", "--db", db, corpus)
    assert told.exit_code == 1 and "not a regular file: a folder" in told.stderr


def test_label_set_from_conf_without_a_conf_says_the_label_set_is_unchanged(tmp_path):
    corpus = folder(tmp_path)
    done = run("import", "--label-set-from-conf", "--db", tmp_path / "p.db", corpus)
    assert done.exit_code == 0 and "imported 1 documents" in done.output
    assert "no annotation.conf in the brat folders given; the label set is unchanged" in done.stderr
