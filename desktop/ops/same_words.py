"""The same words, the same label (INCEpTION's string-matching recommender, issue 12's
effort): when the annotator gives words a label, by marking them or by relabelling a span,
the other places in the document where the same words stand as whole tokens are offered
that label too, as suggestions in the same action (one undo takes them all back).

An annotator who marks "CSTO" as ORG once should not have to find and mark it three more
times; a suggestion costs nothing to keep (A accepts it) and one X to refuse. Where a
suggestion already covers exactly those words with another label, it is relabelled (still a
suggestion); where any other span overlaps them, or the annotator once refused that very
span, nothing is offered.
"""

from __future__ import annotations

from desktop.core.model import Changes, Layer, Source, Span, State
from desktop.ops.annotate import add_span, relabel_span
from desktop.ops.outcome import Outcome
from desktop.ops.reading import document_tokens
from desktop.store import Store

MODEL = "same words"  # the `model` of the suggestions made here (their tooltip and history say so)


def label_words(store: Store, doc_id: int, start: int, end: int, label: str,
                annotator: str | None = None) -> Outcome:
    """Mark [start, end) with `label` (as `add_span`) and offer it on the same words elsewhere."""
    with store.action("add span", annotator=annotator, doc_id=doc_id):
        outcome = add_span(store, doc_id, start, end, label, annotator)
        changes = offer_same_words(store, doc_id, start, end, label)
    return Outcome(outcome.changes | changes, doc_id, outcome.span_id)


def relabel_words(store: Store, span_id: int, label: str, annotator: str | None = None) -> Outcome:
    """Relabel a span (as `relabel_span`) and offer the new label on the same words elsewhere."""
    doc_id, span = store.spans.get(span_id)
    with store.action("relabel span", annotator=annotator, doc_id=doc_id):
        outcome = relabel_span(store, span_id, label, annotator)
        changes = Changes.NONE
        if span.layer == Layer.ENTITY and label != span.label:
            changes = offer_same_words(store, doc_id, span.start, span.end, label)
    return Outcome(outcome.changes | changes, outcome.doc_id, outcome.span_id, outcome.event_id)


def offer_same_words(store: Store, doc_id: int, start: int, end: int, label: str) -> Changes:
    """Inside an action: suggest `label` wherever the words [start, end) stand again as whole
    tokens; returns the changes made."""
    text = store.documents.text(doc_id)
    words = text[start:end]
    if not words.strip():
        return Changes.NONE
    tokens = document_tokens(store, doc_id, text)
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    spans = store.spans.for_doc(doc_id, layer=Layer.ENTITY)
    changes = Changes.NONE
    at = text.find(words)
    while at >= 0:
        there = (at, at + len(words))
        at = text.find(words, at + 1)
        if there == (start, end) or there[0] not in starts or there[1] not in ends:
            continue
        here = [s for s in spans if s.start < there[1] and there[0] < s.end]
        if any(s.state == State.REJECTED and (s.start, s.end, s.label) == (*there, label) for s in here):
            continue  # refused once: not offered again
        live = [s for s in here if s.state != State.REJECTED]
        if not live:
            store.spans.add(doc_id, Span(*there, label, words, Layer.ENTITY, Source.MODEL, State.SUGGESTED,
                                         model=MODEL), text)
            changes |= Changes.SPANS
        elif (len(live) == 1 and live[0].state == State.SUGGESTED and (live[0].start, live[0].end) == there
              and live[0].label != label and store.spans.find(doc_id, *there, label, Layer.ENTITY) is None):
            store.spans.update(live[0].id, text, label=label)
            changes |= Changes.SPANS
    return changes
