"""On POSIX the folders Spandesk makes are 0700 and its files 0600 under any umask: the
project, its -wal and -shm, backups, the settings file."""

from __future__ import annotations

import os
import stat

import pytest

from desktop import ops, paths
from desktop.store import backup, open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def loose_umask():
    """The usual umask, under which a plain open() makes files 0644 and folders 0755."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_project_its_wal_shm_and_new_folders_are_private(tmp_path):
    path = tmp_path / "a" / "b" / "project.db"
    with ops.open_project(path) as store:
        store.project.set("model", "x")  # the WAL and its index exist while the project is open
        assert {f: _mode(path.parent / f) for f in os.listdir(path.parent)} == {
            "project.db": 0o600, "project.db-wal": 0o600, "project.db-shm": 0o600}
    assert _mode(tmp_path / "a") == 0o700 and _mode(tmp_path / "a" / "b") == 0o700


def test_backups_are_private(tmp_path):
    path = tmp_path / "project.db"
    with open_store(path):
        pass
    made = backup.make_from_path(path)
    assert _mode(made.parent) == 0o700 and _mode(made) == 0o600


def test_data_folder_is_made_private_and_an_old_loose_one_tightened(tmp_path, monkeypatch):
    monkeypatch.delenv("SPANDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = paths.default_db()
    assert db.parent.is_relative_to(tmp_path) and _mode(db.parent) == 0o700
    os.chmod(db.parent, 0o755)  # as Spandesk 0.1 left it
    paths.default_db()
    assert _mode(db.parent) == 0o700


def test_settings_file_is_private_and_stays_so_when_qt_rewrites_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ini = paths.settings_file()
    assert ini.is_relative_to(tmp_path)
    assert _mode(ini.parent) == 0o700 and _mode(ini) == 0o600
    from PySide6.QtCore import QSettings

    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    settings.setValue("annotator", "ana")
    settings.sync()
    assert "ana" in ini.read_text() and _mode(ini) == 0o600
