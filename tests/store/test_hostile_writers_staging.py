"""Each file all-or-nothing while an import commits in batches: its documents stay
invisible to every reader until the file is complete, and a failed or dead import leaves
nothing behind (status counts and search index included)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop import ops
from desktop.core.model import Document
from desktop.core.text import content_hash
from desktop.store import batches
from desktop.store.batches import Batches


def _write_jsonl(path, n, word="alpha", bad_at=None):
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            if i == bad_at:
                f.write("{not json\n")
                continue
            f.write(json.dumps({"id": f"{word}{i}", "text": f"{word} report number {i} from Almaty."}) + "\n")


def _consistent(store, index=True):
    """status_counts agrees with the rows, and the search index with the documents (a
    check FTS5 runs as a write: not while another connection holds the lock)."""
    counted = dict(store.conn.execute("SELECT status, n FROM status_counts WHERE n != 0"))
    published = dict(store.conn.execute(
        "SELECT status, COUNT(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM staged) GROUP BY status"))
    assert counted == published
    if index:
        store.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")


def _everything_readers_see(store):
    return {
        "count": store.documents.count(),
        "ids": store.documents.ids(),
        "page": ops.list_page(store, ops.ListQuery(), None, 1000),
        "search": ops.list_page(store, ops.ListQuery(search="Almaty"), None, 1000),
        "progress": ops.progress(store).total,
        "stats": ops.stats(store)["documents"]["total"],
        "find": store.documents.find("beta0"),
        "pending": store.preannotations.pending("m@1"),
        "first": ops.first_open_document(store, ops.ListQuery()),
    }


def test_staged_documents_are_invisible_to_every_reader_until_published(db_path):
    writer_store = ops.open_project(db_path)
    reader = ops.open_project(db_path)
    try:
        before = _everything_readers_see(reader)
        writer = writer_store.writers.start("import")
        with Batches(writer_store, writer, "import") as batch:
            for i in range(5):
                doc = Document(text=f"beta report {i} from Almaty.", ext_id=f"beta{i}")
                doc.content_hash = content_hash(doc.text)
                writer_store.documents.add(doc, staged_by=writer)
                batch.began = 0.0  # as if the batch had run its time: commit now
                batch.tick()
            # committed, yet not published: another connection sees none of it
            assert writer_store.conn.execute("SELECT COUNT(*) FROM staged").fetchone()[0] == 5
            assert _everything_readers_see(reader) == before
            _consistent(reader, index=False)
        after = _everything_readers_see(reader)
        assert after["count"] == before["count"] + 5 and after["progress"] == before["progress"] + 5
        assert after["find"] is not None and len(after["search"]) == len(before["search"]) + 5
        _consistent(reader)
        writer_store.writers.end(writer)
    finally:
        writer_store.close()
        reader.close()


def test_a_bad_line_after_many_committed_batches_leaves_nothing(store, tmp_path, monkeypatch):
    monkeypatch.setattr(batches, "BATCH_SECONDS", 0.0)  # commit after every document
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    _write_jsonl(good, 3, "gamma")
    _write_jsonl(bad, 40, "beta", bad_at=39)
    assert ops.import_paths(store, [good]).imported == 3
    actions = store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
    report = ops.import_paths(store, [bad])
    assert report.imported == 0 and report.refused and report.refused[0].line == 40
    assert store.documents.count() == 3
    assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3  # deleted, not hidden
    assert store.conn.execute("SELECT COUNT(*) FROM staged").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM writers").fetchone()[0] == 0
    assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == actions
    _consistent(store)
    # and the file imports whole once fixed
    _write_jsonl(bad, 40, "beta")
    assert ops.import_paths(store, [bad]).imported == 40
    _consistent(store)


def test_a_dead_imports_staged_documents_are_swept_by_the_next_writer(db_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    with ops.open_project(db_path) as store:
        with store.transaction():
            store.conn.execute("INSERT INTO writers (id, what, pid, host, since) VALUES (99, 'import', ?, ?, '')",
                               (pid, __import__("socket").gethostname()))
            for i in range(3):
                doc = Document(text=f"orphan {i} Almaty", ext_id=f"o{i}")
                doc.content_hash = content_hash(doc.text)
                store.documents.add(doc, staged_by=99)
        assert store.documents.count() == 0
        _consistent(store)
    with ops.open_project(db_path) as store:
        assert ops.open_for_writing(store, "ana")
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
        assert store.conn.execute("SELECT id FROM writers").fetchall() != [(99,)]
        _consistent(store)
        # the same texts import afresh: the orphans no longer hold their content hashes
        for i in range(3):
            doc = Document(text=f"orphan {i} Almaty")
            doc.content_hash = content_hash(doc.text)
            with store.action("import"):
                assert store.documents.add(doc)[1]


@pytest.mark.parametrize("status", ["done", "todo"])
def test_status_counts_follow_staged_documents_of_any_status(db_path, tmp_path, status):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"text": "delta Almaty", "status": status}) + "\n", encoding="utf-8")
    with ops.open_project(db_path) as store:
        assert ops.import_paths(store, [path]).imported == 1
        assert ops.progress(store).total == 1
        _consistent(store)


def test_a_crashed_writer_whose_pid_this_process_now_has_is_swept(db_path):
    """In a container the next run often gets the same pid: it must not take the dead
    run's staged documents for its own (they would block the same texts for good)."""
    import os
    import socket

    with ops.open_project(db_path) as store:
        with store.transaction():
            store.conn.execute("INSERT INTO writers (id, what, pid, host, since, token)"
                               " VALUES (7, 'import', ?, ?, '', 'an earlier run')", (os.getpid(), socket.gethostname()))
            doc = Document(text="left behind in Almaty")
            doc.content_hash = content_hash(doc.text)
            store.documents.add(doc, staged_by=7)
        assert ops.other_writers(store) == []  # not shown as alive
        ops.open_for_writing(store, "ana")
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
        _consistent(store)
