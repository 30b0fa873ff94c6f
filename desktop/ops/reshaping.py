"""A wrong suggestion corrected in one gesture (issue 12's effort): new words and a new label
at once, where the edges move a word per key and the label is one more. Label-first with
Shift on a word's or a phrase's hint says "the span there, these words, this label"
(ui/commands/annotate.py). The same words elsewhere are offered the
label, as a relabel offers them (ops/same_words.py)."""

from __future__ import annotations

from desktop.core.model import BadInput, Layer
from desktop.core.spans import snap_to_tokens
from desktop.ops.annotate import _reshape  # (the one code that moves a span, twins and events with it)
from desktop.ops.outcome import Outcome
from desktop.ops.reading import document_tokens
from desktop.ops.same_words import offer_same_words
from desktop.store import Store


def reshape_words(store: Store, span_id: int, start: int, end: int, label: str,
                  annotator: str | None = None) -> Outcome:
    """The entity span takes the words [start, end) (snapped to whole tokens) and `label`;
    the same words elsewhere are offered the label. One undoable action."""
    doc_id, span = store.spans.get(span_id)
    text = store.documents.text(doc_id)
    if span.layer != Layer.ENTITY:
        raise BadInput(f"Only an entity span takes new words and a label at once, not a {span.layer}.")
    snapped = snap_to_tokens(document_tokens(store, doc_id, text), start, end, text=text) if 0 <= start < end <= len(
        text) else None
    if snapped is None:
        raise BadInput(f"No words at [{start}, {end}) to give span {span_id}.")
    with store.action("reshape span", annotator=annotator, doc_id=doc_id):
        outcome = _reshape(store, doc_id, span, snapped[0], snapped[1], label, annotator, "reshape span")
        changes = offer_same_words(store, doc_id, snapped[0], snapped[1], label)
    return Outcome(outcome.changes | changes, outcome.doc_id, outcome.span_id, outcome.event_id)
