"""CoNLL read splits a document's lines with one str.split (conll._two_columns) when it can
prove every line is blank or a token and a tag; what it reads is what a split per line reads,
on random and awkward lines (every whitespace character str.split knows, trailing and doubled
separators, one and three columns, \\r), and anything it cannot prove is read line by line."""

from __future__ import annotations

import random
import sys

import pytest

from desktop.core import text as core_text
from desktop.core.model import BadInput
from desktop.formats import conll
from tests.helpers import read_outcome as _outcome

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
CLEAN = ["Ana\tB-PER", "Bo I-PER", "met\tO", "in O", "Almaty\tU-GPE", "x\t-", ".\tO", "é\tS-ORG", "😀\tE-ORG",
         "Nur-Sultan\tB-LOC", "„Zitat“\tO", "", ""]
AWKWARD = ["   ", "\t", "Ana\tB-PER ", " Ana\tO", "Ana\t\tO", "Ana  O", "Ana \tO", "lonely", "Nur NNP B-LOC",
           "bad\tQ-PER", "-DOCSTART- O", "-DOCSTART-", "x-DOCSTART-\tO", "Ana\tO\r", "A\rna\tO", "\tO", "Ana\t",
           *(f"a{c}b\tO" for c in SPACES if c != "\n"), *(f"ab\t{c}O" for c in "\x1c\x85\u2028\u3000\xa0"),
           *(f"ab{c}O" for c in "\x0b\x0c\x1d\x1e\x1f\u2009\u202f")]


def _by_line(lines: list[str]) -> tuple[list[str], list[str], list[int], int] | None:
    """What _two_columns must give for the lines joined: the split of each line, when each has 0
    or 2 columns, and the empty lines before the first token (None when there is none)."""
    rows = [line.split() for line in lines]
    if any(len(r) not in (0, 2) for r in rows):
        return None
    sizes, run = [], 0
    for r in rows:
        if r:
            run += 1
        elif run:
            sizes.append(run)
            run = 0
    sizes += [run] if run else []
    blank = next((k for k, r in enumerate(rows) if r), None)
    return [r[0] for r in rows if r], [r[1] for r in rows if r], sizes, blank


def _two(lines: list[str]):
    got = conll._two_columns("\n".join(lines))
    return got if got is None or got[0] else (*got[:3], None)  # (the empty lines count only before a token)


def test_the_wide_spaces_are_the_ones_str_split_splits_at_beyond_ascii():
    wide = {c for c in SPACES if ord(c) >= 128}
    assert {chr(c) for c in range(128, sys.maxunicode + 1) if conll._WIDE_SPACE.match(chr(c))} == wide
    assert "\x85" in wide and "\u2028" in wide and "\u3000" in wide and len(SPACES) == 29


def test_one_split_reads_what_a_split_per_line_reads():
    rng = random.Random(17)
    taken = 0
    for _ in range(4000):
        pool = CLEAN if rng.random() < 0.5 else CLEAN + AWKWARD
        lines = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        got = _two(lines)
        if got is not None:
            taken += 1
            assert got == _by_line(lines), lines
        elif all(line in CLEAN for line in lines) and lines:
            pytest.fail(f"clean lines not split at once: {lines!r}")
    assert taken > 1500
    few = ["lonely", "\tO", "Ana\t", "Ana\tO", "Bo O", "", "a b c", " "]  # deficits and surpluses that could cancel
    for _ in range(3000):
        lines = [rng.choice(few) for _ in range(rng.randint(1, 6))]
        got = _two(lines)
        assert got is None or got == _by_line(lines), lines


def test_a_line_of_one_and_one_of_three_columns_are_not_taken_for_two_pairs():
    for lines in (["lonely", "Ana B-PER O"], ["Ana\tB-PER\tO", "lonely"], ["Ana\t", "Bo I PER"],
                  ["\tO", "a\u3000b\tO"], ["a\x1cb\tO", "Ana"], ["lonely", "B\u2028o\tx"], ["lonely", "Ana\t"],
                  ["\tO", "", "lonely"], ["Ana ", "Bo\tO", "x"]):
        assert _two(lines) is None, lines
        assert _by_line(lines) is None


def test_every_whitespace_character_inside_a_line_is_read_as_a_split_per_line_reads_it():
    for c in SPACES:
        if c == "\n":
            continue
        for line in (f"a{c}b\tO", f"ab\t{c}O", f"ab{c}O", f"ab\tO{c}", f"{c}ab\tO", f"ab{c}\tO"):
            lines = ["Ana\tB-PER", line, "", "Bo\tO"]
            got = _two(lines)
            assert got is None or got == _by_line(lines), (hex(ord(c)), line)


@pytest.mark.parametrize("chunk", [9, 100, 1 << 20])
def test_files_of_awkward_lines_are_read_as_line_by_line(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(core_text, "_CHUNK", chunk)
    rng = random.Random(chunk + 4)
    for n in range(150):
        pool = CLEAN + ["-DOCSTART-\tO"] if rng.random() < 0.5 else CLEAN + AWKWARD
        lines = [rng.choice(pool) for _ in range(rng.randint(0, 40))]
        path = tmp_path / f"{n}.conll"
        path.write_text(rng.choice(["\n", "\r\n"]).join(lines) + rng.choice(["", "\n", "\r\n"]), encoding="utf-8")
        assert _outcome(conll.read(path)) == _outcome(conll._read_by_line(path, None)), lines


def test_a_clean_document_is_read_by_the_one_split(tmp_path, monkeypatch):
    path = tmp_path / "d.conll"
    path.write_text("-DOCSTART-\tO\n\nAna\tB-PER\nBo I-PER\n\n\nmet\tO\nAlmaty\tU-GPE\n", encoding="utf-8")
    monkeypatch.setattr(conll, "_Doc", None)  # the line-by-line builder is not reached
    (record,) = conll.read(path)
    assert record.doc.text == "Ana Bo\nmet Almaty" and record.line == 1
    assert [(s.text, s.label) for s in record.spans] == [("Ana Bo", "PER"), ("Almaty", "GPE")]
    assert record.doc.meta["scheme"] == "BILUO"


def _lines_of(blocks_of, data: bytes):
    import io

    out = []
    try:
        for number, block in blocks_of(io.BytesIO(data), "f"):
            lines = block.split("\n") if isinstance(block, str) else block
            out += list(enumerate(lines, number))
    except BadInput as err:
        out.append(("bad", err.reason, err.line))
    return out


@pytest.mark.parametrize("chunk", [1, 5, 64, 1 << 20])
def test_text_blocks_hold_the_lines_iter_lines_gives(monkeypatch, chunk):
    monkeypatch.setattr(core_text, "_CHUNK", chunk)
    rng = random.Random(chunk)
    pieces = [b"a", b"\xc3\xa9", b"\xf0\x9f\x98\x80", b"\n", b"\r\n", b"\r", b"\r\r\n", b"\t", b" ", b"\xff"]
    for _ in range(300):
        data = b"".join(rng.choice(pieces[:-1] if rng.random() < 0.7 else pieces) for _ in range(rng.randint(0, 30)))
        assert _lines_of(core_text.iter_text_blocks, data) == _lines_of(core_text.iter_line_blocks, data), data
    for bom in ("utf-16-le", "utf-16", "utf-8-sig"):
        data = "Ana\tB-PER\r\n\r\nBo\tO\n".encode(bom)
        assert _lines_of(core_text.iter_text_blocks, data) == _lines_of(core_text.iter_line_blocks, data)
