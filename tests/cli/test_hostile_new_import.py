"""import's new options (--format, --label-set-from-conf, --json) on hostile input: each
refusal names the file and leaves the project as it was."""

from __future__ import annotations

import json

import pytest

from tests.helpers import dump, run


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    path = tmp_path / "p.db"
    assert run("stats", "--db", path).exit_code == 0
    return path


@pytest.mark.parametrize("name", ["a.txt", "a.ann", "a.jsonl"])
def test_format_brat_on_a_file_is_refused_by_name(db, tmp_path, name):
    path = tmp_path / name
    path.write_text("Ana went to Paris.\n", encoding="utf-8")
    before = dump(db)
    result = run("import", "--db", db, "--format", "brat", path)
    assert result.exit_code == 1, result.output
    assert f"{path}: brat is read as a folder" in result.output
    assert dump(db) == before


def test_format_brat_on_a_file_in_json_says_refused(db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ana went to Paris.\n", encoding="utf-8")
    result = run("import", "--db", db, "--json", "--format", "brat", path)
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and not report["ok"] and report["documents"]["refused"] == 1
