"""The fast paths bench/interchange.py asked for give what the general code gives (h-perf):
each is checked against the step-by-step path it stands in for, on ordinary and awkward input."""

from __future__ import annotations

import random

import pytest

from desktop.core.model import Token
from desktop.formats import conll


def _tokens(text: str) -> list[Token]:
    """Whitespace-split tokens, as a CoNLL or DyGIE++ text has them."""
    out, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        out.append(Token(start, pos, text[pos:pos + 1] == " "))
    return out


CASES = [
    ("Ana met Bo in Oslo .\nThey spoke .", set()),
    ("Ana met Bo in Oslo .\nThey spoke .", {0, 3, 8, 10, 21, 25}),  # cuts on token edges only
    ("YfeABCD binds iron .\n\nIt does .", {0, 4}),  # a cut inside "YfeABCD": the general path
    ("one\n\n\ntwo three\nfour", set()),  # several line breaks between two sentences
    ("solo", {0, 4}),
]


@pytest.mark.parametrize(("text", "cuts"), CASES)
def test_whole_tokens_equal_the_general_path(text, cuts):
    tokens = _tokens(text)
    assert conll.token_pieces(text, tokens, cuts) == conll._pieces(text, tokens, cuts)


def test_the_fast_path_is_taken_only_when_it_may_be():
    text = "Ana met Bo .\nBo left ."
    tokens = _tokens(text)
    assert conll._whole_tokens(text, tokens, {0, 3}) == [[(0, 3), (4, 7), (8, 10), (11, 12)],
                                                          [(13, 15), (16, 20), (21, 22)]]
    assert conll._whole_tokens(text, tokens, {1}) is None  # a cut inside "Ana"
    spaced = [Token(0, 7, False), *tokens[2:]]  # "Ana met" as one token: whitespace inside
    assert conll._whole_tokens(text, spaced, set()) is None
    assert conll.token_pieces(text, spaced, set())[0][:2] == [(0, 3), (4, 7)]
    assert conll._whole_tokens(text, tokens[::-1], set()) is None  # out of order
    assert conll._whole_tokens(text, [], set()) is None


def test_random_texts_and_cuts_agree():
    rng = random.Random(10)
    words = ["a", "bb", "ccc", "dd-d", "é", "😀", ".", "\n", "  ", "\n\n"]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12))).strip(" ") or "x"
        tokens = _tokens(text) or [Token(0, len(text), False)]
        if rng.random() < 0.3 and len(tokens) > 1:  # a token spanning whitespace
            tokens[0:2] = [Token(tokens[0].start, tokens[1].end, False)]
        cuts = {rng.randint(0, len(text)) for _ in range(rng.randint(0, 4))}
        assert conll.token_pieces(text, tokens, cuts) == conll._pieces(text, tokens, cuts), (text, tokens, cuts)


def _one_sentence_a_line_by_piece(text, pieces):
    """The check as it was written piece by piece, before h-perf (desktop/formats/dygiepp.py)."""
    pos = 0
    for a, b in pieces:
        if a != pos:
            return False
        pos = b + 1
        if b < len(text) and text[b] not in " \n":
            return False
    return pieces[-1][1] == len(text)


@pytest.mark.parametrize("text", ["Ana met Bo .\nBo left .", "Ana  met Bo .", " Ana met", "Ana met ",
                                  "Ana\tmet", "Ana met\n\nBo", "solo", "Ana-met Bo"])
def test_one_sentence_a_line_as_before(text):
    from desktop.formats import dygiepp

    for cuts in (set(), {1}, {3, 4}):
        pieces = [p for line in conll.token_pieces(text, _tokens(text), cuts) for p in line]
        starts, ends = [a for a, _ in pieces], [b for _, b in pieces]
        assert dygiepp._one_sentence_a_line(text, starts, ends) == _one_sentence_a_line_by_piece(text, pieces)


def test_split_at_skips_only_what_the_general_loop_would_not_change(monkeypatch):
    from desktop.formats import token_split

    rng = random.Random(11)
    text = "YfeABCD binds Nur-Sultan and iron in E. coli .\nIt does ."
    tokens = _tokens(text)
    every = [(a, b) for a in range(len(text)) for b in range(a + 1, min(len(text), a + 12) + 1)]
    cases = [[], [(0, 7)], [(0, 4)], [(8, 13)], [(7, 13)], [(0, 8)], [(14, 17)]]
    cases += [rng.sample(every, rng.randint(1, 4)) for _ in range(300)]
    fast = [token_split.split_at(tokens, edges) for edges in cases]
    monkeypatch.setattr(token_split, "_aligned", lambda *args: False)
    assert fast == [token_split.split_at(tokens, edges) for edges in cases]
    assert fast[1] == tokens and fast[2] != tokens  # aligned: unchanged; "YfeA": cut


@pytest.mark.parametrize(("raw", "start", "end", "reason"), [
    ("Ana met  Bo.", 7, 8, "entity 1 (7-8): span 7-8 covers only whitespace"),
    ("Ana\r\nBo.", 3, 4, "entity 1 (3-4): empty span: start 3 is not before end 3"),  # the \r is dropped
])
def test_json_text_span_still_refuses_blank_and_emptied_spans(raw, start, end, reason):
    from desktop.core.model import BadInput
    from desktop.formats.json_values import Text

    with pytest.raises(BadInput) as err:
        Text(raw).span(start, end, "PER", "entity 1")
    assert err.value.reason == reason
    assert Text(raw).span(0, 3, "PER", "entity 1").text == "Ana"
