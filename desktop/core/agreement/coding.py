"""Chance-corrected agreement on coded items: Cohen's κ, Fleiss' κ, Krippendorff's α (nominal).

An item is one thing every annotator may code with one nominal value (a token's
BIO tag, whether a document carries a label). Values are any hashable objects.

Degenerate data have defined results, never a ZeroDivisionError:
- no item that at least two annotators coded: None (nothing to measure);
- every value the same everywhere (expected disagreement 0, e.g. all tokens O):
  1.0, because nothing disagrees. DKPro Statistics raises an
  InsufficientDataException here; a report needs a number, and agreement of a
  file with itself must read 1.0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence


def _chance_corrected(observed: float, expected: float) -> float:
    """(p_o - p_e) / (1 - p_e), 1.0 when chance agreement is already total."""
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


def _grouped(items: Iterable[Sequence[Hashable]]) -> Iterable[tuple[tuple, int]]:
    """Identical items once each, with how often they occur: a corpus has a few hundred
    thousand tokens but only a few hundred distinct tag combinations."""
    return Counter(tuple(values) for values in items).items()


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's (1960) κ of two annotators who coded the same items, a[i] and b[i] for item i.

    Expected agreement uses each annotator's own value distribution.
    """
    if len(a) != len(b):
        raise ValueError(f"two codings of different lengths: {len(a)} and {len(b)}")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[v] * cb[v] for v in ca) / (n * n)
    return _chance_corrected(observed, expected)


def fleiss_kappa(items: Iterable[Sequence[Hashable]]) -> float | None:
    """Fleiss' (1971) κ over items, each given as the values its annotators chose.

    Fleiss defined κ for a constant number of raters per item; here an item may
    have any number n_i ≥ 2 (fewer: skipped), with P_i = Σ_j n_ij(n_ij − 1) /
    (n_i(n_i − 1)), P̄ their mean, and p_j the share of all values that are j.
    With a constant n this is exactly Fleiss' formula.
    """
    agreement_sum = 0.0
    n_items = 0
    totals: Counter[Hashable] = Counter()
    for values, times in _grouped(items):
        n = len(values)
        if n < 2:
            continue
        counts = Counter(values)
        agreement_sum += times * sum(c * (c - 1) for c in counts.values()) / (n * (n - 1))
        for v, c in counts.items():
            totals[v] += c * times
        n_items += times
    if n_items == 0:
        return None
    grand = sum(totals.values())
    expected = sum((c / grand) ** 2 for c in totals.values())
    return _chance_corrected(agreement_sum / n_items, expected)


def krippendorff_alpha(units: Iterable[Sequence[Hashable]]) -> float | None:
    """Krippendorff's α for nominal data, with missing values (Krippendorff 2011, §C).

    Each unit is given as the values the annotators who coded it chose; an
    annotator who did not code a unit simply contributes no value to it. Units
    with fewer than two values are not pairable and drop out. α = 1 − D_o/D_e
    from the coincidence matrix: o_ck = Σ_u (number of c–k pairs in u)/(m_u − 1).
    """
    coincide: Counter[tuple[Hashable, Hashable]] = Counter()
    for values, times in _grouped(units):
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - 1) if c == k else nc * nk
                if pairs:
                    coincide[c, k] += times * pairs / (m - 1)
    margins: Counter[Hashable] = Counter()
    for (c, _k), o in coincide.items():
        margins[c] += o
    n = sum(margins.values())
    if n == 0:
        return None
    observed_dis = sum(o for (c, k), o in coincide.items() if c != k)
    expected_dis = sum(margins[c] * margins[k] for c in margins for k in margins if c != k)
    if expected_dis == 0:
        return 1.0
    return 1.0 - (n - 1) * observed_dis / expected_dis
