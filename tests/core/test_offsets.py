"""Code points ↔ Qt's UTF-16 positions, checked against Python's own UTF-16 encoder."""

import time

import pytest

from desktop.core.offsets import Utf16Map, utf16_len

TEXTS = [
    "",
    "plain ASCII",
    "Köln, 東京 and e\u0301 stay one unit each",
    "👍🏽",  # two astral code points: thumbs up + skin-tone modifier
    "👍🏽 Angela Merkel visited 東京 with e\u0301 and 𝐀𝐁 on 2022-01-12 🇰🇿.\n"
    "line\u2028two\ttab 😀",
    "😀😀😀x😀",
]


def units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", TEXTS)
def test_every_code_point_offset_round_trips_and_matches_the_encoder(text):
    m = Utf16Map(text)
    assert m.utf16_len == units(text) == utf16_len(text)
    for i in range(len(text) + 1):
        u = m.to_utf16(i)
        assert u == units(text[:i]), i
        assert m.to_codepoint(u) == i, i


@pytest.mark.parametrize("text", TEXTS)
def test_every_utf16_position_maps_to_the_character_holding_it(text):
    m = Utf16Map(text)
    # The character each UTF-16 unit belongs to, built by walking the text.
    owner = [i for i, ch in enumerate(text) for _ in range(units(ch))] + [len(text)]
    assert len(owner) == m.utf16_len + 1
    for u, cp in enumerate(owner):
        assert m.to_codepoint(u) == cp, u


def test_position_inside_a_surrogate_pair_maps_to_the_start_of_the_character():
    text = "a👍🏽b"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(5)] == [0, 1, 3, 5, 6]
    assert m.to_codepoint(2) == 1  # between the halves of 👍
    assert m.to_codepoint(4) == 2  # between the halves of 🏽
    assert m.to_codepoint(5) == 3


def test_a_span_after_an_emoji_shifts_by_two_units_per_astral_character():
    text = "👍🏽 Angela Merkel spoke."
    start = text.index("Angela")
    end = start + len("Angela Merkel")
    m = Utf16Map(text)
    u_start, u_end = m.to_utf16(start), m.to_utf16(end)
    assert (u_start, u_end) == (start + 2, end + 2)
    assert text.encode("utf-16-le")[2 * u_start : 2 * u_end].decode("utf-16-le") == "Angela Merkel"


def test_combining_marks_and_cjk_are_one_unit_per_code_point():
    text = "Ame\u0301lie in 東京"
    m = Utf16Map(text)
    assert m.utf16_len == len(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert [m.to_codepoint(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


@pytest.mark.parametrize("text", ["", "abc", "ab👍"])
def test_out_of_range_offsets_raise(text):
    m = Utf16Map(text)
    for bad in (-1, len(text) + 1):
        with pytest.raises(IndexError):
            m.to_utf16(bad)
    for bad in (-1, m.utf16_len + 1):
        with pytest.raises(IndexError):
            m.to_codepoint(bad)


def test_a_million_characters_build_and_look_up_quickly():
    unit = "Die Straße 👍🏽 in 東京 e\u0301 " * 3 + "plain words " * 4
    text = unit * (1_000_000 // len(unit) + 1)
    t0 = time.perf_counter()
    m = Utf16Map(text)
    step = len(text) // 100_000
    for i in range(0, len(text), step):
        assert m.to_codepoint(m.to_utf16(i)) == i
    elapsed = time.perf_counter() - t0
    assert m.utf16_len == units(text)
    for i in (0, 17, 99_999, 500_001, len(text) - 3, len(text)):
        assert m.to_utf16(i) == units(text[:i])
    assert elapsed < 2.0  # bisect lookups: well under a second; a linear scan would take minutes
