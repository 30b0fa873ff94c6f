"""Adjudication: the annotators' versions of a document made into the master's own (gold) layer.

What everyone marked is agreed, and `preaccept` copies it into the gold layer. The rest are
disagreements: the candidate entity spans (and document labels) only some annotators marked,
grouped where their offsets overlap, so "Ana Smith PERSON" (ana) and "Ana PERSON" (ben) are one
decision. Events, relations (grouped by the pair of spans they link, so "works_for" against
"lives_in" between the same two spans is one decision) and document labels are compared the
same way. `decide` takes one annotator's version of a disagreement, everyone's (`BOTH`), or
none (`NEITHER`); each decision is one undoable action on the master's spans and labels, so
the window's undo and the history cover adjudication like any annotation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from desktop.core.annotations import Relation
from desktop.core.model import Changes, Event, Layer, Source, Span, State
from desktop.ops.outcome import Outcome, touch
from desktop.store import Store
from desktop.store.team import team_of

BOTH, NEITHER = "*both", "*neither"
Key = tuple[int, int, str]  # start, end, label
# An event as adjudication compares it: trigger start, end, type, and its arguments
# (role, start, end, label, and for an argument that is an event that event's key as a
# sorted tuple, () for a span), so two annotators' events match when all of that does.
EventKey = tuple[int, int, str, frozenset]
# A relation as adjudication compares it: its head's and child's Keys and its label.
RelationKey = tuple[Key, Key, str]


def relation_key(relation: Relation) -> RelationKey:
    h, c = relation.head, relation.child
    return ((h.start, h.end, h.label), (c.start, c.end, c.label), relation.label)


def event_key(event: Event) -> EventKey:
    return (event.trigger.start, event.trigger.end, event.type, frozenset(_argument_keys(event)))


def _argument_keys(event: Event) -> list[tuple]:
    # events may share a trigger and type: an argument that is one is told apart by its own key
    return [(a.role, a.span.start, a.span.end, a.span.label, _nested(a.event) if a.event is not None else ())
            for a in event.arguments]


def _nested(event: Event) -> tuple:
    """An argument event's key with its arguments sorted, so keys holding it stay orderable."""
    return (event.trigger.start, event.trigger.end, event.type, tuple(sorted(_argument_keys(event))))


@dataclass(frozen=True)
class Disagreement:
    """One decision: the spans (or a document label) some annotators marked and others not."""

    start: int
    end: int
    options: dict[str, tuple]  # annotator -> their spans (Keys), events or relations here; empty: none
    label: str | None = None  # a document label's disagreement (start = end = 0)
    events: Mapping[EventKey, Event] = field(default_factory=dict)  # an events disagreement's events
    relations: Mapping[RelationKey, Relation] = field(default_factory=dict)  # a relations disagreement's

    @property
    def kind(self) -> str:
        return ("label" if self.label is not None else "event" if self.events
                else "relation" if self.relations else "span")

    @property
    def keys(self) -> set:
        return {k for ks in self.options.values() for k in ks}

    def who(self, key) -> list[str]:
        return [a for a, ks in self.options.items() if key in ks]


@dataclass
class Review:
    """A document's adjudication: the annotators compared, what they agree on, the rest."""

    doc_id: int
    annotators: list[str]
    agreed: list[Key] = field(default_factory=list)
    agreed_labels: list[str] = field(default_factory=list)
    agreed_events: list[Event] = field(default_factory=list)
    agreed_relations: list[Relation] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    f1: float | None = None  # the lowest pairwise entity F1 (exact), as `worst_documents` scores it


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
    out.f1 = _lowest_f1(list(marked.values()))
    out.agreed = sorted(k for k in everything if all(k in marked[a] for a in names))
    for group in _overlapping(everything - set(out.agreed)):
        out.disagreements.append(Disagreement(min(k[0] for k in group), max(k[1] for k in group),
                                              {a: tuple(k for k in group if k in marked[a]) for a in names}))
    events = {a: {event_key(e): e for e in v.events} for a, v in versions.items()}
    every_event = {k: e for by in events.values() for k, e in by.items()}
    agreed_events = {k for k in every_event if all(k in events[a] for a in names)}
    out.agreed_events = [every_event[k] for k in sorted(agreed_events, key=_order)]
    for group in _overlapping(set(every_event) - agreed_events):
        out.disagreements.append(Disagreement(
            min(k[0] for k in group), max(k[1] for k in group),
            {a: tuple(k for k in group if k in events[a]) for a in names}, events={k: every_event[k] for k in group}))
    _relation_disagreements(out, {a: {relation_key(r): r for r in v.relations} for a, v in versions.items()})
    out.disagreements.sort(key=lambda d: (d.start, d.end, d.kind))
    labels = {a: set(v.labels) for a, v in versions.items()}
    all_labels = set().union(*labels.values())
    out.agreed_labels = sorted(lb for lb in all_labels if all(lb in labels[a] for a in names))
    for lb in sorted(all_labels - set(out.agreed_labels)):
        out.disagreements.append(Disagreement(0, 0, {a: ((0, 0, lb),) if lb in labels[a] else () for a in names},
                                              label=lb))
    return out


