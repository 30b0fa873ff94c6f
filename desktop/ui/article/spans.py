"""What the article view knows about a document and its spans, computed once, not per paint.

`ArticleText` is built once per document (O(n) over the text); `SpanIndex` once per
`set_spans` (O(s log s) over the spans). Painting, hit-testing and Tab order then only
look things up. Offsets convert between code points and Qt's UTF-16 positions through
`core.offsets.Utf16Map` alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from desktop.core.model import Span, State, Token
from desktop.core.offsets import Utf16Map

# The characters QTextCursor.insertText (so setPlainText) starts a new block at. Stored
# texts hold no \r, but U+2029 survives normalisation and would shift block numbers.
_BLOCK_BREAK = re.compile("[\n\r\u2029\ufdd0\ufdd1]")


class ArticleText:
    """One document's text, its UTF-16 map, block breaks and tokens."""

    __slots__ = ("text", "map", "breaks", "tokens")

    def __init__(self, text: str, tokens: Sequence[Token]):
        self.text = text
        self.map = Utf16Map(text)
        self.breaks = [m.start() for m in _BLOCK_BREAK.finditer(text)]
        self.tokens = list(tokens)

    def block_of(self, cp: int) -> int:
        """The QTextDocument block number holding code point `cp`."""
        return bisect_left(self.breaks, cp)

    def is_word(self, token: Token) -> bool:
        return not self.text[token.start : token.end].isspace()


class SpanIndex:
    """The spans on show: Tab order, UTF-16 ranges, nesting levels and spans per block.

    Levels stack overlapping spans: a span gets the lowest level no span still open
    where it starts holds, so a span nested in another is drawn inset inside it and
    two crossing spans never share a level.
    """

    def __init__(self, doc: ArticleText, spans: Iterable[Span], show_rejected: bool):
        shown = [s for s in spans if show_rejected or s.state != State.REJECTED]
        # Tab order: by start, then end (the label and id only make ties deterministic).
        shown.sort(key=lambda s: (s.start, s.end, s.label, s.id or 0))
        self.spans = shown
        self.starts = [s.start for s in shown]
        to16 = doc.map.to_utf16
        self.range16 = [(to16(s.start), to16(s.end)) for s in shown]
        self.row = {s.id: i for i, s in enumerate(shown) if s.id is not None}
        self.level = self._levels(shown)
        self.depth = max(self.level, default=-1) + 1
        by_block: dict[int, list[int]] = {}
        for i, s in enumerate(shown):
            for block in range(doc.block_of(s.start), doc.block_of(s.end - 1) + 1):
                by_block.setdefault(block, []).append(i)
        for rows in by_block.values():
            rows.sort(key=lambda i: self.level[i])  # outer boxes are painted first, inner on top
        self.by_block = by_block
        self._doc = doc

    @staticmethod
    def _levels(spans: list[Span]) -> list[int]:
        levels = [0] * len(spans)
        open_: list[tuple[int, int]] = []  # (end, level) of spans still open
        # Longer first among equal starts, so the outer span of a nested pair is level 0.
        for i in sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end)):
            s = spans[i]
            open_ = [(end, lv) for end, lv in open_ if end > s.start]
            taken = {lv for _, lv in open_}
            level = next(lv for lv in range(len(taken) + 1) if lv not in taken)
            levels[i] = level
            open_.append((s.end, level))
        return levels

    def __len__(self) -> int:
        return len(self.spans)

    def index_of(self, span_id: int | None) -> int | None:
        return self.row.get(span_id) if span_id is not None else None

    def covering(self, cp: int) -> list[int]:
        """Rows of the spans holding code point `cp`, innermost first."""
        rows = self.by_block.get(self._doc.block_of(cp), ())
        hits = [i for i in rows if self.spans[i].start <= cp < self.spans[i].end]
        return sorted(hits, key=lambda i: (-self.level[i], self.spans[i].end - self.spans[i].start))

    def first_from(self, cp: int) -> int | None:
        """Row of the first span (in Tab order) starting at or after `cp`."""
        i = bisect_left(self.starts, cp)
        return i if i < len(self.spans) else None
