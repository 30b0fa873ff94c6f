"""Full disk, read-only files and folders, locks, missing files: each named for what it is,
typed (store.errors), the project as it was, and no 0-byte file left by a failed creation.

Disk full is real SQLite behaviour: `PRAGMA max_page_count` makes SQLite report SQLITE_FULL
exactly as a full disk does. The tests run as root here, and root ignores chmod; so the
read-only file and folder tests run their body as the unprivileged user `nobody` (a forked
child, setuid) when the suite runs as root, and directly otherwise: in both cases a real
process without write permission meets a real read-only file or folder.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from pathlib import Path

import pytest

from desktop import ops
from desktop.store import DiskFull, Locked, NotFound, ReadOnly, StoreError, migrations, open_store
from desktop.store import errors

from tests.helpers import SEED

NOBODY = 65534
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and users")


def _as_plain_user(fn):
    """Run `fn()` as a user without root's privileges; returns ("ok", value) or
    (exception class name, message)."""
    def guarded():
        try:
            return ("ok", fn())
        except Exception as exc:  # noqa: BLE001 - the test inspects what was raised
            return (type(exc).__name__, str(exc))

    if os.geteuid() != 0:
        return guarded()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root for good, run, report, leave without cleanup
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            out = guarded()
            try:
                data = pickle.dumps(out)
            except Exception:  # noqa: BLE001
                data = pickle.dumps((out[0], repr(out[1])))
            os.write(write, data)
        finally:
            os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    return pickle.loads(b"".join(chunks))


@pytest.fixture
def shared_dir():
    """A folder the plain user can reach (pytest's tmp_path is root's, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="spandesk-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    for root, dirs, files in os.walk(folder):
        os.chmod(root, 0o755)
    import shutil

    shutil.rmtree(folder)


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)


def test_disk_full_during_an_action_is_named_with_the_free_space(seeded):
    store, _ = seeded
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    before = store.documents.count()
    big = SEED.read_text(encoding="utf-8") * 20
    with pytest.raises(DiskFull) as info:
        with store.action("import"):
            store.conn.execute("INSERT INTO project (key, value) VALUES ('filler', ?)", (big,))
    message = str(info.value)
    assert str(store.path) in message and "disk is full" in message and "free in" in message
    assert store.documents.count() == before and store.project.get("filler") is None
    assert store.integrity_problems() == []


def test_disk_full_while_creating_leaves_no_file_behind(tmp_path, monkeypatch):
    full = [["PRAGMA max_page_count = 2"] + migrations.V1] + migrations.MIGRATIONS[1:]
    monkeypatch.setattr(migrations, "MIGRATIONS", full)
    path = tmp_path / "new.db"
    with pytest.raises(DiskFull, match="disk is full"):
        ops.open_project(path)
    assert os.listdir(tmp_path) == []  # no 0-byte project, no -wal, no -shm


def test_write_through_a_read_only_connection_says_read_only(db_path):
    """Runs as root too: a connection opened read-only (mode=ro URI) refuses to write."""
    with open_store(db_path):
        pass
    conn = errors.connect(db_path, uri=db_path.resolve().as_uri() + "?mode=ro")
    try:
        with pytest.raises(ReadOnly, match="cannot write.*nothing was written"):
            conn.execute("INSERT INTO project (key, value) VALUES ('x', 'y')")
    finally:
        conn.close()


@posix_only
def test_read_only_file_is_named_as_such(shared_dir):
    path = shared_dir / "project.db"
    with open_store(path):
        pass
    for p in (shared_dir, path):
        _own(p)
    os.chmod(path, 0o444)
    before = path.read_bytes()

    def write():
        with open_store(path, check=False) as store:
            store.project.set("model", "x")

    kind, message = _as_plain_user(write)
    assert kind == "ReadOnly", message
    assert "the file is read-only" in message and str(path) in message
    assert path.read_bytes() == before


@posix_only
def test_read_only_folder_refuses_a_new_project_and_leaves_nothing(shared_dir):
    folder = shared_dir / "locked"
    folder.mkdir(mode=0o755)  # root's: read-only to the plain user
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
    path = folder / "new.db"
    kind, message = _as_plain_user(lambda: open_store(path).close())
    assert kind in ("ReadOnly", "PermissionDenied"), message
    assert str(folder) in message and "Traceback" not in message
    assert os.listdir(folder) == []


@posix_only
def test_project_in_a_read_only_folder_names_the_folder(shared_dir):
    folder = shared_dir / "archive"
    folder.mkdir()
    path = folder / "project.db"
    with open_store(path):
        pass
    _own(path)  # the file is the user's, the folder is not: no room for -wal and -shm
    os.chmod(folder, 0o755)
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)

    def write():
        with open_store(path, check=False) as store:
            store.project.set("model", "x")

    kind, message = _as_plain_user(write)
    assert kind == "ReadOnly", message
    assert f"the folder {folder} is read-only" in message and "-wal" in message


def test_lock_held_elsewhere_is_a_typed_error_that_is_still_an_operational_error(store):
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        store.set_lock_wait(0.05)
        with pytest.raises(Locked) as info:
            store.project.set("model", "x")
        assert isinstance(info.value, sqlite3.OperationalError)  # callers that retry still catch it
        assert "database is locked" in str(info.value) and str(store.path) in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_missing_file_without_create_is_not_found(tmp_path):
    with pytest.raises(NotFound):
        open_store(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()


def test_project_under_a_file_instead_of_a_folder_is_a_message(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(StoreError):
        open_store(tmp_path / "notes.txt" / "p.db")
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_background_check_of_a_missing_file_is_not_called_damage(tmp_path):
    from desktop.store.db import check_file

    with pytest.raises(NotFound):
        check_file(tmp_path / "gone.db")


def test_window_says_disk_full_not_that_an_import_is_writing(seeded, qapp):
    from desktop.core.model import Status
    from desktop.ui.desk import Desk

    store, doc_id = seeded
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    n = 0
    for size in (3000, 300, 30, 1):  # fill every free page and the room left in each
        with pytest.raises(DiskFull):
            while True:
                n += 1
                store.conn.execute("INSERT INTO history (action_id, tbl, row_id, after) VALUES (1, 'x', ?, ?)",
                                   (n, "x" * size))
    desk = Desk(store, "ana")
    said: list[str] = []
    desk.message.connect(said.append)
    assert desk.act(ops.set_status, doc_id, Status.SKIPPED) is None
    assert said and "disk is full" in said[0] and "import" not in said[0]
    assert store.documents.get_status(doc_id) == Status.TODO


@posix_only
def test_project_in_a_folder_the_user_may_not_enter_is_a_message(shared_dir):
    folder = shared_dir / "private"
    folder.mkdir(mode=0o700)  # root's (or, not as root, made unenterable below)
    if os.geteuid() != 0:
        os.chmod(folder, 0o000)
    kind, message = _as_plain_user(lambda: open_store(folder / "sub" / "p.db").close())
    assert kind == "PermissionDenied", message
    assert f"may not enter the folder {folder} " in message
