"""Conversion between Spandesk's code-point offsets and Qt's UTF-16 positions.

This is the only module that does it. Spandesk stores offsets as Python `str`
indices (code points), as spaCy does; Qt counts UTF-16 code units, so every
character outside the Basic Multilingual Plane ("astral": most emoji, some CJK,
U+1D400 maths letters) counts twice in Qt. One "👍🏽" (two astral code points)
before a span shifts a naive QTextCursor selection by two.

What the positions mean on the Qt side:

* Spandesk normalises line endings on import (`core.text.clean`), so the text
  holds no `\\r`. A QTextDocument made with setPlainText() stores each `\\n` as
  one block separator, so a QTextDocument / QTextCursor position is exactly a
  UTF-16 offset into the text (U+2028, U+2029 and tabs count one unit as well).
* QSyntaxHighlighter.highlightBlock() works in block-relative positions: add
  `currentBlock().position()` to get a document position before converting,
  and subtract it again from a converted span before calling setFormat().
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Offsets into one text, both ways: build once per text (O(n)), look up in O(log n)."""

    __slots__ = ("_astral", "_starts16", "_length", "utf16_len")

    def __init__(self, text: str):
        # Code-point indices of the astral characters, and where each starts in UTF-16.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._starts16 = [cp + k for k, cp in enumerate(self._astral)]
        self._length = len(text)
        self.utf16_len = len(text) + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """The UTF-16 position of code-point offset `cp` (0 ≤ cp ≤ len(text))."""
        if not 0 <= cp <= self._length:
            raise IndexError(f"code-point offset {cp} outside 0..{self._length}")
        if not self._astral:
            return cp
        # Each astral character before cp adds one unit (its low surrogate).
        return cp + bisect_left(self._astral, cp)

    def to_codepoint(self, u16: int) -> int:
        """The code-point offset of UTF-16 position `u16`.

        A position between the two halves of a surrogate pair (Qt never puts a
        cursor there, but arithmetic on positions can) maps to the start of that
        character.
        """
        if not 0 <= u16 <= self.utf16_len:
            raise IndexError(f"UTF-16 position {u16} outside 0..{self.utf16_len}")
        if not self._astral:
            return u16
        before = bisect_left(self._starts16, u16)  # astral characters starting before u16
        if before and self._starts16[before - 1] + 1 == u16:
            return self._astral[before - 1]
        return u16 - before


def utf16_len(text: str) -> int:
    """How many UTF-16 units `text` takes in Qt (a length, where no map is kept)."""
    return len(text) if text.isascii() else len(text) + len(_ASTRAL.findall(text))
