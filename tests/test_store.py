"""Opening project files: new, empty, damaged, foreign, newer, and every released schema."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import ops
from desktop.store import StoreError, open_store
from desktop.store import migrations
from desktop.store.identity import APPLICATION_ID

DATA = Path(__file__).parent / "data"


def test_new_file_gets_latest_schema_wal_and_foreign_keys(db_path):
    with open_store(db_path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_empty_file_opens_as_new_project(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with ops.open_project(path) as store:
        assert store.documents.count() == 0
        assert store.project.get("schema")


def test_garbage_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    content = b"these are my notes, not a database\n" * 10
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a SQLite database.*left untouched"):
        open_store(path)
    assert path.read_bytes() == content


def test_damaged_database_is_refused_and_never_written(seeded, tmp_path):
    store, _ = seeded
    store.close()
    damaged = tmp_path / "damaged.db"
    shutil.copy(store.path, damaged)
    data = bytearray(damaged.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[2 * page + 8: 3 * page] = b"\xff" * (page - 8)  # wreck a b-tree page
    damaged.write_bytes(bytes(data))
    before = damaged.read_bytes()
    with pytest.raises(StoreError) as info:
        open_store(damaged)
    assert str(damaged) in str(info.value) and "untouched" in str(info.value)
    assert damaged.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Spandesk project"):
        open_store(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a project made by a newer Spandesk
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer Spandesk"):
        open_store(path)


@pytest.mark.parametrize("fixture", sorted(DATA.glob("schema-v*.db")), ids=lambda p: p.name)
def test_every_released_schema_opens_and_keeps_its_work(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with ops.open_project(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert store.documents.count() >= 1
        doc_id = store.documents.ids()[0]
        spans = store.spans.for_doc(doc_id)
        text = store.documents.text(doc_id)
        assert spans and all(text[s.start:s.end] == s.text for s in spans)


def test_released_fixtures_exist():
    for version in range(1, migrations.LATEST + 1):
        assert (DATA / f"schema-v{version}.db").exists()


def test_v1_upgrade_fills_search_status_counts_and_last_change(tmp_path):
    path = tmp_path / "v1.db"
    shutil.copy(DATA / "schema-v1.db", path)
    with ops.open_project(path) as store:
        doc_id = store.documents.ids()[0]
        assert ops.list_page(store, ops.ListQuery(search="Almaty"))[0][0] == doc_id
        assert ops.progress(store).open == 1
        (row,) = ops.list_rows(store, [doc_id]).values()
        last = store.conn.execute("SELECT MAX(at) FROM actions WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        assert row.changed_at == last and (row.accepted, row.suggested) == (2, 1)


def test_failed_migration_leaves_file_at_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "half.db"
    with open_store(path):
        pass
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [["CREATE TABLE spans (x)"]])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    with pytest.raises(StoreError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1