def _lowest_f1(marked: list[set[Key]]) -> float | None:
    """The lowest exact-match F1 between any two annotators' spans (both empty: 1.0), None
    for fewer than two: the same figure core/agreement's `worst_documents` gives, without
    reading the document again (the review window shows it on every switch)."""
    scores = [2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0
              for i, a in enumerate(marked) for b in marked[i + 1:]]
    return min(scores) if scores else None


def _relation_disagreements(out: Review, marked: dict[str, dict[RelationKey, Relation]]) -> None:
    """The agreed relations, and one disagreement per pair of spans the others relate differently."""
    every = {k: r for by in marked.values() for k, r in by.items()}
    agreed = {k for k in every if all(k in marked[a] for a in out.annotators)}
    out.agreed_relations = [every[k] for k in sorted(agreed)]
    groups: dict[tuple[Key, Key], list[RelationKey]] = {}
    for key in sorted(set(every) - agreed):
        groups.setdefault((key[0], key[1]), []).append(key)
    for (head, child), keys in groups.items():
        out.disagreements.append(Disagreement(
            min(head[0], child[0]), max(head[1], child[1]),
            {a: tuple(k for k in keys if k in marked[a]) for a in out.annotators},
            relations={k: every[k] for k in keys}))


def _order(key: tuple) -> tuple:
    return (key[0], key[1], key[2], sorted(key[3]) if len(key) > 3 else [])


def _overlapping(keys: set) -> list[list]:
    """`keys` (each starting start, end, ...) in reading order, grouped where offsets overlap."""
    groups: list[list] = []
    for key in sorted(keys, key=_order):
        if groups and key[0] < max(k[1] for k in groups[-1]):
            groups[-1].append(key)
        else:
            groups.append([key])
    return groups


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


def _gold_events(store: Store, doc_id: int) -> dict[EventKey, Event]:
    return {event_key(e): e for e in store.events.for_doc(doc_id)}


def _add_event(store: Store, doc_id: int, event: Event, text: str, annotator: str | None,
               held: dict[EventKey, Event] | None = None) -> int:
    """The event in the gold layer: its trigger, its argument spans accepted, its roles; an
    argument that is an event names that event in the gold layer, added first when missing
    (`held`: the gold layer's events by key, kept up to date). Returns the event's id."""
    held = _gold_events(store, doc_id) if held is None else held
    if event_key(event) in held:
        return held[event_key(event)].id
    t = event.trigger
    trigger = store.spans.find(doc_id, t.start, t.end, event.type, Layer.TRIGGER)
    if trigger is None:
        trigger_id = store.spans.add(doc_id, Span(t.start, t.end, event.type, text[t.start:t.end], Layer.TRIGGER,
                                                  Source.ANNOTATOR, State.ACCEPTED, annotator), text)
    else:
        if trigger.state != State.ACCEPTED:
            store.spans.update(trigger.id, text, state=State.ACCEPTED, annotator=annotator)
        trigger_id = trigger.id
    refs = {}  # the gold events this one's event arguments are, before it (they may share its trigger)
    for arg in event.arguments:
        if arg.event is not None and id(arg.event) not in refs:
            _add_event(store, doc_id, arg.event, text, annotator, held)
            refs[id(arg.event)] = held[event_key(arg.event)]
    event_id = store.events.add(doc_id, trigger_id, event.type, annotator)
    for arg in event.arguments:
        key = (arg.span.start, arg.span.end, arg.span.label)
        if arg.event is not None:
            ref = refs[id(arg.event)]
            store.events.add_argument(event_id, ref.trigger.id, arg.role, arg_event_id=ref.id)
            continue
        _accept(store, doc_id, key, text, annotator, _gold(store, doc_id))
        span = store.spans.find(doc_id, *key, Layer.ENTITY)
        if span is not None:
            store.events.add_argument(event_id, span.id, arg.role)
    # as the gold layer now holds it: what _drop_event and a later argument naming it need
    held[event_key(event)] = replace(event, id=event_id, trigger=replace(t, id=trigger_id))
    return event_id


