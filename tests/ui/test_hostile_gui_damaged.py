"""The real `spandesk gui` on damaged project files: a dialog naming the file, never a crash.

A crash in Qt kills the process, so each file is opened in a child process that watches
for a message box, prints its text and quits; the test reads what it printed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

# Starts the app as `spandesk gui --db FILE` does, prints every message box it shows, then quits.
DRIVER = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from desktop import cli
from desktop.ui.app import make_app

app = make_app(["spandesk"])

def look():
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    for box in boxes:
        print("DIALOG:", box.windowTitle(), "|", box.text().replace("\n", " "), flush=True)
        box.done(0)
    if boxes:
        QTimer.singleShot(200, app.quit)

timer = QTimer(interval=100, timeout=look)
timer.start()
QTimer.singleShot(30_000, lambda: (print("NO DIALOG", flush=True), app.quit()))
cli.main(["gui", "--db", sys.argv[1]])
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A real project of 2,000 documents, checkpointed into one file."""
    from desktop import ops

    folder = tmp_path_factory.mktemp("damaged")
    source = folder / "docs.jsonl"
    words = "the minister said troops would leave Almaty after talks in Moscow on Tuesday".split()
    with source.open("w", encoding="utf-8") as f:
        for i in range(2000):
            text = f"Report {i}. " + " ".join(words[(i * 7 + j) % len(words)] for j in range(150)) + "."
            f.write(json.dumps({"id": f"d{i}", "title": f"Story {i}", "text": text}) + "\n")
    path = folder / "base.db"
    with ops.open_project(path) as store:
        assert ops.import_paths(store, [source]).imported == 2000
    _checkpoint(path)
    return path


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _copy(project: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(project, target)
    return target


def _integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def corrupt_pages(project: Path, tmp_path: Path) -> Path:
    """Garbage over a run of pages in the middle of the file: integrity_check fails."""
    path = _copy(project, tmp_path, "corrupt.db")
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2 // 4096 * 4096 + 100)
        f.write(b"\x00\x13\x77\xde\xad" * 2000)
    assert _integrity(path) != ["ok"]
    return path


def undecodable_text(project: Path, tmp_path: Path) -> Path:
    """Bytes that are not UTF-8 in titles and a text; integrity_check still passes."""
    path = _copy(project, tmp_path, "undecodable.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE documents SET title = CAST(X'426164fffe7469746c65' AS TEXT) WHERE id IN (1, 2, 5)")
    conn.execute("UPDATE documents SET text = CAST(X'4865ff6c6c6f20' AS TEXT) || text WHERE id = 1")
    conn.close()
    _checkpoint(path)
    assert _integrity(path) == ["ok"]
    return path


def truncated(project: Path, tmp_path: Path) -> Path:
    path = _copy(project, tmp_path, "truncated.db")
    os.truncate(path, path.stat().st_size // 3)
    return path


def _open_in_gui(path: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SPANDESK_ANNOTATOR": "ana", "HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run([sys.executable, "-c", DRIVER, str(path)], env=env, capture_output=True, text=True,
                          timeout=90)


@pytest.mark.parametrize("damage, title, says", [
    (corrupt_pages, "Damaged project file", "is damaged"),
    (undecodable_text, "Damaged project file", "is not valid UTF-8"),
    (truncated, "Spandesk", "cannot open"),
])
def test_a_damaged_file_opens_to_a_dialog_naming_it(project, tmp_path, damage, title, says):
    path = damage(project, tmp_path)
    before = path.read_bytes()
    done = _open_in_gui(path, tmp_path)
    assert done.returncode in (0, 1), done.stderr[-3000:]  # a crash is -11 (SIGSEGV) or -6 (abort)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-3000:]
    dialogs = [line for line in done.stdout.splitlines() if line.startswith("DIALOG:")]
    assert dialogs, done.stdout[-2000:] + done.stderr[-2000:]
    first = dialogs[0]
    assert f"DIALOG: {title} |" in first and says in first and str(path) in first
    assert "Something went wrong" not in done.stdout  # damage is not a bug report
    if damage is not undecodable_text:
        assert path.read_bytes() == before  # a damaged file is never written to


def _boxes() -> list:
    from PySide6.QtWidgets import QApplication, QMessageBox

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.fixture
def fresh_guard(tmp_path, monkeypatch):
    from desktop.ui import guard

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(guard, "_shown", [])
    yield guard.log_path()
    for box in _boxes():
        box.close()


def test_undecodable_text_reads_as_replacement_and_says_so(qtbot, seeded, tmp_path, fresh_guard):
    from desktop.ui.app import start
    from desktop.ui.settings import Settings

    store, doc_id = seeded
    store.conn.execute("UPDATE documents SET title = CAST(X'426164fffe' AS TEXT) WHERE id = ?", (doc_id,))
    win = start(store, Settings(tmp_path / "settings.ini"), "ana", background=False)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    model = win.panel.model
    assert model.data(model.index(0, 0)) == "Bad\ufffd\ufffd"
    qtbot.waitUntil(lambda: any("not valid UTF-8" in box.text() for box in _boxes()))
    box = next(box for box in _boxes() if "not valid UTF-8" in box.text())
    assert str(store.path) in box.text()
    assert not fresh_guard.exists()  # damage, not a bug


def test_export_from_undecodable_text_is_a_message_not_a_traceback(project, tmp_path, qtbot):
    from desktop import ops
    from desktop.ui.runner import Job

    path = undecodable_text(project, tmp_path)
    said: list[str] = []
    job = Job(lambda store, tick: ops.export(store, "jsonl", tmp_path / "out.jsonl", everything=True, progress=tick),
              path=path, failure=said.append)
    job.run()  # on this thread: what it says is what the window would show
    assert len(said) == 1 and said[0].startswith(f"{path}: the project file is damaged")
    assert "not valid UTF-8" in said[0] and "Report 0" not in said[0]  # not a quote of the text
    assert not (tmp_path / "out.jsonl").exists()


def test_the_damage_dialog_names_the_newest_backup_where_one_is_known(qtbot, tmp_path, monkeypatch, fresh_guard):
    from desktop import ops
    from desktop.ui.dialogs import damage

    path = tmp_path / "p.db"
    assert "put back the newest backup copy" in damage.damaged(None, path, ["bad page"]).text()
    hint = f"The newest backup is {tmp_path}/b1.db; to restore it, run:\n  spandesk restore {tmp_path}/b1.db --db {path}"
    monkeypatch.setattr(ops, "restore_hint", lambda p: hint if p == path else "", raising=False)
    box = damage.damaged(None, path, ["bad page"])
    assert str(path) in box.text() and hint in box.text() and "Keep a copy of the damaged file" in box.text()
    assert box.detailedText() == "bad page" and not box.isModal()
