"""The team and model commands added by issues 10-13 (assign, merge, models, render) fed
hostile input through the real CLI: each ends with its own message and status 0, 1 or 2,
never an internal error, and a refusal leaves every stored row as it was."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.helpers import annotate_file, dump, run, team_project


def ended_well(result, code: int) -> str:
    """The output, after checking the status and that no defect was reported."""
    assert "internal error" not in result.output, result.output
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def master(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    return team_project(tmp_path, 4)


# --- merge ------------------------------------------------------------------------------------

def test_merging_a_truncated_project_file_is_refused_by_name(master, tmp_path):
    assert run("assign", "--db", master, "--annotators", "ana", "--out", tmp_path / "out").exit_code == 0
    annotate_file(tmp_path / "out" / "ana.db", "ana", {"Paris": "GPE"})
    data = (tmp_path / "out" / "ana.db").read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])  # a copy that stopped half-way
    before = dump(master)
    out = ended_well(run("merge", "--db", master, cut), 1)
    assert f"{cut}:" in out and "nothing was merged" in out
    assert dump(master) == before


# --- assign -----------------------------------------------------------------------------------

def test_assign_on_a_project_without_documents_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    empty = tmp_path / "empty.db"
    assert run("stats", "--db", empty).exit_code == 0
    out = ended_well(run("assign", "--db", empty, "--annotators", "ana", "--out", tmp_path / "out"), 0)
    assert "no documents" in out and "handed out before" not in out
    out = ended_well(run("assign", "--db", empty, "--annotators", "ana", "--out", tmp_path / "out",
                         "--status", "done"), 0)
    assert "no documents with status done" in out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("names", ["Ana,ana", "CON", "nul", "com1,ben", "Aux.x"])
def test_assign_refuses_names_some_systems_cannot_hold_as_files(master, tmp_path, names):
    """Ana.db and ana.db are one file on macOS and Windows; CON, NUL, COM1 are devices there."""
    before = dump(master)
    out = ended_well(run("assign", "--db", master, "--annotators", names, "--out", tmp_path / "out"), 1)
    assert "nothing was written" in out
    assert dump(master) == before and not (tmp_path / "out").exists()


def test_assign_into_a_path_that_is_a_file_names_it(master, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    before = dump(master)
    out = ended_well(run("assign", "--db", master, "--annotators", "ana", "--out", blocker / "sub"), 1)
    assert f"{blocker}" in out and "nothing was written" in out
    assert dump(master) == before


# --- models -----------------------------------------------------------------------------------

@pytest.mark.parametrize("record", ['{"scores": []}', '{"scores": {"entities": "x"}}',
                                    '{"scores": {"entities": {"trained": {"ALL": {"f": "high"}}}}, "documents": [1]}',
                                    '{"scores": {"entities": {"base": [], "trained": {"ALL": []}}}}'])
def test_models_lists_a_version_whose_record_was_edited_badly(master, record):
    version = master.with_name(master.name + ".models") / "v1"
    version.mkdir(parents=True)
    (version / "spandesk-model.json").write_text(record, encoding="utf-8")
    out = ended_well(run("models", "--db", master), 0)
    assert "v1" in out
    assert json.loads(ended_well(run("models", "--json", "--db", master), 0))[0]["version"] == "v1"


def test_models_refuses_a_file_that_is_not_a_project(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n")
    out = ended_well(run("models", "--db", junk), 1)
    assert f"{junk}: not a SQLite database" in out


# --- render -----------------------------------------------------------------------------------

@pytest.mark.parametrize("ref", ["99999999999999999999999999", "9" * 5000, "doc-99999999999999999999", "²", "doc-١٢"])
def test_render_with_a_document_number_out_of_range_says_no_such_document(master, tmp_path, ref):
    out = ended_well(run("render", "--db", master, "--doc", ref, "--out", tmp_path / "x.svg"), 1)
    assert "no document" in out
    assert not (tmp_path / "x.svg").exists()


def test_render_copies_keep_working(master, tmp_path):
    shutil.copy(master, tmp_path / "copy.db")
    ended_well(run("render", "--db", tmp_path / "copy.db", "--doc", "1", "--out", tmp_path / "x.svg"), 0)


def test_ctrl_c_during_merge_keeps_the_files_merged_and_says_which(master, tmp_path, monkeypatch):
    from desktop.store.team import Team

    assert run("assign", "--db", master, "--annotators", "ana,ben", "--out", tmp_path / "out").exit_code == 0
    annotate_file(tmp_path / "out" / "ana.db", "ana", {"Paris": "GPE"})
    annotate_file(tmp_path / "out" / "ben.db", "ben", {"Paris": "GPE"})
    replace = Team.replace

    def ctrl_c_on_ben(self, doc_id, name, *args):
        if name == "ben":
            raise KeyboardInterrupt  # what Python raises on SIGINT, mid-way through ben's file
        return replace(self, doc_id, name, *args)

    monkeypatch.setattr(Team, "replace", ctrl_c_on_ben)
    result = run("merge", "--db", master, tmp_path / "out" / "ana.db", tmp_path / "out" / "ben.db")
    assert result.exit_code == 130, result.output
    assert "merge ana.db:" in result.output and "merged 1 of 2 files" in result.output
    assert f"interrupted while merging {tmp_path / 'out' / 'ben.db'}: nothing from it was merged" in result.output
    monkeypatch.setattr(Team, "replace", replace)
    with_ana = dump(master)
    assert not any("'ben'" in line for line in with_ana if line.startswith('INSERT INTO "team_docs"'))
    again = run("merge", "--db", master, tmp_path / "out" / "ana.db", tmp_path / "out" / "ben.db")
    assert again.exit_code == 0 and "merge ana.db: nothing new" in again.output and "ben 2" in again.output


def test_agreement_on_a_label_nobody_knows_is_refused_not_perfect(master, tmp_path):
    assert run("assign", "--db", master, "--annotators", "ana,ben", "--out", tmp_path / "out",
               "--overlap", "1").exit_code == 0
    annotate_file(tmp_path / "out" / "ana.db", "ana", {"Paris": "GPE"})
    annotate_file(tmp_path / "out" / "ben.db", "ben", {"Paris": "LOC"})
    assert run("merge", "--db", master, tmp_path / "out" / "ana.db", tmp_path / "out" / "ben.db").exit_code == 0
    out = ended_well(run("agreement", "--db", master, "--labels", "GPEE"), 1)
    assert "no entity label GPEE" in out and "1.000" not in out
    ended_well(run("agreement", "--db", master, "--labels", "GPE,LOC"), 0)
    ended_well(run("agreement", "--db", master, "--labels", "NORP"), 0)  # in the label set, unused: fine


@pytest.mark.parametrize("components, said", [("nope", "'nope'"), (",", "none given"), ("ner,Ner", "'Ner'")])
def test_train_names_a_component_it_does_not_know_before_anything_else(master, components, said):
    before = dump(master)
    out = ended_well(run("train", "--db", master, "--components", components), 1)
    assert f"--components: {said}; choose from ner, triggers, doc_labels" in out
    assert dump(master) == before and not master.with_name(master.name + ".models").exists()


def test_train_names_a_file_where_the_models_folder_belongs(master):
    from desktop.nlp.models import find_model

    if find_model() is None:
        pytest.skip("needs the English spaCy pipeline (train checks the base model first)")
    blocker = master.with_name(master.name + ".models")
    blocker.write_text("not a folder", encoding="utf-8")
    out = ended_well(run("train", "--db", master, "--components", "ner"), 1)
    assert f"{blocker}: not a folder" in out
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_models_json_stays_strict_json_when_a_record_holds_nan(master):
    version = master.with_name(master.name + ".models") / "v1"
    version.mkdir(parents=True)
    (version / "spandesk-model.json").write_text('{"scores": NaN, "base": Infinity}', encoding="utf-8")
    out = ended_well(run("models", "--json", "--db", master), 0)
    [listed] = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in --json output"))
    assert listed["scores"] is None and listed["base"] is None
