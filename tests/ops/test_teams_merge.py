"""Merging annotators' files into the master (issue 11): each as that annotator's layer,
idempotent, updated by a later copy, refusing a foreign or newer file unwritten, undoable."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import ops
from desktop.core.model import SpandeskError
from desktop.store import migrations
from desktop.store.team import team_of
from tests.helpers import annotate_file, dump, team_files, team_project

ANA = {"Ana Smith": "PERSON", "Paris": "GPE"}
BEN = {"Paris": "GPE"}


@pytest.fixture
def team(tmp_path):
    """A master of 10 articles handed out to ana and ben (4 for both), each file annotated."""
    return team_files(tmp_path, marks={"ana": ANA, "ben": BEN}, overlap_docs=4, seed=1)


def _bytes(path: Path) -> tuple[str, list[str]]:
    """The file's hash and what lies beside it: a read-only merge changes neither."""
    siblings = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
    return hashlib.sha256(path.read_bytes()).hexdigest(), siblings


def test_merge_brings_each_file_as_its_annotators_layer(team):
    master, files = team
    with ops.open_project(master) as store:
        reports = ops.merge_files(store, [files["ana"], files["ben"]])
        assert [r.annotators for r in reports] == [{"ana": 7}, {"ben": 7}]
        layers = team_of(store)
        shared = layers.shared_docs(["ana", "ben"])
        assert len(shared) == 4
        versions = layers.versions(shared[0])
        assert {s.text for s in versions["ana"].spans} == {"Ana Smith", "Paris"}
        assert {s.text for s in versions["ben"].spans} == {"Paris"}
        assert versions["ana"].status == versions["ben"].status == "done"
        # the master's own (gold) layer is untouched
        assert store.spans.for_doc(shared[0]) == []
        assert store.documents.get_status(shared[0]) == "todo"


def test_merging_the_same_file_twice_changes_nothing(team):
    master, files = team
    with ops.open_project(master) as store:
        ops.merge_file(store, files["ana"])
    before = dump(master)
    with ops.open_project(master) as store:
        again = ops.merge_file(store, files["ana"])
    assert again.documents == 0 and again.action_id is None
    assert dump(master) == before


def test_a_later_copy_updates_only_that_annotators_documents(team):
    master, files = team
    with ops.open_project(master) as store:
        ops.merge_files(store, [files["ana"], files["ben"]])
    annotate_file(files["ana"], "ana", {"Ben Jones": "PERSON"}, limit=2)
    with ops.open_project(master) as store:
        report = ops.merge_file(store, files["ana"])
        assert report.annotators == {"ana": 2}
        layers = team_of(store)
        texts = [{s.text for s in layers.versions(d)["ana"].spans} for d in layers.docs_of("ana")]
        assert sum("Ben Jones" in t for t in texts) == 2
        assert all({s.text for s in layers.versions(d)["ben"].spans} == {"Paris"} for d in layers.docs_of("ben"))


def test_an_older_copy_does_not_replace_a_later_one(team, tmp_path):
    master, files = team
    old = tmp_path / "ana-old.db"
    shutil.copy(files["ana"], old)
    annotate_file(files["ana"], "ana", {"Ben Jones": "PERSON"}, limit=1)
    with ops.open_project(master) as store:
        ops.merge_file(store, files["ana"])
        report = ops.merge_file(store, old)
        assert report.older == 1 and report.documents == 0
        layers = team_of(store)
        assert any("Ben Jones" in {s.text for s in layers.versions(d)["ana"].spans} for d in layers.docs_of("ana"))


def test_a_file_of_another_project_is_refused_naming_both_ids_and_left_unchanged(team, tmp_path):
    master, files = team
    (tmp_path / "elsewhere").mkdir()
    other = team_project(tmp_path / "elsewhere")
    with ops.open_project(other) as store:
        other_id = store.project.id
    annotate_file(other, "cem", BEN)
    before, before_master = _bytes(other), dump(master)
    with ops.open_project(master) as store:
        master_id = store.project.id
        with pytest.raises(SpandeskError) as refused:
            ops.merge_file(store, other)
    assert other_id in str(refused.value) and master_id in str(refused.value)
    assert _bytes(other) == before
    assert dump(master) == before_master
    with ops.open_project(master) as store:  # --force takes it anyway
        assert ops.merge_file(store, other, force=True).annotators == {"cem": 10}


def test_a_file_of_a_newer_spandesk_is_refused(team):
    master, files = team
    conn = sqlite3.connect(files["ben"])
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = _bytes(files["ben"])
    with ops.open_project(master) as store, pytest.raises(SpandeskError, match="newer Spandesk"):
        ops.merge_file(store, files["ben"])
    assert _bytes(files["ben"]) == before


def test_the_merged_file_is_only_read(team):
    master, files = team
    before = _bytes(files["ana"])
    with ops.open_project(master) as store:
        ops.merge_file(store, files["ana"])
    assert _bytes(files["ana"]) == before


def test_a_merge_is_one_action_that_undo_takes_back_and_redo_brings_again(team):
    master, files = team
    with ops.open_project(master) as store:
        ops.merge_file(store, files["ben"])
    before = dump(master)
    with ops.open_project(master) as store:
        report = ops.merge_file(store, files["ana"])
        action = store.query("SELECT name, detail FROM actions WHERE id = ?", (report.action_id,))[0]
        assert action["detail"].startswith("merge ana.db: 7 documents, 14 spans")
        ops.undo(store)
        assert team_of(store).annotators() == ["ben"]
        assert ops.merge_file(store, files["ana"]).documents == 7  # undone, so not "merged before"
        ops.undo(store)
    after = [line for line in dump(master) if "INSERT INTO \"actions\"" not in line and "INSERT INTO \"history\"" not in line]
    assert after == [line for line in before if "INSERT INTO \"actions\"" not in line and "INSERT INTO \"history\"" not in line]
    with ops.open_project(master) as store:
        ops.redo(store)
        assert team_of(store).annotators() == ["ana", "ben"]


def test_documents_the_master_lacks_are_added_with_their_tokens_and_undo_removes_them(tmp_path):
    master = team_project(tmp_path)
    copy = tmp_path / "copy.db"
    shutil.copy(master, copy)
    with ops.open_project(copy) as store:
        extra = tmp_path / "extra.txt"
        extra.write_text("Chen Wu flew to Oslo.", encoding="utf-8")
        ops.import_paths(store, [extra])
        new = max(store.documents.ids())
        ops.add_span(store, new, 16, 20, "GPE", annotator="chen")
        ops.mark_done(store, new, annotator="chen")
    with ops.open_project(master) as store:
        report = ops.merge_file(store, copy)
        assert report.annotators == {"chen": 1} and report.added == 1 and store.documents.count() == 11
        new = max(store.documents.ids())
        assert store.tokens.get(new, store.documents.text(new))
        ops.undo(store)
        assert store.documents.count() == 10


def test_a_plain_copy_is_split_by_who_changed_each_document(tmp_path):
    master = team_project(tmp_path)
    copy = tmp_path / "shared-copy.db"
    shutil.copy(master, copy)
    with ops.open_project(copy) as store:
        ids = store.documents.ids()
        ops.mark_done(store, ids[0], annotator="ana")
        ops.mark_done(store, ids[1], annotator="ben")
    with ops.open_project(master) as store:
        report = ops.merge_file(store, copy)
        assert report.annotators == {"ana": 1, "ben": 1}  # untouched documents are nobody's
