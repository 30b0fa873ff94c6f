"""Relations and attributes in the label set (ops.why_not_relation, ops.why_not_attribute) and
brat's annotation.conf merged into a project's label set (ops.label_set_from_conf)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop import ops
from desktop.core import label_set as S
from desktop.core.model import Event, Layer, Span

BRAT = Path(__file__).parents[1] / "data/thirdparty/brat"
NEWS = BRAT / "tutorials/news/annotation.conf"

TINY = """
[schema]
name = "tiny"
version = 3
description = ""

[[entity]]
name = "Person"
colour = "#aa9cfc"

[[entity]]
name = "GPE"
colour = "#feca74"

[[event]]
name = "Die"
roles = [{ name = "Person-Arg", labels = ["Person"], required = true, many = false }]

[[relation]]
name = "Located"
heads = ["Person"]
children = ["GPE"]

[[relation]]
name = "Alias"
heads = ["Person"]
children = ["Person"]
symmetric = true
transitive = true

[[attribute]]
name = "Negation"
applies_to = ["<EVENT>"]

[[attribute]]
name = "Mention"
applies_to = ["Person", "GPE"]
values = ["Name", "Nominal"]
"""


def tiny_project(store, tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    ops.set_label_set(store, path)
    return ops.project_label_set(store)


def test_why_not_relation_and_attribute_give_the_reason(store, tmp_path):
    labels = tiny_project(store, tmp_path)
    ana, paris = Span(0, 3, "Person", "Ana"), Span(7, 12, "GPE", "Paris")
    assert ops.why_not_relation(labels, ana, paris, "Located") is None
    assert ops.why_not_relation(labels, "GPE", "Person", "Located") == "Located links Person to GPE, not GPE to Person."
    assert ops.why_not_relation(labels, ana, ana, "Alias") is None
    assert "no relation \"Knows\"" in ops.why_not_relation(labels, ana, paris, "Knows")
    died = Event("Die", Span(4, 6, "Die", "di", layer=Layer.TRIGGER), ())
    assert ops.why_not_attribute(labels, died, "Negation") is None
    assert ops.why_not_attribute(labels, ana, "Negation") == "Negation applies to <EVENT>, not Person."
    assert ops.why_not_attribute(labels, ana, "Mention", "Name") is None
    assert ops.why_not_attribute(labels, ana, "Mention") == "Mention needs a value: Name or Nominal."
    assert ops.why_not_attribute(labels, paris, "Mention", "Pronoun") == 'Mention takes Name or Nominal, not "Pronoun".'
    assert "takes no value" in ops.why_not_attribute(labels, died, "Negation", "yes")


def test_a_label_set_that_declares_none_leaves_them_free(store):
    # a project keeps the label set it was created with, from before relations were declared
    bare = S.LabelSet("bare", 1, "", ops.project_label_set(store).entities)
    assert ops.why_not_relation(bare, "PERSON", "ORG", "anything") is None
    assert ops.why_not_attribute(bare, "PERSON", "Anything", "x") is None


def test_what_the_conf_declares_beyond_the_project_is_listed_and_nothing_changes(store, tmp_path):
    before = tiny_project(store, tmp_path)
    found = ops.label_set_from_conf(store, [NEWS])
    assert not found.applied and found.conflicts == []
    assert ops.project_label_set(store) == before
    lacks = "\n".join(found.missing)
    assert 'entity label "Organization"' in lacks and 'entity label "Person"' not in lacks
    assert 'relation "Family" from Person to Person' in lacks and '"Located"' not in lacks
    assert 'attribute "Mention" on <ENTITY> valued Other' in lacks and 'attribute "Confidence" on <EVENT>' in lacks
    assert 'role "Agent-Arg" of event type "Die"' in lacks
    assert all(line.startswith(f"{NEWS}: ") for line in found.missing)


def test_apply_merges_everything_and_keeps_the_project_s_own(store, tmp_path):
    before = tiny_project(store, tmp_path)
    found = ops.label_set_from_conf(store, [NEWS], apply=True, annotator="ann")
    assert found.applied and found.conflicts == []
    after = ops.project_label_set(store)
    assert after == found.merged and after.version == before.version + 1 and after.name == "tiny"
    assert {e.name for e in after.entities} == {"Person", "GPE", "Organization", "Money"}
    assert after.entity("Person") == before.entity("Person")
    assert after.why_not_relation("Family", "Person", "Person") is None
    assert after.attribute("Mention").values == ("Name", "Nominal", "Other")
    assert after.attribute("Mention").applies_to == ("Person", "GPE", "<ENTITY>")
    assert [r.name for r in after.event("Die").roles] == ["Person-Arg", "Agent-Arg", "Place-Arg"]
    assert S.check(after) == []
    again = ops.label_set_from_conf(store, [NEWS], apply=True)
    assert (again.missing, again.applied) == ([], False)


def test_a_conflict_is_listed_and_nothing_changes(store, tmp_path):
    before = tiny_project(store, tmp_path)
    conf = tmp_path / "annotation.conf"
    conf.write_text("[entities]\nPerson\n[relations]\nAlias\tArg1:Person, Arg2:Person\n[events]\n"
                    "Die\tPerson-Arg+:Person\n[attributes]\nNegation\tArg:<EVENT>, Value:Yes|No\n", encoding="utf-8")
    found = ops.label_set_from_conf(store, [conf], apply=True)
    assert not found.applied and ops.project_label_set(store) == before
    text = "\n".join(found.conflicts)
    assert "Die role Person-Arg is required, many in the conf, required, one in the project" in text
    assert "relation Alias is Arg1 -> Arg2 in the conf, Arg1 -> Arg2 (symmetric, transitive) in the project" in text
    assert "attribute Negation is valued (Yes | No) in the conf, binary in the project" in text


def test_a_conf_the_label_set_cannot_hold_is_a_conflict(store, tmp_path):
    before = ops.project_label_set(store)
    conf = tmp_path / "annotation.conf"
    conf.write_text("[entities]\nArmed-_20_group\n", encoding="utf-8")  # "Armed group": a space
    found = ops.label_set_from_conf(store, [conf], apply=True)
    assert not found.applied and ops.project_label_set(store) == before
    assert found.conflicts == ['Entity label "Armed group" contains a space; use "_" or "-" instead.']


def test_types_brat_never_matches_are_left_out_with_a_note(store):
    # brat's ACE conf leaves some relation arguments as "TODO", a type it never declares
    found = ops.label_set_from_conf(store, [BRAT / "configurations/NIST-ACE-05/annotation.conf"], apply=True)
    assert found.applied and found.conflicts == []
    merged = ops.project_label_set(store)
    assert {r.name for r in merged.relations} >= {"Located", "Geographical", "Family"}
    assert not merged.relation("Near")
    assert any(":30: relation Near Arg1: TODO is declared for no annotation" in n and n.endswith("the relation")
               for n in found.notes)


def test_an_unreadable_conf_is_a_conflict_naming_file_and_line(store, tmp_path):
    conf = tmp_path / "annotation.conf"
    conf.write_text("[events]\nE\tTheme:<POG>\n", encoding="utf-8")
    found = ops.label_set_from_conf(store, [conf], apply=True)
    assert found.conflicts == [f"{conf}:2: undefined macro <POG> (macros hold only in their own section)"
                               " (the conf cannot be read)"]


def test_brat_confs_finds_the_confs_of_brat_folders_only(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(BRAT / "corpora/BioNLP-ST_2011", folder)
    (folder / "annotation.conf").write_text("[entities]\nX\n", encoding="utf-8")
    (tmp_path / "plain").mkdir()
    found = ops.brat_confs([folder, tmp_path / "plain", tmp_path / "missing"])
    assert [p.relative_to(folder).as_posix() for p in found] == [
        "BioNLP-ST_2011_GE/annotation.conf", "BioNLP-ST_2011_REL/annotation.conf", "annotation.conf"]


def test_stored_relations_and_attributes_must_fit_a_new_label_set(store, tmp_path):
    """The relations and attributes tables come with issue 10's store (h-kinds); until they
    are merged this test makes the columns label_set_conflicts reads."""
    tiny = tiny_project(store, tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "doc.txt").write_text("Ana died in Paris.\n", encoding="utf-8")
    (folder / "doc.ann").write_text("T1\tPerson 0 3\tAna\nT2\tGPE 12 17\tParis\n", encoding="utf-8")
    ops.import_paths(store, [folder])
    conn = store.conn
    ids = dict(conn.execute("SELECT label, id FROM spans"))
    (doc_id,) = conn.execute("SELECT id FROM documents").fetchone()
    conn.execute("CREATE TABLE IF NOT EXISTS relations (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, label TEXT,"
                 " head_span_id INTEGER, child_span_id INTEGER, head_role TEXT, child_role TEXT, updated_at TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS attributes (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL,"
                 " span_id INTEGER, event_id INTEGER, name TEXT, value TEXT, updated_at TEXT)")
    conn.execute("INSERT INTO relations (doc_id, label, head_span_id, child_span_id, head_role, child_role, updated_at)"
                 " VALUES (?, 'Located', ?, ?, 'Arg1', 'Arg2', '2026-01-01')", (doc_id, ids["Person"], ids["GPE"]))
    conn.execute("INSERT INTO attributes (doc_id, span_id, name, value, updated_at)"
                 " VALUES (?, ?, 'Mention', 'Name', '2026-01-01')", (doc_id, ids["Person"]))
    conn.commit()
    assert ops.label_set_conflicts(store, tiny) == []
    narrower = S.LabelSet("tiny", 4, "", tiny.entities, tiny.events, (),
                          (S.RelationType("Located", ("GPE",), ("Person",)),),
                          (S.AttributeType("Mention", ("GPE",), ("Name",)),))
    conflicts = ops.label_set_conflicts(store, narrower)
    assert conflicts == [
        "relation Located from Person to GPE: Located links GPE to Person, not Person to GPE. 1 relation in doc",
        "attribute Mention=Name on Person: Mention applies to GPE, not Person. 1 attribute in doc",
    ]
