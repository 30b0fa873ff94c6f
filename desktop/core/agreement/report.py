"""The agreement report: every measure over already-loaded documents, as one JSON-ready dict.

A later step reads the documents from the store (those at least two of the chosen
annotators marked done); this module only computes. The shape (issue #11's keys,
plus a few that explain them):

    documents                 documents with two or more of the chosen annotators
    annotators                the chosen annotators, in order
    entities.pairwise[]       a, b, documents, precision, recall, f1 (exact start, end,
                              label), f1_overlap (same label, overlapping, one-to-one)
    entities.per_label{L}     f1, f1_overlap (pooled over every pair), spans
    entities.cohen_kappa[]    a, b, kappa, tokens (token-level BIO tags, O included)
    entities.fleiss_kappa     over all annotators, token level
    entities.krippendorff_alpha   nominal, token level, missing annotators allowed
    entities.tokens           token items compared
    entities.unitized_alpha   Krippendorff's _uα over the characters (unitizing.py)
    entities.unitized_alpha_per_label{L}   _uα of L against everything else
    entities.unitized_alpha_variants       binary (|uα), coding (cuα), coding_coverage,
                                           coding_per_label{L: {alpha, coverage}}
    events.pairwise[]         a, b, trigger_f1, argument_f1
    events.trigger_f1         offsets and type, pooled over every pair
    events.argument_f1        trigger matched, same role, same span, pooled
    relations.pairwise[]      a, b, documents, precision, recall, f1 (exact head offsets,
                              child offsets and label)
    relations.f1              the same, pooled over every pair
    doc_labels.kappa{L}       Cohen's κ for two annotators, else Fleiss' κ
    doc_labels.cohen_kappa[]  a, b, kappa{L};  doc_labels.fleiss_kappa{L}
    worst_documents[]         id, title, f1 (lowest pairwise), a, b; worst first

A measure with nothing to measure (no document two annotators share) is None;
perfect agreement, including nothing marked by anyone, is 1.0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.agreement.coding import cohen_kappa, fleiss_kappa, krippendorff_alpha
from desktop.core.agreement.data import (
    DocWork,
    EventKey,
    RelationKey,
    Unit,
    as_doc_labels,
    as_event_keys,
    as_relation_keys,
    as_units,
    bio_tags,
    doc_tokens,
    label_filter,
    pairs,
)
from desktop.core.agreement.matching import Counts, event_counts, span_counts
from desktop.core.agreement.unitizing import unitized_alpha


@dataclass
class _Doc:
    """A document cut down to the chosen annotators, its annotations normalised once."""

    work: DocWork
    names: list[str]
    units: dict[str, list[Unit]]
    events: dict[str, set[EventKey]]
    labels: dict[str, frozenset[str]]
    relations: dict[str, set[RelationKey]]


def _prepare(
    docs: Iterable[DocWork], annotators: Sequence[str] | None, labels: Collection[str] | None
) -> tuple[list[str], list[_Doc]]:
    docs = list(docs)
    if annotators is None:
        annotators = sorted({a for d in docs for a in d.by})
    names = list(dict.fromkeys(annotators))
    out = []
    for d in docs:
        present = [a for a in names if a in d.by]
        if len(present) < 2:
            continue
        out.append(
            _Doc(
                d,
                present,
                {a: label_filter(as_units(d.by[a].spans), labels) for a in present},
                {a: as_event_keys(d.by[a].events) for a in present},
                {a: as_doc_labels(d.by[a].doc_labels) for a in present},
                {a: as_relation_keys(d.by[a].relations) for a in present},
            )
        )
    return names, out


def _shared(docs: list[_Doc], a: str, b: str) -> list[_Doc]:
    return [d for d in docs if a in d.units and b in d.units]


def _entities(names: list[str], docs: list[_Doc]) -> dict[str, Any]:
    pairwise = []
    per_exact: defaultdict[str, Counts] = defaultdict(Counts)
    per_overlap: defaultdict[str, Counts] = defaultdict(Counts)
    for a, b in pairs(names):
        exact, overlap = Counts(), Counts()
        shared = _shared(docs, a, b)
        for d in shared:
            e, o = span_counts(d.units[a], d.units[b])
            exact += e
            overlap += o
            for label in {u.label for u in d.units[a] + d.units[b]}:
                ua = [u for u in d.units[a] if u.label == label]
                ub = [u for u in d.units[b] if u.label == label]
                e, o = span_counts(ua, ub)
                per_exact[label] += e
                per_overlap[label] += o
        if shared:
            pairwise.append(
                {
                    "a": a,
                    "b": b,
                    "documents": len(shared),
                    "precision": exact.precision,
                    "recall": exact.recall,
                    "f1": exact.f1,
                    "f1_overlap": overlap.f1,
                }
            )
    spans_per_label: defaultdict[str, int] = defaultdict(int)
    for d in docs:
        for units in d.units.values():
            for u in units:
                spans_per_label[u.label] += 1
    per_label = {
        label: {
            "f1": per_exact[label].f1,
            "f1_overlap": per_overlap[label].f1,
            "spans": spans_per_label[label],
        }
        for label in sorted(spans_per_label)
    }
    return {"pairwise": pairwise, "per_label": per_label, **_tokens(names, docs), **_unitized(docs)}


def _tokens(names: list[str], docs: list[_Doc]) -> dict[str, Any]:
    """Token-level Cohen's κ per pair, Fleiss' κ and Krippendorff's α over BIO tags."""
    tags: list[dict[str, list[str]]] = []
    for d in docs:
        tokens = doc_tokens(d.work)
        tags.append({a: bio_tags(tokens, d.units[a]) for a in d.names})
    cohen = []
    for a, b in pairs(names):
        ta = [t for doc_tags in tags if a in doc_tags and b in doc_tags for t in doc_tags[a]]
        tb = [t for doc_tags in tags if a in doc_tags and b in doc_tags for t in doc_tags[b]]
        if any(a in doc_tags and b in doc_tags for doc_tags in tags):
            cohen.append({"a": a, "b": b, "kappa": cohen_kappa(ta, tb), "tokens": len(ta)})
    # One item per token: the tags its document's annotators gave it.
    items = [column for doc_tags in tags for column in zip(*doc_tags.values())]
    return {
        "cohen_kappa": cohen,
        "fleiss_kappa": fleiss_kappa(items),
        "krippendorff_alpha": krippendorff_alpha(items),
        "tokens": len(items),
    }


