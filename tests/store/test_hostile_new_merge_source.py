"""An annotator file damaged past SQLite's own checks (a span whose offsets are text or run
past its document, an unknown state or status) is refused whole by merge, by name, and the
project is left as it was: the damage never reaches the team layers."""

from __future__ import annotations

import sqlite3

import pytest

from desktop import ops
from desktop.store.errors import StoreError
from tests.helpers import annotate_file, dump, run, team_project


@pytest.fixture
def team(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    master = team_project(tmp_path, 3)
    with ops.open_project(master) as store:
        ops.assign(store, ["ana"], tmp_path / "out", overlap=1.0)
    annotate_file(tmp_path / "out" / "ana.db", "ana", {"Paris": "GPE", "Ana Smith": "PERSON"})
    return master, tmp_path / "out" / "ana.db"


@pytest.mark.parametrize("damage, said", [
    ("UPDATE spans SET start = 'abc' WHERE id = 1", "offsets 'abc'"),
    ('UPDATE spans SET "end" = 99999 WHERE id = 1', "outside its text"),
    ("UPDATE spans SET state = 'bogus' WHERE id = 1", "the state 'bogus'"),
    ("UPDATE documents SET status = 'weird' WHERE id = 2", "the status 'weird'"),
])
def test_a_damaged_row_refuses_the_file_and_changes_nothing(team, damage, said):
    master, ana = team
    conn = sqlite3.connect(ana)
    conn.execute("PRAGMA ignore_check_constraints = 1")
    conn.execute(damage)
    conn.commit()
    conn.close()
    before = dump(master)
    with ops.open_project(master) as store, pytest.raises(StoreError, match=said) as info:
        ops.merge_file(store, ana)
    assert str(ana) in str(info.value) and "nothing was merged" in str(info.value)
    assert dump(master) == before
    result = run("merge", "--db", master, ana)
    assert result.exit_code == 1 and "internal error" not in result.output and said in result.output
    assert dump(master) == before


def test_an_undamaged_file_still_merges(team):
    master, ana = team
    with ops.open_project(master) as store:
        assert ops.merge_file(store, ana).spans == 6
