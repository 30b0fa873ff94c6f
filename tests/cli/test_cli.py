"""The command line, through click's CliRunner, against real temporary databases."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest

from desktop import __version__, ops, paths
from desktop.cli import main
from desktop.core.model import SpandeskError

from tests.helpers import ROOT, SEED, run


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


# --db wherever it stands -------------------------------------------------------------------

@pytest.fixture
def home(tmp_path, monkeypatch):
    """A user whose default project is observable: HOME and the XDG folders in tmp_path."""
    for name, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(name, str(tmp_path / sub))
    monkeypatch.delenv("SPANDESK_DB", raising=False)
    assert paths.default_db().is_relative_to(tmp_path)
    return tmp_path


def test_db_before_the_command_names_the_project(home, tmp_path):
    text = tmp_path / "x.txt"
    text.write_text("Tokayev met Putin.", encoding="utf-8")
    other = tmp_path / "other.db"
    result = run("--db", other, "import", text)
    assert result.exit_code == 0 and "imported 1 documents" in result.output
    assert not paths.default_db().exists()
    with ops.open_project(other) as store:
        assert store.documents.count() == 1
    # Every command reads it, nested ones included; the default project is never made.
    assert json.loads(run("--db", other, "stats", "--json").output)["documents"]["total"] == 1
    assert run("--db", other, "schema", "show").exit_code == 0
    assert run("--db", other, "validate").exit_code == 0
    assert not paths.default_db().exists()


def test_db_given_twice_must_agree(home, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    result = run("--db", one, "stats", "--db", two)
    assert result.exit_code == 2 and "--db is given twice" in result.stderr
    assert not one.exists() and not two.exists() and not paths.default_db().exists()
    assert run("--db", one, "stats", "--db", one).exit_code == 0 and one.exists()


# Exit statuses: one line, never a traceback ------------------------------------------------

def test_an_unexpected_exception_is_one_line_and_a_log(home, tmp_path, monkeypatch):
    def broken(store):
        raise ZeroDivisionError("the figures broke")

    monkeypatch.setattr(ops, "stats", broken, raising=False)
    result = run("stats", "--db", tmp_path / "p.db")
    assert result.exit_code == 70 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("spandesk: internal error: ZeroDivisionError: the figures broke; details saved to ")
    log = Path(line.rsplit(" ", 1)[1])
    assert log.parent == paths.data_dir() / "logs"
    assert "Traceback" in log.read_text() and "the figures broke" in log.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600 and stat.S_IMODE(log.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(("exc", "status", "message"), [
    (KeyboardInterrupt(), 130, "spandesk: interrupted\n"),
    (BrokenPipeError(32, "Broken pipe"), 1, ""),
    (SpandeskError("x.db: not a Spandesk project"), 1, "spandesk: x.db: not a Spandesk project\n"),
    (PermissionError(13, "Permission denied", "/some/file"), 1, "spandesk: /some/file: Permission denied\n"),
    (OSError(28, "No space left on device"), 1, "spandesk: No space left on device\n"),
])
def test_each_way_of_ending_has_its_status(home, tmp_path, monkeypatch, exc, status, message):
    def ending(store):
        raise exc

    monkeypatch.setattr(ops, "stats", ending, raising=False)
    result = run("stats", "--db", tmp_path / "p.db")
    # (click ends the "^C" line with a line feed first)
    assert (result.exit_code, result.stderr.lstrip("\n")) == (status, message)


def test_a_closed_or_full_stdout_is_one_line_at_most(tmp_path):
    env = {**os.environ, "SPANDESK_DB": str(tmp_path / "p.db"), "PYTHONPATH": str(ROOT)}
    # `true` is gone long before Python has started: the first line stats prints meets a closed pipe.
    shell = f"'{sys.executable}' -m desktop stats | true; echo status ${{PIPESTATUS[0]}} >&2"
    done = subprocess.run(["bash", "-c", shell], env=env, capture_output=True, text=True, timeout=60)
    assert done.stderr == "status 1\n"
    if Path("/dev/full").is_char_device():
        shell = f"'{sys.executable}' -m desktop stats >/dev/full"
        done = subprocess.run(["sh", "-c", shell], env=env, capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stderr) == (1, "spandesk: No space left on device\n")


# Terminal escape injection: what the CLI prints cannot drive the terminal ---------------------

CONTROLS = ("\x1b", "\x9b", "\x07", "\u202e", "\x7f")


def assert_no_controls(text: str) -> None:
    assert not any(c in text for c in CONTROLS), repr(text)


@pytest.fixture
def hostile_project(tmp_path):
    """A project whose document id, title, span label and annotator carry control characters."""
    db = tmp_path / "evil.db"
    task = {"text": "Tokayev met Putin.", "id": "doc\x1b[2J", "title": "\x1b[2JTitle\u202eevil",
            "spans": [{"start": 0, "end": 7, "label": "PER\x9bSON"}], "answer": "accept"}
    source = tmp_path / "evil.jsonl"
    source.write_text(json.dumps(task) + "\n", encoding="utf-8")
    result = run("import", source, "--db", db)
    assert result.exit_code == 0, result.output
    with ops.open_project(db) as store:
        ops.add_span(store, store.documents.ids()[0], 12, 17, "GPE", "ana\x1b]0;owned\x07")
    return db


def test_validate_shows_ids_and_labels_harmlessly(hostile_project):
    result = run("validate", "--db", hostile_project)
    assert result.exit_code == 1
    assert "doc␛[2J: span" in result.stdout and 'entity label "PER\ufffdSON"' in result.stdout
    assert_no_controls(result.output)


def test_stats_shows_labels_and_annotators_harmlessly(hostile_project):
    result = run("stats", "--db", hostile_project)
    assert result.exit_code == 0 and "PER\ufffdSON" in result.stdout and "ana␛]0;owned␇" in result.stdout
    assert_no_controls(result.output)
    as_json = run("stats", "--json", "--db", hostile_project)
    assert_no_controls(as_json.output)
    figures = json.loads(as_json.stdout)  # the JSON still spells the true names
    assert "PER\x9bSON" in figures["spans"]["by_label"] and "ana\x1b]0;owned\x07" in figures["annotators"]


def test_import_errors_show_file_names_harmlessly(tmp_path, db_path):
    bad = tmp_path / "bad\x1b[2J\u202e.jsonl"
    bad.write_text('{"text": "fine"}\n{"nope": "\x9b"}\n', encoding="utf-8")
    result = run("import", bad, "--db", db_path)
    assert result.exit_code == 1 and "bad␛[2J\ufffd.jsonl:2:" in result.stderr
    assert_no_controls(result.output)


def test_schema_show_shows_descriptions_harmlessly(db_path, tmp_path):
    from desktop.paths import resource

    toml = resource("schemas", "news-events.toml").read_text(encoding="utf-8")
    toml = toml.replace('[schema]\n', '[schema]\n# hostile\n', 1)
    head, rest = toml.split("description = ", 1)
    evil = tmp_path / "evil.toml"
    evil.write_text(head + 'description = "\\u001b[2Jwiped\\u009b\\u202e"\n' + rest.split("\n", 1)[1], encoding="utf-8")
    assert run("schema", "set", evil, "--db", db_path).exit_code == 0
    shown = run("schema", "show", "--db", db_path)
    assert shown.exit_code == 0 and "␛[2Jwiped\ufffd\ufffd" in shown.stdout
    assert_no_controls(shown.output)
    as_json = run("schema", "show", "--json", "--db", db_path)
    assert_no_controls(as_json.output)
    assert json.loads(as_json.stdout)["schema"]["description"] == "\x1b[2Jwiped\x9b\u202e"


def test_errors_show_arguments_harmlessly(db_path):
    # (click.echo drops a whole "ESC [ ... letter" sequence when not writing to a terminal,
    # so these use others.)
    usage = run("export", "--format", "x\x1b]0;t\x07", "--out", "o", "--db", db_path)
    assert usage.exit_code == 2
    missing = run("import", "no\x9bsuch\x1bc.txt", "--db", db_path)
    assert missing.exit_code == 1 and "no\ufffdsuch␛c.txt" in missing.stderr
    for result in (usage, missing):
        assert_no_controls(result.output)


# A million bad lines: a capped list and the counts ---------------------------------------------

def test_many_bad_lines_print_a_capped_list(tmp_path, db_path):
    source = tmp_path / "many.jsonl"
    source.write_text('{"text": "good"}\n' + "not json\n" * 5000, encoding="utf-8")
    result = run("import", source, "--skip-bad-lines", "--db", db_path)
    assert result.exit_code == 0
    assert len(result.stderr) < 5000
    assert result.stderr.count("\nskipped ") == 19 and "… and 4980 more skipped lines" in result.stderr
    assert "imported 1 documents" in result.stdout and "5000 skipped" in result.stdout


def test_json_errors_say_at_once(tmp_path, db_path):
    source = tmp_path / "cut.jsonl"
    source.write_text('{"text": "cut short\n{"text": "a\tb"}\n{"text": }\n', encoding="utf-8")
    result = run("import", source, "--skip-bad-lines", "--db", db_path)
    assert "at at" not in result.stderr
    assert f"{source}:1: invalid JSON: Unterminated string starting at column 10" in result.stderr
    assert f"{source}:2: invalid JSON: Invalid control character at column 12" in result.stderr
    assert f"{source}:3: invalid JSON: Expecting value at column 10" in result.stderr


def test_everything_printed_goes_through_say():
    """One function prints, so no command can put a raw title or file name on the terminal."""
    import inspect

    import desktop.cli as cli

    source = inspect.getsource(cli)
    assert source.count("click.echo(") == 1 and "print(" not in source
    assert "click.echo(text, err=err)" in inspect.getsource(cli.say)


def test_text_that_is_not_utf8_in_the_project_is_a_message_not_a_defect(home, tmp_path):
    """Damage that passes integrity_check: bytes that are not UTF-8 in a stored title."""
    import sqlite3

    db = tmp_path / "p.db"
    assert run("import", str(SEED), "--db", db).exit_code == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE documents SET title = CAST(X'4142C3' AS TEXT)")
    conn.commit()
    conn.close()
    result = run("export", "--format", "jsonl", "--all", "--out", tmp_path / "o.jsonl", "--db", db)
    assert result.exit_code == 1, result.output
    assert f"spandesk: {db}: the project holds text that is not valid UTF-8" in result.stderr
    assert "internal error" not in result.stderr and "spandesk restore" in result.stderr


def test_an_import_that_drops_a_conflicting_verdict_exits_1(home, tmp_path):
    """Every piece of annotation read is stored or reported, and the status says so."""
    task = {"text": "Ana met Bo.", "spans": [{"start": 0, "end": 3, "label": "PER"}]}
    path = tmp_path / "teach.jsonl"
    path.write_text("\n".join(json.dumps(task | {"answer": a}) for a in ("accept", "reject")) + "\n",
                    encoding="utf-8")
    result = run("import", path, "--db", tmp_path / "p.db")
    assert result.exit_code == 1, result.output
    assert "1 conflicting verdicts (the first kept)" in result.stdout
    assert "teach.jsonl:2: same text as document 1, stored once; conflict: PER 'Ana' at 0-3 is rejected" in result.stderr


def test_an_annotation_stored_inexactly_is_listed_with_its_line_and_exits_1(home, tmp_path):
    """A brat relation whose end is an event is read but not kept (relations link spans):
    reported with its .ann line, never dropped silently, and the exit status says so. (brat's
    BioNLP GE excerpt, whose events name events as arguments, is stored exactly: exit 0.)"""
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d.txt").write_text("A binds B.", encoding="utf-8")
    (folder / "d.ann").write_text("T1\tProtein 0 1\tA\nT2\tBinding 2 7\tbinds\nE1\tBinding:T2 Theme:T1\n"
                                  "R1\tCause Arg1:T1 Arg2:E1\n", encoding="utf-8")
    result = run("import", folder, "--db", tmp_path / "p.db")
    assert result.exit_code == 1, result.output
    assert "imported 1 documents" in result.stdout and "1 annotations not stored exactly" in result.stdout
    assert "not stored exactly: " in result.stderr and "d.ann:4: relation: R1: a relation whose end is an event" \
        in result.stderr
    ge = ROOT / "tests/data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"
    result = run("import", ge, "--db", tmp_path / "ge.db")
    assert result.exit_code == 0, result.output
    assert "imported 20 documents" in result.stdout and "not stored exactly" not in result.output