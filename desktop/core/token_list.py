"""Tokens kept as three lists (starts, ends, spaces), a `Token` made only when one is asked for.

A reader of a token-per-word file (CoNLL, DyGIE++) has each token's offsets as lists
already; building ~70 frozen Tokens per document took longer than parsing its line
(issue 10). A `TokenList` is a read-only sequence of Tokens, equal to a list of the same
Tokens, so code that iterates or indexes it is unchanged, and the store takes its
offset lists as they are (`bounds`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import sub
from typing import Any, overload

from desktop.core.model import Token


class TokenList(Sequence[Token]):
    """Token i is `Token(starts[i], ends[i], spaces[i])`; the three lists are not copied."""

    __slots__ = ("starts", "ends", "spaces")

    def __init__(self, starts: list[int], ends: list[int], spaces: list[bool]):
        if not len(starts) == len(ends) == len(spaces):
            raise ValueError("starts, ends and spaces differ in length")
        self.starts, self.ends, self.spaces = starts, ends, spaces

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> TokenList: ...

    def __getitem__(self, i: int | slice) -> Token | TokenList:
        if isinstance(i, slice):
            return TokenList(self.starts[i], self.ends[i], self.spaces[i])
        return Token(self.starts[i], self.ends[i], self.spaces[i])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.starts, self.ends, self.spaces)

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, TokenList):
            return (self.starts, self.ends, self.spaces) == (other.starts, other.ends, other.spaces)
        if isinstance(other, (list, tuple)):
            return len(other) == len(self) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a list, which is unhashable

    def __repr__(self) -> str:
        return f"TokenList({list(self)!r})"


def bounds(tokens: Sequence[Token]) -> tuple[Sequence[int], Sequence[int]]:
    """The start and end offsets of `tokens`, without making a Token when they are a TokenList."""
    if isinstance(tokens, TokenList):
        return tokens.starts, tokens.ends
    # Comprehensions: in Python 3.11 twice as fast as map over an attrgetter.
    return [t.start for t in tokens], [t.end for t in tokens]


def word_starts(tokens: Sequence[Token], text: str, lengths: list[int]) -> list[int] | None:
    """The tokens' starts if the tokens are the words of `text` (its `split()`, whose lengths
    are `lengths`) between single whitespace characters; None otherwise.

    Proof, checked on whole lists rather than token by token: the first token starts at 0,
    each next one a character after the previous end, the last ends the text, and token i
    is as long as word i. Then the text holds the n words' characters and n - 1 more, which
    are no word's, so whitespace: one between each two words, none first or last. The words
    are thus laid out exactly as the tokens are, and token i is word i."""
    n = len(lengths)
    if len(tokens) != n or not n:
        return None
    if type(tokens) is TokenList:  # (not isinstance: against an ABC that takes ten times as long)
        starts, ends = tokens.starts, tokens.ends
        if (starts[0] != 0 or ends[-1] != len(text) or starts[1:] != [e + 1 for e in ends[:-1]]
                or list(map(sub, ends, starts)) != lengths):
            return None
        return starts
    # (a list of Tokens: read each attribute once, the lengths without an `ends` list)
    starts = [t.start for t in tokens]
    if (starts[0] != 0 or tokens[-1].end != len(text) or starts[1:] != [t.end + 1 for t in tokens[:-1]]
            or [t.end - t.start for t in tokens] != lengths):
        return None
    return starts
