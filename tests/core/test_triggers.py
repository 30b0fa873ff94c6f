"""The trigger lexicon (desktop/core/triggers.py): the shipped ACE lexicon covers the default
label set, and a broken lexicon file is refused with FILE:LINE: reason."""

from __future__ import annotations

import pytest

from desktop.core.model import BadInput
from desktop.core.label_set import default_label_set
from desktop.core.triggers import Trigger, default_lexicon, load, loads, parse_entry

from tests.helpers import ROOT

SHIPPED = ROOT / "resources" / "schemas" / "ace-triggers.toml"

HEAD = """\
[lexicon]
name = "test"
version = 1
schema = "news-events"
description = "A small lexicon."
"""


def refused(tmp_path, text: str) -> tuple[str, BadInput]:
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        load(path, default_label_set())
    return str(path), caught.value


def test_the_shipped_lexicon_covers_every_event_type_of_the_default_label_set():
    label_set, lexicon = default_label_set(), default_lexicon()
    assert lexicon.label_set == label_set.name
    assert sorted(lexicon.types()) == sorted(e.name for e in label_set.events)
    assert len(label_set.events) == 33
    for event in label_set.events:
        strong = [t for t in lexicon.for_type(event.name) if not t.weak]
        assert len(lexicon.for_type(event.name)) >= 5 and strong, event.name
    assert all(w == w.lower() for t in lexicon.triggers for w in t.words)


def test_the_shipped_lexicon_says_what_the_brief_examples_evoke():
    evoked = {}
    for t in default_lexicon().triggers:
        evoked.setdefault((" ".join(t.words), t.pos), set()).add(t.event_type)
    assert evoked["attack", ""] == {"Conflict:Attack"}
    assert evoked["withdraw", ""] == {"Movement:Transport"}  # "withdraw troops" moves them
    assert evoked["arrest", ""] == {"Justice:Arrest-Jail"}
    assert evoked["elect", ""] == {"Personnel:Elect"}
    assert evoked["sentence", ""] == {"Justice:Sentence"}
    # A word that evokes two types lists both, and both are suggested.
    assert evoked["fire", "VERB"] == {"Conflict:Attack", "Personnel:End-Position"}
    assert ("fire", "") not in evoked  # "a fire" is no attack
    assert evoked["open fire", ""] == {"Conflict:Attack"}


def test_an_entry_reads_as_words_and_a_part_of_speech():
    assert parse_entry("open fire") == (("open", "fire"), "")
    assert parse_entry("fire/VERB") == (("fire",), "VERB")
    assert parse_entry("sit-in") == (("sit-in",), "")
    assert "part of speech" in parse_entry("fire/VERBS")
    assert "lowercase" in parse_entry("Attack")
    assert "lowercase" in parse_entry("open  fire")


def test_entries_keep_their_line_and_strength():
    lexicon = loads(HEAD + '\n[[event]]\ntype = "Conflict:Attack"\nlemmas = ["attack",\n'
                    '  "bomb"]\nweak = ["hit/VERB"]\n', default_label_set())
    assert lexicon.triggers == (
        Trigger(("attack",), "Conflict:Attack", "", False, 9),
        Trigger(("bomb",), "Conflict:Attack", "", False, 10),
        Trigger(("hit",), "Conflict:Attack", "VERB", True, 11),
    )


def test_an_unknown_event_type_is_refused_at_its_line(tmp_path):
    path, err = refused(tmp_path, HEAD + '\n[[event]]\ntype = "Conflict:Atack"\nlemmas = ["attack"]\n')
    assert str(err) == f'{path}:8: Label set "news-events" has no event type "Conflict:Atack"; did you mean "Conflict:Attack"?'
    assert (err.file, err.line) == (path, 8)


def test_an_unknown_field_is_refused_at_its_line(tmp_path):
    path, err = refused(tmp_path, HEAD + '\n[[event]]\ntype = "Conflict:Attack"\nlemma = ["attack"]\n')
    assert str(err) == f'{path}:9: unknown field "lemma"; did you mean "lemmas"?'


def test_a_field_of_the_wrong_kind_is_refused_at_its_line(tmp_path):
    path, err = refused(tmp_path, HEAD + '\n[[event]]\ntype = "Conflict:Attack"\nlemmas = "attack"\n')
    assert str(err) == f"{path}:9: lemmas must be a list of lemmas in quotes."


