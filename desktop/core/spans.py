"""Span rules: what a valid span is, how a selection snaps to tokens, which spans fit together.

Offsets are code points. Token lists are sorted by start and do not overlap,
as a tokenizer produces them; they may hold whitespace tokens (spaCy makes one
for "\\n\\n" between paragraphs). The functions that move span edges take the
document `text` so they can step over those; without it every token counts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Literal, Protocol, TypeVar

from desktop.core.model import State, Token
from desktop.core.token_list import TokenList


class Ranged(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


R = TypeVar("R", bound=Ranged)


def _start(t: Token) -> int:
    return t.start


def _end(t: Token) -> int:
    return t.end


def _short(s: str, limit: int = 40) -> str:
    return repr(s if len(s) <= limit else s[: limit - 1] + "…")


def check_span(text: str, start: int, end: int, covered: str | None = None) -> str | None:
    """Why (start, end) cannot be a span of `text`, or None when it can.

    Offsets straight from a file may be anything JSON can hold, hence the type check.
    """
    # bool is an int subclass, and True as an offset is always a bug upstream.
    if not (type(start) is int and type(end) is int) and not all(  # most calls: two plain ints, found at once
            isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
        return f"offsets must be integers, got start={start!r} end={end!r}"
    if start < 0 or end < 0:
        return f"negative offset (start={start}, end={end})"
    if start >= end:
        return f"empty span: start {start} is not before end {end}"
    if end > len(text):
        return f"end {end} is past the end of the text ({len(text)} characters)"
    actual = text[start:end]
    if covered is not None and covered != actual:
        where = f"{start}-{end}"
        return f"span text {_short(covered)} differs from the text at {where}: {_short(actual)}"
    if actual.isspace():
        return f"span {start}-{end} covers only whitespace"
    return None


def token_at(tokens: Sequence[Token], pos: int) -> int:
    """Index of the token containing `pos`, else of the next token (len(tokens) past the last)."""
    if type(tokens) is TokenList:  # its offset lists: no Token made at each step of the search
        return bisect_right(tokens.ends, pos)
    return bisect_right(tokens, pos, key=_end)


def token_bounds(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Prodigy's (token_start, token_end) for a span, both inclusive; ValueError if none."""
    first = token_at(tokens, start)
    if type(tokens) is TokenList:
        last = bisect_left(tokens.starts, end) - 1
    else:
        last = bisect_left(tokens, end, key=_start) - 1  # the last token starting before end
    if first > last:
        raise ValueError(f"span {start}-{end} covers no token")
    return first, last


def snap_to_tokens(
    tokens: Sequence[Token], start: int, end: int, *, text: str | None = None
) -> tuple[int, int] | None:
    """The token-aligned span a selection of [start, end) means, or None if it holds no word.

    A drag that begins or ends inside a word takes the whole word; whitespace at
    either edge of the selection is dropped.
    """
    if text is not None:
        selected = text[start:end]
        start += len(selected) - len(selected.lstrip())
        end -= len(selected) - len(selected.rstrip())
    if start >= end:
        return None
    # With the edges trimmed, the tokens at them hold a non-blank character: not whitespace tokens.
    first = token_at(tokens, start)
    last = bisect_left(tokens, end, key=_start) - 1
    return (tokens[first].start, tokens[last].end) if first <= last else None


def grow(
    tokens: Sequence[Token],
    start: int,
    end: int,
    side: Literal["start", "end"],
    by: Literal[1, -1],
    *,
    text: str | None = None,
) -> tuple[int, int] | None:
    """The span with one more (by=+1) or one fewer (by=-1) word at `side`.

    With `text`, a word joined to the next by a hyphen or slash with no space
    ("Kassym-Jomart", "ex-Soviet") is one word, as Shift+arrows step over it in the
    article: growing takes it whole, shrinking drops it whole while other words remain
    (inside one such word, shrinking drops its last or first part: "Russian-led" to
    "Russian"), and a shrunk span does not end or start on a punctuation mark alone
    ("Kazakhstan: Military" shrinks to "Kazakhstan"). Growing past the first or last token
    leaves the span as it is; shrinking the last word away gives None.
    """
    if side not in ("start", "end") or by not in (1, -1):
        raise ValueError(f"grow: side must be 'start' or 'end' and by ±1, got {side!r}, {by!r}")
    n = len(tokens)
    if side == "start" and by == 1:
        i = bisect_left(tokens, start, key=_start) - 1  # the last token starting before start
        while i >= 0 and not _is_word(tokens[i], text):
            i -= 1
        if i > 0 and _glued(tokens, text, i):
            i -= 1  # the span starts inside "Russian-|led": the word before the hyphen
        while i >= 2 and _glued(tokens, text, i - 1):
            i -= 2
        return (tokens[i].start, end) if i >= 0 else (start, end)
    if side == "start":
        first = bisect_left(tokens, start, key=_start)  # the span's first token
        i = bisect_right(tokens, start, key=_start)  # the first token starting after start
        unit = _unit_end(tokens, text, first)
        if unit + 1 < n and tokens[unit + 1].start < end:
            i = unit + 1  # drop the whole first word
        elif i < n and _glued(tokens, text, i):
            i += 1  # inside one joined word: drop its first part and the hyphen
        while i < n and tokens[i].start < end and not _is_word(tokens[i], text):
            i += 1
        while i + 1 < n and tokens[i + 1].start < end and _bare(tokens[i], text):
            i += 1  # "(CSTO)" shrinks to "CSTO)", not ") ..."; a mark alone is no edge
            while i + 1 < n and tokens[i].start < end and not _is_word(tokens[i], text):
                i += 1
        return (tokens[i].start, end) if i < n and tokens[i].start < end else None
    if by == 1:
        i = bisect_right(tokens, end, key=_end)  # the first token ending after end
        while i < n and not _is_word(tokens[i], text):
            i += 1
        if i + 1 < n and _glued(tokens, text, i):
            i += 1  # the span ends inside "Russian|-led": on through "-led"
        i = _unit_end(tokens, text, i) if i < n else i
        return (start, tokens[i].end) if i < n else (start, end)
    last = bisect_left(tokens, end, key=_end)  # the span's last token
    i = last - 1
    unit = _unit_start(tokens, text, last) if last < n else last
    if 0 < unit and tokens[unit - 1].end > start:
        i = unit - 1  # drop the whole last word
    elif i > 0 and _glued(tokens, text, i):
        i -= 1  # inside one joined word: drop its last part and the hyphen
    while i >= 0 and tokens[i].end > start and not _is_word(tokens[i], text):
        i -= 1
    while i > 0 and tokens[i - 1].end > start and _bare(tokens[i], text):
        i -= 1  # "Kazakhstan: Military" shrinks to "Kazakhstan", not "Kazakhstan:"
        while i > 0 and tokens[i].end > start and not _is_word(tokens[i], text):
            i -= 1
    return (start, tokens[i].end) if i >= 0 and tokens[i].end > start else None


