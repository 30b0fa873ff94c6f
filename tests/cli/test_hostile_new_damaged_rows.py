"""A project whose stored spans no longer fit its documents (edited by another program, a
bad copy): export in every format, export --annotator and render refuse it by name, never
an internal error from inside a writer, and write nothing."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import annotate_file, dump, run, team_project

FORMATS = [("jsonl", "o.jsonl"), ("spacy", "o.spacy"), ("conll", "o.conll"), ("doccano", "o.jsonl"),
           ("dygiepp", "o.jsonl"), ("labelstudio", "o.json"), ("brat", "ob")]


@pytest.fixture
def damaged(tmp_path, monkeypatch):
    """A merged team project, then a main span and a team span moved past the text."""
    monkeypatch.setenv("HOME", str(tmp_path))
    master = team_project(tmp_path, 3)
    assert run("assign", "--db", master, "--annotators", "ana,ben", "--out", tmp_path / "out",
               "--overlap", "1").exit_code == 0
    annotate_file(tmp_path / "out" / "ana.db", "ana", {"Paris": "GPE", "Ana Smith": "PERSON"})
    annotate_file(tmp_path / "out" / "ben.db", "ben", {"Paris": "GPE"})
    assert run("merge", "--db", master, tmp_path / "out" / "ana.db", tmp_path / "out" / "ben.db").exit_code == 0
    annotate_file(master, "lead", {"Paris": "GPE", "Ben Jones": "PERSON"})
    conn = sqlite3.connect(master)
    conn.execute('UPDATE spans SET "end" = 99999 WHERE id = (SELECT MIN(id) FROM spans)')
    conn.execute("UPDATE team_spans SET start = -5 WHERE annotator = 'ana'")
    conn.commit()
    conn.close()
    return master


@pytest.mark.parametrize("fmt, name", FORMATS)
@pytest.mark.parametrize("annotator", [None, "ana"])
def test_export_refuses_a_damaged_span_by_name(damaged, tmp_path, fmt, name, annotator):
    out = tmp_path / name
    before = dump(damaged)
    result = run("export", "--db", damaged, "--format", fmt, "--all", "--out", out,
                 *(["--annotator", annotator] if annotator else []))
    assert "internal error" not in result.output
    assert result.exit_code == 1, result.output
    assert "does not match the document's text; the project is damaged and nothing was written" in result.output
    assert not out.exists() and not list(tmp_path.glob(f"{name}.*.part"))
    assert dump(damaged) == before


@pytest.mark.parametrize("suffix", [".svg", ".png", ".html"])
def test_render_refuses_a_damaged_span_by_name(damaged, tmp_path, suffix):
    out = tmp_path / f"x{suffix}"
    result = run("render", "--db", damaged, "--doc", "1", "--out", out)
    assert "internal error" not in result.output
    assert result.exit_code == 1, result.output
    assert "document '1': span" in result.output and "the project is damaged" in result.output
    assert not out.exists()


def test_the_undamaged_documents_still_export_once_the_span_is_fixed(damaged, tmp_path):
    conn = sqlite3.connect(damaged)
    conn.execute('UPDATE spans SET "end" = start + length(text)')
    conn.execute("UPDATE team_spans SET start = \"end\" - length(text)")
    conn.commit()
    conn.close()
    for fmt, name in FORMATS:
        (tmp_path / "ok" / fmt).mkdir(parents=True)
        result = run("export", "--db", damaged, "--format", fmt, "--all", "--out", tmp_path / "ok" / fmt / name)
        assert result.exit_code == 0, (fmt, result.output)
