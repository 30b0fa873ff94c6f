"""The command line, through click's CliRunner, against real temporary databases."""

from __future__ import annotations

import json

import click
from click.testing import CliRunner

from desktop import __version__, ops, paths
from desktop.cli import main

from conftest import SEED


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_every_command_has_help_text():
    for name, command in main.commands.items():
        assert command.help and command.help.strip(), f"{name} has no help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help text"


def test_import_reports_and_exit_status(tmp_path, db_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "One article."}\n{"text": "Another one."}\n', encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"nope": 1}\n', encoding="utf-8")
    ok = run("import", good, "--db", db_path)
    assert ok.exit_code == 0 and "imported 2 documents" in ok.output
    refused = run("import", bad, good, "--db", db_path)
    assert refused.exit_code == 1
    assert f"{bad}:2: " in refused.stderr and "text" in refused.stderr
    assert "2 duplicates" in refused.output
    skipped = run("import", bad, "--skip-bad-lines", "--db", db_path)
    assert skipped.exit_code == 0 and f"skipped {bad}:2:" in skipped.stderr
    with ops.open_project(db_path) as store:
        assert store.documents.count() == 3


def test_usage_errors_exit_2(db_path):
    assert run("import", "--db", db_path).exit_code == 2
    assert run("export", "--format", "xml", "--out", "x", "--db", db_path).exit_code == 2
    assert run("preannotate", "--processes", "0", "--db", db_path).exit_code == 2


def test_damaged_database_gets_a_clear_message(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"not a database at all" * 20)
    result = run("stats", "--db", path)
    assert result.exit_code == 1
    assert str(path) in result.stderr and "left untouched" in result.stderr


def test_default_database_is_created_with_the_seeds(tmp_path, monkeypatch):
    path = tmp_path / "data" / "spandesk.db"
    monkeypatch.setenv("SPANDESK_DB", str(path))
    result = run("stats", "--json")
    assert result.exit_code == 0
    seeds = {p.read_text(encoding="utf-8") for p in paths.seeds_dir().glob("*.txt")}
    assert json.loads(result.output)["documents"]["total"] == len(seeds) > 1
    # An explicit --db never gets seeds.
    other = tmp_path / "other.db"
    assert json.loads(run("stats", "--json", "--db", other).output)["documents"]["total"] == 0


def test_preannotate_without_model_says_how_to_add_one(db_path, monkeypatch):
    import desktop.nlp.models as models

    monkeypatch.setattr(models, "find_model", lambda name=None: None)
    run("import", SEED, "--db", db_path)
    result = run("preannotate", "--db", db_path)
    assert result.exit_code == 1
    assert "no spacy pipeline found" in result.stderr.lower() and "install" in result.stderr.lower()


def test_export_stats_and_done_scope(db_path, tmp_path):
    run("import", SEED, "--db", db_path)
    with ops.open_project(db_path) as store:
        doc_id = store.documents.ids()[0]
        text = store.documents.text(doc_id)
        start = text.index("Tokayev")
        ops.add_span(store, doc_id, start, start + 7, "PERSON", "ana")
    out = tmp_path / "done.jsonl"
    assert run("export", "--format", "jsonl", "--out", out, "--db", db_path).output.startswith("exported 0")
    assert out.read_text() == ""
    assert run("export", "--format", "jsonl", "--all", "--out", out, "--db", db_path).exit_code == 0
    (task,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(s["text"], s["label"], s["state"]) for s in task["spans"]] == [("Tokayev", "PERSON", "accepted")]
    figures = json.loads(run("stats", "--json", "--db", db_path).output)
    assert figures["documents"]["in_progress"] == 1
    assert figures["spans"]["by_label"] == {"PERSON": {"accepted": 1}}
    assert "PERSON" in run("stats", "--db", db_path).output
