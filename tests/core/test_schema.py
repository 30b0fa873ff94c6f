"""The label schema: the default file, the loader's checks and the JSON round trip."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core import label_set as S
from desktop.core.model import BadInput
from desktop.paths import resource

TIME = ("DATE", "TIME")
PLACE = ("GPE", "LOC", "FAC")
AGENT = ("PERSON", "ORG", "NORP", "GPE")

MINIMAL = """
[schema]
name = "tiny"
version = 1
description = "A test schema."

[[entity]]
name = "PERSON"
colour = "#aa9cfc"
key = "1"

[[entity]]
name = "ORG"
colour = "#7aecec"
key = "2"

[[event]]
name = "Life:Die"
roles = [
  { name = "Victim", labels = ["PERSON"], required = true },
]

[[event]]
name = "Conflict:Demonstrate"

[[event.roles]]
name = "Entity"
labels = ["PERSON", "ORG"]
many = true

[[doc_label]]
name = "Protest"
key = "p"
"""


@pytest.fixture(scope="module")
def news() -> S.LabelSet:
    return S.default_label_set()


def roles(label_set: S.LabelSet, event: str) -> dict[str, S.Role]:
    return {r.name: r for r in label_set.event(event).roles}


def test_default_schema_loads_clean(news):
    assert news.name == "news-events"
    assert isinstance(news.version, int) and news.version >= 1
    assert S.check(news) == []
    assert S.load(resource("schemas", "news-events.toml")) == news


def test_spacy_labels_keep_displacy_colours_and_ace_labels_are_added(news):
    colours = {e.name: e.colour for e in news.entities}
    assert colours["PERSON"] == "#aa9cfc" and colours["ORG"] == "#7aecec"
    assert colours["GPE"] == "#feca74" and colours["DATE"] == colours["TIME"] == "#bfe1d9"
    assert len(news.entities) == 18 + 5
    hand = {"VEH", "WEA", "JOB_TITLE", "CRIME", "SENTENCE"}
    assert hand <= set(colours)
    assert len({colours[n] for n in hand}) == 5
    assert not {colours[n] for n in hand} & {colours[n] for n in colours if n not in hand}


def test_33_event_types_across_the_8_ace_types(news):
    names = [e.name for e in news.events]
    assert len(names) == len(set(names)) == 33
    assert {n.split(":")[0] for n in names} == {
        "Life", "Movement", "Transaction", "Business", "Conflict", "Contact", "Personnel", "Justice",
    }
    assert all(e.key == "" and e.description for e in news.events)


def test_attack_roles(news):
    r = roles(news, "Conflict:Attack")
    assert list(r) == ["Attacker", "Target", "Instrument", "Time", "Place"]
    assert r["Attacker"].labels == AGENT
    assert set(r["Target"].labels) == {"PERSON", "ORG", "NORP", "VEH", "FAC", "WEA"}
    assert r["Instrument"].labels == ("WEA", "VEH")
    assert r["Time"].labels == TIME and r["Place"].labels == PLACE
    assert not any(role.required for role in r.values())
    assert r["Attacker"].many and not r["Time"].many and not r["Place"].many


def test_transport_has_no_place(news):
    r = roles(news, "Movement:Transport")
    assert list(r) == ["Agent", "Artifact", "Vehicle", "Price", "Origin", "Destination", "Time"]
    assert r["Artifact"].labels == ("PERSON", "WEA", "VEH")
    assert r["Vehicle"].labels == ("VEH",) and r["Price"].labels == ("MONEY",)
    assert r["Origin"].labels == r["Destination"].labels == PLACE
    for name in ("Contact:Phone-Write", "Justice:Extradite"):
        assert "Place" not in roles(news, name)


def test_every_other_event_has_time_and_place(news):
    for event in news.events:
        names = [r.name for r in event.roles]
        assert names[-1] == "Time" or names[-2:] == ["Time", "Place"], event.name
        if event.name not in ("Movement:Transport", "Contact:Phone-Write", "Justice:Extradite"):
            assert names[-2:] == ["Time", "Place"], event.name


def test_life_die(news):
    r = roles(news, "Life:Die")
    assert list(r) == ["Agent", "Victim", "Instrument", "Time", "Place"]
    assert r["Victim"].labels == ("PERSON",) and r["Victim"].required
    assert r["Agent"].labels == AGENT and not r["Agent"].required


def test_arrest_jail(news):
    r = roles(news, "Justice:Arrest-Jail")
    assert list(r) == ["Person", "Agent", "Crime", "Time", "Place"]
    assert r["Person"].required and r["Person"].labels == ("PERSON",)
    assert r["Crime"].labels == ("CRIME",) and not r["Crime"].many
    assert roles(news, "Conflict:Demonstrate")["Entity"].required


def test_single_filler_roles_are_not_many(news):
    single = {"Time", "Place", "Price", "Position", "Sentence", "Money", "Crime"}
    for event in news.events:
        for role in event.roles:
            if role.name in single:
                assert not role.many, (event.name, role.name)
    assert roles(news, "Justice:Sentence")["Sentence"].labels == ("SENTENCE",)
    assert roles(news, "Personnel:Elect")["Position"].labels == ("JOB_TITLE",)


def test_entity_keys_unique_and_not_reserved(news):
    keys = [e.key for e in news.entities]
    assert all(len(k) == 1 for k in keys)
    assert len(set(keys)) == len(keys)
    assert not set(keys) & S.RESERVED_KEYS
    top = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "EVENT"]
    assert sorted(news.entity(n).key for n in top) == list("0123456789")
    assert news.label_for_key("1").name == "PERSON"
    assert news.label_for_key("V").name == "VEH"
    assert news.label_for_key("a") is None and news.label_for_key("") is None


def test_doc_labels(news):
    names = [d.name for d in news.doc_labels]
    for wanted in ("Protest", "Armed clash", "Military deployment", "Arrests", "Casualties", "Political statement"):
        assert wanted in names
    assert len(names) <= 9
    keys = [d.key for d in news.doc_labels]
    assert all(keys) and len(set(keys)) == len(keys)


def test_roles_for(news):
    assert [r.name for r in news.roles_for("Conflict:Attack", "VEH")] == ["Target", "Instrument"]
    assert [r.name for r in news.roles_for("Conflict:Attack", "DATE")] == ["Time"]
    assert [r.name for r in news.roles_for("Life:Die", "NORP")] == ["Agent"]
    assert news.roles_for("Life:Die", "MONEY") == []
    assert news.roles_for("No:Such", "PERSON") == []


def test_why_not(news):
    assert news.why_not("Life:Die", "Victim", "PERSON") is None
    assert news.why_not("Life:Die", "Victim", "ORG") == "Victim takes PERSON, not ORG."
    assert news.why_not("Conflict:Attack", "Instrument", "GPE") == "Instrument takes WEA or VEH, not GPE."
    assert "has no role" in news.why_not("Movement:Transport", "Place", "GPE")
    assert "no event type" in news.why_not("No:Such", "Victim", "PERSON")


def test_json_round_trip(news):
    text = S.to_json(news)
    assert S.from_json(text) == news
    assert S.to_json(S.from_json(text)) == text
    tiny = S.loads(MINIMAL)
    assert S.from_json(S.to_json(tiny)) == tiny


def test_inline_and_long_role_forms_and_defaults():
    tiny = S.loads(MINIMAL, source="tiny.toml")
    assert tiny.event("Life:Die").roles == (S.Role("Victim", ("PERSON",), required=True, many=True),)
    assert tiny.event("Conflict:Demonstrate").roles == (S.Role("Entity", ("PERSON", "ORG"), False, True),)
    assert tiny.doc_labels == (S.DocLabel("Protest", "p", ""),)  # doc keys may reuse reserved letters


def broken(**changes) -> S.LabelSet:
    tiny = S.loads(MINIMAL)
    return dataclasses.replace(tiny, **changes)


def test_check_unknown_label_in_role():
    tiny = S.loads(MINIMAL)
    bad = S.EventType("Conflict:Attack", roles=(S.Role("Attacker", ("PERSN",)),))
    problems = S.check(broken(events=tiny.events + (bad,)))
    assert problems == [
        'Event type "Conflict:Attack", role "Attacker" takes "PERSN", which is not an entity label '
        'in this schema (did you mean "PERSON"?).'
    ]


def test_check_duplicate_and_reserved_keys_and_names():
    tiny = S.loads(MINIMAL)
    extra = (S.EntityLabel("GPE", "#feca74", "1"), S.EntityLabel("LOC", "#ff9561", "A"),
             S.EntityLabel("ORG", "#7aecec", "q"))
    problems = S.check(broken(entities=tiny.entities + extra))
    assert 'Entity label "GPE" uses key "1", already used by Entity label "PERSON".' in problems
    assert any(p.startswith('Entity label "LOC" uses key "A", which the app reserves') for p in problems)
    assert 'Entity label "ORG" appears more than once.' in problems
    assert len(problems) == 3


def test_check_event_key_clashing_with_entity_key():
    tiny = S.loads(MINIMAL)
    events = (dataclasses.replace(tiny.events[0], key="2"),) + tiny.events[1:]
    assert S.check(broken(events=events)) == [
        'Event type "Life:Die" uses key "2", already used by Entity label "ORG".'
    ]


def test_check_bad_colour_and_empty_names():
    tiny = S.loads(MINIMAL)
    entities = (dataclasses.replace(tiny.entities[0], colour="purple"),
                S.EntityLabel("", "#000000"), S.EntityLabel("JOB TITLE", "#c5e063"))
    problems = S.check(broken(entities=entities))
    assert 'Entity label "PERSON" has colour "purple"; write colours as "#rrggbb", e.g. "#aa9cfc".' in problems
    assert "An entity label has an empty name." in problems
    assert 'Entity label "JOB TITLE" contains a space; use "_" or "-" instead.' in problems


def test_check_duplicate_roles_and_events():
    tiny = S.loads(MINIMAL)
    die = tiny.events[0]
    twice = dataclasses.replace(die, roles=die.roles * 2)
    problems = S.check(broken(events=(twice, die)))
    assert 'Event type "Life:Die": role "Victim" appears more than once.' in problems
    assert 'Event type "Life:Die" appears more than once.' in problems


def test_load_reports_every_problem_with_the_file(tmp_path):
    text = MINIMAL.replace('"#7aecec"', '"#7aecec0"').replace('labels = ["PERSON"]', 'labels = ["PERSN"]')
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(S.BadLabelSet) as err:
        S.load(path)
    assert isinstance(err.value, BadInput)
    assert err.value.file == str(path)
    assert len(err.value.problems) == 2
    assert "2 problems" in str(err.value) and "#7aecec0" in str(err.value) and "PERSN" in str(err.value)


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[schema]\nname = "x"\nversion = 1\n\n[[entity]\nname = "PERSON"\n', encoding="utf-8")
    with pytest.raises(BadInput) as err:
        S.load(path)
    assert err.value.file == str(path)
    assert err.value.line == 5
    assert str(err.value).startswith(f"{path}:5: TOML syntax error")


def test_structure_problems_are_named(tmp_path):
    text = MINIMAL.replace('colour = "#aa9cfc"', 'color = "#aa9cfc"').replace("version = 1", 'version = "1"')
    with pytest.raises(S.BadLabelSet) as err:
        S.loads(text, source="typo.toml")
    problems = err.value.problems
    assert '[schema]: version must be a whole number, not \'1\'.' in problems
    assert 'Entity label #1 "PERSON": unknown field "color"; did you mean "colour"?' in problems
    assert 'Entity label #1 "PERSON" has no colour.' in problems


def test_missing_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput) as err:
        S.load(tmp_path / "nope.toml")
    assert err.value.file == str(tmp_path / "nope.toml")


def test_from_json_rejects_garbage():
    with pytest.raises(BadInput):
        S.from_json("{not json")
    with pytest.raises(BadInput):
        S.from_json('{"schema": {"name": "x", "version": 1}, "entity": [{"name": 3}]}')
