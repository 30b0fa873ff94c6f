"""A project is recognised by what only Spandesk writes (application_id, project id), and a
file that is not one is refused before anything writes to it: its bytes, its mtime and its
folder stay exactly as they were."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop import ops
from desktop.cli import main
from desktop.store import StoreError, migrations, open_store
from desktop.store.identity import APPLICATION_ID

from tests.helpers import DATA


def _foreign(path: Path, user_version: int, *, wal: bool = False, app_id: int = 0) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    conn.execute(f"PRAGMA user_version = {user_version}")
    if app_id:
        conn.execute(f"PRAGMA application_id = {app_id}")
    conn.commit()
    conn.close()
    return path


def _snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
@pytest.mark.parametrize("user_version", [0, 1, 2, 99])
def test_foreign_file_is_refused_and_not_written(tmp_path, user_version, wal):
    path = _foreign(tmp_path / "contacts.db", user_version, wal=wal)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # an mtime a write would change
    before = _snapshot(path)
    with pytest.raises(StoreError, match="not a Spandesk project.*left untouched"):
        open_store(path)
    assert _snapshot(path) == before  # bytes, mtime, and no -wal/-shm/-journal/backups beside it


@pytest.mark.parametrize("user_version", [1, 2])
def test_cli_refuses_foreign_file_with_a_message_not_a_traceback(tmp_path, user_version):
    path = _foreign(tmp_path / "contacts.db", user_version)
    before = _snapshot(path)
    result = CliRunner().invoke(main, ["stats", "--db", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert "not a Spandesk project" in result.output
    assert _snapshot(path) == before


def test_another_applications_file_is_refused_untouched(tmp_path):
    path = _foreign(tmp_path / "photos.db", 2, app_id=0x0F0F0F0F)
    before = _snapshot(path)
    with pytest.raises(StoreError, match="another application.*0x0f0f0f0f.*left untouched"):
        open_store(path)
    assert _snapshot(path) == before


@pytest.mark.parametrize("version", [1, 2])
def test_old_project_with_an_extra_table_is_not_taken_for_ours(tmp_path, version):
    path = tmp_path / "edited.db"
    shutil.copy(DATA / f"schema-v{version}.db", path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = _snapshot(path)
    with pytest.raises(StoreError, match="not a Spandesk project"):
        open_store(path)
    assert _snapshot(path) == before


@pytest.mark.parametrize("version", [1, 2])
def test_old_projects_gain_application_id_and_a_project_id(tmp_path, version):
    path = tmp_path / "old.db"
    shutil.copy(DATA / f"schema-v{version}.db", path)
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert uuid.UUID(store.project.id).version == 4
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID  # in the header itself


def test_new_projects_get_distinct_uuid4_ids_that_copies_keep(tmp_path):
    with open_store(tmp_path / "a.db") as a, open_store(tmp_path / "b.db") as b:
        ids = a.project.id, b.project.id
    assert ids[0] != ids[1] and all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)
    shutil.copy(tmp_path / "a.db", tmp_path / "copy.db")
    with open_store(tmp_path / "copy.db") as copy:
        assert copy.project.id == ids[0]
    with open_store(tmp_path / "a.db") as a, pytest.raises(ValueError):
        a.project.set("project_id", "mine")


def test_empty_sqlite_file_becomes_a_project(tmp_path):
    path = tmp_path / "blank.db"
    sqlite3.connect(path).execute("VACUUM").connection.close()  # a valid header, no tables
    assert path.stat().st_size > 0
    with ops.open_project(path) as store:
        assert store.project.get("schema") and store.project.id


def test_project_whose_identity_is_still_in_the_wal_is_recognised(tmp_path):
    """While one process has a new project open, migration 3's header may sit in the WAL only."""
    path = tmp_path / "busy.db"
    first = open_store(path)
    try:
        with open_store(path) as second:
            assert second.project.id == first.project.id
    finally:
        first.close()


def test_newer_project_and_damage_are_still_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = _snapshot(path)
    with pytest.raises(StoreError, match="newer Spandesk.*left untouched"):
        open_store(path)
    assert _snapshot(path) == before
