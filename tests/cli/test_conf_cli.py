"""brat's annotation.conf at the command line: `import` says what it declares that the label
set lacks, `import --label-set-from-conf` and `schema from-conf` merge it, and the label
set's relations and attributes in `schema show|check`."""

from __future__ import annotations

import json
from pathlib import Path

from desktop import ops

from tests.helpers import run

BRAT = Path(__file__).parents[1] / "data/thirdparty/brat"

CONF = """[entities]
Person
GPE
[relations]
Located\tArg1:Person, Arg2:GPE
[events]
Die\tPerson-Arg:Person, Place-Arg?:GPE
[attributes]
Negation\tArg:<EVENT>
"""


def folder(tmp_path: Path, conf: str = CONF) -> Path:
    """A brat folder with one document the project can hold whole, and its conf."""
    path = tmp_path / "corpus"
    path.mkdir(parents=True)
    (path / "doc.txt").write_text("Ana died in Paris.\n", encoding="utf-8")
    (path / "doc.ann").write_text("T1\tPerson 0 3\tAna\nT2\tGPE 12 17\tParis\n", encoding="utf-8")
    (path / "annotation.conf").write_text(conf, encoding="utf-8")
    return path


def label_set(db_path):
    store = ops.open_project(db_path)
    try:
        return ops.project_label_set(store)
    finally:
        store.close()


def test_import_lists_what_the_conf_declares_that_the_label_set_lacks(tmp_path, db_path):
    result = run("import", folder(tmp_path), "--db", db_path)
    assert result.exit_code == 0, result.output
    lacks = [line for line in result.output.splitlines() if line.startswith("the label set lacks: ")]
    assert len(lacks) == 4  # Person, Die, Located, Negation (GPE is spaCy's and the project's already)
    assert any(line.endswith('entity label "Person"') for line in lacks)
    assert any(line.endswith('relation "Located" from Person to GPE') for line in lacks)
    assert "--label-set-from-conf" in result.output
    assert label_set(db_path).entity("Person") is None


def test_import_with_the_flag_merges_the_conf_first(tmp_path, db_path):
    result = run("import", folder(tmp_path), "--label-set-from-conf", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert "added to the label set: " in result.output and "imported 1 documents with 2 spans" in result.output
    merged = label_set(db_path)
    assert merged.entity("Person") and merged.why_not_relation("Located", "Person", "GPE") is None
    assert merged.attribute("Negation").applies_to == ("<EVENT>",)
    again = run("import", folder(tmp_path / "again"), "--label-set-from-conf", "--db", db_path)
    assert "the label set lacks" not in again.output and "added to the label set" not in again.output


def test_import_with_the_flag_and_a_conflict_changes_nothing(tmp_path, db_path):
    run("import", folder(tmp_path / "a"), "--label-set-from-conf", "--db", db_path)
    before = label_set(db_path)
    clashing = CONF.replace("Negation\tArg:<EVENT>", "Negation\tArg:<EVENT>, Value:Yes|No")
    result = run("import", folder(tmp_path / "b", clashing), "--label-set-from-conf", "--db", db_path)
    assert result.exit_code == 1
    assert "attribute Negation is valued (Yes | No) in the conf, binary in the project" in result.output
    assert "nothing was imported or changed" in result.output
    assert label_set(db_path) == before
    listed = run("list", "--db", db_path)
    assert listed.output.count("Ana died in Paris") <= 1


def test_schema_from_conf_dry_run_then_apply(tmp_path, db_path):
    conf = BRAT / "tutorials/news/annotation.conf"
    dry = run("schema", "from-conf", conf, "--dry-run", "--db", db_path)
    assert dry.exit_code == 0 and "would add: " in dry.output
    before = label_set(db_path)
    assert len(before.relations) == 18  # ACE 2005's relation subtypes, in news-events.toml
    done = run("schema", "from-conf", conf, "--db", db_path)
    assert done.exit_code == 0 and "added: " in done.output and "note: " in done.output
    assert len(label_set(db_path).relations) == 18 + 7
    shown = run("schema", "show", "--db", db_path).output
    assert "Relations (25):" in shown and "Alias  Person -> Person  (symmetric, transitive)" in shown
    assert "Mention  on <ENTITY>  Name | Nominal | Other" in shown
    as_json = json.loads(run("schema", "show", "--json", "--db", db_path).output)
    assert [r["name"] for r in as_json["relation"]][18:20] == ["Located", "Geographical_part"]
    assert {a["name"] for a in as_json["attribute"]} == {
        "Polarity", "Modality", "Genericity", "Tense", "Individual", "Mention", "Negation", "Confidence"}


def test_schema_from_conf_refuses_a_conf_with_conflicts(db_path, tmp_path):
    conf = tmp_path / "annotation.conf"
    conf.write_text("[entities]\nArmed-_20_group\n[events]\nE\tTheme:Armed-_20_group\n", encoding="utf-8")
    result = run("schema", "from-conf", conf, "--db", db_path)
    assert result.exit_code == 1 and 'Entity label "Armed group" contains a space' in result.output
    assert "nothing was changed" in result.output and label_set(db_path).entity("Armed group") is None
    assert label_set(db_path).event("E") is None


def test_schema_check_reports_relation_and_attribute_problems(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[schema]\nname = "x"\nversion = 1\ndescription = ""\n[[entity]]\nname = "PERSON"\n'
                   'colour = "#aa9cfc"\n[[relation]]\nname = "Knows"\nheads = ["PERSN"]\nchildren = ["PERSON"]\n'
                   '[[attribute]]\nname = "Tone"\napplies_to = ["PERSON"]\nvalues = ["warm", "warm"]\n',
                   encoding="utf-8")
    result = run("schema", "check", bad)
    assert result.exit_code == 1
    assert 'Relation "Knows", heads: "PERSN" is not an entity label, event type or wildcard in this schema' \
           ' (did you mean "PERSON"?).' in result.output
    assert 'Attribute "Tone": value "warm" appears more than once.' in result.output
