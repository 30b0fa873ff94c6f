"""Shared fixtures: a real project database in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kazakhstan-csto-withdrawal.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def store(db_path: Path):
    from desktop import ops

    s = ops.open_project(db_path)
    yield s
    s.close()


@pytest.fixture
def seeded(store):
    """A project holding the seed article; returns (store, doc_id)."""
    from desktop import ops

    report = ops.import_paths(store, [SEED])
    assert report.ok and report.imported == 1
    return store, store.documents.ids()[0]


def find(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of `word` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def open_window(qtbot, store, folder: Path):
    """The real window on `store` as `spandesk gui` starts it (background jobs aside):
    shown, active, the article holding the keyboard."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import start
    from desktop.ui.settings import Settings

    win = start(store, Settings(folder / "settings.ini"), "ana", background=False)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win
