"""`spandesk schema show|check|set`: the project's labels as data, changed only when every
annotation still fits, renames declared in the file."""

from __future__ import annotations

import json

import click
import pytest

from desktop import ops
from desktop.cli import main
from desktop.core import label_set as S
from desktop.core.model import Layer
from desktop.paths import resource

from tests.helpers import SEED, find, run

NEWS = resource("schemas", "news-events.toml")

TINY = """
[schema]
name = "tiny"
version = 2
description = "Deaths only."

[[entity]]
name = "PERSON"
colour = "#aa9cfc"

[[entity]]
name = "GPE"
colour = "#feca74"

[[event]]
name = "Life:Die"
roles = [
  { name = "Victim", labels = ["PERSON"], required = true },
  { name = "Place", labels = ["GPE"], many = false },
]

[[doc_label]]
name = "Other"
"""


def commands(group, prefix=""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")


def test_every_command_subcommand_and_option_has_help():
    found = dict(commands(main))
    assert {"schema show", "schema check", "schema set", "validate"} <= set(found)
    for name, command in found.items():
        assert command.help and command.help.strip(), f"{name} has no help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help text"


def test_show_reads_and_show_json_is_the_stored_schema(db_path):
    result = run("schema", "show", "--db", db_path)
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("news-events (version 2)")
    assert "Event types (33):" in out and "  Conflict:Attack  " in out
    assert "Attacker    PERSON | ORG | NORP | GPE  (optional, many)" in out
    assert "Victim      PERSON  (required, many)" in out
    assert "Document labels (8):" in out and "Armed clash  key k" in out
    shown = json.loads(run("schema", "show", "--json", "--db", db_path).output)
    assert S.from_json(json.dumps(shown)) == S.default_label_set()


def test_check_good_bad_and_broken_files(tmp_path):
    good = run("schema", "check", NEWS)
    assert good.exit_code == 0 and "no problems" in good.output
    bad = tmp_path / "bad.toml"
    bad.write_text(TINY.replace('"#feca74"', '"orange"').replace('labels = ["GPE"]', 'labels = ["GEP"]'),
                   encoding="utf-8")
    result = run("schema", "check", bad)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{bad}: ") for line in lines)
    assert any('"orange"' in line for line in lines) and any('"GEP"' in line for line in lines)
    broken = tmp_path / "broken.toml"
    broken.write_text("[schema\n", encoding="utf-8")
    result = run("schema", "check", broken)
    assert result.exit_code == 1 and f"{broken}:1: TOML syntax error" in result.stderr


@pytest.fixture
def annotated(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)

    def at(word, nth=0):
        return find(text, word, nth)

    attack = ops.add_event(store, doc_id, *at("clashes"), "Conflict:Attack").event_id
    ops.add_argument(store, attack, ops.add_span(store, doc_id, *at("Kazakhstan", 1), "GPE").span_id, "Attacker")
    died = ops.add_event(store, doc_id, *at("fatal"), "Life:Die").event_id
    ops.add_argument(store, died, ops.add_span(store, doc_id, *at("Russia", 1), "GPE").span_id, "Agent")
    ops.add_span(store, doc_id, *at("CSTO"), "ORG")
    ops.add_span(store, doc_id, *at("Tokayev"), "PERSON")
    ops.toggle_doc_label(store, doc_id, "Protest")
    return store, doc_id


def _state(store):
    return (store.project.get("schema"), [tuple(r) for r in store.query("SELECT * FROM spans ORDER BY id")],
            [tuple(r) for r in store.query("SELECT * FROM events ORDER BY id")],
            [tuple(r) for r in store.query("SELECT * FROM event_arguments ORDER BY id")],
            [tuple(r) for r in store.query("SELECT * FROM doc_labels ORDER BY id")],
            store.conn.execute("SELECT COUNT(*) FROM history").fetchone()[0])


def test_set_lists_every_conflict_and_changes_nothing(annotated, db_path, tmp_path):
    store, _ = annotated
    before = _state(store)
    tiny = tmp_path / "tiny.toml"
    tiny.write_text(TINY, encoding="utf-8")
    with pytest.raises(ops.LabelSetConflicts) as err:
        ops.set_label_set(store, tiny)
    conflicts = err.value.conflicts
    assert conflicts == [
        f'entity label "ORG" is not in the new schema: 1 span in {SEED.stem}',
        f'event type "Conflict:Attack" is not in the new schema: 1 event in {SEED.stem}',
        f'Life:Die argument Agent filled by GPE: Life:Die has no role "Agent"; its roles are Victim and Place. '
        f"1 argument in {SEED.stem}",
        f'document label "Protest" is not in the new schema: 1 document in {SEED.stem}',
    ]
    assert _state(store) == before
    store.close()
    result = run("schema", "set", tiny, "--db", db_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:4] == [f"{tiny}: {c}" for c in conflicts]
    assert "4 conflicts" in result.stderr and "nothing was changed" in result.stderr
    with ops.open_project(db_path) as again:
        assert _state(again) == before
    dry = run("schema", "check", tiny, "--db", db_path)
    assert dry.exit_code == 1 and dry.stderr.splitlines() == [f"{tiny}: {c}" for c in conflicts]
    with ops.open_project(db_path) as again:
        assert _state(again) == before


def test_set_refuses_a_bad_file_before_looking_at_annotations(annotated, db_path, tmp_path):
    store, _ = annotated
    before = _state(store)
    store.close()
    bad = tmp_path / "bad.toml"
    bad.write_text(TINY.replace('"#aa9cfc"', '"purple"'), encoding="utf-8")
    result = run("schema", "set", bad, "--db", db_path)
    assert result.exit_code == 1 and "purple" in result.stderr and "nothing was changed" in result.stderr
    with ops.open_project(db_path) as again:
        assert _state(again) == before


def renamed_news(tmp_path):
    text = NEWS.read_text(encoding="utf-8")
    text = text.replace('"PERSON"', '"PER"').replace(
        'name = "PER"\ncolour', 'name = "PER"\nrenamed_from = ["PERSON"]\ncolour')
    text = text.replace('name = "Conflict:Attack"', 'name = "Conflict:Assault"\nrenamed_from = ["Conflict:Attack"]')
    text = text.replace('{ name = "Attacker",', '{ name = "Assailant", renamed_from = ["Attacker"],')
    text = text.replace('name = "Protest"\nkey', 'name = "Protests"\nrenamed_from = ["Protest"]\nkey')
    path = tmp_path / "renamed.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_set_with_renames_renames_the_annotations(annotated, db_path, tmp_path):
    store, doc_id = annotated
    path = renamed_news(tmp_path)
    assert ops.check_label_set_file(path) == []
    store.close()
    result = run("schema", "set", path, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "renamed entity PERSON -> PER: 1" in result.output
    assert "renamed event type Conflict:Attack -> Conflict:Assault: 1" in result.output
    assert "renamed role Conflict:Assault Attacker -> Assailant: 1" in result.output
    assert "renamed document label Protest -> Protests: 1" in result.output
    with ops.open_project(db_path) as again:
        label_set = ops.project_label_set(again)
        assert label_set.entity("PER").renamed_from == ("PERSON",)
        assert [s.label for s in again.spans.for_doc(doc_id, layer=Layer.ENTITY)
                if s.text == "Tokayev"] == ["PER"]
        attack = next(e for e in ops.events(again, doc_id) if e.trigger.text == "clashes")
        assert (attack.type, attack.trigger.label) == ("Conflict:Assault", "Conflict:Assault")
        assert [a.role for a in attack.arguments] == ["Assailant"]
        assert ops.doc_labels(again, doc_id) == ["Protests"]
        assert not [p for p in ops.validate(again) if "schema has no" in p or " takes " in p]
        # the rename is in history, so the audit trail shows it
        (action,) = again.query("SELECT * FROM actions WHERE name = 'change schema'")
        assert action["undoable"] == 0
        assert again.history.changes(action["id"])
    assert "Conflict:Assault" in run("schema", "show", "--db", db_path).output


def test_renamed_from_must_name_a_label_that_is_gone():
    text = TINY.replace('name = "GPE"\n', 'name = "GPE"\nrenamed_from = ["PERSON"]\n')
    with pytest.raises(S.BadLabelSet) as err:
        S.loads(text)
    assert err.value.problems == ['Entity label "GPE" is renamed from "PERSON", which is still in the schema.']
    twice = TINY.replace('name = "GPE"\n', 'name = "GPE"\nrenamed_from = ["LOC"]\n').replace(
        'name = "PERSON"\n', 'name = "PERSON"\nrenamed_from = ["LOC"]\n')
    with pytest.raises(S.BadLabelSet, match='"LOC" is renamed to both "PERSON" and "GPE"'):
        S.loads(twice)
    tiny = S.loads(TINY.replace('{ name = "Victim",', '{ name = "Dead", renamed_from = ["Victim"],'))
    assert tiny.event("Life:Die").role("Dead").renamed_from == ("Victim",)
    assert S.from_json(S.to_json(tiny)) == tiny
    assert "renamed_from" not in S.to_json(S.loads(TINY))
