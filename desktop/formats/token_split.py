"""Tokens cut at span edges, so every span of a record starts and ends on a token edge.

A stored span need not fall on the tokenizer's boundaries ("YfeA" inside "YfeABCD",
"Nur" in "Nur-Sultan"). A format that counts in tokens (spaCy's Doc, Prodigy's
`token_start`/`token_end`) would otherwise widen, merge or misplace it. Cutting the
tokens there, as spaCy's retokenizer would split them, keeps the text and every span
exact. A span that begins on the single space after a token, or ends just after it,
makes that space a token of its own (spaCy's `whitespace_` cannot be a span's edge).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from desktop.core.model import Token


def split_at(tokens: Sequence[Token], edges: Iterable[tuple[int, int]]) -> list[Token]:
    """`tokens` cut at every start and end of `edges` ((start, end) pairs); tokens that
    no edge falls inside come back unchanged, so aligned spans change nothing."""
    starts, ends = set(), set()
    for start, end in edges:
        starts.add(start)
        ends.add(end)
    cuts = sorted(starts | ends)
    if not cuts:
        return list(tokens)
    out: list[Token] = []
    for t in tokens:
        inner = _inside(cuts, t.start, t.end)
        own_space = t.ws and (t.end in starts or t.end + 1 in ends)
        if not inner and not own_space:
            out.append(t)
            continue
        bounds = [t.start, *inner, t.end]
        for a, b in zip(bounds, bounds[1:]):
            out.append(Token(a, b, False))
        if own_space:
            out.append(Token(t.end, t.end + 1, False))
        else:
            out[-1] = Token(out[-1].start, out[-1].end, t.ws)
    return out


def _inside(cuts: list[int], start: int, end: int) -> list[int]:
    """The cuts strictly inside (start, end)."""
    return cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]
