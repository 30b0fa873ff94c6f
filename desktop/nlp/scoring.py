"""Precision, recall and F1 per label, from exact (start, end, label) matches, so a base model,
a trigger lexicon and a trained model are all scored alike on the same held-out documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

Item = tuple[int, int, str]  # (document's index, ..., label) is fine too: only equality counts


def prf(gold: Iterable[tuple], predicted: Iterable[tuple]) -> dict[str, dict[str, float]]:
    """{label: {p, r, f, n}} over exact matches, plus "ALL" (micro-averaged); `n` is the
    gold count. Each item's last element is its label."""
    gold, predicted = set(gold), set(predicted)
    tp, fp, fn = Counter(), Counter(), Counter()
    for item in predicted:
        (tp if item in gold else fp)[item[-1]] += 1
    for item in gold - predicted:
        fn[item[-1]] += 1
    out = {label: _scores(tp[label], fp[label], fn[label]) for label in sorted(set(tp) | set(fp) | set(fn))}
    out["ALL"] = _scores(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def _scores(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n": tp + fn}
