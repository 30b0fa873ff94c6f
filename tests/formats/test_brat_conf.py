"""brat's annotation.conf: read as brat reads it, written back the same, turned into a label
set and written from one with the <OVERLAP> rules the documents need."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import label_set as S
from desktop.core.label_set import default_label_set
from desktop.core.model import Argument, BadInput, Document, Event, Layer, Record, Span
from desktop.core.annotations import Attribute, Relation
from desktop.formats import brat, brat_conf
from desktop.formats.brat_conf_syntax import MANY, Arg, parse, text

BRAT = Path(__file__).parents[1] / "data/thirdparty/brat"
CONFS = sorted(BRAT.rglob("annotation.conf"))
NEWS = BRAT / "tutorials/news/annotation.conf"


def test_the_third_party_confs_are_all_here():
    assert len(CONFS) == 13


@pytest.mark.parametrize("path", CONFS, ids=lambda p: str(p.relative_to(BRAT).parent))
def test_every_real_conf_reads_and_writes_back_the_same(path):
    conf = brat_conf.read(path)
    assert conf.entities, "every brat conf declares entity types"
    again = parse(text(conf))
    assert again == conf
    assert text(again) == text(conf)


def test_hierarchy_macros_counts_and_settings_of_the_news_tutorial():
    conf = brat_conf.read(NEWS)
    assert [n.name for n in conf.entities] == ["Person", "Organization", "GPE", "Money"]
    life = next(n for n in conf.events if n.name == "Life")
    assert life.abstract and life.depth == 0
    marry = next(n for n in conf.events if n.name == "Marry")
    assert (marry.abstract, marry.depth) == (False, 1)
    assert marry.arg("Person-Arg") == Arg("Person-Arg", ("Person",), 2, 2)
    assert marry.arg("Place-Arg") == Arg("Place-Arg", ("GPE",), 0, 1)
    die = next(n for n in conf.events if n.name == "Die")
    assert die.arg("Agent-Arg").types == ("Person", "Organization", "GPE")  # <POG> expanded
    merge = next(n for n in conf.events if n.name == "Merge-org")
    assert (merge.arg("Org-Arg").minimum, merge.arg("Org-Arg").maximum) == (1, MANY)
    assert next(n for n in conf.events if n.name == "Report").arg("Event-Arg").types == ("<EVENT>",)
    alias = next(n for n in conf.relations if n.name == "Alias")
    assert alias.setting("<REL-TYPE>") == ("symmetric", "transitive")
    mention = next(n for n in conf.attributes if n.name == "Mention")
    assert mention.arg("Value").types == ("Name", "Nominal", "Other")


def test_spans_alias_inherit_and_overlap_lines():
    conf = parse("[spans]\nGene\n\tProtein\n[relations]\n<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:contain|equal\n"
                 "ENTITY-NESTING\tArg1:Protein, Arg2:Gene\n[events]\nX\tTheme*:Gene\n\tY\t<INHERIT>, Site?:Gene\n"
                 "[attributes]\nNeg\tArg:<EVENT>\n")
    assert [(n.name, n.depth) for n in conf.entities] == [("Gene", 0), ("Protein", 1)]
    overlap, nesting = conf.relations
    assert overlap.name == "<OVERLAP>" and overlap.setting("<OVL-TYPE>") == ("contain", "equal")
    assert nesting.name == "ENTITY-NESTING"
    y = conf.events[1]
    assert [a.role for a in y.args] == ["Theme", "Site"]


def test_names_go_through_the_same_mapping_as_ann_files():
    conf = parse("[entities]\nWORK_OF_ART\n[events]\nConflict__Attack\tAttacker-_20_1?:WORK_OF_ART\n")
    (event,) = conf.events
    assert event.name == "Conflict:Attack" and event.args[0].role == "Attacker 1"
    assert "Conflict__Attack\tAttacker-_20_1?:WORK_OF_ART" in text(conf)


@pytest.mark.parametrize("conf, line, reason", [
    ("[entities]\nA\n[events]\nE\tTheme:<POG>\n", 4, "undefined macro <POG>"),
    ("[entities]\n\tA\n", 2, "no type above it"),
    ("[events]\nE\tTheme{0}:A\n", 2, "a count is"),
    ("[events]\nE\tTheme2+:A\n", 2, "cannot repeat"),
    ("[events]\nE\tTheme:A, Theme:B\n", 2, "appears twice"),
    ("[events]\nE\tTheme\n", 2, "is not KEY:TYPE"),
    ("[events]\n<ANY>=A|B\n", 2, "brat's own name"),
    ("[entities]\nbad-_zz\n", 2, "bad escape"),
])
def test_a_line_brat_refuses_names_file_and_line(conf, line, reason):
    with pytest.raises(BadInput) as err:
        parse(conf, "x/annotation.conf")
    assert err.value.line == line and reason in str(err.value) and "x/annotation.conf" in str(err.value)


def test_lines_brat_ignores_are_listed_not_read():
    conf = parse("stray\n[entities]\nA\n[visual]\nB\n")
    assert [n.name for n in conf.entities] == ["A"]
    assert len(conf.ignored) == 2 and "annotation.conf:1:" in conf.ignored[0] and "[visual]" in conf.ignored[1]


def test_the_news_conf_as_a_label_set():
    label_set, notes = brat_conf.to_label_set(brat_conf.read(NEWS), "news")
    assert S.check(label_set) == []
    assert [e.name for e in label_set.entities] == ["Person", "Organization", "GPE", "Money"]
    assert label_set.entity("GPE").colour == "#feca74"  # displaCy's, as spaCy users know it
    assert label_set.event("Life") is None  # "!Life" is for the hierarchy only
    marry = label_set.event("Marry").role("Person-Arg")
    assert (marry.required, marry.many) == (True, True)
    assert label_set.why_not("Report", "Event-Arg", "Marry") is None  # <EVENT> takes any event type
    assert label_set.why_not_relation("Alias", "Person", "Person") is None
    assert label_set.relation("Alias")[0].symmetric and label_set.relation("Alias")[0].transitive
    assert label_set.why_not_relation("Located", "GPE", "Person") is not None
    assert label_set.attribute("Mention").values == ("Name", "Nominal", "Other")
    assert label_set.attribute("Negation").values == ()
    assert any("hierarchy is flattened; 3 types" in n for n in notes)
    assert sum("{2}" in n for n in notes) == 2


@pytest.mark.parametrize("path", CONFS, ids=lambda p: str(p.relative_to(BRAT).parent))
def test_every_real_conf_makes_a_sound_label_set(path):
    label_set, notes = brat_conf.to_label_set(brat_conf.read(path), "x", str(path))
    assert S.check(label_set) == []
    assert all(n.startswith(f"{path}") for n in notes)


def test_types_declared_for_no_annotation_are_left_out():
    path = BRAT / "configurations/BioNLP-ST-2013-CG/annotation.conf"
    label_set, notes = brat_conf.to_label_set(brat_conf.read(path), "cg", "cg.conf")
    theme = label_set.event("Development").role("Theme")
    assert "Anatomical_entity" not in theme.labels and "Cell" in theme.labels  # "!Anatomical_entity"
    assert any(n.startswith("cg.conf:101: Development Theme: Anatomical_entity, Material_anatomical_entity")
               for n in notes)


def test_overlap_rules_and_nesting_are_noted_not_kept():
    conf = brat_conf.read(BRAT / "corpora/BioNLP-ST_2011/BioNLP-ST_2011_REL/annotation.conf")
    label_set, notes = brat_conf.to_label_set(conf, "rel")
    assert [r.name for r in label_set.relations] == ["Equiv", "Protein-Component", "Subunit-Complex"]
    assert sum("ENTITY-NESTING rule not kept" in n for n in notes) == 2


def test_the_spandesk_suggested_attribute_is_no_declaration(tmp_path):
    brat.write([], tmp_path, default_label_set())
    label_set, _ = brat_conf.to_label_set(brat_conf.read(tmp_path / "annotation.conf"), "back")
    assert [a.name for a in label_set.attributes] == [a.name for a in default_label_set().attributes]
    assert "Suggested" in (tmp_path / "annotation.conf").read_text(encoding="utf-8")


def test_a_label_set_written_as_a_conf_reads_back_as_the_same_declarations(tmp_path):
    label_set, _ = brat_conf.to_label_set(brat_conf.read(NEWS), "news")
    brat.write([], tmp_path, label_set)
    back, _ = brat_conf.to_label_set(brat_conf.read(tmp_path / "annotation.conf"), "news")
    assert (back.entities, back.relations, back.attributes) == (
        label_set.entities, label_set.relations, label_set.attributes)
    assert back.events == label_set.events


TEXT = "New York City is big."


@pytest.mark.parametrize("spans, kinds", [
    ([(0, 8, "GPE"), (9, 13, "GPE")], ""),
    ([(0, 13, "GPE"), (0, 8, "GPE")], "contain"),
    ([(0, 8, "GPE"), (0, 8, "ORG")], "equal"),
    ([(0, 8, "GPE"), (4, 13, "LOC")], "cross"),
    ([(0, 8, "GPE"), (0, 8, "ORG"), (4, 13, "LOC"), (0, 13, "GPE")], "contain|equal|cross"),
])
def test_the_overlap_rule_names_the_kinds_the_documents_hold(tmp_path, spans, kinds):
    record = Record(Document(TEXT, ext_id="d"), spans=[Span(a, b, label, TEXT[a:b]) for a, b, label in spans])
    brat.write([record], tmp_path, default_label_set())
    conf = brat_conf.read(tmp_path / "annotation.conf")
    rules = [n for n in conf.relations if n.name == "<OVERLAP>"]
    if not kinds:
        assert rules == []
        return
    (rule,) = rules
    assert [a.types for a in rule.args] == [("<ENTITY>",), ("<ENTITY>",)]
    assert "|".join(rule.setting("<OVL-TYPE>")) == kinds


def test_a_brat_check_of_the_written_overlap_rule():
    """brat's own test (server/src/projectconfig.py overlap_types, span_can_contain,
    spans_can_be_equal, spans_can_cross at nlplab/brat 44ecd825), re-implemented for the
    rule this writer uses: every overlapping pair of entity spans must be allowed."""
    spans = {(0, 8, "GPE"), (0, 8, "ORG"), (4, 13, "LOC"), (0, 13, "GPE"), (14, 16, "PERSON")}
    allowed = set(brat_conf.overlap_kinds(spans))
    for a in spans:
        for b in spans:
            if a is b or not (b[0] < a[1] and b[1] > a[0]):
                continue
            kind = "equal" if a[:2] == b[:2] else "contain" if (
                (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])) else "cross"
            assert kind in allowed, (a, b)


def test_the_conf_declares_what_the_documents_use_beyond_the_label_set(tmp_path):
    ana, bo = Span(0, 3, "PERSON", "Ana"), Span(8, 10, "HERO", "Bo")
    meet = Event("Meet", Span(4, 7, "Meet", "met", layer=Layer.TRIGGER), ())
    record = Record(Document("Ana met Bo.", ext_id="r"), spans=[ana, bo], events=[meet],
                    relations=[Relation("Knows", ana, bo)],
                    attributes=[Attribute("Negation", meet), Attribute("Tone", ana, "warm")])
    brat.write([record], tmp_path, default_label_set())
    conf = brat_conf.read(tmp_path / "annotation.conf")
    assert "HERO" in [n.name for n in conf.entities]
    knows = next(n for n in conf.relations if n.name == "Knows")
    assert [(a.role, a.types) for a in knows.args] == [("Arg1", ("PERSON",)), ("Arg2", ("HERO",))]
    negation = next(n for n in conf.attributes if n.name == "Negation")
    assert negation.arg("Arg").types == ("Meet",) and negation.arg("Value") is None
    tone = next(n for n in conf.attributes if n.name == "Tone")
    assert tone.arg("Arg").types == ("PERSON",) and tone.arg("Value").types == ("warm",)


def test_a_role_ending_in_a_digit_is_written_so_brat_accepts_the_conf(tmp_path):
    # brat refuses "Site2*" (its repeats would be Site22); the GE corpus uses Site2 once per event
    protein, site = Span(0, 4, "Protein", "LMP1"), Span(5, 9, "Entity", "site")
    binding = Event("Binding", Span(10, 15, "Binding", "binds", layer=Layer.TRIGGER),
                    (Argument("Theme", protein), Argument("Site2", site)))
    record = Record(Document("LMP1 site binds.", ext_id="ge"), spans=[protein, site], events=[binding])
    brat.write([record], tmp_path, None)
    (node,) = brat_conf.read(tmp_path / "annotation.conf").events
    assert [(a.role, a.minimum, a.maximum) for a in node.args] == [("Site2", 0, 1), ("Theme", 0, MANY)]
