"""Span rules: validity, token snapping, token bounds, grow/shrink, choosing spans for doc.ents."""

import random
import re
from collections import namedtuple

import pytest

from desktop.core.model import Span, State, Token
from desktop.core.spans import (
    check_span,
    grow,
    non_overlapping,
    overlaps,
    snap_to_tokens,
    token_at,
    token_bounds,
)

_PIECES = re.compile(r"\w+|[^\w\s]|\s+")


def tokenize(text: str) -> list[Token]:
    """A tiny spaCy look-alike: words and punctuation are tokens; one space after a token is
    its `ws`; any other whitespace run is a token of its own (like spaCy's "\\n\\n")."""
    tokens: list[Token] = []
    for m in _PIECES.finditer(text):
        start, piece = m.start(), m.group()
        if piece.isspace():
            if tokens and piece[0] == " " and tokens[-1].end == start:
                tokens[-1] = Token(tokens[-1].start, tokens[-1].end, True)
                start, piece = start + 1, piece[1:]
            if piece:
                tokens.append(Token(start, start + len(piece), False))
        else:
            tokens.append(Token(start, m.end(), False))
    return tokens


def words(text, tokens):
    return [text[t.start : t.end] for t in tokens]


def test_the_test_tokenizer_behaves_like_spacy():
    text = "Merkel spoke.\n\nParis  is big"
    tokens = tokenize(text)
    assert words(text, tokens) == ["Merkel", "spoke", ".", "\n\n", "Paris", " ", "is", "big"]
    assert [t.ws for t in tokens] == [True, False, False, False, True, False, True, False]


# --- check_span -----------------------------------------------------------------------------

TEXT = "Angela Merkel visited Paris."


def test_check_span_accepts_a_valid_span():
    assert check_span(TEXT, 0, 13) is None
    assert check_span(TEXT, 0, 13, "Angela Merkel") is None
    assert check_span(TEXT, 22, 28) is None  # "Paris." up to the very end


@pytest.mark.parametrize(
    ("start", "end", "covered", "words_in_reason"),
    [
        (0.0, 13, None, "integer"),
        (0, "13", None, "integer"),
        (True, 13, None, "integer"),
        (None, 13, None, "integer"),
        (-1, 13, None, "negative"),
        (5, 5, None, "empty"),
        (7, 3, None, "empty"),
        (22, 29, None, "past the end"),
        (0, 13, "Angela Merkle", "differs"),
        (0, 6, "angela", "differs"),
        (6, 7, None, "whitespace"),
    ],
)
def test_check_span_rejects(start, end, covered, words_in_reason):
    reason = check_span(TEXT, start, end, covered)
    assert reason is not None
    assert words_in_reason in reason


def test_check_span_whitespace_only_includes_newlines_and_tabs():
    assert "whitespace" in check_span("a\n\t\u2028b", 1, 4)


# --- token_at, token_bounds -----------------------------------------------------------------


def test_token_at():
    tokens = tokenize(TEXT)  # Angela 0-6, Merkel 7-13, visited 14-21, Paris 22-27, . 27-28
    assert token_at(tokens, 0) == 0
    assert token_at(tokens, 5) == 0
    assert token_at(tokens, 6) == 1  # the space after Angela: the next token
    assert token_at(tokens, 7) == 1
    assert token_at(tokens, 27) == 4
    assert token_at(tokens, 28) == 5  # past the last token
    assert token_at([], 3) == 0


def test_token_bounds_are_inclusive_like_prodigy():
    tokens = tokenize(TEXT)
    assert token_bounds(tokens, 0, 13) == (0, 1)
    assert token_bounds(tokens, 22, 27) == (3, 3)
    assert token_bounds(tokens, 22, 28) == (3, 4)
    assert token_bounds(tokens, 2, 9) == (0, 1)  # mid-token edges: the tokens they touch
    assert token_bounds(tokens, 6, 13) == (1, 1)  # starts on the space


def test_token_bounds_count_whitespace_tokens():
    text = "Hi.\n\nParis"
    tokens = tokenize(text)
    assert words(text, tokens) == ["Hi", ".", "\n\n", "Paris"]
    assert token_bounds(tokens, 5, 10) == (3, 3)


