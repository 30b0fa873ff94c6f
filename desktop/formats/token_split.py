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
from operator import le

from desktop.core.model import Token
from desktop.core.token_list import TokenList, bounds


def split_at(tokens: Sequence[Token], edges: Iterable[tuple[int, int]]) -> Sequence[Token]:
    """`tokens` cut at every start and end of `edges` ((start, end) pairs); tokens that
    no edge falls inside come back unchanged, so aligned spans change nothing (a TokenList,
    as the store gives an export, comes back as it is: no Token made per word)."""
    starts, ends = set(), set()
    for start, end in edges:
        starts.add(start)
        ends.add(end)
    cuts = sorted(starts | ends)
    if not cuts or _aligned(tokens, cuts, starts, ends):
        return tokens if type(tokens) is TokenList else list(tokens)
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


def _aligned(tokens: Sequence[Token], cuts: list[int], starts: set[int], ends: set[int]) -> bool:
    """Whether split_at would change nothing: tokens in order, no cut strictly inside one, no
    span starting on or ending just after a token's trailing space. Checked cut by cut, not
    token by token (most records: a handful of spans over many tokens)."""
    if not tokens:
        return True
    t_starts, t_ends = bounds(tokens)
    if not all(map(le, t_ends[:-1], t_starts[1:])):
        return False
    n = len(tokens)
    for cut in cuts:
        i = bisect_right(t_starts, cut) - 1
        if i >= 0 and t_starts[i] < cut < t_ends[i]:
            return False
    spaced = [*starts, *(end - 1 for end in ends)]  # where a token's own space would be an edge
    for at in spaced:
        i = bisect_left(t_ends, at)
        while i < n and t_ends[i] == at:  # several only where empty tokens sit
            if tokens[i].ws:
                return False
            i += 1
    return True