def _drop_event(store: Store, event: Event) -> None:
    """The event out of the gold layer, with its trigger span when no other event uses it."""
    store.events.delete(event.id)
    if not store.events.triggered_by(event.trigger.id):
        store.spans.delete(event.trigger.id)


def _gold_relations(store: Store, doc_id: int) -> dict[RelationKey, int]:
    return {relation_key(r): row_id for row_id, r in store.kinds.for_doc(doc_id).relations}


def _add_relation(store: Store, doc_id: int, relation: Relation, text: str, annotator: str | None) -> None:
    """The relation in the gold layer, its two spans accepted there first."""
    ends = []
    for span in (relation.head, relation.child):
        key = (span.start, span.end, span.label)
        if span.layer == Layer.ENTITY:
            _accept(store, doc_id, key, text, annotator, _gold(store, doc_id))
        found = store.spans.find(doc_id, *key, str(span.layer))
        if found is None:  # a trigger the gold layer lacks: its event's decision brings it
            return
        ends.append(found.id)
    store.kinds.add_relation(doc_id, ends[0], ends[1], relation.label, relation.head_role, relation.child_role,
                             annotator)


def preaccept(store: Store, doc_id: int, annotator: str | None = None) -> Outcome:
    """Copy what every annotator agrees on (spans, events, relations and document labels) into the gold layer,
    as one action; nothing when it is there already."""
    r = review(store, doc_id)
    gold = _gold(store, doc_id)
    todo = [k for k in r.agreed if k not in gold or gold[k].state != State.ACCEPTED]
    labels = [lb for lb in r.agreed_labels if not store.doc_labels.has(doc_id, lb)]
    held = _gold_events(store, doc_id)
    events = [e for e in r.agreed_events if event_key(e) not in held]
    held_relations = _gold_relations(store, doc_id) if r.agreed_relations else {}
    relations = [x for x in r.agreed_relations if relation_key(x) not in held_relations]
    if not todo and not labels and not events and not relations:
        return Outcome(Changes.NONE, doc_id)
    text = store.documents.text(doc_id)
    with store.action("accept agreed", annotator=annotator, doc_id=doc_id, detail=f"{len(todo)} spans"):
        for key in todo:
            _accept(store, doc_id, key, text, annotator, gold)
        for lb in labels:
            store.doc_labels.add(doc_id, lb, annotator)
        for event in events:
            _add_event(store, doc_id, event, text, annotator, held)
        for relation in relations:
            _add_relation(store, doc_id, relation, text, annotator)
        changes = touch(store, doc_id)
    return Outcome(Changes.SPANS | Changes.EVENTS | Changes.DOC_LABELS | Changes.KINDS | changes, doc_id)


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
        elif disagreement.events:
            held = _gold_events(store, doc_id)
            for key in disagreement.keys - keep:
                if key in held:
                    _drop_event(store, held[key])
            held = _gold_events(store, doc_id)  # what the drops left
            for key in sorted(keep - set(held), key=_order):
                _add_event(store, doc_id, disagreement.events[key], text, annotator, held)
            changes = Changes.SPANS | Changes.EVENTS
        elif disagreement.relations:
            held_relations = _gold_relations(store, doc_id)
            for key in sorted(disagreement.keys - keep):
                if key in held_relations:
                    store.kinds.delete_relation(held_relations[key])
            for key in sorted(keep - set(held_relations)):
                _add_relation(store, doc_id, disagreement.relations[key], text, annotator)
            changes = Changes.SPANS | Changes.KINDS
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
    return decisions(store, doc_id, [disagreement])[0]


def decisions(store: Store, doc_id: int, disagreements: list[Disagreement]) -> list[str | None]:
    """`decided` for each of a document's disagreements, the gold layer read once."""
    kinds = {d.kind for d in disagreements}
    gold: dict = {}
    if "span" in kinds:
        gold["span"] = {k for k, s in _gold(store, doc_id).items() if s.state == State.ACCEPTED}
    if "event" in kinds:
        gold["event"] = set(_gold_events(store, doc_id))
    if "relation" in kinds:
        gold["relation"] = set(_gold_relations(store, doc_id))
    if "label" in kinds:
        gold["label"] = {(0, 0, lb) for lb in {d.label for d in disagreements if d.label is not None}
                         if store.doc_labels.has(doc_id, lb)}
    return [_matched(d, gold[d.kind] & d.keys) for d in disagreements]


def _matched(disagreement: Disagreement, present: set) -> str | None:
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
