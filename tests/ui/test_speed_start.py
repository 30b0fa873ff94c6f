"""Cold start, what it leaves out: the modules the first article does not need stay unloaded.

Each of these was once imported on the way to the first paint and is now imported where it
is used (issue 12's cold-start goal): sqlite_utils (and numpy) by the store's `db` property,
socket/uuid/platform by who-is-writing and the crash log, hashlib by content hashing.
A fresh process starts the window as `spandesk gui` does and reports, at the article's
first paint, which of them are loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from desktop import ops

from tests.helpers import ROOT

LEFT_OUT = ("spacy", "sqlite_utils", "numpy", "click", "socket", "uuid", "platform", "hashlib")

CHILD = textwrap.dedent("""
    import json, os, sys
    from PySide6.QtCore import QEvent, QObject
    from desktop import ops
    from desktop.ui.app import make_app, start
    from desktop.ui.settings import Settings

    store = ops.open_project(sys.argv[1], check=False)
    app = make_app([])

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and window.view.toPlainText():
                names = json.loads(sys.argv[3])
                print(json.dumps({"loaded": [n for n in names if n in sys.modules],
                                  "text": bool(window.view.toPlainText())}))
                sys.stdout.flush()
                os._exit(0)
            return False

    window = start(store, Settings(sys.argv[2]), "ana")
    watcher = FirstPaint()
    window.view.viewport().installEventFilter(watcher)
    window.view.viewport().update()
    app.exec()
""")


def test_first_article_paints_without_the_modules_it_does_not_need(tmp_path):
    db = tmp_path / "returning.db"
    with ops.open_project(db, seed=True):  # a returning user's project: the seed is there
        pass
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), str(tmp_path / "s.ini"), json.dumps(LEFT_OUT)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr
    report = json.loads(lines[-1])
    assert report == {"loaded": [], "text": True}


def test_the_writer_row_names_this_host_as_socket_does():
    import socket

    from desktop.store import writers

    assert writers.HOST == socket.gethostname()
    assert len(writers.TOKEN) == 32 and int(writers.TOKEN, 16) >= 0
