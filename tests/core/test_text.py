"""Import-time text rules: byte-order marks, strict decoding, line streaming, cleaning."""

import codecs
import hashlib
import io
import json
import time

import pytest

from desktop.core.model import BadInput
from desktop.core.text import clean, content_hash, decode, iter_lines, title_from

SAMPLE = "Ünïcode 👍🏽 東京 e\u0301\tend"

BOMS = [
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]


class Trickle(io.RawIOBase):
    """A stream that hands out at most `size` bytes per read, as a pipe may."""

    def __init__(self, data: bytes, size: int):
        self._data, self._pos, self._size = data, 0, size

    def readable(self):
        return True

    def readinto(self, buf):
        n = min(len(buf), self._size, len(self._data) - self._pos)
        buf[:n] = self._data[self._pos : self._pos + n]
        self._pos += n
        return n


def lines(data: bytes, **kw) -> list[tuple[int, str]]:
    return list(iter_lines(io.BytesIO(data), **kw))


# --- decode ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "bom"), BOMS)
def test_decode_each_bom_gives_exact_text_without_the_bom(encoding, bom):
    assert decode(bom + SAMPLE.encode(encoding)) == SAMPLE


def test_decode_without_bom_is_utf8_and_keeps_a_later_feff():
    text = "a\ufeffb 👍"
    assert decode(text.encode("utf-8")) == text
    assert decode(b"") == ""


def test_decode_utf16_le_bom_followed_by_text_is_not_mistaken_for_utf32():
    # FF FE 41 00 starts like FF FE 00 00 (UTF-32-LE) but is UTF-16-LE "A".
    assert decode(codecs.BOM_UTF16_LE + "AB".encode("utf-16-le")) == "AB"


def test_decode_bad_utf8_names_the_byte_offset_and_file():
    with pytest.raises(BadInput) as caught:
        decode(b"abc\xffdef", "news.txt")
    err = caught.value
    assert "at byte 3:" in err.reason
    assert "UTF-8" in err.reason
    assert err.file == "news.txt"
    assert str(err).startswith("news.txt: ")


def test_decode_latin1_file_is_rejected_at_the_accented_byte():
    with pytest.raises(BadInput, match="at byte 3:"):
        decode("café au lait".encode("latin-1"))


def test_decode_bad_byte_offset_counts_the_bom():
    with pytest.raises(BadInput, match="at byte 5:"):
        decode(codecs.BOM_UTF8 + b"ab\xff")


def test_decode_truncated_utf8_at_end():
    with pytest.raises(BadInput, match="at byte 2:"):
        decode(b"ab" + "€".encode()[:2])


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (codecs.BOM_UTF16_LE + b"a\x00b", 4),  # odd number of bytes
        (codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00", 4),  # lone high surrogate
        (codecs.BOM_UTF16_BE + b"\x00a\xdc\x00", 4),  # lone low surrogate
        (codecs.BOM_UTF32_LE + b"a\x00\x00\x00\x00\xd8\x00\x00", 8),  # surrogate code point
        (codecs.BOM_UTF32_BE + b"\x00\x11\x00\x00", 4),  # beyond U+10FFFF
    ],
)
def test_decode_bad_utf16_and_utf32_offsets(data, offset):
    with pytest.raises(BadInput, match=f"at byte {offset}:"):
        decode(data)


# --- UTF-16 without a byte-order mark ------------------------------------------------------

NO_BOM_TEXT = "Title \u201cquoted\u201d\r\nBody with Köln and e\u0301\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom_by_its_nul_every_other_byte(encoding):
    assert decode(NO_BOM_TEXT.encode(encoding)) == NO_BOM_TEXT
    assert decode("T".encode(encoding)) == "T"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("size", [1, 3, 4096])
def test_iter_lines_utf16_without_bom(encoding, size):
    data = ("x" * 5000 + "\n" + NO_BOM_TEXT).encode(encoding)  # the second line starts past the sniffed head
    stream = Trickle(data, size)
    assert list(iter_lines(stream)) == [(1, "x" * 5000), (2, "Title \u201cquoted\u201d"), (3, "Body with Köln and e\u0301")]


def test_a_few_nuls_in_utf8_are_not_taken_for_utf16():
    assert decode(b"a\x00bc d\x00ef") == "a\x00bc d\x00ef"
    assert decode(b"\x00\x00\x00\x00") == "\x00" * 4  # NULs at both parities: not UTF-16 either
    assert lines(b"a\x00bc\nx") == [(1, "a\x00bc"), (2, "x")]


def test_bad_utf16_without_bom_names_the_encoding_and_offset():
    data = "abcdef".encode("utf-16-le") + b"\x00\xd8" + "cd".encode("utf-16-le")
    with pytest.raises(BadInput, match=r"not valid UTF-16-LE \(no byte-order mark\) at byte 12"):
        decode(data)


