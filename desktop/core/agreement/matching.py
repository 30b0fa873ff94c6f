"""Span and event agreement as precision, recall and F1 between two annotators.

`a` plays the reference and `b` the prediction (precision = matches / b's count,
recall = matches / a's count); F1 is symmetric. Counts are summed over documents
before dividing (micro average). Both sides empty is perfect agreement (1.0
everywhere); otherwise a ratio with nothing to divide is 0.0, as in spaCy's scorer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.agreement.data import EventKey, Unit


@dataclass
class Counts:
    """Matches (tp), b's extra items (fp) and a's missed items (fn), summed as we go."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_a: int, n_b: int) -> None:
        self.tp += tp
        self.fp += n_b - tp
        self.fn += n_a - tp

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        if self.empty:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.empty:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        if self.empty:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def exact_matches(a: Iterable[Unit], b: Iterable[Unit]) -> int:
    """Spans with the same start, end and label on both sides."""
    return len(set(a) & set(b))


def overlap_matches(a: Iterable[Unit], b: Iterable[Unit]) -> int:
    """The most one-to-one pairs of same-label spans that share at least a character.

    A maximum bipartite matching (Kuhn's augmenting paths), so one long span
    cannot be credited for two short ones and no greedy order loses a pair.
    """
    by_label: defaultdict[str, tuple[list[Unit], list[Unit]]] = defaultdict(lambda: ([], []))
    for u in set(a):
        by_label[u.label][0].append(u)
    for u in set(b):
        by_label[u.label][1].append(u)
    total = 0
    for left, right in by_label.values():
        if left and right:
            total += _max_matching(sorted(left), sorted(right))
    return total


def _max_matching(left: list[Unit], right: list[Unit]) -> int:
    edges = [[j for j, r in enumerate(right) if l.start < r.end and r.start < l.end] for l in left]
    owner: list[int | None] = [None] * len(right)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(left)))


def span_counts(a: list[Unit], b: list[Unit]) -> tuple[Counts, Counts]:
    """Exact and overlap counts of one document's spans, reference `a`, prediction `b`."""
    sa, sb = set(a), set(b)
    exact, overlap = Counts(), Counts()
    exact.add(exact_matches(sa, sb), len(sa), len(sb))
    overlap.add(overlap_matches(sa, sb), len(sa), len(sb))
    return exact, overlap


def argument_keys(events: Iterable[EventKey]) -> set[tuple]:
    """Each argument as (trigger start, end, type, role, start, end): an argument only
    matches when its event's trigger matched and role and span agree."""
    return {(e.start, e.end, e.type, *arg) for e in events for arg in e.arguments}


def event_counts(a: set[EventKey], b: set[EventKey]) -> tuple[Counts, Counts]:
    """Trigger counts (offsets and type) and argument counts of one document."""
    ta = {(e.start, e.end, e.type) for e in a}
    tb = {(e.start, e.end, e.type) for e in b}
    aa, ab = argument_keys(a), argument_keys(b)
    trig, args = Counts(), Counts()
    trig.add(len(ta & tb), len(ta), len(tb))
    args.add(len(aa & ab), len(aa), len(ab))
    return trig, args
