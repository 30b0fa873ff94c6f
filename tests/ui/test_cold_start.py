"""Cold start: a fresh process reaches the first article without importing spaCy.

The window is started as `spandesk gui` starts it (background jobs included) on a new
user's project, where pre-annotation will start in the background; the child process
reports whether spaCy was loaded at the moment the article view first paints the article.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from desktop import ops

from tests.helpers import ROOT

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
                print(json.dumps({"spacy": "spacy" in sys.modules, "title": window.view.toPlainText()[:10]}))
                sys.stdout.flush()
                os._exit(0)
            return False

    window = start(store, Settings(sys.argv[2]), "ana")
    watcher = FirstPaint()
    window.view.viewport().installEventFilter(watcher)
    window.view.viewport().update()
    app.exec()
""")


def test_first_article_is_shown_before_spacy_is_imported(tmp_path):
    db = tmp_path / "first-run.db"
    with ops.open_project(db, seed=True) as store:  # what a new user's first start finds
        assert ops.first_run_due(store)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), str(tmp_path / "s.ini")],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr
    report = json.loads(lines[-1])
    titles = {p.read_text(encoding="utf-8")[:10] for p in (ROOT / "seeds").glob("*.txt")}
    assert report["spacy"] is False and report["title"] in titles
