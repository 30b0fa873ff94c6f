"""Hostile schema contents (the parsed TOML or stored JSON, not how the file is opened):
deep nesting and huge values end as a message, never a traceback."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.core import label_set
from desktop.core.model import BadInput

from tests.helpers import run


@pytest.mark.parametrize(("toml", "reason"), [
    ("a = " + "[" * 100_000, "arrays or inline tables nested too deeply to read"),
    ("a = " + "[" * 600 + "]" * 600, "arrays or inline tables nested too deeply to read"),
    ("a = " + "{b = " * 600 + "}" * 600, "arrays or inline tables nested too deeply to read"),
    ('[schema]\nname = ' + "[" * 200 + "]" * 200, "[schema]: name must be text, not a list."),
    ('[schema]\nname = "n"\nversion = 1\ndescription = "' + "d" * 100_000 + '"\n[[entity]]\nname = "X"\n'
     'colour = ' + "[" * 200 + "]" * 200, 'Entity label #1 "X": colour must be text, not a list.'),
    ("schema = " + "[" * 200 + "]" * 200, "[schema] must be a table, not a list."),
    ('[schema]\nname = "' + "n" * 100_000 + '"\nversion = "' + "v" * 100_000 + '"',
     f"[schema]: version must be a whole number, not '{'v' * 59}…"),
])
def test_hostile_toml_is_a_message(toml, reason):
    with pytest.raises(BadInput) as caught:
        label_set.loads(toml, source="s.toml")
    assert reason in str(caught.value)
    assert len(str(caught.value)) < 2000


def test_deep_stored_schema_json_is_a_message():
    with pytest.raises(BadInput, match="nested too deeply"):
        label_set.from_json("[" * 100_000)


def test_schema_set_with_deep_toml_changes_nothing(tmp_path, db_path):
    seed = tmp_path / "seed.txt"
    seed.write_text("An article.\n", encoding="utf-8")
    assert run("import", seed, "--db", db_path).exit_code == 0
    with sqlite3.connect(db_path) as conn:
        before = list(conn.iterdump())
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000, encoding="utf-8")
    for command in ("check", "set"):
        result = run("schema", command, deep, "--db", db_path)
        assert result.exit_code == 1
        assert f"{deep}: arrays or inline tables nested too deeply to read" in result.output
    with sqlite3.connect(db_path) as conn:
        assert list(conn.iterdump()) == before
