"""CoNLL's quicker helpers give what the plain forms they replace give: the lines holding
-DOCSTART- found by str.find over a block (not a test per line), and whole tokens refused
for whitespace by str.split (not a regex search), for every whitespace character."""

from __future__ import annotations

import random
import re
import sys

from desktop.formats import conll


def test_lines_with_finds_the_lines_a_test_per_line_finds():
    rng = random.Random(10)
    pieces = ["", " ", "Ana\tO", "-DOCSTART- O", "-DOCSTART--DOCSTART-", "x-DOCSTART-", "-DOC", "START-", "é😀\tO"]
    for _ in range(500):
        lines = [rng.choice(pieces) + rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        expected = [i for i, line in enumerate(lines) if conll.DOCSTART in line]
        block = "\n".join(lines)  # (now the lines' offsets in their joined block)
        assert [block.count("\n", 0, a) for a, _ in conll._lines_at(block, conll.DOCSTART)] == expected, lines
        assert all(block[a:b] in lines for a, b in conll._lines_at(block, conll.DOCSTART))


def test_a_token_holding_any_whitespace_is_not_whole():
    space = re.compile(r"\s")
    blanks = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() or space.match(chr(c))]
    assert len(blanks) > 20 and "\x1c" in blanks and "\u3000" in blanks
    for c in blanks:
        for word in (f"a{c}b", f"{c}ab", f"ab{c}"):
            text = f"Ana {word} Bo"
            assert conll._whole(text, [0, 4, 5 + len(word)], [3, 4 + len(word), 7 + len(word)], set()) is None, c


def test_tokens_without_whitespace_are_whole_whatever_they_hold():
    for word in ("a\u200bb", "é😀", "x\u00adz", "YfeABCD"):  # zero-width and soft-hyphen are no whitespace
        text = f"Ana {word} Bo"
        ends = [3, 4 + len(word), 7 + len(word)]
        assert conll._whole(text, [0, 4, 5 + len(word)], ends, set()) == ["Ana", word, "Bo"]
    assert conll._whole("Ana Bo", [0, 3], [3, 3], set()) is None  # an empty token is not whole
