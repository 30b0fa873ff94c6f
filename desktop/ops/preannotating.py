"""Pre-annotation: a spaCy pipeline's entities stored as suggestions to review.

Only documents without suggestions from that model are run, so a second run
changes nothing; done and skipped documents are never touched, nor is any span
an annotator accepted or rejected. Results are committed in small batches, so
Ctrl+C (or Cancel) keeps every finished document.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.model import Layer, SpandeskError, Status
from desktop.core.spans import fresh_suggestions
from desktop.store import Store

COMMIT_EVERY = 32  # documents; also at least once a second
CLAIM = 64  # documents claimed at a time: a second run beside this one takes others


@dataclass
class PreannotateReport:
    model: str
    documents: int = 0
    spans: int = 0
    words: int = 0
    total: int = 0
    interrupted: bool = False


def preannotate(
    store: Store,
    *,
    model: str | None = None,
    processes: int = 1,
    batch_size: int = 16,
    force: bool = False,
    progress: Callable[[PreannotateReport], None] | None = None,
    annotator: str | None = None,
    nlp=None,
) -> PreannotateReport:
    """Run the model over pending documents; `nlp` reuses a pipeline already loaded."""
    from desktop.nlp.annotate import annotate
    from desktop.nlp.models import NO_MODEL_HELP, find_model, load, model_id

    if nlp is None:
        name = find_model(model or store.project.get("model"))
        if name is None:
            raise SpandeskError(NO_MODEL_HELP)
        nlp = load(name)
    else:
        name = None  # the caller chose the pipeline; the project setting stays as it is
    report = PreannotateReport(model_id(nlp))
    with store.writers.writing(f"pre-annotation with {report.model}", annotator) as writer:
        report.total = len(store.preannotations.pending(report.model, force=force, writer=writer))
        items = _claimed(store, report.model, writer, force)
        buffer: list = []
        last = time.monotonic()
        try:
            for doc_id, spans in annotate(nlp, items, processes=processes, batch_size=batch_size):
                buffer.append((doc_id, spans))
                if len(buffer) >= COMMIT_EVERY or time.monotonic() - last > 1.0:
                    batch, buffer, last = buffer, [], time.monotonic()
                    save_suggestions(store, report, batch, force=force, annotator=annotator)
                    if progress:
                        progress(report)
        except KeyboardInterrupt:
            report.interrupted = True
        finally:
            save_suggestions(store, report, buffer, force=force, annotator=annotator)
            if progress:
                progress(report)
    if name:
        store.project.set("model", name)
    return report


def claim_preannotation(store: Store, model: str, writer: int, limit: int, *, after: int = 0) -> list[int]:
    """Claim the next `limit` documents past id `after` that `model` has still to run on,
    for the run registered as `writer` (ops.start_writing); no other run takes them."""
    return store.preannotations.claim(model, writer, limit, after=after)


def _claimed(store: Store, model: str, writer: int, force: bool):
    """(doc_id, text) of the documents this run claims, CLAIM at a time as the model
    needs them; another run of the same model claims the others."""
    after = 0
    while ids := store.preannotations.claim(model, writer, CLAIM, after=after, force=force):
        after = ids[-1]
        for doc_id in ids:
            yield doc_id, store.documents.text(doc_id)


def save_suggestions(store: Store, report: PreannotateReport, results: list, *, force: bool = False,
                     annotator: str | None = None) -> list[int]:
    """Store one batch of (doc_id, spans) from the model in one transaction; the GUI's
    pre-annotation worker hands its results to this on the GUI thread. A document marked
    done or skipped while the model ran is left as it is. Returns the ids saved."""
    saved: list[int] = []
    if not results:
        return saved
    detail = json.dumps({"model": report.model, "documents": len(results)})
    with store.action("preannotate", annotator=annotator, undoable=False, detail=detail):
        for doc_id, spans in results:
            if store.documents.get_status(doc_id) in (Status.DONE, Status.SKIPPED):
                continue  # the annotator's decision, taken while the model was running
            saved.append(doc_id)
            text = store.documents.text(doc_id)
            if force:
                store.spans.delete_suggestions(doc_id, report.model)
            spans = fresh_suggestions(store.spans.for_doc(doc_id, layer=Layer.ENTITY), spans)
            added = store.spans.add_many(doc_id, spans, text)
            store.preannotations.mark_done(doc_id, report.model, added)
            report.documents += 1
            report.spans += added
            report.words += len(text.split())
    return saved