def _bare(token: Token, text: str | None) -> bool:
    """A punctuation mark alone (never without text): a shrunk span does not end or start on one."""
    return text is not None and not any(c.isalnum() for c in text[token.start:token.end])


JOINERS = frozenset({"-", "\u2010", "\u2011", "/"})  # a hyphen or slash with no space joins two words


def _glued(tokens: Sequence[Token], text: str | None, j: int) -> bool:
    """Whether token j is a hyphen (or slash) glued between two words (never without text)."""
    if text is None or not 0 < j < len(tokens) - 1:
        return False
    a, b, c = tokens[j - 1], tokens[j], tokens[j + 1]
    return (a.end == b.start and b.end == c.start and text[b.start:b.end] in JOINERS
            and text[a.end - 1:a.end].isalnum() and text[c.start:c.start + 1].isalnum())


def _unit_end(tokens: Sequence[Token], text: str | None, i: int) -> int:
    """The last token of the joined word that token i begins or is in."""
    while i + 2 < len(tokens) and _glued(tokens, text, i + 1):
        i += 2
    return i


def _unit_start(tokens: Sequence[Token], text: str | None, i: int) -> int:
    """The first token of the joined word that token i ends or is in."""
    while i >= 2 and _glued(tokens, text, i - 1):
        i -= 2
    return i


def _is_word(token: Token, text: str | None) -> bool:
    return text is None or not text[token.start : token.end].isspace()


def overlaps(a: Ranged, b: Ranged) -> bool:
    """True when the half-open ranges share at least one character."""
    return a.start < b.end and b.start < a.end


def non_overlapping(spans: Iterable[R]) -> list[R]:
    """A subset of `spans` with no overlaps, for spaCy's doc.ents, sorted by start.

    Where spans collide, an accepted span beats a suggested one, then the longer
    wins, then the earlier. Rejected spans are never chosen: they say what the
    entities are not. Objects without a `state` count as accepted.
    """

    def rank(s: R) -> tuple[bool, int, int]:
        return getattr(s, "state", State.ACCEPTED) != State.ACCEPTED, s.start - s.end, s.start

    chosen: list[R] = []
    starts: list[int] = []
    for span in sorted(spans, key=rank):
        if getattr(span, "state", None) == State.REJECTED:
            continue
        # chosen is sorted and disjoint, so only the neighbours either side can collide.
        i = bisect_right(starts, span.start)
        if i and chosen[i - 1].end > span.start:
            continue
        if i < len(chosen) and chosen[i].start < span.end:
            continue
        chosen.insert(i, span)
        starts.insert(i, span.start)
    return chosen



def fresh_suggestions(existing: Iterable[R], suggestions: Iterable[R]) -> list[R]:
    """The model suggestions that do not contradict a decision already in the document.

    A suggestion is dropped when a span with the same offsets already exists (whatever
    its label or state: relabelled, rejected or accepted, the annotator has ruled on
    that stretch of text) or when it overlaps an accepted span.
    """
    existing = list(existing)
    taken = {(s.start, s.end) for s in existing}
    accepted = sorted((s for s in existing if getattr(s, "state", State.ACCEPTED) == State.ACCEPTED),
                      key=_start)
    starts = [a.start for a in accepted]
    reach = []  # reach[i]: the furthest end among accepted[:i + 1]
    for a in accepted:
        reach.append(max(a.end, reach[-1] if reach else 0))
    kept = []
    for s in suggestions:
        before = bisect_left(starts, s.end)  # accepted spans starting before s ends
        if (s.start, s.end) in taken or (before and reach[before - 1] > s.start):
            continue
        kept.append(s)
    return kept
