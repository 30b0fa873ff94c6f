"""Moving a span's edge to a place (a mouse drag of its handle), snapped to whole tokens."""

from __future__ import annotations

from desktop.core.model import Changes, SpandeskError, Token
from desktop.core.spans import snap_to_tokens
from desktop.ops.annotate import _reshape
from desktop.ops.outcome import Outcome
from desktop.ops.reading import document_tokens
from desktop.store import Store


def move_span_edge(store: Store, span_id: int, side: str, to: int, annotator: str | None = None) -> Outcome:
    """Move a span's start or end to code point `to`, out to the whole token there; the
    other edge stays. An edge dragged past the other one is refused (nothing changes)."""
    if side not in ("start", "end"):
        raise ValueError(f"side must be 'start' or 'end', not {side!r}")
    doc_id, span = store.spans.get(span_id)
    text = store.documents.text(doc_id)
    start, end = (to, span.end) if side == "start" else (span.start, to)
    if end <= start:
        raise SpandeskError("A span's start must stay before its end: drag the edge back.")
    tokens = document_tokens(store, doc_id, text) or [Token(0, len(text), False)]
    snapped = snap_to_tokens(tokens, start, end, text=text)
    if snapped is None:
        raise SpandeskError("That leaves the span no words.")
    # Only the dragged edge moves: the other keeps its place even when it is mid-token.
    start, end = (snapped[0], span.end) if side == "start" else (span.start, snapped[1])
    if (start, end) == (span.start, span.end):
        return Outcome(Changes.NONE, doc_id, span_id)
    return _reshape(store, doc_id, span, start, end, span.label, annotator, "resize span")
