"""Backups: before every migration, once a day, on `spandesk backup`; the last KEEP kept;
`spandesk restore` only over a closed project, confirmed, after backing it up."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop import ops
from desktop.cli import main
from desktop.store import StoreError, backup, migrations, open_store

from tests.helpers import DATA, SEED


def _docs(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def _project(path: Path, seeded: bool = True) -> Path:
    with ops.open_project(path, check=False) as store:
        if seeded:
            assert ops.import_paths(store, [SEED]).imported == 1
    return path


def _age(files: list[Path], seconds: float) -> None:
    for f in files:
        t = time.time() - seconds
        os.utime(f, (t, t))


def test_migration_is_preceded_by_a_backup_of_the_old_file(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(DATA / "schema-v1.db", path)
    with ops.open_project(path):
        pass
    (made,) = ops.list_backups(path)
    assert made.parent == tmp_path / "old.db.backups" and made.name.endswith(f"-before-v{migrations.LATEST}.db")
    conn = sqlite3.connect(f"file:{made}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # the file as it was
    conn.close()
    assert _docs(made) == _docs(DATA / "schema-v1.db")


def test_daily_backup_only_when_the_newest_is_a_day_old_and_never_without_the_check(tmp_path):
    path = _project(tmp_path / "p.db")
    assert ops.list_backups(path) == []  # a new project: nothing worth a copy yet
    with ops.open_project(path, check=False):
        pass
    assert ops.list_backups(path) == []  # unchecked (the GUI): maybe damaged, so no copy
    with ops.open_project(path):
        pass
    (first,) = ops.list_backups(path)
    assert _docs(first) == 1
    with ops.open_project(path):
        pass
    assert ops.list_backups(path) == [first]
    _age([first], 25 * 3600)
    with ops.open_project(path):
        pass
    assert len(ops.list_backups(path)) == 2


def test_only_the_last_keep_backups_are_kept(tmp_path):
    path = _project(tmp_path / "p.db")
    made = [ops.backup_project(path) for _ in range(backup.KEEP + 2)]
    assert ops.list_backups(path) == made[-backup.KEEP:]
    assert not any(p.exists() for p in made[:2])


def test_cli_backup_prints_a_sound_copy_with_the_same_project_id(tmp_path):
    path = _project(tmp_path / "p.db")
    result = CliRunner().invoke(main, ["backup", "--db", str(path)])
    assert result.exit_code == 0, result.output
    made = Path(result.output.strip())
    assert made.is_file() and _docs(made) == 1
    with open_store(path) as a, open_store(made) as b:
        assert a.project.id == b.project.id


def test_backup_refuses_a_foreign_file_untouched(tmp_path):
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name)")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["backup", "--db", str(path)])
    assert result.exit_code == 1 and "not a Spandesk project" in result.output
    assert path.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["contacts.db"]


def test_restore_brings_back_the_backup_and_keeps_the_current_state_first(tmp_path):
    path = _project(tmp_path / "p.db")
    made = ops.backup_project(path)
    with ops.open_project(path) as store:
        ops.import_paths(store, [DATA.parent.parent / "seeds"])
        later = store.documents.count()
    assert later > 1
    result = CliRunner().invoke(main, ["restore", str(made), "--db", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert _docs(path) == 1
    (kept,) = [p for p in ops.list_backups(path) if p.name.endswith("-before-restore.db")]
    assert _docs(kept) == later and str(kept) in result.output
    with ops.open_project(path) as store:
        assert store.integrity_problems() == []


def test_restore_without_yes_and_without_a_terminal_changes_nothing(tmp_path):
    path = _project(tmp_path / "p.db")
    made = ops.backup_project(path)
    with ops.open_project(path) as store:
        ops.import_paths(store, [DATA.parent.parent / "seeds"])
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["restore", str(made), "--db", str(path)], input="y\n")
    assert result.exit_code == 1 and "--yes" in result.output
    assert path.read_bytes() == before and len(ops.list_backups(path)) == 1


def test_restore_refuses_while_the_project_is_open_elsewhere(tmp_path):
    path = _project(tmp_path / "p.db")
    made = ops.backup_project(path)
    with ops.open_project(path, check=False):  # as the window holds it: open, idle
        result = CliRunner().invoke(main, ["restore", str(made), "--db", str(path), "--yes"])
        assert result.exit_code == 1 and "open in another program" in result.output
    assert len(ops.list_backups(path)) == 1  # not even the safety copy was made


def test_restore_refuses_a_foreign_or_damaged_file(tmp_path):
    path = _project(tmp_path / "p.db")
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"just notes\n" * 50)
    with pytest.raises(StoreError, match="not a SQLite database"):
        ops.plan_restore(notes, path)
    bad = ops.backup_project(path)
    data = bytearray(bad.read_bytes())
    data[2 * 4096 + 8: 3 * 4096] = b"\xff" * (4096 - 8)
    bad.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        ops.restore_project(bad, path)
    assert _docs(path) == 1


def test_restore_into_a_new_file_and_plan_wording(tmp_path):
    path = _project(tmp_path / "p.db")
    made = ops.backup_project(path)
    target = tmp_path / "fresh" / "again.db"
    assert "new project" in ops.plan_restore(made, target).question()
    assert ops.plan_restore(made, path).same_project is True
    assert ops.restore_project(made, target) is None
    assert _docs(target) == 1


def test_damaged_project_names_its_newest_backup_and_the_command_that_restores_it(tmp_path):
    path = _project(tmp_path / "p.db")
    ops.backup_project(path)
    newest = ops.backup_project(path)
    data = bytearray(path.read_bytes())
    data[2 * 4096 + 8: 3 * 4096] = b"\xff" * (4096 - 8)
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["stats", "--db", str(path)])
    assert result.exit_code == 1 and "damaged" in result.output and str(newest) in result.output
    command = result.output.split("run:\n", 1)[1].strip()
    args = shlex.split(command)
    assert args[:2] == ["spandesk", "restore"]
    fixed = CliRunner().invoke(main, args[1:] + ["--yes"])
    assert fixed.exit_code == 0, fixed.output
    with ops.open_project(path) as store:
        assert store.integrity_problems() == [] and store.documents.count() == 1


def test_a_backup_killed_half_way_is_never_taken_for_one_and_is_cleaned_later(tmp_path):
    path = _project(tmp_path / "p.db")
    made = ops.backup_project(path)
    half = made.with_name("p-29991231-235959.db.part")  # as a killed `spandesk backup` leaves it
    half.write_bytes(made.read_bytes()[:4096])
    assert ops.list_backups(path) == [made] and "29991231" not in ops.restore_hint(path)
    _age([half], 2 * 3600)
    ops.backup_project(path)
    assert not half.exists()


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
@pytest.mark.parametrize("answer", ["n", "y"])
def test_restore_asks_on_a_terminal_and_does_only_what_was_answered(tmp_path, answer):
    import pty
    import subprocess
    import sys

    path = _project(tmp_path / "p.db")
    made = ops.backup_project(path)
    with ops.open_project(path) as store:
        ops.import_paths(store, [DATA.parent.parent / "seeds"])
    later = _docs(path)
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "restore", str(made), "--db", str(path)],
                            stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "HOME": str(tmp_path)})
    os.close(terminal)
    os.write(controller, f"{answer}\n".encode())
    out, _ = proc.communicate(timeout=60)
    os.close(controller)
    assert b"Replace the project" in out, out
    if answer == "y":
        assert proc.returncode == 0 and _docs(path) == 1
    else:
        assert proc.returncode == 1 and _docs(path) == later and len(ops.list_backups(path)) == 1


def test_backup_if_due_for_the_window_after_its_check(tmp_path):
    path = _project(tmp_path / "p.db")
    first = ops.backup_if_due(path)
    assert first is not None and ops.backup_if_due(path) is None
    _age([first], 2 * DAY_SECONDS)
    assert ops.backup_if_due(path) not in (None, first)
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"notes" * 100)
    assert ops.backup_if_due(foreign) is None  # never raises into the window


DAY_SECONDS = 24 * 3600


def test_the_windows_background_check_makes_the_daily_backup_of_a_sound_file(tmp_path):
    """The GUI opens without the check; its worker checks, then backs up a sound file."""
    from desktop.ui.jobs import check_and_back_up
    from desktop.ui.runner import Job

    path = tmp_path / "p.db"
    ops.open_project(path, check=False).close()
    assert ops.list_backups(path) == []
    found: list = []
    job = Job(check_and_back_up, path=path, store=False, success=found.append)
    job.run()  # in this thread: the signal is delivered at once
    assert found == [[]]
    assert len(ops.list_backups(path)) == 1
