"""Rows damaged past SQLite's own checks (store/row_damage.py), as the row-by-row probe of the
mutation sweep made them: a dangling id, a blob where text belongs, a meta that is no JSON
object. Every released schema's test file and a fresh project have none."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop import ops
from desktop.store import row_damage
from tests.helpers import RELATION_LINE

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("db", sorted(DATA.glob("schema-v*.db")), ids=lambda p: p.name)
def test_every_released_schema_has_no_damaged_rows(db):
    assert row_damage.check_path(db) == []


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(RELATION_LINE, encoding="utf-8")
    db = tmp_path / "p.db"
    with ops.open_project(db) as store:
        assert ops.import_paths(store, [source]).ok
    return db


def damage(db: Path, sql: str, *args) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def test_a_fresh_project_has_none(project):
    assert row_damage.check_path(project) == []


@pytest.mark.parametrize("sql, args, said", [
    ("UPDATE relations SET child_span_id = 9999", (), "relations row 1 refers to a spans row that is not there"),
    ("UPDATE doc_labels SET label = ?", (b"\x00\xff",), "doc_labels.label holds blob where it holds text"),
    ("UPDATE spans SET doc_id = 'x' WHERE id = 1", (), "spans.doc_id holds text where it holds integer"),
    ("UPDATE tokens SET starts = 5", (), "tokens.starts holds integer where it holds blob"),
    ("UPDATE documents SET meta = ''", (), "documents row 1: meta is not a JSON object"),
    ("UPDATE documents SET meta = '[1]'", (), "documents row 1: meta is not a JSON object"),
])
def test_damaged_rows_are_named(project, sql, args, said):
    damage(project, sql, *args)
    assert said in "; ".join(row_damage.check_path(project))
