"""core.token_list.word_starts answers "are these tokens the text's words, a whitespace
character apart?" as the plain definition does (each token's text is a word of split(),
in order, and the text is those words joined by single whitespace characters), for
lists of Tokens and TokenLists, on ordinary and awkward tokens."""

from __future__ import annotations

import random
import re

from desktop.core.model import Token
from desktop.core.token_list import TokenList, word_starts

TEXTS = ["Ana met Bo .\nBo left .", "Ana  met Bo .", " Ana met", "Ana met \n", "Ana\tmet", "Ana met\n\nBo",
         "solo", "Ana-met Bo\n", "é 😀 x\r\ny", "a b", "ab c", "a bc d", "a\u2028b"]


def _expected(text: str, tokens: list[Token]) -> list[int] | None:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    single = re.fullmatch(r"\S+(\s\S+)*", text) is not None
    return [a for a, _ in words] if single and [(t.start, t.end) for t in tokens] == words else None


def _tokens(text: str, rng: random.Random) -> list[Token]:
    out = [Token(m.start(), m.end(), False) for m in re.finditer(r"\S+", text)]
    shake = rng.random()
    if shake < 0.15 and out:  # laid out from the text's extra whitespace on
        at, laid = len(text) - sum(t.end - t.start for t in out) - len(out) + 1, []
        for t in out:
            laid.append(Token(at, at + t.end - t.start, False))
            at += t.end - t.start + 1
        return laid
    if shake < 0.3 and len(out) > 1:  # the character between two moved into the second
        a, b = out[0], out[1]
        out[0:2] = [Token(a.start, b.start, False), Token(b.start + 1, b.end, False)]
    elif shake < 0.4 and any(t.end - t.start > 1 for t in out):  # one cut in two
        i = next(i for i, t in enumerate(out) if t.end - t.start > 1)
        out[i:i + 1] = [Token(out[i].start, out[i].start + 1, False), Token(out[i].start + 1, out[i].end, False)]
    elif shake < 0.5 and len(out) > 2:  # a token that ends before it starts, the next one shifted
        out[1] = Token(out[1].start, out[0].end, False)
    elif shake < 0.6 and out:
        del out[-1]
    return out


def test_word_starts_says_what_the_plain_definition_says():
    rng = random.Random(10)
    found = 0
    for _ in range(800):
        text = rng.choice(TEXTS)
        tokens = _tokens(text, rng)
        lengths = [len(w) for w in text.split()]
        expected = _expected(text, tokens)
        assert word_starts(tokens, text, lengths) == expected, (text, tokens)
        as_list = TokenList([t.start for t in tokens], [t.end for t in tokens], [t.ws for t in tokens])
        assert word_starts(as_list, text, lengths) == expected, (text, tokens)
        found += expected is not None
    assert 150 < found < 650  # both answers were given


def test_no_tokens_or_no_words_are_not_words():
    assert word_starts([], "", []) is None
    assert word_starts([Token(0, 1, False)], " ", []) is None