def test_token_bounds_of_a_span_between_tokens_raises():
    with pytest.raises(ValueError):
        token_bounds(tokenize(TEXT), 6, 7)


# --- snap_to_tokens -------------------------------------------------------------------------


def test_snap_selection_starting_mid_word_and_ending_in_whitespace():
    tokens = tokenize(TEXT)
    start = TEXT.index("gela")
    end = TEXT.index("visited")  # includes the space after Merkel
    assert snap_to_tokens(tokens, start, end) == (0, 13)
    assert snap_to_tokens(tokens, start, end, text=TEXT) == (0, 13)


def test_snap_grows_a_word_cut_at_the_end_and_drops_leading_space():
    tokens = tokenize(TEXT)
    start = TEXT.index(" Paris")
    assert snap_to_tokens(tokens, start, start + 4, text=TEXT) == (22, 27)  # " Par" → "Paris"
    assert snap_to_tokens(tokens, start, len(TEXT), text=TEXT) == (22, 28)  # with the full stop


def test_snap_inside_one_word_takes_the_word():
    tokens = tokenize(TEXT)
    assert snap_to_tokens(tokens, 8, 10) == (7, 13)


def test_snap_of_nothing_but_whitespace_is_none():
    tokens = tokenize(TEXT)
    assert snap_to_tokens(tokens, 6, 7) is None
    assert snap_to_tokens(tokens, 6, 7, text=TEXT) is None
    assert snap_to_tokens(tokens, 3, 3) is None  # a click is not a selection
    assert snap_to_tokens([], 0, 5) is None


def test_snap_with_text_drops_whitespace_tokens_at_the_edges():
    text = "Merkel spoke.\n\nParis is big"
    tokens = tokenize(text)
    start = text.index("spoke")
    end = text.index("Paris")  # the selection ends on the paragraph break
    assert snap_to_tokens(tokens, start, end, text=text) == (start, text.index("\n"))
    # Without the text the "\n\n" token cannot be told from a word.
    assert snap_to_tokens(tokens, start, end) == (start, end)
    para = text.index("\n")
    assert snap_to_tokens(tokens, para, para + 2, text=text) is None
    assert snap_to_tokens(tokens, para, end + 2, text=text) == (end, end + 5)


# --- grow -----------------------------------------------------------------------------------

CITY = "the New York City Council met"


def span_of(text, phrase):
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize(
    ("side", "by", "expected"),
    [
        ("start", 1, "New York City"),
        ("end", 1, "York City Council"),
        ("start", -1, "City"),
        ("end", -1, "York"),
    ],
)
def test_grow_and_shrink_by_one_token(side, by, expected):
    tokens = tokenize(CITY)
    start, end = span_of(CITY, "York City")
    assert grow(tokens, start, end, side, by) == span_of(CITY, expected)
    assert grow(tokens, start, end, side, by, text=CITY) == span_of(CITY, expected)


def test_shrinking_a_single_token_gives_none():
    tokens = tokenize(CITY)
    start, end = span_of(CITY, "York")
    assert grow(tokens, start, end, "start", -1) is None
    assert grow(tokens, start, end, "end", -1) is None


def test_growing_past_the_text_edges_keeps_the_span():
    tokens = tokenize(CITY)
    assert grow(tokens, 0, 3, "start", 1) == (0, 3)
    end = len(CITY)
    assert grow(tokens, end - 3, end, "end", 1) == (end - 3, end)


def test_grow_and_shrink_step_over_whitespace_tokens_when_given_the_text():
    text = "Paris\n\nBerlin\n\nRome"
    tokens = tokenize(text)
    berlin = span_of(text, "Berlin")
    assert grow(tokens, *berlin, "start", 1, text=text) == (0, berlin[1])
    assert grow(tokens, *berlin, "end", 1, text=text) == (berlin[0], len(text))
    both = span_of(text, "Paris\n\nBerlin")
    assert grow(tokens, *both, "end", -1, text=text) == span_of(text, "Paris")
    assert grow(tokens, *both, "start", -1, text=text) == berlin


