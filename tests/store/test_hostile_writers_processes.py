"""Writers in separate processes: two imports at once both succeed and interleave, a
second writer waits with a visible line instead of failing, another writer gets in
between an import's batches, and Ctrl+C says what was stored."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time

from desktop import ops


def _jsonl(path, n, word):
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"{word}{i}", "text": f"{word} report {i}: protesters gathered in "
                                f"Almaty as police watched the square on Tuesday."}) + "\n")
    return path


def _spandesk(*args, tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "SPANDESK_DB": str(tmp_path / "unused.db")}
    return subprocess.Popen([sys.executable, "-m", "desktop", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count(db, sql):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        conn.close()


def _wait_for(predicate, proc, seconds=60):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_two_imports_at_once_both_succeed_and_interleave(tmp_path):
    db = tmp_path / "p.db"
    ops.open_project(db).close()
    a, b = _jsonl(tmp_path / "a.jsonl", 5000, "alpha"), _jsonl(tmp_path / "b.jsonl", 5000, "beta")
    procs = [_spandesk("import", f, "--db", db, tmp_path=tmp_path) for f in (a, b)]
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        assert "imported 5000 documents" in out and "Traceback" not in err
    with ops.open_project(db) as store:
        assert store.documents.count() == 10_000
        ids = {w: [r[0] for r in store.conn.execute("SELECT id FROM documents WHERE ext_id LIKE ?", (w + "%",))]
               for w in ("alpha", "beta")}
        assert len(ids["alpha"]) == len(ids["beta"]) == 5000
        # batches of the two files went in turn, not one whole file after the other
        assert min(ids["beta"]) < max(ids["alpha"]) and min(ids["alpha"]) < max(ids["beta"])
        assert not store.integrity_problems()
        assert store.conn.execute("SELECT COUNT(*) FROM writers").fetchone()[0] == 0


def test_a_second_writer_waits_and_says_for_whom(tmp_path):
    db = tmp_path / "p.db"
    ops.open_project(db).close()
    text = tmp_path / "one.txt"
    text.write_text("Title\n\nPolice met protesters in Almaty.", encoding="utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("INSERT INTO writers (what, pid, host, annotator, since) VALUES ('import', ?, ?, 'bob', '')",
                   (os.getpid(), socket.gethostname()))
    holder.execute("BEGIN IMMEDIATE")
    proc = _spandesk("import", text, "--db", db, tmp_path=tmp_path)
    time.sleep(3)
    assert proc.poll() is None  # still waiting, not failed
    holder.execute("COMMIT")
    holder.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"waiting for import (bob, pid {os.getpid()})" in err
    assert err.count("waiting for") == 1 and "Traceback" not in err and "locked" not in err
    assert "imported 1 documents" in out


def test_another_writer_gets_in_between_an_imports_batches(tmp_path):
    db = tmp_path / "p.db"
    ops.open_project(db).close()
    big = _jsonl(tmp_path / "big.jsonl", 40_000, "gamma")
    proc = _spandesk("import", big, "--db", db, tmp_path=tmp_path)
    try:
        _wait_for(lambda: _count(db, "SELECT COUNT(*) FROM staged") > 0, proc)
        with ops.open_project(db, check=False) as store:
            started = time.monotonic()
            store.project.set("note", "written while the import runs")
            waited = time.monotonic() - started
            assert proc.poll() is None  # the import is still under way
        assert waited < 1.0
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)


def test_ctrl_c_during_import_says_what_was_stored(tmp_path):
    db = tmp_path / "p.db"
    ops.open_project(db).close()
    small = _jsonl(tmp_path / "a_small.jsonl", 30, "delta")
    big = _jsonl(tmp_path / "b_big.jsonl", 40_000, "epsilon")
    proc = _spandesk("import", small, big, "--db", db, tmp_path=tmp_path)
    published = "SELECT COUNT(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM staged)"
    _wait_for(lambda: _count(db, published) == 30 and _count(db, "SELECT COUNT(*) FROM staged") > 0, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Aborted" not in err
    assert f"interrupted while importing {big}: nothing from it was stored" in err
    assert "imported 30 documents with 0 spans from 1 files" in out
    with ops.open_project(db) as store:
        assert store.documents.count() == 30
        for table in ("staged", "writers"):
            assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 30
        assert ops.progress(store).total == 30
