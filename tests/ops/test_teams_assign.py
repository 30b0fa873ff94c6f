"""Assign (issue 11): shares with an overlap set, deterministic for a seed, copies that keep
the project id, the label set, the suggestions and the annotator preset; a re-run hands out
only documents never handed out."""

from __future__ import annotations

import shutil

import pytest

from desktop import ops
from desktop.core.model import Layer, Source, Span, SpandeskError, State
from desktop.ops.assigning import split
from tests.helpers import dump, team_project


def _docs(path) -> set[str]:
    with ops.open_project(path) as store:
        return {store.documents.text(d) for d in store.documents.ids()}


def test_everyone_gets_the_overlap_and_a_disjoint_part_of_the_rest(tmp_path):
    master = team_project(tmp_path, 20)
    with ops.open_project(master) as store:
        report = ops.assign(store, ["ana", "ben", "chen"], tmp_path / "out", overlap=0.25, seed=7)
    assert report.overlap == 5 and report.handed_out == 20
    shares = {name: _docs(path) for name, path in report.files.items()}
    common = shares["ana"] & shares["ben"] & shares["chen"]
    assert len(common) == 5
    rests = [share - common for share in shares.values()]
    assert sum(len(r) for r in rests) == 15 and len(set().union(*rests)) == 15  # disjoint, and all of them
    assert sorted(len(r) for r in rests) == [5, 5, 5]


def test_the_same_seed_hands_out_the_same_shares_and_another_seed_others(tmp_path):
    master = team_project(tmp_path, 30)
    twin = tmp_path / "twin.db"
    shutil.copy(master, twin)
    with ops.open_project(master) as a, ops.open_project(twin) as b:
        ra = ops.assign(a, ["ana", "ben"], tmp_path / "a", overlap_docs=6, seed=3)
        rb = ops.assign(b, ["ana", "ben"], tmp_path / "b", overlap_docs=6, seed=3)
    assert _docs(ra.files["ana"]) == _docs(rb.files["ana"])
    ids = list(range(1, 31))
    assert split(ids, ["ana", "ben"], 6, 3) == split(ids, ["ana", "ben"], 6, 3)
    assert split(ids, ["ana", "ben"], 6, 3) != split(ids, ["ana", "ben"], 6, 4)


def test_a_copy_keeps_project_id_label_set_suggestions_and_names_its_annotator(tmp_path):
    master = team_project(tmp_path, 4)
    with ops.open_project(master) as store:
        doc_id = store.documents.ids()[0]
        text = store.documents.text(doc_id)
        with store.action("suggest", undoable=False):
            store.spans.add_many(doc_id, [Span(38, 43, "GPE", text[38:43], Layer.ENTITY, Source.MODEL,
                                               State.SUGGESTED, model="en_test")], text)
        master_id, schema = store.project.id, store.project.get("schema")
        report = ops.assign(store, ["ana"], tmp_path / "out", overlap_docs=0)
    with ops.open_project(report.files["ana"]) as copy:
        assert copy.project.id == master_id
        assert copy.project.get("schema") == schema
        assert ops.preset_annotator(copy) == "ana"
        assert copy.documents.count() == 4
        suggested = [s for d in copy.documents.ids() for s in copy.spans.for_doc(d)]
        assert [(s.text, s.state) for s in suggested] == [("Paris", "suggested")]
        assert copy.query("SELECT COUNT(*) AS n FROM actions")[0]["n"] == 0  # not the master's history
    with ops.open_project(master) as store:
        assert ops.preset_annotator(store) is None


def test_a_rerun_hands_out_only_new_documents(tmp_path):
    master = team_project(tmp_path, 6)
    with ops.open_project(master) as store:
        ops.assign(store, ["ana", "ben"], tmp_path / "round1", overlap_docs=2)
        assert ops.assign(store, ["ana", "ben"], tmp_path / "round2").handed_out == 0
        late = tmp_path / "late.txt"
        late.write_text("Dana Lee visited Rome on Friday.", encoding="utf-8")
        ops.import_paths(store, [late])
        report = ops.assign(store, ["ana", "ben"], tmp_path / "round3", overlap_docs=1)
    assert report.handed_out == 1
    assert _docs(report.files["ana"]) == _docs(report.files["ben"]) == {"Dana Lee visited Rome on Friday."}


def test_an_existing_target_is_never_overwritten_and_nothing_is_written(tmp_path):
    master = team_project(tmp_path, 4)
    out = tmp_path / "out"
    out.mkdir()
    (out / "ben.db").write_bytes(b"ben's work")
    before = dump(master)
    with ops.open_project(master) as store, pytest.raises(SpandeskError, match="exists already"):
        ops.assign(store, ["ana", "ben"], out)
    assert (out / "ben.db").read_bytes() == b"ben's work" and not (out / "ana.db").exists()
    assert dump(master) == before


@pytest.mark.parametrize("name", ["../x", ".hidden", "a/b", ""])
def test_a_name_that_is_no_file_name_is_refused(tmp_path, name):
    master = team_project(tmp_path, 2)
    with ops.open_project(master) as store, pytest.raises(SpandeskError):
        ops.assign(store, [name], tmp_path / "out")