def _unitized(docs: list[_Doc]) -> dict[str, Any]:
    u = unitized_alpha((d.work.length, d.units) for d in docs)
    return {
        "unitized_alpha": u.alpha,
        "unitized_alpha_per_label": u.per_label,
        "unitized_alpha_variants": {
            "binary": u.binary,
            "coding": u.coding,
            "coding_coverage": u.coding_coverage,
            "coding_per_label": u.coding_per_label,
        },
    }


def _events(names: list[str], docs: list[_Doc]) -> dict[str, Any]:
    pairwise = []
    trig_all, args_all = Counts(), Counts()
    for a, b in pairs(names):
        trig, args = Counts(), Counts()
        shared = _shared(docs, a, b)
        for d in shared:
            t, g = event_counts(d.events[a], d.events[b])
            trig += t
            args += g
        if shared:
            trig_all += trig
            args_all += args
            pairwise.append({"a": a, "b": b, "trigger_f1": trig.f1, "argument_f1": args.f1})
    return {
        "pairwise": pairwise,
        "trigger_f1": trig_all.f1 if pairwise else None,
        "argument_f1": args_all.f1 if pairwise else None,
    }


def _relations(names: list[str], docs: list[_Doc]) -> dict[str, Any]:
    """Relation precision, recall and F1 per pair (a the reference), and pooled."""
    pairwise = []
    pooled = Counts()
    for a, b in pairs(names):
        counts = Counts()
        shared = _shared(docs, a, b)
        for d in shared:
            ra, rb = d.relations[a], d.relations[b]
            counts.add(len(ra & rb), len(ra), len(rb))
        if shared:
            pooled += counts
            pairwise.append({"a": a, "b": b, "documents": len(shared), "precision": counts.precision,
                             "recall": counts.recall, "f1": counts.f1})
    return {"pairwise": pairwise, "f1": pooled.f1 if pairwise else None}


def doc_label_kappa(names: list[str], docs: list[_Doc]) -> dict[str, Any]:
    """Per document label, each document a yes/no item: Cohen's κ per pair and Fleiss' κ.

    `kappa` is Cohen's κ when exactly two annotators are compared, Fleiss' κ otherwise.
    """
    labels = sorted({label for d in docs for ls in d.labels.values() for label in ls})
    cohen = []
    for a, b in pairs(names):
        shared = _shared(docs, a, b)
        if shared:
            kappas = {
                label: cohen_kappa(
                    [label in d.labels[a] for d in shared], [label in d.labels[b] for d in shared]
                )
                for label in labels
            }
            cohen.append({"a": a, "b": b, "kappa": kappas})
    fleiss = {
        label: fleiss_kappa([[label in d.labels[a] for a in d.names] for d in docs])
        for label in labels
    }
    kappa = cohen[0]["kappa"] if len(names) == 2 and cohen else fleiss
    return {"kappa": kappa, "cohen_kappa": cohen, "fleiss_kappa": fleiss}


def _worst(docs: list[_Doc], limit: int | None) -> list[dict[str, Any]]:
    rows = []
    for d in docs:
        lowest = None
        for a, b in pairs(d.names):
            exact, _ = span_counts(d.units[a], d.units[b])
            if lowest is None or exact.f1 < lowest[0]:
                lowest = (exact.f1, a, b)
        assert lowest is not None  # _prepare keeps documents with two annotators or more
        f1, a, b = lowest
        rows.append({"id": d.work.id, "title": d.work.title, "f1": f1, "a": a, "b": b})
    rows.sort(key=lambda r: (r["f1"], str(r["id"])))
    return rows if limit is None else rows[:limit]


def worst_documents(
    docs: Iterable[DocWork],
    annotators: Sequence[str] | None = None,
    labels: Collection[str] | None = None,
    limit: int | None = 10,
) -> list[dict[str, Any]]:
    """Documents by their lowest pairwise exact-match entity F1, worst first, to review first.

    Each row: id, title, f1, and the pair (a, b) that scored it; ties by id.
    """
    _names, prepared = _prepare(docs, annotators, labels)
    return _worst(prepared, limit)


def build_report(
    docs: Iterable[DocWork],
    annotators: Sequence[str] | None = None,
    labels: Collection[str] | None = None,
    worst: int | None = 10,
) -> dict[str, Any]:
    """Every agreement measure over `docs`, in the JSON shape of `spandesk agreement --json`.

    `annotators` chooses and orders whom to compare (default: everyone found);
    `labels` keeps only entity spans with those labels. Documents with fewer than
    two of the chosen annotators are left out and not counted.
    """
    names, prepared = _prepare(docs, annotators, labels)
    return {
        "documents": len(prepared),
        "annotators": names,
        "entities": _entities(names, prepared),
        "events": _events(names, prepared),
        "relations": _relations(names, prepared),
        "doc_labels": doc_label_kappa(names, prepared),
        "worst_documents": _worst(prepared, worst),
    }