# --- iter_lines -----------------------------------------------------------------------------


def test_iter_lines_numbers_lines_and_drops_endings():
    data = b'{"a": 1}\r\n{"b": 2}\n\n{"c": 3}'
    assert lines(data) == [(1, '{"a": 1}'), (2, '{"b": 2}'), (3, ""), (4, '{"c": 3}')]


def test_iter_lines_edge_cases():
    assert lines(b"") == []
    assert lines(codecs.BOM_UTF8) == []
    assert lines(b"\n\n") == [(1, ""), (2, "")]
    assert lines(b"x\r") == [(1, "x")]
    assert lines(b"x\r\r\n") == [(1, "x\r")]  # only the \r right before \n is an ending


def test_iter_lines_splits_only_at_line_feed():
    body = "a\u2028b\u2029c\x85d\x1ce\x1df\x1eg\x0bh\x0ci\rj"
    for encoding, bom in BOMS:
        data = bom + f"{body}\r\nlast\n".encode(encoding)
        assert lines(data) == [(1, body), (2, "last")], encoding


@pytest.mark.parametrize(("encoding", "bom"), BOMS)
def test_iter_lines_with_each_bom(encoding, bom):
    text = f"{SAMPLE}\r\nzwei\n\u010a\u0a0a drei"  # U+010A/U+0A0A hold byte 0x0A in UTF-16/32
    expected = [(1, SAMPLE), (2, "zwei"), (3, "\u010a\u0a0a drei")]
    assert lines(bom + text.encode(encoding)) == expected


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7])
@pytest.mark.parametrize(("encoding", "bom"), BOMS)
def test_iter_lines_survives_short_reads(encoding, bom, size):
    text = f"{SAMPLE}\r\n👍\n\nend"
    stream = Trickle(bom + text.encode(encoding), size)
    assert list(iter_lines(stream)) == [(1, SAMPLE), (2, "👍"), (3, ""), (4, "end")]


def test_iter_lines_bad_byte_reports_line_and_absolute_offset():
    data = b'{"a": 1}\n{"b": 2}\n{"c": "\xff"}\n'
    with pytest.raises(BadInput) as caught:
        lines(data, file="in.jsonl")
    err = caught.value
    assert err.line == 3
    assert err.file == "in.jsonl"
    offset = data.index(b"\xff")
    assert f"at byte {offset}:" in err.reason
    assert str(err).startswith("in.jsonl:3: ")


def test_iter_lines_bad_byte_after_bom_counts_the_bom():
    data = codecs.BOM_UTF8 + b"ok\n\xc3("
    with pytest.raises(BadInput) as caught:
        lines(data)
    assert caught.value.line == 2
    assert "at byte 6:" in caught.value.reason


def test_iter_lines_bad_utf16_reports_line_and_offset():
    good = codecs.BOM_UTF16_LE + "one\ntwo\n".encode("utf-16-le")
    data = good + b"\x00\xd8" + "x\n".encode("utf-16-le")
    with pytest.raises(BadInput) as caught:
        lines(data)
    assert caught.value.line == 3
    assert f"at byte {len(good)}:" in caught.value.reason
    assert "UTF-16-LE" in caught.value.reason


def test_iter_lines_yields_good_lines_before_the_bad_one():
    got = []
    with pytest.raises(BadInput):
        for number, line in iter_lines(io.BytesIO(b"a\nb\n\xff\n")):
            got.append((number, line))
    assert got == [(1, "a"), (2, "b")]


def test_iter_lines_across_megabyte_chunks():
    # Lines longer than any read size, characters cut at read boundaries, and a bad
    # byte far into the file: its offset and line must still be exact.
    row = json.dumps({"text": "é👍" * 50_000}, ensure_ascii=False)
    data = "\n".join([row] * 12).encode() + b"\n"
    assert [n for n, _ in lines(data)] == list(range(1, 13))
    assert all(line == row for _, line in lines(data))
    bad = data + b'{"text": "ok"}\n{"text": "\xe9"}\n'
    with pytest.raises(BadInput) as caught:
        lines(bad)
    assert caught.value.line == 14
    offset = bad.index(b'\xe9"')
    assert f"at byte {offset}:" in caught.value.reason


def test_iter_lines_matches_splitting_on_newline_for_utf16_files_of_many_chunks():
    text = "".join(f"Zeile {i} 😀 \u2028 ok\r\n" for i in range(120_000))
    data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    assert len(data) > 3 * 2**20
    expected = [(i + 1, f"Zeile {i} 😀 \u2028 ok") for i in range(120_000)]
    assert lines(data) == expected


# --- clean ----------------------------------------------------------------------------------


