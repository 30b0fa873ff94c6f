"""Cohen's κ, Fleiss' κ and Krippendorff's α against published worked examples."""

from __future__ import annotations

import random

import pytest

from desktop.core.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha


def _expand(cells):
    """(count, value of a, value of b) cells of a contingency table as two codings."""
    a = [x for n, x, _y in cells for _ in range(n)]
    b = [y for n, _x, y in cells for _ in range(n)]
    return a, b


def test_cohen_kappa_cohen_1960_page_45():
    # Cohen (1960), "A coefficient of agreement for nominal scales", p. 45: 200 items,
    # p_o = .70, p_c = .41, κ = .492 (the same table is DKPro Statistics' Cohen1960Test).
    a, b = _expand(
        [(88, 1, 1), (14, 1, 2), (18, 1, 3), (10, 2, 1), (40, 2, 2), (10, 2, 3), (2, 3, 1), (6, 3, 2), (12, 3, 3)]
    )
    assert cohen_kappa(a, b) == pytest.approx(0.492, abs=5e-4)


def test_cohen_kappa_wikipedia_grant_proposals():
    # Wikipedia, "Cohen's kappa", simple example: 50 proposals, yes/yes 20, yes/no 5,
    # no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5, κ = 0.4.
    a, b = _expand([(20, "y", "y"), (5, "y", "n"), (10, "n", "y"), (15, "n", "n")])
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_fleiss_kappa_wikipedia_table():
    # Wikipedia, "Fleiss' kappa", worked example: 14 raters, 10 subjects, 5 categories,
    # P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    items = [[j for j, n in enumerate(row) for _ in range(n)] for row in table]
    assert fleiss_kappa(items) == pytest.approx(0.210, abs=5e-4)


def test_krippendorff_alpha_nominal_with_missing_values():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: four
    # observers, twelve units, missing values ("."), nominal α = 0.743.
    rows = [
        "1 2 3 3 2 1 4 1 2 . . .",
        "1 2 3 3 2 2 4 1 2 5 . 3",
        ". 3 3 3 2 3 4 2 2 5 1 .",
        "1 2 3 3 2 4 4 1 2 5 1 .",
    ]
    units = [[v for v in column if v != "."] for column in zip(*(r.split() for r in rows))]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_1995_digitized_example():
    # Krippendorff (1995), "On the reliability of unitizing continuous data", p. 57,
    # Bertha and Bill's unitization digitized to 24 binary units: Cohen's κ = .385 and
    # α = .329 (as in DKPro Statistics' Krippendorff1995Test).
    bertha = [int(c) for c in "001111111100001111110000"]
    bill = [int(c) for c in "000011110000000110000000"]
    assert cohen_kappa(bertha, bill) == pytest.approx(0.385, abs=5e-4)
    assert krippendorff_alpha(list(zip(bertha, bill))) == pytest.approx(0.329, abs=5e-4)


def test_fleiss_equals_krippendorff_limit_and_two_raters_give_scotts_pi():
    # With two raters Fleiss' κ is Scott's π; α = 1 − (n − 1)/n · (1 − π) for n values.
    rng = random.Random(7)
    pairs = [(rng.choice("abc"), rng.choice("abc")) for _ in range(200)]
    pi = fleiss_kappa(pairs)
    alpha = krippendorff_alpha(pairs)
    n = 2 * len(pairs)
    assert alpha == pytest.approx(1 - (n - 1) / n * (1 - pi))


def test_identical_codings_agree_perfectly():
    values = ["O", "B-PER", "I-PER", "O", "B-ORG"]
    assert cohen_kappa(values, values) == 1.0
    assert fleiss_kappa([[v, v, v] for v in values]) == 1.0
    assert krippendorff_alpha([[v, v] for v in values]) == 1.0


def test_degenerate_inputs_have_defined_results():
    # No items: nothing to measure.
    assert cohen_kappa([], []) is None
    assert fleiss_kappa([]) is None
    assert krippendorff_alpha([]) is None
    # Items with one value only (one annotator): not pairable.
    assert fleiss_kappa([["O"], ["O"]]) is None
    assert krippendorff_alpha([["O"], ["B-PER"]]) is None
    # Everything O: no expected disagreement, nothing disagrees.
    assert cohen_kappa(["O"] * 5, ["O"] * 5) == 1.0
    assert fleiss_kappa([["O", "O", "O"]] * 5) == 1.0
    assert krippendorff_alpha([["O", "O"]] * 5) == 1.0


def test_cohen_refuses_codings_of_different_lengths():
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])
