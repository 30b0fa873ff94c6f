"""Moving through the list and what the database keeps for it: neighbours, counts kept by
triggers, search kept in sync, the session's progress, first run, new projects, checks."""

from __future__ import annotations

import shutil

import pytest

from desktop import ops
from desktop.core.model import Document, SpandeskError, Status
from desktop.core.text import content_hash
from desktop.store import StoreError

from tests.helpers import DATA, SEED


def _docs(store, titles: list[str]) -> list[int]:
    ids = []
    with store.action("test documents", undoable=False):
        for title in titles:
            text = f"{title}\n\nBody of {title}."
            ids.append(store.documents.add(Document(text=text, title=title, content_hash=content_hash(text)))[0])
    return ids


def _counted(store) -> dict[str, int]:
    counts = {s.value: 0 for s in Status}
    counts.update(dict(store.conn.execute("SELECT status, COUNT(*) FROM documents GROUP BY status")))
    return counts


def test_next_and_previous_follow_the_list_order_and_filter(store):
    a, b, c, d = _docs(store, ["Delta", "alpha", "Charlie", "bravo"])
    query = ops.ListQuery(sort="title")
    assert ops.next_document(store, query, b) == d  # alpha → bravo, case ignored
    assert ops.next_document(store, query, d, backwards=True) == b
    assert ops.next_document(store, query, a) is None  # Delta is last
    assert ops.next_document(store, ops.ListQuery(sort="title", reverse=True), a) == c
    ops.mark_done(store, d, "ana")
    ops.set_status(store, c, Status.SKIPPED, "ana")
    assert ops.next_document(store, query, b, open_only=True) == a  # done and skipped are passed over
    assert ops.next_document(store, query, a, open_only=True) is None
    assert ops.next_document(store, query, a, open_only=True, wrap=True) == b  # back round to alpha
    assert ops.first_open_document(store) == a  # imported order: Delta first
    todo = ops.ListQuery(statuses=(Status.TODO,))
    assert ops.next_document(store, todo, a) == b
    assert ops.next_document(store, todo, c) is None  # from a document the filter hides, too


def test_status_counts_follow_every_change_undo_included(seeded):
    store, doc_id = seeded
    _docs(store, ["One", "Two"])
    for step in (lambda: ops.mark_done(store, doc_id, "ana"), lambda: ops.undo(store, "ana"),
                 lambda: ops.redo(store, "ana"), lambda: ops.set_status(store, doc_id, Status.SKIPPED, "ana")):
        step()
        assert ops.listing.listing.by_status(store) == _counted(store)
    progress = ops.progress(store)
    assert (progress.total, progress.done, progress.skipped, progress.open) == (3, 0, 1, 2)


def test_search_follows_imports(store, tmp_path):
    assert ops.count_documents(store, ops.ListQuery(search="Almaty")) == 0
    assert ops.import_paths(store, [SEED]).ok
    assert ops.count_documents(store, ops.ListQuery(search="almaty tokay")) == 1
    assert ops.count_documents(store, ops.ListQuery(search="  ")) == 1  # no words: everything


def test_done_this_session_counts_only_what_is_still_done(store):
    ids = _docs(store, ["One", "Two", "Three"])
    ops.mark_done(store, ids[0], "ana")
    mark = ops.session_start(store)
    ops.mark_done(store, ids[1], "ana")
    ops.mark_done(store, ids[2], "ana")
    assert ops.done_since(store, mark) == 2
    ops.undo(store, "ana")
    assert ops.done_since(store, mark) == 1


def test_first_run_is_only_the_untouched_seed_project(tmp_path):
    with ops.open_project(tmp_path / "new.db", seed=True) as store:
        assert ops.first_run_due(store)
        doc_id = store.documents.ids()[0]
        text = store.documents.text(doc_id)
        ops.add_span(store, doc_id, 0, text.index(":"), "GPE", "ana")
        assert not ops.first_run_due(store)
    with ops.open_project(tmp_path / "mine.db") as store:
        _docs(store, ["Mine"])
        assert not ops.first_run_due(store)


def test_new_project_takes_a_schema_and_never_replaces_a_file(tmp_path):
    label_set = tmp_path / "tiny.toml"
    label_set.write_text('[schema]\nname = "tiny"\nversion = 1\ndescription = "t"\n\n'
                      '[[entity]]\nname = "THING"\ncolour = "#aabbcc"\nkey = "1"\n', encoding="utf-8")
    with ops.new_project(tmp_path / "p.db", label_set) as store:
        assert [e.name for e in ops.project_label_set(store).entities] == ["THING"]
    with pytest.raises(SpandeskError, match="already exists"):
        ops.new_project(tmp_path / "p.db")


def test_check_project_finds_damage_and_a_pending_upgrade_is_always_checked(seeded, tmp_path):
    store, _ = seeded
    assert ops.check_project(store.path) == []
    store.close()
    damaged = tmp_path / "v1-damaged.db"
    shutil.copy(DATA / "schema-v1.db", damaged)
    data = bytearray(damaged.read_bytes())
    data[2 * 4096 + 8: 3 * 4096] = b"\xff" * (4096 - 8)
    damaged.write_bytes(bytes(data))
    assert ops.check_project(damaged)
    before = damaged.read_bytes()
    with pytest.raises(StoreError, match="untouched"):
        ops.open_project(damaged, check=False)  # it needs migration 2, so it is checked anyway
    assert damaged.read_bytes() == before
