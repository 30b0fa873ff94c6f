"""guard.py: an exception inside a method Qt calls is logged and reported once, never raised into Qt."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from desktop import crashlog
from desktop.core.model import SpandeskError
from desktop.ui import guard
from desktop.ui.guard import guarded


@pytest.fixture
def fresh_guard(tmp_path, monkeypatch):
    """The log in a temporary data folder, and no bug dialog shown yet this run."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(guard, "_shown", [])
    monkeypatch.setattr(crashlog, "_seen", set())
    monkeypatch.setattr(guard, "_sinks", {})
    yield guard.log_path()
    for box in _boxes():
        box.close()


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


class Broken(QAbstractTableModel):
    """Three rows whose cells cannot be read."""

    @guarded(0)
    def rowCount(self, parent=QModelIndex()) -> int:
        return 3

    @guarded(0)
    def columnCount(self, parent=QModelIndex()) -> int:
        return 2

    @guarded()
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            raise RuntimeError(f"cannot read row {index.row()}")
        return None


def test_a_model_that_raises_still_paints_logs_and_shows_one_dialog(qtbot, fresh_guard):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(Broken())
    view.show()
    qtbot.waitExposed(view)
    for _ in range(3):  # every paint fails the same way
        assert not view.grab().isNull()
    qtbot.waitUntil(lambda: len(_boxes()) == 1)
    qtbot.wait(100)
    boxes = _boxes()
    assert len(boxes) == 1
    assert "Something went wrong" in boxes[0].text() and str(fresh_guard) in boxes[0].text()
    log = fresh_guard.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "RuntimeError: cannot read row" in log
    assert log.count("RuntimeError: cannot read row 0") == 1  # a repeating failure is logged once
    assert oct(fresh_guard.stat().st_mode & 0o777) == oct(0o600)


def test_a_user_error_goes_to_the_status_sink_not_the_log(qtbot, fresh_guard):
    said: list[str] = []
    guard.on("user", said.append)

    @guarded(default="fallback")
    def act():
        raise SpandeskError("x.jsonl:3: not JSON")

    assert act() == "fallback"
    qtbot.waitUntil(lambda: said == ["x.jsonl:3: not JSON"])
    assert not fresh_guard.exists() and not _boxes()


def test_sqlite_damage_goes_to_the_damage_sink(qtbot, fresh_guard, tmp_path):
    path = tmp_path / "not.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    found: list[str] = []
    guard.on("damage", found.append)

    @guarded()
    def read():
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()

    read()
    qtbot.waitUntil(lambda: len(found) == 1)
    assert not fresh_guard.exists()


INSTALLED = r"""
import threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from desktop.ui import guard
from desktop.ui.app import make_app

app = make_app(["spandesk"])
guard.install()
QTimer.singleShot(0, lambda: 1 / 0)  # a slot with no guard of its own
threading.Thread(target=lambda: {}["missing"]).start()  # and a thread

def done():
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    print("DIALOGS", len(boxes), [b.text().replace("\n", " ") for b in boxes], flush=True)
    app.quit()

QTimer.singleShot(1500, done)
app.exec()
"""


def test_installed_hooks_report_slots_and_threads_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", INSTALLED], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "DIALOGS 1 " in done.stdout and "Something went wrong" in done.stdout
    log = (tmp_path / "data" / "spandesk" / "logs" / "spandesk.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in log and "KeyError: 'missing'" in log


QT_CALLS = {
    "data", "setData", "rowCount", "columnCount", "headerData", "flags", "canFetchMore", "fetchMore", "index", "parent",
    "paint", "sizeHint", "minimumSizeHint", "event", "eventFilter", "paintEvent", "resizeEvent", "changeEvent",
    "keyPressEvent", "keyReleaseEvent", "mousePressEvent", "mouseReleaseEvent", "mouseDoubleClickEvent",
    "mouseMoveEvent", "wheelEvent", "enterEvent", "leaveEvent", "focusInEvent", "focusOutEvent", "showEvent",
    "hideEvent", "closeEvent", "contextMenuEvent", "timerEvent", "addItem", "count", "itemAt", "takeAt",
    "expandingDirections", "hasHeightForWidth", "heightForWidth", "setGeometry", "minimumSize",
}


def test_every_method_qt_calls_is_guarded():
    """A new override without @guarded would let an exception reach Qt's C++ again."""
    import importlib
    import inspect
    import pkgutil

    import desktop.ui
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QLayout

    bare = []
    for info in pkgutil.walk_packages(desktop.ui.__path__, "desktop.ui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__ and issubclass(cls, (QObject, QLayout)):
                bare += [f"{cls.__qualname__}.{name}" for name, fn in vars(cls).items()
                         if name in QT_CALLS and callable(fn) and not hasattr(fn, "__wrapped__")]
    assert bare == []
