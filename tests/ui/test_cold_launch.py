"""`spandesk [gui] [--db FILE]` goes to the window without click (desktop/launch.py); every
other command line, and every way the window's start can fail, ends as click's commands do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__, ops
from desktop.launch import _NOT_GUI, gui_db

from tests.helpers import ROOT

# The real entry point, reporting at the article's first paint what is loaded.
_LAUNCH = """
import json, os, sys
sys.argv = ["spandesk", *json.loads(sys.argv[1])]
os.environ["SPANDESK_SMOKE_QUIT"] = "1"
from desktop.ui import app

def report(self, watched, event):
    if event.type() == event.Type.Paint and self.window.view.toPlainText():
        # click and the CLI; what only writes, undo, teams and events need (desktop/store/db.py)
        names = ("click", "desktop.cli", "spacy", "sqlite_utils", "desktop.store.history", "desktop.store.writers",
                 "desktop.store.team", "desktop.core.annotations", "desktop.store.events")
        print(json.dumps({"loaded": [n for n in names if n in sys.modules],
                          "title": self.window.view.toPlainText()[:10]}), flush=True)
        os._exit(0)
    return False

app._ArticleWatch.eventFilter = report
from desktop.launch import main
main()
"""


def _env(tmp_path: Path, **more: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "SPANDESK_DB"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(tmp_path), SPANDESK_ANNOTATOR="ana", **more)
    return env


@pytest.mark.parametrize(("args", "db"), [
    ([], None),
    (["gui"], None),
    (["--db", "p.db"], Path("p.db")),
    (["--db=p.db"], Path("p.db")),
    (["gui", "--db", "p.db"], Path("p.db")),
    (["--db", "p.db", "gui"], Path("p.db")),
])
def test_the_window_s_command_lines_are_known_without_click(args, db):
    assert gui_db(args) == db


@pytest.mark.parametrize("args", [
    ["stats"], ["--version"], ["--help"], ["gui", "--help"], ["gui", "gui"], ["--db"], ["--db="],
    ["--db", "a.db", "gui", "--db", "b.db"], ["gui", "--db", "-x"], ["import", "gui"], ["gui", "extra"],
])
def test_every_other_command_line_is_click_s(args):
    assert gui_db(args) is _NOT_GUI


def test_a_folder_given_as_db_is_left_to_click_to_refuse(tmp_path):
    assert gui_db(["--db", str(tmp_path)]) is _NOT_GUI


def test_the_command_shows_the_article_without_loading_click(tmp_path):
    db = tmp_path / "p.db"
    with ops.open_project(db, seed=True):
        pass
    done = subprocess.run([sys.executable, "-c", _LAUNCH, json.dumps(["gui", "--db", str(db)])], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    report = json.loads(lines[-1])
    titles = {p.read_text(encoding="utf-8")[:10] for p in (ROOT / "seeds").glob("*.txt")}
    assert report["loaded"] == [] and report["title"] in titles


def test_other_command_lines_still_reach_click(tmp_path):
    version = subprocess.run([sys.executable, "-m", "desktop", "--version"], env=_env(tmp_path),
                             capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert version.returncode == 0 and __version__ in version.stdout
    folder = subprocess.run([sys.executable, "-m", "desktop", "gui", "--db", str(tmp_path)], env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert folder.returncode == 2 and "is a directory" in folder.stderr


def test_a_file_the_window_cannot_open_ends_as_a_command_does(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database", encoding="utf-8")
    env = _env(tmp_path)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):  # no screen: the message, no dialog
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", str(bad)], env=env,
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.startswith(f"spandesk: {bad}: ") and "Traceback" not in done.stderr
    assert bad.read_text(encoding="utf-8") == "not a database"


def test_the_window_without_a_screen_says_so_and_ends_with_status_1(tmp_path):
    """An ssh session (no DISPLAY, no WAYLAND_DISPLAY): Qt would abort with its own words
    and status 134; the command says what is missing instead."""
    db = tmp_path / "project.db"
    ops.open_project(db).close()
    env = _env(tmp_path)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    for argv in (["--db", str(db)], ["gui", "--db", str(db)]):
        done = subprocess.run([sys.executable, "-m", "desktop", *argv], env=env, capture_output=True, text=True,
                              timeout=60, cwd=ROOT)
        assert done.returncode == 1, done.stderr[-1000:]
        assert done.stderr.startswith("spandesk: no screen to show the window on") and "Traceback" not in done.stderr
        assert "qt.qpa" not in done.stderr  # Qt was never asked for a window
