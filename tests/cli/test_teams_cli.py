"""The team commands as users run them (issue 11): assign, merge, agreement --json with the
issue's keys, export --annotator with Prodigy's multi-annotator keys, stats per annotator."""

from __future__ import annotations

import json

import pytest

from tests.helpers import annotate_file, run, team_project


@pytest.fixture
def merged(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    master = team_project(tmp_path, 6)
    result = run("assign", "--db", master, "--annotators", "ana,ben", "--out", tmp_path / "out",
                 "--overlap-docs", "3", "--seed", "5")
    assert result.exit_code == 0, result.output
    assert "3 to everyone" in result.output
    annotate_file(tmp_path / "out" / "ana.db", "ana", {"Ana Smith": "PERSON", "Paris": "GPE"})
    annotate_file(tmp_path / "out" / "ben.db", "ben", {"Paris": "GPE"})
    result = run("merge", "--db", master, tmp_path / "out" / "ana.db", tmp_path / "out" / "ben.db")
    assert result.exit_code == 0, result.output
    assert "merge ana.db: 5 documents, 10 spans" in result.output
    return master


def test_agreement_json_has_the_issues_keys(merged):
    result = run("agreement", "--db", merged, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 3 and report["annotators"] == ["ana", "ben"]
    e = report["entities"]
    assert set(e["pairwise"][0]) >= {"a", "b", "precision", "recall", "f1", "f1_overlap"}
    assert set(e["per_label"]) == {"GPE", "PERSON"} and "f1" in e["per_label"]["GPE"]
    assert set(e["cohen_kappa"][0]) >= {"a", "b", "kappa"}
    for key in ("fleiss_kappa", "krippendorff_alpha", "unitized_alpha"):
        assert isinstance(e[key], float), key
    assert set(report["events"]) >= {"trigger_f1", "argument_f1"}
    assert "kappa" in report["doc_labels"]
    assert set(report["worst_documents"][0]) >= {"id", "title", "f1"}


def test_agreement_text_and_its_choices(merged):
    result = run("agreement", "--db", merged, "--annotators", "ana,ben", "--labels", "GPE")
    assert result.exit_code == 0 and "ana / ben" in result.output
    assert run("agreement", "--db", merged, "--annotators", "zed").exit_code == 1
    assert run("agreement", "--db", merged, "--docs", "some").exit_code == 2


def test_merging_again_says_nothing_new(merged, tmp_path):
    result = run("merge", "--db", merged, tmp_path / "out" / "ana.db")
    assert result.exit_code == 0 and "merge ana.db: nothing new" in result.output


def test_a_refused_file_exits_1_and_the_others_are_merged(merged, tmp_path):
    (tmp_path / "other").mkdir()
    other = team_project(tmp_path / "other", 2)
    annotate_file(other, "cem", {"Paris": "GPE"})
    result = run("merge", "--db", merged, other, tmp_path / "out" / "ben.db")
    assert result.exit_code == 1
    assert "not to this project" in result.output and "merged 1 of 2 files; 1 refused" in result.output


def test_export_annotator_writes_that_layer_with_prodigys_keys(merged, tmp_path):
    out = tmp_path / "ana.jsonl"
    result = run("export", "--db", merged, "--format", "jsonl", "--out", out, "--annotator", "ana")
    assert result.exit_code == 0, result.output
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(tasks) == 5
    assert {t["_annotator_id"] for t in tasks} == {t["_session_id"] for t in tasks} == {"master-ana"}
    assert all({s["label"] for s in t["spans"]} == {"PERSON", "GPE"} for t in tasks)
    gold = tmp_path / "gold.jsonl"
    assert run("export", "--db", merged, "--format", "jsonl", "--out", gold, "--all").exit_code == 0
    assert all(json.loads(line)["spans"] == [] for line in gold.read_text(encoding="utf-8").splitlines())
    assert run("export", "--db", merged, "--format", "jsonl", "--out", out, "--annotator", "zed").exit_code == 1


def test_stats_has_a_per_annotator_table(merged):
    figures = json.loads(run("stats", "--db", merged, "--json").output)["per_annotator"]
    assert figures["ana"]["documents_done"] == 5 and figures["ben"]["documents_done"] == 4
    assert set(figures["ana"]["suggestions"]) == {"accepted", "corrected", "rejected"}
    assert isinstance(figures["ana"]["median_seconds_per_document"], float)
    text = run("stats", "--db", merged).output
    assert "median s/doc" in text and "ana" in text


def test_assign_refuses_to_overwrite_and_exits_1(merged, tmp_path):
    result = run("assign", "--db", merged, "--annotators", "ana", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "exists already" in result.output
