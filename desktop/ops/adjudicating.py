"""Adjudication: the annotators' versions of a document made into the master's own (gold) layer.

What everyone marked is agreed, and `preaccept` copies it into the gold layer. The rest are
disagreements: the candidate entity spans (and document labels) only some annotators marked,
grouped where their offsets overlap, so "Ana Smith PERSON" (ana) and "Ana PERSON" (ben) are one
decision. `decide` takes one annotator's version of a disagreement, everyone's (`BOTH`), or
none (`NEITHER`); each decision is one undoable action on the master's spans and labels, so
the window's undo and the history cover adjudication like any annotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.model import Changes, Layer, Source, Span, State
from desktop.ops.outcome import Outcome, touch
from desktop.store import Store
from desktop.store.team import team_of

BOTH, NEITHER = "*both", "*neither"
Key = tuple[int, int, str]  # start, end, label


@dataclass(frozen=True)
class Disagreement:
    """One decision: the spans (or a document label) some annotators marked and others not."""

    start: int
    end: int
    options: dict[str, tuple[Key, ...]]  # annotator -> their spans here (empty: marked none)
    label: str | None = None  # a document label's disagreement (start = end = 0)

    @property
    def keys(self) -> set[Key]:
        return {k for ks in self.options.values() for k in ks}

    def who(self, key: Key) -> list[str]:
        return [a for a, ks in self.options.items() if key in ks]


@dataclass
class Review:
    """A document's adjudication: the annotators compared, what they agree on, the rest."""

    doc_id: int
    annotators: list[str]
    agreed: list[Key] = field(default_factory=list)
    agreed_labels: list[str] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)


def _entity_keys(spans: list[Span]) -> set[Key]:
    return {(s.start, s.end, s.label) for s in spans if s.layer == Layer.ENTITY and s.state == State.ACCEPTED}


def review(store: Store, doc_id: int, annotators: list[str] | None = None) -> Review:
    """The agreed spans and the disagreements of a document among its annotators' versions
    (all who have one, or `annotators`); disagreements in reading order, labels last."""
    versions = team_of(store).versions(doc_id, annotators)
    names = list(versions)
    marked = {a: _entity_keys(v.spans) for a, v in versions.items()}
    out = Review(doc_id, names)
    if not names:
        return out
    everything = set().union(*marked.values())
    out.agreed = sorted(k for k in everything if all(k in marked[a] for a in names))
    rest = sorted(everything - set(out.agreed))
    group: list[Key] = []
    for key in rest + [None]:  # None flushes the last group
        if key is not None and (not group or key[0] < max(k[1] for k in group)):
            group.append(key)
            continue
        if group:
            out.disagreements.append(Disagreement(
                min(k[0] for k in group), max(k[1] for k in group),
                {a: tuple(k for k in group if k in marked[a]) for a in names}))
        group = [key] if key is not None else []
    labels = {a: set(v.labels) for a, v in versions.items()}
    all_labels = set().union(*labels.values())
    out.agreed_labels = sorted(lb for lb in all_labels if all(lb in labels[a] for a in names))
    for lb in sorted(all_labels - set(out.agreed_labels)):
        out.disagreements.append(Disagreement(0, 0, {a: ((0, 0, lb),) if lb in labels[a] else () for a in names},
                                              label=lb))
    return out


def _gold(store: Store, doc_id: int) -> dict[Key, Span]:
    return {(s.start, s.end, s.label): s for s in store.spans.for_doc(doc_id, layer=Layer.ENTITY)}


def _accept(store: Store, doc_id: int, key: Key, text: str, annotator: str | None, gold: dict[Key, Span]) -> None:
    span = gold.get(key)
    if span is None:
        store.spans.add(doc_id, Span(key[0], key[1], key[2], text[key[0]:key[1]], Layer.ENTITY, Source.ANNOTATOR,
                                     State.ACCEPTED, annotator), text)
    elif span.state != State.ACCEPTED:
        store.spans.update(span.id, text, state=State.ACCEPTED, annotator=annotator)


def _drop(store: Store, doc_id: int, key: Key, text: str, annotator: str | None, gold: dict[Key, Span]) -> None:
    span = gold.get(key)
    if span is None or span.state == State.REJECTED:
        return
    store.events.detach_span(span.id)
    if span.source == Source.ANNOTATOR:
        store.spans.delete(span.id)
    else:  # a model's suggestion is rejected, never deleted (statistics count it)
        store.spans.update(span.id, text, state=State.REJECTED, annotator=annotator)