def test_a_duplicate_lemma_is_refused_at_its_second_line(tmp_path):
    text = HEAD + ('\n[[event]]\ntype = "Conflict:Attack"\n# "attack" is quoted in a comment\n'
                   'lemmas = ["attack", "bomb",\n          "shoot"]  # "attack" again\n'
                   'weak = ["hit", "attack"]\n')
    path, err = refused(tmp_path, text)
    assert str(err) == f'{path}:12: "attack" is listed twice for Conflict:Attack (also in lemmas).'


def test_every_shipped_entry_knows_its_line():
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    for t in default_lexicon().triggers:
        entry = " ".join(t.words) + (f"/{t.pos}" if t.pos else "")
        assert f'"{entry}"' in lines[t.line - 1].split("#")[0], (entry, t.line)


def test_the_same_lemma_under_two_types_is_allowed():
    text = HEAD + ('\n[[event]]\ntype = "Conflict:Attack"\nlemmas = ["fire/VERB"]\n'
                   '\n[[event]]\ntype = "Personnel:End-Position"\nlemmas = ["fire/VERB"]\n')
    assert len(loads(text, default_label_set()).triggers) == 2


def test_every_problem_is_listed_one_a_line(tmp_path):
    text = HEAD.replace('version = 1', 'version = 0') + (
        '\n[[event]]\ntype = "Nope"\nlemmas = ["Attack", "bomb/VRB"]\n')
    path, err = refused(tmp_path, text)
    assert str(err).splitlines() == [
        f"{path}:3: version must be a whole number from 1 up, not 0.",
        f'{path}:8: Label set "news-events" has no event type "Nope".',
        f'{path}:9: "Attack": a lemma is lowercase words one space apart '
        "(letters, digits, apostrophes and inner hyphens).",
        f'{path}:9: "bomb/VRB": unknown part of speech "VRB"; use a Universal POS tag such as VERB or NOUN.',
    ]


def test_a_lexicon_for_another_label_set_is_refused(tmp_path):
    path, err = refused(tmp_path, HEAD.replace('"news-events"', '"other"') + '\n[[event]]\n'
                        'type = "Conflict:Attack"\nlemmas = ["attack"]\n')
    assert str(err) == f'{path}:4: This lexicon is for the label set "other", not "news-events".'


def test_toml_syntax_errors_name_the_line(tmp_path):
    path, err = refused(tmp_path, HEAD + '\n[[event]]\ntype = "Conflict:Attack"\nlemmas = ["attack",, "bomb"]\n')
    assert str(err).startswith(f"{path}:9: TOML syntax error")


def test_a_missing_head_and_an_event_with_no_lemmas_are_refused(tmp_path):
    path, err = refused(tmp_path, '[[event]]\ntype = "Conflict:Attack"\n')
    assert str(err).splitlines() == [
        f"{path}:1: The [lexicon] table (name, version, schema, description) is missing.",
        f"{path}:1: Conflict:Attack lists no lemmas.",
    ]


@pytest.mark.parametrize("tail, line, reason", [
    ('\n[event]\ntype = "Conflict:Attack"\nlemmas = ["attack"]\n', 7,
     "Write each event type as an [[event]] table."),
    ('\nevent = [{ type = "Conflict:Attack", lemmas = ["attack"] }]\n', 7,  # inside [lexicon]
     'unknown field "event"; expected name, version, schema or description.'),
    ("", 5, "The lexicon lists no event types; add an [[event]] table."),
    ('\n[lexicn]\nname = "x"\n', 7, 'unknown table "lexicn"; did you mean "lexicon"?'),
])
def test_a_lexicon_without_event_tables_is_refused(tmp_path, tail, line, reason):
    path, err = refused(tmp_path, HEAD + tail)
    assert str(err).splitlines()[0] == f"{path}:{line}: {reason}"


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "lexicon.toml"
    path.write_bytes(HEAD.encode() + b'\n[[event]]\ntype = "Conflict:Attack"\nlemmas = ["\xff"]\n')
    with pytest.raises(BadInput, match=r"lexicon\.toml: not UTF-8 text"):
        load(path, default_label_set())
