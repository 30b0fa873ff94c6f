"""Relations and attributes in the label set: the TOML tables, the JSON copy, the checks."""

from __future__ import annotations

import json

import pytest

from desktop.core import label_set as S
from desktop.paths import resource

HEAD = """
[schema]
name = "links"
version = 1
description = ""

[[entity]]
name = "PERSON"
colour = "#aa9cfc"

[[entity]]
name = "ORG"
colour = "#7aecec"

[[event]]
name = "Meet"
roles = [{ name = "Entity", labels = ["PERSON", "<EVENT>"] }]
"""

LINKS = HEAD + """
[[relation]]
name = "Employment"
heads = ["PERSON"]
children = ["ORG"]
head_role = "Employee"
child_role = "Employer"
description = "Works for."

[[relation]]
name = "Equiv"
heads = ["PERSON"]
children = ["PERSON"]
symmetric = true
transitive = true

[[relation]]
name = "Equiv"
heads = ["ORG"]
children = ["ORG"]
symmetric = true
transitive = true

[[attribute]]
name = "Negation"
applies_to = ["Meet"]

[[attribute]]
name = "Mention"
applies_to = ["<ENTITY>"]
values = ["NAM", "NOM", "PRO"]
"""


def test_relations_and_attributes_load_and_survive_the_json_copy():
    labels = S.loads(LINKS)
    employment = labels.relation("Employment")[0]
    assert (employment.head_role, employment.child_role, employment.description) == ("Employee", "Employer", "Works for.")
    assert len(labels.relation("Equiv")) == 2
    assert labels.why_not_relation("Equiv", "ORG", "ORG") is None
    assert labels.why_not_relation("Equiv", "PERSON", "ORG") == "Equiv links PERSON to PERSON; ORG to ORG, not PERSON to ORG."
    assert labels.attribute("Mention").values == ("NAM", "NOM", "PRO")
    assert S.from_json(S.to_json(labels)) == labels


def test_a_label_set_without_them_keeps_its_json_as_it_was():
    labels = S.loads(HEAD)
    data = json.loads(S.to_json(labels))
    assert set(data) == {"schema", "entity", "event", "doc_label"}
    assert (labels.relations, labels.attributes) == ((), ())
    assert labels.why_not("Meet", "Entity", "Meet") is None  # <EVENT>: an event may fill the role


@pytest.mark.parametrize("extra, problem", [
    ('[[relation]]\nname = "R"\nheads = ["PERSON"]\nchildren = ["ORG"]\nhead_role = "X"\nchild_role = "X"\n',
     'Relation "R" names both ends "X"; the head and child roles must differ.'),
    ('[[relation]]\nname = "R"\nheads = ["PERSON"]\nchildren = ["ORG"]\n'
     '[[relation]]\nname = "R"\nheads = ["ORG"]\nchildren = ["ORG"]\nsymmetric = true\n',
     'Relation "R" is declared more than once with different roles or symmetry.'),
    ('[[relation]]\nname = "R"\nheads = ["PERSON"]\nchildren = ["ORG"]\n'
     '[[relation]]\nname = "R"\nheads = ["PERSON"]\nchildren = ["ORG"]\n',
     'Relation "R" is declared twice with the same heads and children.'),
    ('[[relation]]\nname = "Works for"\nheads = ["PERSON"]\nchildren = []\n',
     'Relation "Works for" contains a space; use "_" or "-" instead.'),
    ('[[relation]]\nname = "R"\nheads = ["PERSON"]\nchildren = []\n', 'Relation "R" lists no children.'),
    ('[[relation]]\nname = "R"\nhead = ["PERSON"]\nchildren = ["ORG"]\n',
     'Relation #1 "R": unknown field "head"; did you mean "heads"?'),
    ('[[attribute]]\nname = "A"\napplies_to = ["PERSN"]\n',
     'Attribute "A", applies_to: "PERSN" is not an entity label, event type or wildcard in this schema'
     ' (did you mean "PERSON"?).'),
    ('[[attribute]]\nname = "A"\napplies_to = ["ORG"]\n[[attribute]]\nname = "A"\napplies_to = ["ORG"]\n',
     'Attribute "A" appears more than once.'),
    ('[[attribute]]\nname = "A"\napplies_to = ["ORG"]\nvalues = ["x y"]\n',
     'Attribute "A", value "x y" contains a space; use "_" or "-" instead.'),
])
def test_problems_are_each_one_sentence(extra, problem):
    with pytest.raises(S.BadLabelSet) as err:
        S.loads(HEAD + extra)
    assert problem in err.value.problems


def test_an_unknown_relation_names_a_few_of_the_known_ones():
    labels = S.load(resource("schemas", "news-events.toml"))
    assert labels.why_not_relation("of", "PERSON", "ORG") == (
        'Schema "news-events" has no relation "of"; its relations are ART:User-Owner-Inventor-Manufacturer, '
        "GEN-AFF:Citizen-Resident-Religion-Ethnicity, GEN-AFF:Org-Location, ORG-AFF:Employment, ORG-AFF:Founder"
        " and 13 more.")
    assert labels.why_not_relation("ORG-AFF:Employment", "PERSON", "ORG") is None