def test_clean_crlf_moves_a_span_after_three_crlfs():
    raw = "Title\r\n\r\nBy staff\r\nAngela Merkel met Macron."
    start = raw.index("Angela Merkel")
    end = start + len("Angela Merkel")
    text, to_clean = clean(raw)
    assert text == "Title\n\nBy staff\nAngela Merkel met Macron."
    assert (to_clean(start), to_clean(end)) == (start - 3, end - 3)
    assert text[to_clean(start) : to_clean(end)] == "Angela Merkel"
    assert to_clean(len(raw)) == len(text)


def test_clean_lone_cr_becomes_lf_and_keeps_offsets():
    text, to_clean = clean("a\rb\r")
    assert text == "a\nb\n"
    assert [to_clean(i) for i in range(5)] == [0, 1, 2, 3, 4]


def test_clean_offset_between_cr_and_lf_lands_before_the_lf():
    raw = "ab\r\ncd"
    text, to_clean = clean(raw)
    assert text == "ab\ncd"
    assert [to_clean(i) for i in range(len(raw) + 1)] == [0, 1, 2, 2, 3, 4, 5]
    # A span that ends between \r and \n keeps its word and loses the \r.
    assert text[to_clean(0) : to_clean(3)] == "ab"
    assert text[to_clean(3) : to_clean(6)] == "\ncd"


def test_clean_mapping_agrees_with_cleaning_each_prefix():
    raw = "\r\na\r\r\nb\rc\r\n\r\nd 👍\r"
    text, to_clean = clean(raw)
    assert text == "\na\n\nb\nc\n\nd 👍\n"
    for i in range(len(raw) + 1):
        expected = len(clean(raw[:i])[0])
        if raw[i - 1 : i + 1] == "\r\n":  # prefix ends with a \r that is about to vanish
            expected -= 1
        assert to_clean(i) == expected, i


def test_clean_without_cr_is_identity_mapping():
    raw = "no carriage returns 👍\n"
    text, to_clean = clean(raw)
    assert text == raw
    assert all(to_clean(i) == i for i in range(len(raw) + 1))


def test_clean_c0_controls_and_del_become_control_pictures():
    for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]:
        text, _ = clean(f"a{chr(code)}b")
        assert text == f"a{chr(0x2400 + code)}b", hex(code)
    raw = "NUL\x00 ESC\x1b DEL\x7f"
    text, _ = clean(raw)
    assert text == "NUL\u2400 ESC\u241b DEL\u2421"
    assert len(text) == len(raw)


def test_clean_c1_controls_and_lone_surrogates_become_replacement_character():
    c1 = "".join(map(chr, range(0x80, 0xA0)))
    assert clean(c1)[0] == "\ufffd" * 32
    raw = json.loads('"a\\ud800b\\udfffc"')  # JSON can spell lone surrogates
    text, _ = clean(raw)
    assert text == "a\ufffdb\ufffdc"
    content_hash(text)  # encodable as UTF-8 now


def test_clean_keeps_everything_else():
    raw = "tab\there\u2028line\u2029para\xa0nbsp\u200bzw\ufeffbom"
    raw += " e\u0301 👍🏽 東京 \u2400 \ufffd"
    assert clean(raw)[0] == raw


def test_clean_is_fast_on_a_long_text():
    unit = "Die Straße in Köln 👍 Angela\r\nMerkel\x00 東京. "
    raw = unit * (1_100_000 // len(unit))
    t0 = time.perf_counter()
    text, to_clean = clean(raw)
    elapsed = time.perf_counter() - t0
    assert len(text) == len(raw) - raw.count("\r\n")
    assert "\x00" not in text and "\r" not in text
    assert to_clean(len(raw)) == len(text)
    assert elapsed < 1.0  # a per-character Python loop takes seconds; the real thing ~20 ms


# --- content_hash, title_from ---------------------------------------------------------------


def test_content_hash_is_sha256_of_utf8():
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert content_hash("Köln 👍") == hashlib.sha256("Köln 👍".encode()).hexdigest()
    assert content_hash("a") != content_hash("a ")


def test_title_is_first_non_blank_line_stripped():
    assert title_from("\n  \n\t  Kazakhstan asks CSTO to leave  \nBody text") == (
        "Kazakhstan asks CSTO to leave"
    )
    assert title_from("one\u2028two") == "one"
    assert title_from("one\r\ntwo") == "one"
    assert title_from("") == ""
    assert title_from(" \n\t\n") == ""


def test_title_is_cut_with_an_ellipsis():
    assert title_from("x" * 120) == "x" * 120
    long = title_from("word " * 100)
    assert len(long) <= 120 and long.endswith("…")
    assert long.startswith("word word")
    assert title_from("abcdefghij", limit=5) == "abcd…"
