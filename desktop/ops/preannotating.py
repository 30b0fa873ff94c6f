"""Pre-annotation: a spaCy pipeline's entities stored as suggestions to review.

Only documents without suggestions from that model are run, so a second run
changes nothing; done and skipped documents are never touched, nor is any span
an annotator accepted or rejected. One generator, `preannotation_batches`, does the
work for the CLI (`preannotate` loops over it) and for the window (a background job
runs it on a connection of its own): it claims documents, runs the model and commits
its suggestions in small batches, so Ctrl+C (or Cancel) keeps every finished document
and the window's own writes interleave with it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field

from desktop.core.model import Layer, SpandeskError, Status
from desktop.core.spans import fresh_suggestions
from desktop.store import Store

COMMIT_EVERY = 32  # documents per transaction
COMMIT_SECONDS = 0.5  # and at least this often, so progress (and Cancel) moves
CLAIM = 64  # documents claimed at a time: a second run beside this one takes others


@dataclass
class PreannotateReport:
    model: str
    documents: int = 0
    spans: int = 0
    words: int = 0
    total: int = 0
    interrupted: bool = False
    saved: list[int] = field(default_factory=list)  # the documents the latest batch saved


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
    """Run the model over pending documents (`spandesk preannotate`): a loop over
    `preannotation_batches`. `nlp` reuses a pipeline already loaded; otherwise the model
    found becomes the project's model. Ctrl+C ends it with `interrupted` set."""
    from desktop.nlp.models import model_id

    name = None  # with `nlp`, the caller chose the pipeline: the project setting stays as it is
    if nlp is None:
        name, nlp = _pipeline(store, model)
    report = PreannotateReport(model_id(nlp))  # until the run's own (an interrupt may come first)
    batches = preannotation_batches(store, nlp=nlp, processes=processes, batch_size=batch_size,
                                    force=force, annotator=annotator)
    try:
        with closing(batches):  # an interrupt between two batches ends the run (and its claims) now
            for n, report in enumerate(batches):
                if progress and n:  # after each committed batch (the first report only registers the run)
                    progress(report)
    except KeyboardInterrupt:
        report.interrupted = True
        if progress:
            progress(report)  # what the last batch saved on the way out
    if name:
        store.project.set("model", name)
    return report


def preannotation_batches(
    store: Store,
    model: str | None = None,
    *,
    nlp=None,
    force: bool = False,
    processes: int = 1,
    batch_size: int = 16,
    annotator: str | None = None,
) -> Iterator[PreannotateReport]:
    """Pre-annotate in committed batches, yielding the running report (one object, updated):
    once when the run is registered and its `total` known, then after each batch is
    committed, with `saved` naming that batch's documents. The run is registered as a
    writer and claims its documents CLAIM at a time, so a run beside it takes others;
    its claims end with it. Stopping early (close(), an exception, Ctrl+C) keeps every
    batch already committed and saves the documents the model had finished."""
    from desktop.nlp.annotate import annotate  # spaCy loads only when a run starts
    from desktop.nlp.models import model_id

    if nlp is None:
        nlp = _pipeline(store, model)[1]
    report = PreannotateReport(model_id(nlp))
    with store.writers.writing(f"pre-annotation with {report.model}", annotator) as writer:
        report.total = len(store.preannotations.pending(report.model, force=force, writer=writer))
        yield report
        items = _claimed(store, report.model, writer, force)
        pending: list = []
        last = time.monotonic()
        try:
            for doc_id, spans in annotate(nlp, items, processes=processes, batch_size=batch_size):
                pending.append((doc_id, spans))
                if len(pending) >= COMMIT_EVERY or time.monotonic() - last > COMMIT_SECONDS:
                    batch, pending, last = pending, [], time.monotonic()
                    report.saved = save_suggestions(store, report, batch, force=force, annotator=annotator)
                    yield report
        finally:
            # Also on the way out of an interrupt: what the model finished is kept.
            last_batch, pending = pending, []
            if last_batch:
                report.saved = save_suggestions(store, report, last_batch, force=force, annotator=annotator)
        if last_batch:
            yield report


def _pipeline(store: Store, model: str | None):
    """(name, loaded pipeline) of `model`, else of the project's model, else of a default one."""
    from desktop.nlp.models import NO_MODEL_HELP, find_model, load

    name = find_model(model or store.project.get("model"))
    if name is None:
        raise SpandeskError(NO_MODEL_HELP)
    return name, load(name)


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
    """Store one batch of (doc_id, spans) from the model in one transaction. A document
    marked done or skipped while the model ran is left as it is. Returns the ids saved."""
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
