"""conll.token_pieces' fast path (tokens no cut or whitespace splits, checked as wholes) gives
what the token-by-token path gives, on ordinary and awkward tokens and cuts."""

from __future__ import annotations

import random

from desktop.core.model import Token
from desktop.core.token_list import TokenList
from desktop.formats import conll
from tests.helpers import word_tokens

TEXTS = ["Ana met Bo .\nBo left .", "Ana  met Bo .", " Ana met", "Ana met \n", "Ana\tmet", "Ana met\n\nBo",
         "solo", "\nAna-met Bo\n", "YfeABCD binds Nur-Sultan .\r\nIt does .", "é 😀 x\n\n\ny"]


def _tokens(text: str, rng: random.Random) -> list[Token]:
    """Whitespace-split tokens, sometimes with an empty one, one spanning a space, or two swapped."""
    out = word_tokens(text)
    shake = rng.random()
    if shake < 0.1:
        out.insert(rng.randrange(len(out) + 1), Token(out[0].end, out[0].end, False))
    elif shake < 0.2 and len(out) > 1:
        out[0:2] = [Token(out[0].start, out[1].end, out[1].ws)]
    elif shake < 0.25 and len(out) > 1:
        out[0], out[1] = out[1], out[0]
    return out


def test_whole_tokens_come_back_as_the_token_by_token_path_gives_them():
    rng = random.Random(16)
    fast = 0
    for _ in range(600):
        text = rng.choice(TEXTS)
        tokens = _tokens(text, rng)
        cuts = set(rng.sample(range(len(text) + 1), rng.randint(0, 3)))
        expected = conll._pieces_one_by_one(text, tokens, cuts)
        assert conll.token_pieces(text, tokens, cuts) == expected, (text, tokens, cuts)
        as_list = TokenList([t.start for t in tokens], [t.end for t in tokens], [t.ws for t in tokens])
        assert conll.token_pieces(text, as_list, cuts) == expected
        assert conll.word_pieces(text, tokens, cuts) == [[(a, b, text[a:b]) for a, b in s] for s in expected]
        fast += conll._whole(text, [t.start for t in tokens], [t.end for t in tokens], cuts) is not None
    assert 100 < fast < 600  # both paths were taken


def test_line_breaks_between_tokens_end_sentences():
    text = "Ana met Bo .\n\nBo left .\nOk"
    tokens = [Token(at, at + len(word), False) for at, word in [(0, "Ana"), (4, "met"), (8, "Bo"), (11, "."),
                                                                (14, "Bo"), (17, "left"), (22, "."), (24, "Ok")]]
    assert conll.token_pieces(text, tokens, set()) == [[(0, 3), (4, 7), (8, 10), (11, 12)],
                                                       [(14, 16), (17, 21), (22, 23)], [(24, 26)]]