def test_grow_from_mid_token_edges_reaches_token_boundaries():
    tokens = tokenize(CITY)
    start, end = CITY.index("ork"), CITY.index("ity") + 2  # "ork Cit"
    assert grow(tokens, start, end, "start", 1) == (CITY.index("York"), end)
    assert grow(tokens, start, end, "end", 1) == (start, CITY.index(" Council"))


def test_grow_rejects_bad_arguments():
    tokens = tokenize(CITY)
    with pytest.raises(ValueError):
        grow(tokens, 4, 8, "middle", 1)
    with pytest.raises(ValueError):
        grow(tokens, 4, 8, "end", 2)


# --- overlaps, non_overlapping --------------------------------------------------------------

R = namedtuple("R", "start end")


def test_overlaps():
    assert overlaps(R(0, 5), R(4, 9))
    assert overlaps(R(4, 9), R(0, 5))
    assert overlaps(R(0, 10), R(3, 4))
    assert overlaps(R(2, 6), R(2, 6))
    assert not overlaps(R(0, 3), R(3, 5))  # touching is not overlapping
    assert not overlaps(R(3, 5), R(0, 3))


def span(start, end, label="ORG", state=State.ACCEPTED):
    return Span(start, end, label, "x" * (end - start), state=state)


def test_accepted_beats_a_longer_suggestion():
    accepted = span(4, 8, "GPE")
    suggested = span(0, 17, "ORG", State.SUGGESTED)
    assert non_overlapping([suggested, accepted]) == [accepted]


def test_longer_wins_then_earlier_within_the_same_state():
    short = span(4, 8)
    long = span(0, 17)
    assert non_overlapping([short, long]) == [long]
    first, second = span(0, 5, "A"), span(3, 8, "B")
    assert non_overlapping([second, first]) == [first]
    s1, s2 = span(0, 5, "A", State.SUGGESTED), span(3, 9, "B", State.SUGGESTED)
    assert non_overlapping([s1, s2]) == [s2]


def test_non_overlapping_keeps_disjoint_spans_sorted_and_drops_rejected():
    a, b, c = span(20, 25), span(0, 5, state=State.SUGGESTED), span(10, 12)
    rejected = span(30, 40, state=State.REJECTED)
    assert non_overlapping([a, rejected, b, c]) == [b, c, a]
    # A rejected span does not block a suggestion either.
    suggestion = span(32, 35, state=State.SUGGESTED)
    assert non_overlapping([rejected, suggestion]) == [suggestion]


def test_non_overlapping_accepts_plain_ranges():
    assert non_overlapping([R(0, 3), R(2, 10), R(10, 12)]) == [R(2, 10), R(10, 12)]
    assert non_overlapping([]) == []


def test_non_overlapping_result_is_disjoint_and_maximal():
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(1, 25)):
            start = rng.randint(0, 60)
            spans.append(span(start, start + rng.randint(1, 12), state=rng.choice(list(State))))
        chosen = non_overlapping(spans)
        assert [s.start for s in chosen] == sorted(s.start for s in chosen)
        assert all(not overlaps(x, y) for x, y in zip(chosen, chosen[1:]))
        assert all(s.state != State.REJECTED for s in chosen)
        for s in spans:
            if s.state != State.REJECTED and s not in chosen:
                assert any(overlaps(s, c) for c in chosen)
        # No accepted span lost to a suggestion.
        for s in spans:
            if s.state == State.ACCEPTED and s not in chosen:
                assert any(overlaps(s, c) and c.state == State.ACCEPTED for c in chosen)


def test_fresh_suggestions_respect_decisions():
    from types import SimpleNamespace as S

    from desktop.core.spans import fresh_suggestions

    existing = [S(start=10, end=15, state="accepted"), S(start=30, end=35, state="rejected"),
                S(start=50, end=60, state="accepted"), S(start=0, end=100, state="suggested")]
    offered = [S(start=s, end=e, state="suggested") for s, e in
               [(10, 15), (12, 20), (30, 35), (31, 35), (40, 45), (55, 58), (59, 70), (60, 65), (0, 5)]]
    kept = [(s.start, s.end) for s in fresh_suggestions(existing, offered)]
    assert kept == [(31, 35), (40, 45), (60, 65), (0, 5)]
