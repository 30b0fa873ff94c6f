"""Krippendorff's unitizing α over the character continuum (Content Analysis, 4th ed., §12.6).

Implemented: the _uα family of Krippendorff, *Content Analysis: An Introduction to
Its Methodology*, 4th ed. (2019), §12.6, which is Krippendorff, Mathet, Bouvry and
Widlöcher, "On the reliability of unitizing textual continua: Further
developments", Quality & Quantity 50 (2016) 2347–2364. It replaces the α_U of the
2nd ed. (2004, §11.6) and of Krippendorff (1995), which DKPro Statistics'
KrippendorffAlphaUnitizingAgreement (and so INCEpTION) implements one category at
a time, and which the 2016 paper found to misbehave for more than two observers.

Each annotator partitions a document into sections: their spans, each valued with
its label, and the gaps between them (value φ). Over a pair of annotators i ≠ j,
every intersection of a section valued c with one valued k adds its length to the
coincidence o_ck, divided by m − 1 (m annotators of that document): eq. 32. Each
character an annotator saw thus adds 1 to the margins. Expected coincidences
(eq. 33): e_ck = (o_c· o_·k − [c = k] S_c) / (o·· − S/o··), where S_c sums, over
all sections valued c, l² for a span (a span cannot pair with itself) and l for a
gap (a gap has no structure; its characters count singly).

- `alpha`, _uα (eq. 34): nominal α = 1 − D_o/D_e over every value, φ included:
  agreement on where units are and what they are, at once.
- `binary`, |uα (eq. 35): the same with every label relabelled "relevant", sections
  kept apart: agreement on what is an entity at all.
- `per_label[c]`: _uα of the continuum unitized into c and not-c (every other
  label read as gap): the one-category-at-a-time figure INCEpTION/DKPro report,
  computed with the 2019 formulas instead of the 2004 ones.
- `coding`, cuα (eqs. 36–37): α over the intersections of spans only, φ excluded:
  agreement on labels where annotators agree something is an entity. A span's
  self-pairing term is the square of its pairable length, its valued intersections
  with the other annotators summed over them and divided by m − 1.
  `coding_coverage` is the share of all characters' values that takes part.
- `coding_per_label[c]`, (c)uα (eq. 38) with its coverage (the share of c's
  characters lying in valued intersections).

Documents are concatenated into one continuum: sections never cross documents and
gaps count by length, so this equals pooling their coincidences. An annotator who
did not annotate a document contributes nothing there (m is per document), as in
α with missing values; with every annotator everywhere this is the book's formula.
Checked against the book's worked example (Fig. 12.11, p. 340: _uα = 0.510,
|uα = 0.413, cuα = 0.724) in tests/core/test_agreement_unitizing.py.

Degenerate data: a value with no document two annotators unitized is None; when
only one value occurs (nobody marked anything, or everybody marked the same with
no gap) D_e = 0 and α is 1.0, nothing disagreeing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from desktop.core.agreement.data import Unit, flat

GAP = None  # the value φ of a gap between one annotator's units
RELEVANT = "\x00relevant"  # the one value of |uα, which no label can equal
_EPS = 1e-12


@dataclass(frozen=True)
class UnitizedAlpha:
    """The _uα family for one set of documents; see the module docstring."""

    alpha: float | None = None
    binary: float | None = None
    coding: float | None = None
    coding_coverage: float | None = None
    per_label: dict[str, float | None] = field(default_factory=dict)
    coding_per_label: dict[str, dict[str, float | None]] = field(default_factory=dict)


def _sections(length: int, units: Iterable[Unit]) -> list[tuple[int, int, str | None]]:
    """One annotator's partition of [0, length): flattened units and the gaps between."""
    out: list[tuple[int, int, str | None]] = []
    pos = 0
    for u in flat(units):
        start, end = max(u.start, pos), min(u.end, length)
        if start >= end:
            continue
        if start > pos:
            out.append((pos, start, GAP))
        out.append((start, end, u.label))
        pos = end
    if pos < length:
        out.append((pos, length, GAP))
    return out


class _Tally:
    """Coincidences and self-pairing sums accumulated document by document."""

    def __init__(self) -> None:
        self.o: defaultdict[tuple[str | None, str | None], float] = defaultdict(float)
        self.s: defaultdict[str | None, float] = defaultdict(float)  # eq. 33's l² / l terms
        self.s_cu: defaultdict[str, float] = defaultdict(float)  # eq. 37's pairable² terms

    def add(self, length: int, by: Mapping[str, Iterable[Unit]]) -> None:
        length = max(length, max((u.end for us in by.values() for u in us), default=0))
        parts = [_sections(length, units) for units in by.values()]
        m = len(parts)
        if m < 2 or length <= 0:
            return
        w = 1.0 / (m - 1)
        pairable = [[0] * len(p) for p in parts]
        for a in range(m):
            for b in range(a + 1, m):
                self._pair(parts[a], parts[b], w, pairable[a], pairable[b])
        for part, valued in zip(parts, pairable):
            for (start, end, value), shared in zip(part, valued):
                n = end - start
                self.s[value] += n if value is GAP else n * n
                if value is not GAP:
                    self.s_cu[value] += (shared * w) ** 2

    def _pair(self, p, q, w, valued_p, valued_q) -> None:
        i = j = 0
        while i < len(p) and j < len(q):
            (ps, pe, c), (qs, qe, k) = p[i], q[j]
            n = min(pe, qe) - max(ps, qs)
            if n > 0:
                self.o[c, k] += n * w
                self.o[k, c] += n * w
                if c is not GAP and k is not GAP:
                    valued_p[i] += n
                    valued_q[j] += n
            if pe <= qe:
                i += 1
            else:
                j += 1


