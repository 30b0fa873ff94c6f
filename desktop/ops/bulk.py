"""Search over annotations, and bulk actions (INCEpTION's annotation search and bulk edit).

Mark every occurrence of some words with a label, in one document or in all; accept or
reject every suggestion with the same words and label. Each bulk action is one action in
history (one undo takes it all back), and each has a `plan_…` twin that says how many spans
it would touch, so the window can show the count before it runs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from desktop.core.model import Changes, Layer, Source, Span, SpandeskError, State
from desktop.ops.outcome import Outcome, touch
from desktop.store import Store
from desktop.store import span_search


@dataclass(frozen=True)
class BulkOutcome(Outcome):
    """What a bulk action changed: `count` spans in `documents` documents."""

    count: int = 0
    documents: int = 0


@dataclass(frozen=True, slots=True)
class Found:
    """One annotation a search found, with its document."""

    doc_id: int
    span: Span


def search_annotations(store: Store, words: str = "", *, label: str | None = None, state: str | None = None,
                       annotator: str | None = None, limit: int = 500) -> list[Found]:
    """Entity spans whose text holds `words` (any case; "" for any), with the label, state
    and annotator given; at most `limit`, in document order."""
    found = span_search.spans(store, contains=words.strip() or None, label=label or None, state=state or None,
                              annotator=annotator or None, limit=limit)
    return [Found(doc_id, span) for doc_id, span in found]


def occurrences(store: Store, words: str, doc_id: int | None = None) -> dict[int, list[tuple[int, int]]]:
    """Where `words` stand as whole words: {doc_id: [(start, end), ...]} in one document or all."""
    words = words.strip()
    if not words:
        return {}
    # Whole words only: "Kazakh" is not marked inside "Kazakhstan".
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    found = {}
    for doc in span_search.documents_holding(store, words, doc_id):
        hits = [(m.start(), m.end()) for m in pattern.finditer(store.documents.text(doc))]
        if hits:
            found[doc] = hits
    return found


def _to_mark(store: Store, words: str, label: str, doc_id: int | None) -> list[tuple[int, int, int, Span | None]]:
    """(doc, start, end, twin) of each occurrence not already an accepted span with `label`."""
    out = []
    for doc, hits in occurrences(store, words, doc_id).items():
        for start, end in hits:
            twin = store.spans.find(doc, start, end, label, Layer.ENTITY)
            if twin is None or twin.state != State.ACCEPTED:
                out.append((doc, start, end, twin))
    return out


def plan_mark_all(store: Store, words: str, label: str, doc_id: int | None = None) -> tuple[int, int]:
    """(spans, documents) that `mark_all` would mark."""
    todo = _to_mark(store, words, label, doc_id)
    return len(todo), len({doc for doc, *_ in todo})


def mark_all(store: Store, words: str, label: str, doc_id: int | None = None,
             annotator: str | None = None) -> BulkOutcome:
    """Mark every whole-word occurrence of `words` with `label` (accepted), in document
    `doc_id` or in all documents; a suggestion or rejected span already there is accepted.
    One action: one undo takes every mark back."""
    if label not in {e.name for e in _label_set(store).entities}:
        raise SpandeskError(f"no entity label {label!r} in this project's schema")
    todo = _to_mark(store, words, label, doc_id)
    if not todo:
        return BulkOutcome(Changes.NONE, doc_id)
    docs = sorted({doc for doc, *_ in todo})
    detail = json.dumps({"words": words, "label": label, "count": len(todo)}, ensure_ascii=False)
    changes = Changes.SPANS
    with store.action("mark every occurrence", annotator=annotator, doc_id=docs[0] if len(docs) == 1 else None,
                      detail=detail):
        texts: dict[int, str] = {}
        for doc, start, end, twin in todo:
            text = texts.setdefault(doc, store.documents.text(doc))
            if twin is not None:
                store.spans.update(twin.id, text, state=State.ACCEPTED, annotator=annotator)
            else:
                store.spans.add(doc, Span(start, end, label, text[start:end], Layer.ENTITY, Source.ANNOTATOR,
                                          State.ACCEPTED, annotator), text)
        for doc in docs:
            changes |= touch(store, doc)
    return BulkOutcome(changes, docs[0] if len(docs) == 1 else None, count=len(todo), documents=len(docs))


def _same_suggestions(store: Store, words: str, label: str) -> list[tuple[int, Span]]:
    return span_search.spans(store, text=words, label=label, state=State.SUGGESTED)


def plan_judge_all(store: Store, words: str, label: str) -> tuple[int, int]:
    """(suggestions, documents) with exactly `words` and `label` that `judge_all` would judge."""
    found = _same_suggestions(store, words, label)
    return len(found), len({doc for doc, _span in found})


def judge_all(store: Store, words: str, label: str, accept: bool, annotator: str | None = None) -> BulkOutcome:
    """Accept (or reject) every open suggestion with exactly `words` and `label`, in every
    document. One action: one undo takes it back."""
    found = _same_suggestions(store, words, label)
    if not found:
        return BulkOutcome(Changes.NONE)
    docs = sorted({doc for doc, _span in found})
    name = "accept every suggestion" if accept else "reject every suggestion"
    detail = json.dumps({"words": words, "label": label, "count": len(found)}, ensure_ascii=False)
    changes = Changes.SPANS
    with store.action(name, annotator=annotator, doc_id=docs[0] if len(docs) == 1 else None, detail=detail):
        texts: dict[int, str] = {}
        for doc, span in found:
            text = texts.setdefault(doc, store.documents.text(doc))
            if not accept:
                events, arguments = store.events.detach_span(span.id)
                if events or arguments:
                    changes |= Changes.EVENTS
            store.spans.update(span.id, text, state=State.ACCEPTED if accept else State.REJECTED,
                               annotator=annotator)
        for doc in docs:
            changes |= touch(store, doc)
    return BulkOutcome(changes, docs[0] if len(docs) == 1 else None, count=len(found), documents=len(docs))


def _label_set(store: Store):
    from desktop.ops.project import project_label_set

    return project_label_set(store)
