"""Opening project files: new, empty, damaged, foreign, newer, and every released schema."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from desktop import ops
from desktop.store import NotFound, StoreError, open_store
from desktop.store import migrations
from desktop.store.identity import APPLICATION_ID

from tests.helpers import DATA


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


def _annotations(store) -> tuple:
    """Every undoable table as plain tuples (documents by status only: not their text)."""
    tables = [[tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY id")]
              for t in ("spans", "events", "event_arguments", "doc_labels")]
    return (*tables, store.conn.execute("SELECT id, status, updated_at FROM documents ORDER BY id").fetchall())


@pytest.mark.parametrize("fixture", sorted(DATA.glob("schema-v*.db")), ids=lambda p: p.name)
def test_every_released_schema_undoes_and_redoes_its_work_across_restarts(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with ops.open_project(path) as store:
        original = _annotations(store)
        suggested = store.conn.execute("SELECT COUNT(*) FROM spans WHERE state = 'suggested'").fetchone()[0]
    for _ in range(3):  # add span, reject span, accept span: each undone by a fresh process's code
        with ops.open_project(path) as store:
            assert ops.undo(store).changes
    with ops.open_project(path) as store:
        undone = _annotations(store)
        assert undone != original
        assert len(undone[0]) == len(original[0]) - 1  # the added span is gone
        assert store.conn.execute("SELECT COUNT(*) FROM spans WHERE state = 'suggested'").fetchone()[0] == suggested + 2
    for _ in range(3):
        with ops.open_project(path) as store:
            assert ops.redo(store).changes
    with ops.open_project(path) as store:
        assert _annotations(store) == original
        assert store.history.last(undone=True) is None


def test_a_row_asked_for_by_id_that_is_not_there_is_not_found(seeded):
    store, doc_id = seeded
    for ask, what in [(lambda: store.spans.get(999), "no span 999"), (lambda: store.events.get(998), "no event 998"),
                      (lambda: store.documents.get(997), "no document 997"),
                      (lambda: store.documents.text(997), "no document 997"),
                      (lambda: store.documents.get_status(997), "no document 997"),
                      (lambda: ops.accept_span(store, 996, annotator="ana"), "no span 996"),
                      (lambda: ops.delete_span(store, 995, annotator="ana"), "no span 995")]:
        with pytest.raises(NotFound) as missing:
            ask()
        assert str(missing.value) == what
    assert store.documents.get(doc_id).id == doc_id


def test_history_rows_keep_their_format(seeded):
    """What undo reads in files written by earlier releases: whole rows for inserts and
    deletes, only the changed columns for updates, JSON with sorted keys."""
    store, doc_id = seeded
    ops.add_span(store, doc_id, 0, 5, "ORG", annotator="ana")
    (span_id,) = [s.id for s in store.spans.for_doc(doc_id) if (s.start, s.end) == (0, 5)]
    ops.relabel_span(store, span_id, "GPE", annotator="ana")
    added, relabelled = (store.history.changes(a) for a in _last_actions(store, 2))
    (insert,) = [c for c in added if c["tbl"] == "spans"]
    assert insert["before"] is None and json.loads(insert["after"])["label"] == "ORG"
    assert list(json.loads(insert["after"])) == sorted(json.loads(insert["after"]))
    assert set(json.loads(insert["after"])) >= {"id", "doc_id", "start", "end", "text", "updated_at"}
    (update,) = [c for c in relabelled if c["tbl"] == "spans"]
    assert set(json.loads(update["before"])) == set(json.loads(update["after"])) == {"label", "updated_at"}
    assert json.loads(update["before"])["label"] == "ORG" and json.loads(update["after"])["label"] == "GPE"


def _last_actions(store, n: int) -> list[int]:
    rows = store.conn.execute("SELECT id FROM actions WHERE undoable = 1 ORDER BY id DESC LIMIT ?", (n,))
    return [r[0] for r in rows][::-1]


def test_a_change_outside_an_action_is_refused(seeded):
    store, doc_id = seeded
    with pytest.raises(RuntimeError, match="outside an action"):
        store.doc_labels.add(doc_id, "Sports")
    assert store.doc_labels.for_doc(doc_id) == []
