"""Krippendorff's _uα family (Content Analysis, 4th ed., §12.6) against the book's example."""

from __future__ import annotations

import random

import pytest

from desktop.core.agreement import Unit, krippendorff_alpha, unitized_alpha


def _units(rows):
    """The book numbers characters from 1, ends inclusive; we use half-open from 0."""
    return [Unit(start - 1, end, value) for start, end, value in rows]


# Krippendorff (2019), Content Analysis, 4th ed., Fig. 12.11, p. 340: three observers
# unitize a continuum of 60 characters (transcribed as in the quallmer R package's
# tests/testthat/test-alpha_u.R). The book reports _uα = .510, |uα = .413 and cuα = .724.
BOOK = {
    "alex": _units([(1, 7, "1"), (8, 13, "2"), (31, 32, "5"), (33, 37, "6"), (38, 44, "6"), (45, 60, "7")]),
    "paul": _units([(1, 7, "1"), (8, 13, "3"), (14, 21, "5"), (33, 44, "6")]),
    "suzan": _units([(1, 7, "1"), (8, 13, "4"), (14, 21, "5"), (33, 37, "6"), (38, 41, "6"), (42, 44, "6")]),
}


def test_book_example_u_alpha():
    assert unitized_alpha([(60, BOOK)]).alpha == pytest.approx(0.510, abs=5e-4)


def test_book_example_binary_u_alpha():
    # 0.41360 here; the book prints .413 (a rounding of the last digit).
    assert unitized_alpha([(60, BOOK)]).binary == pytest.approx(0.413, abs=1e-3)


def test_book_example_cu_alpha():
    result = unitized_alpha([(60, BOOK)])
    assert result.coding == pytest.approx(0.724, abs=5e-4)


def test_book_example_per_value_coding_alpha():
    per = unitized_alpha([(60, BOOK)]).coding_per_label
    # Values every observer who met them gave alike agree perfectly; 2, 3 and 4 are the
    # three observers' three different values for characters 8-13 and do not agree at all.
    for value in "156":
        assert per[value]["alpha"] == pytest.approx(1.0)
    for value in "234":
        assert per[value]["alpha"] == pytest.approx(0.0, abs=1e-9)
    # Only 8 of the 18 characters valued 5 meet another observer's unit; 7 meets only gaps.
    assert per["5"]["coverage"] == pytest.approx(8 / 18)
    assert per["7"] == {"alpha": None, "coverage": 0.0}


def test_unitization_with_itself_is_perfect():
    result = unitized_alpha([(60, {"a": BOOK["alex"], "b": BOOK["alex"], "c": BOOK["alex"]})])
    assert result.alpha == result.binary == result.coding == 1.0
    assert all(v == 1.0 for v in result.per_label.values())


def test_one_character_units_reduce_to_krippendorff_alpha_per_character():
    # With units one character long a unit's self-pairing l² equals l, so _uα is the
    # nominal α of every character's value (φ for a gap), missing annotators included.
    rng = random.Random(11)
    docs, units = [], []
    for _ in range(5):
        length = rng.randint(5, 30)
        names = rng.sample(["a", "b", "c", "d"], rng.randint(2, 4))
        by = {n: [Unit(i, i + 1, rng.choice("XY")) for i in range(length) if rng.random() < 0.4] for n in names}
        docs.append((length, by))
        for i in range(length):
            units.append([next((u.label for u in by[n] if u.start == i), "φ") for n in names])
    assert unitized_alpha(docs).alpha == pytest.approx(krippendorff_alpha(units))


def test_documents_pool_like_one_continuum():
    one = unitized_alpha([(60, BOOK)])
    shifted = {n: [Unit(u.start + 60, u.end + 60, u.label) for u in us] for n, us in BOOK.items()}
    both = unitized_alpha([(60, BOOK), (60, BOOK)])
    joined = unitized_alpha([(120, {n: BOOK[n] + shifted[n] for n in BOOK})])
    assert both.alpha == pytest.approx(joined.alpha)
    assert both.coding == pytest.approx(joined.coding)
    assert both.alpha != pytest.approx(one.alpha)  # more data, different expected disagreement


def test_per_label_is_u_alpha_of_that_label_against_the_rest():
    only_six = {n: [u for u in us if u.label == "6"] for n, us in BOOK.items()}
    assert unitized_alpha([(60, BOOK)]).per_label["6"] == pytest.approx(unitized_alpha([(60, only_six)]).alpha)


def test_degenerate_inputs():
    assert unitized_alpha([]).alpha is None
    assert unitized_alpha([(60, {"a": BOOK["alex"]})]).alpha is None  # one annotator
    nothing = unitized_alpha([(60, {"a": [], "b": []})])
    assert nothing.alpha == nothing.binary == 1.0
    assert nothing.coding is None and nothing.per_label == {}
    assert unitized_alpha([(0, {"a": [], "b": []})]).alpha is None  # empty text


def test_overlapping_units_of_one_annotator_are_read_flat():
    # The longer of two overlapping spans wins, as for spaCy's doc.ents.
    nested = {"a": [Unit(0, 10, "X"), Unit(2, 4, "Y")], "b": [Unit(0, 10, "X")]}
    assert unitized_alpha([(20, nested)]).alpha == 1.0
