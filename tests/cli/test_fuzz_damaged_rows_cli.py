"""A project or annotator file whose rows another program damaged (a dangling id, a blob label,
a meta that is no object): the command that meets the damage says the project is damaged and
how to restore it (exit status 1), and merge refuses the file before reading it, where each
ended in an internal error (found by the mutation sweep's row-by-row probe)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import RELATION_LINE, annotate_file, dump, run, team_project


def damage(db, sql: str, *args) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    source = tmp_path / "in.jsonl"
    source.write_text(RELATION_LINE, encoding="utf-8")
    db = tmp_path / "p.db"
    assert run("import", "--db", db, source).exit_code == 0
    return db


@pytest.mark.parametrize("sql, args, command", [
    ("UPDATE relations SET child_span_id = 9999", (), ["export", "--all", "--format", "jsonl", "--out", "o.jsonl"]),
    ("UPDATE relations SET child_span_id = 9999", (), ["render", "--doc", "1", "--out", "r.svg"]),
    ("UPDATE doc_labels SET label = ?", (b"\x00\xff",), ["stats", "--json"]),
    ("UPDATE documents SET meta = ''", (), ["validate"]),
])
def test_a_command_meeting_damaged_rows_says_the_project_is_damaged(project, tmp_path, sql, args, command):
    damage(project, sql, *args)
    done = run(*[str(tmp_path / c) if c in ("o.jsonl", "r.svg") else c for c in command], "--db", project)
    assert done.exit_code == 1 and "internal error" not in done.stderr
    assert f"{project}: the project is damaged (" in done.stderr and "nothing was written" in done.stderr
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "r.svg").exists()


def test_merge_refuses_an_annotator_file_with_damaged_rows(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    master = team_project(tmp_path, 3)
    assert run("assign", "--db", master, "--annotators", "ana", "--out", tmp_path / "out", "--overlap", "1").exit_code == 0
    ana = tmp_path / "out" / "ana.db"
    annotate_file(ana, "ana", {"Paris": "GPE"})
    # a document label that is bytes: the file's own checks pass it, hashing it failed
    damage(ana, "INSERT INTO doc_labels (doc_id, label, annotator) VALUES (1, ?, 'ana')", b"\x00\xff")
    before = dump(master)
    done = run("merge", "--db", master, ana)
    assert done.exit_code == 1 and "internal error" not in done.stderr
    assert "damaged rows: doc_labels.label holds blob where it holds text" in done.stderr
    assert "nothing was merged" in done.stderr
    assert dump(master) == before