def preaccept(store: Store, doc_id: int, annotator: str | None = None) -> Outcome:
    """Copy what every annotator agrees on (spans and document labels) into the gold layer,
    as one action; nothing when it is there already."""
    r = review(store, doc_id)
    gold = _gold(store, doc_id)
    todo = [k for k in r.agreed if k not in gold or gold[k].state != State.ACCEPTED]
    labels = [lb for lb in r.agreed_labels if not store.doc_labels.has(doc_id, lb)]
    if not todo and not labels:
        return Outcome(Changes.NONE, doc_id)
    text = store.documents.text(doc_id)
    with store.action("accept agreed", annotator=annotator, doc_id=doc_id, detail=f"{len(todo)} spans"):
        for key in todo:
            _accept(store, doc_id, key, text, annotator, gold)
        for lb in labels:
            store.doc_labels.add(doc_id, lb, annotator)
        changes = touch(store, doc_id)
    return Outcome(Changes.SPANS | Changes.DOC_LABELS | changes, doc_id)


def decide(store: Store, doc_id: int, disagreement: Disagreement, choice: str,
           annotator: str | None = None) -> Outcome:
    """Settle one disagreement in the gold layer: `choice` is an annotator (their version),
    BOTH (everyone's) or NEITHER (none of it). One undoable action."""
    if choice == BOTH:
        keep = disagreement.keys
    elif choice == NEITHER:
        keep = set()
    else:
        keep = set(disagreement.options[choice])
    text = store.documents.text(doc_id)
    with store.action(f"adjudicate: {choice.lstrip('*')}", annotator=annotator, doc_id=doc_id):
        if disagreement.label is not None:
            if keep:
                store.doc_labels.add(doc_id, disagreement.label, annotator)
            else:
                store.doc_labels.remove(doc_id, disagreement.label)
            changes = Changes.DOC_LABELS
        else:
            gold = _gold(store, doc_id)
            for key in sorted(disagreement.keys - keep):
                _drop(store, doc_id, key, text, annotator, gold)
            for key in sorted(keep):
                _accept(store, doc_id, key, text, annotator, gold)
            changes = Changes.SPANS | Changes.EVENTS
        changes |= touch(store, doc_id)
    return Outcome(changes, doc_id)


def decided(store: Store, doc_id: int, disagreement: Disagreement) -> str | None:
    """Which choice the gold layer now matches for a disagreement (an annotator, BOTH or
    NEITHER), or None when it matches none: the window marks the settled ones."""
    if disagreement.label is not None:
        present = {(0, 0, disagreement.label)} if store.doc_labels.has(doc_id, disagreement.label) else set()
    else:
        gold = _gold(store, doc_id)
        present = {k for k in disagreement.keys if k in gold and gold[k].state == State.ACCEPTED}
    for name, keys in disagreement.options.items():
        if present == set(keys) and keys:
            return name
    if present == disagreement.keys:
        return BOTH
    return NEITHER if not present else None


def document_agreement(store: Store, doc_id: int) -> float | None:
    """The document's lowest pairwise entity F1 (exact match) among its annotators' versions."""
    from desktop.core.agreement import worst_documents
    from desktop.ops.agreement import doc_work

    rows = worst_documents([doc_work(store, team_of(store), doc_id)], limit=1)
    return rows[0]["f1"] if rows else None


def team_agreement(store: Store) -> dict[str, float | None]:
    """The team's entity F1 (pooled over pairs) and Krippendorff's alpha, over every
    document two annotators worked on: what the review window shows beside the document's."""
    from desktop.ops.agreement import measure_agreement

    report = measure_agreement(store, docs="all", worst=0)
    pairs = report["entities"]["pairwise"]
    f1 = sum(p["f1"] * p["documents"] for p in pairs) / sum(p["documents"] for p in pairs) if pairs else None
    return {"documents": report["documents"], "f1": f1, "alpha": report["entities"]["krippendorff_alpha"]}


def review_documents(store: Store) -> list[int]:
    """Documents two or more annotators have versions of, in id order: what there is to adjudicate."""
    team = team_of(store)
    return team.shared_docs(team.annotators(), done=False)
