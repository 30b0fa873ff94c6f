"""The window paints its first article with the label set's colours alone
(core/label_colours.py); they must be exactly what the whole label set says, and a label set
that is not JSON is refused with the same words either way."""

from __future__ import annotations

import json

import pytest

from desktop.core import label_colours, label_set
from desktop.core.model import BadInput


def test_the_colours_are_those_of_the_whole_label_set():
    whole = label_set.default_label_set()  # the news-events label set every new project gets
    stored = label_set.to_json(whole)
    assert label_set.from_json(stored) == whole
    colours = label_colours.entity_colours(stored)
    assert colours == {e.name: e.colour for e in whole.entities}
    assert len(colours) >= 3 and len(set(colours.values())) >= 3


def test_a_later_entry_of_one_name_wins_and_odd_entries_are_passed_over():
    stored = json.dumps({"entity": [{"name": "ORG", "colour": "#111111"}, {"name": "ORG", "colour": "#222222"},
                                    {"name": 5, "colour": "#333333"}, {"name": "GPE"}, "LOC",
                                    {"name": "PER", "colour": "#444444"}]})
    assert label_colours.entity_colours(stored) == {"ORG": "#222222", "PER": "#444444"}
    assert label_colours.entity_colours("[1, 2]") == {}
    assert label_colours.entity_colours('{"entity": {"name": "ORG"}}') == {}


@pytest.mark.parametrize("bad", ['{"entity": [', "nope", "[" * 100_000])
def test_json_that_is_not_a_label_set_is_refused_with_the_label_sets_own_words(bad):
    with pytest.raises(BadInput) as colours_said:
        label_colours.entity_colours(bad, "p.db, label set")
    with pytest.raises(BadInput) as whole_said:
        label_set.from_json(bad, "p.db, label set")
    assert str(colours_said.value) == str(whole_said.value)
    assert str(colours_said.value).startswith("p.db, label set")
    assert "schema JSON" in str(colours_said.value)
