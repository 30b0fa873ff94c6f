"""import's new options (--format, --label-set-from-conf, --json) and `schema from-conf` on
hostile input: each refusal names the file and leaves the project as it was."""

from __future__ import annotations

import json
import os

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


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_schema_from_conf_on_a_pipe_says_it_is_not_a_file(db, tmp_path):
    fifo = tmp_path / "annotation.conf"
    os.mkfifo(fifo)
    before = dump(db)
    result = run("schema", "from-conf", "--db", db, fifo)
    assert result.exit_code == 1 and f"{fifo}: not a regular file" in result.output
    assert dump(db) == before