def _alpha(o: Mapping, s: Mapping, values: Iterable) -> float | None:
    """Nominal α from coincidences `o` and self-pairing terms `s` (eqs. 33–34, 36–37)."""
    values = list(values)
    row = {c: sum(o.get((c, k), 0.0) for k in values) for c in values}
    tot = sum(row.values())
    if tot <= 0:
        return None
    denom = tot - sum(s.get(c, 0.0) for c in values) / tot
    agree = sum(o.get((c, c), 0.0) for c in values)
    observed = tot - agree
    if denom <= _EPS * tot:
        return 1.0 if observed <= _EPS * tot else None
    expected = tot - sum((row[c] * row[c] - s.get(c, 0.0)) / denom for c in values)
    if expected <= _EPS * tot:
        return 1.0 if observed <= _EPS * tot else None
    return 1.0 - observed / expected


def _relabel(t: _Tally, mapping) -> tuple[dict, dict]:
    """Coincidences and S terms after mapping values; sections stay apart, a span turned
    into gap counts by length."""
    o: defaultdict = defaultdict(float)
    for (c, k), v in t.o.items():
        o[mapping(c), mapping(k)] += v
    row: defaultdict = defaultdict(float)
    for (c, _k), v in t.o.items():
        row[c] += v
    s: defaultdict = defaultdict(float)
    for c, v in t.s.items():
        new = mapping(c)
        s[new] += row[c] if new is GAP else v
    return o, s


def _per_value_coding(t: _Tally, labels: list[str]) -> tuple[float | None, float | None, dict]:
    row = {c: sum(t.o.get((c, k), 0.0) for k in labels) for c in labels}
    tot = sum(row.values())
    full = sum(t.o.values())
    coding = _alpha(t.o, t.s_cu, labels) if tot > 0 else None
    coverage = tot / full if full > 0 else None
    per: dict[str, dict[str, float | None]] = {}
    denom = tot - sum(t.s_cu.get(c, 0.0) for c in labels) / tot if tot > 0 else 0.0
    for k in labels:
        whole = sum(t.o.get((k, c), 0.0) for c in (*labels, GAP))
        cov = row[k] / whole if whole > 0 else None
        alpha = None
        if row[k] > 0 and denom > _EPS * tot:
            e_k = (row[k] * tot - t.s_cu.get(k, 0.0)) / denom
            e_kk = (row[k] * row[k] - t.s_cu.get(k, 0.0)) / denom
            o_dis = row[k] - t.o.get((k, k), 0.0)
            if e_k - e_kk > _EPS * tot:
                alpha = 1.0 - (e_k / row[k]) * o_dis / (e_k - e_kk)
            elif o_dis <= _EPS * tot:
                alpha = 1.0
        per[k] = {"alpha": alpha, "coverage": cov}
    return coding, coverage, per


def unitized_alpha(documents: Iterable[tuple[int, Mapping[str, Iterable[Unit]]]]) -> UnitizedAlpha:
    """The _uα family over `documents`, each (text length, {annotator: units}).

    Only annotators present in a document's mapping count there; a document with
    fewer than two adds nothing.
    """
    t = _Tally()
    for length, by in documents:
        t.add(length, {a: list(us) for a, us in by.items()})
    if not t.o:
        return UnitizedAlpha()
    values = sorted({c for c, _k in t.o}, key=lambda v: (v is not GAP, v or ""))
    labels = [v for v in values if v is not GAP]
    o_bin, s_bin = _relabel(t, lambda v: GAP if v is GAP else RELEVANT)
    per_label = {}
    for label in labels:
        o_c, s_c = _relabel(t, lambda v, label=label: v if v == label else GAP)
        per_label[label] = _alpha(o_c, s_c, (GAP, label))
    coding, coverage, coding_per = _per_value_coding(t, labels)
    return UnitizedAlpha(
        alpha=_alpha(t.o, t.s, values),
        binary=_alpha(o_bin, s_bin, {v for pair in o_bin for v in pair}),
        coding=coding,
        coding_coverage=coverage,
        per_label=per_label,
        coding_per_label=coding_per,
    )
