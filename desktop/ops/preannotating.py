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
    events: int = 0  # suggested events (and their arguments) stored
    arguments: int = 0
    event_model: str | None = None  # what suggested them (a lexicon or a trained trigger model)
    doc_labels: int = 0  # suggested document labels stored (a trained model's, issue 13)


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
    events: bool | None = None,
) -> PreannotateReport:
    """Run the model over pending documents (`spandesk preannotate`): a loop over
    `preannotation_batches`. `nlp` reuses a pipeline already loaded; otherwise the model
    found becomes the project's model. Ctrl+C ends it with `interrupted` set."""
    from desktop.nlp.models import model_id

    name = None  # with `nlp`, the caller chose the pipeline: the project setting stays as it is
    if nlp is None:
        name, nlp = _pipeline(store, model)
    report = PreannotateReport(model_id(nlp))  # until the run's own (an interrupt may come first)
    batches = preannotation_batches(store, name or model, nlp=nlp, processes=processes, batch_size=batch_size,
                                    force=force, annotator=annotator, events=events)
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
    events: bool | None = None,
) -> Iterator[PreannotateReport]:
    """Pre-annotate in committed batches, yielding the running report (one object, updated):
    once when the run is registered and its `total` known, then after each batch is
    committed, with `saved` naming that batch's documents. The run is registered as a
    writer and claims its documents CLAIM at a time, so a run beside it takes others;
    its claims end with it. Stopping early (close(), an exception, Ctrl+C) keeps every
    batch already committed and saves the documents the model had finished.

    `events`: also suggest events (triggers from the model's trained trigger component or
    the label set's trigger lexicon, arguments from the roles); None: whenever the
    pipeline can (it parses) and the project has event types with a lexicon or a model."""
    from desktop.nlp.annotate import annotate  # spaCy loads only when a run starts
    from desktop.nlp.models import model_id

    if nlp is None:
        model, nlp = _pipeline(store, model)
    report = PreannotateReport(model_id(nlp))
    suggester = _event_suggester(store, model, events)
    report.event_model = suggester.model if suggester else None
    labeller = _doc_labeller(store, model)
    with store.writers.writing(f"pre-annotation with {report.model}", annotator) as writer:
        report.total = len(store.preannotations.pending(report.model, force=force, writer=writer))
        yield report
        items = _claimed(store, report.model, writer, force)
        pending: list = []
        last = time.monotonic()
        try:
            for doc_id, spans in annotate(nlp, items, processes=processes, batch_size=batch_size):
                pending.append((doc_id, spans, _events(store, suggester, doc_id, spans),
                                labeller.labels(store.documents.text(doc_id)) if labeller else [],
                                labeller.model if labeller else None))
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
    from desktop.ops.models import resolve_model

    name = find_model(resolve_model(store, model) or store.project.get("model"))
    if name is None:
        raise SpandeskError(NO_MODEL_HELP)
    return name, load(name)


def _event_suggester(store: Store, model: str | None, wanted: bool | None):
    """The event suggester of this run, or None when events are not to be (or cannot be) suggested."""
    from desktop.core.triggers import default_lexicon
    from desktop.nlp.models import find_model
    from desktop.nlp.suggest_events import EventSuggestions, can_suggest
    from desktop.ops.project import project_label_set

    if wanted is False:
        return None
    label_set = project_label_set(store)
    lexicon = default_lexicon()
    lexicon = lexicon if lexicon.label_set == label_set.name else None
    name = find_model(model or store.project.get("model"))  # (already resolved by _pipeline)
    if name is None or not can_suggest(name, label_set, lexicon):
        if wanted:
            raise SpandeskError(f"cannot suggest events: the label set {label_set.name!r} has no trigger lexicon "
                                "and the model no trained trigger component (spandesk train makes one)")
        return None
    from desktop.ops.models import suggestion_threshold

    try:
        return EventSuggestions(name, label_set, lexicon, suggestion_threshold(store))
    except SpandeskError:
        if wanted:
            raise
        return None  # a pipeline that does not parse suggests entities only


def _doc_labeller(store: Store, model: str | None):
    """The document-label suggester of this run: a trained model's doc_labels component
    (issue 13), else None. Its scores are a classifier's: at least 0.5 to suggest."""
    from desktop.nlp.models import find_model
    from desktop.nlp.suggest_doc_labels import DocLabelSuggestions, has_doc_labels
    from desktop.ops.models import suggestion_threshold
    from desktop.ops.project import project_label_set

    name = find_model(model or store.project.get("model"))
    if name is None or not has_doc_labels(name):
        return None
    names = {d.name for d in project_label_set(store).doc_labels}
    return DocLabelSuggestions(name, names, max(0.5, suggestion_threshold(store)))


def _events(store: Store, suggester, doc_id: int, spans: list) -> list:
    """The document's suggested events, over its entities: those stored (not rejected) and the new ones."""
    if suggester is None:
        return []
    stored = store.spans.for_doc(doc_id, rejected=False, layer=Layer.ENTITY)
    seen = {(s.start, s.end, s.label) for s in stored}
    entities = stored + [s for s in spans if (s.start, s.end, s.label) not in seen]
    return suggester.events(store.documents.text(doc_id), entities)


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
    """Store one batch of (doc_id, spans[, events]) from the model in one transaction. A document
    marked done or skipped while the model ran is left as it is. Returns the ids saved."""
    from desktop.store import suggested_events

    saved: list[int] = []
    if not results:
        return saved
    detail = json.dumps({"model": report.model, "documents": len(results)})
    with store.action("preannotate", annotator=annotator, undoable=False, detail=detail):
        for doc_id, spans, *more in results:
            if store.documents.get_status(doc_id) in (Status.DONE, Status.SKIPPED):
                continue  # the annotator's decision, taken while the model was running
            saved.append(doc_id)
            text = store.documents.text(doc_id)
            if force:
                if report.event_model:  # first: a suggested argument holds its entity suggestion
                    suggested_events.drop(store.events, doc_id, [report.event_model, report.model])
                    store.spans.delete_suggestions(doc_id, report.event_model)
                store.spans.delete_suggestions(doc_id, report.model)
            spans = fresh_suggestions(store.spans.for_doc(doc_id, layer=Layer.ENTITY), spans)
            added = store.spans.add_many(doc_id, spans, text)
            events = more[0] if more else []
            if len(more) > 2 and more[2]:  # a trained model's document labels (issue 13)
                if force:
                    store.doc_labels.drop_suggested(doc_id, more[2])
                report.doc_labels += sum(store.doc_labels.suggest(doc_id, label, more[2], score)
                                         for label, score in more[1])
            if events:
                made = suggested_events.add(store.events, doc_id, events, text, report.event_model or report.model)
                report.events += made[0]
                report.arguments += made[1]
            store.preannotations.mark_done(doc_id, report.model, added)
            report.documents += 1
            report.spans += added
            report.words += len(text.split())
    return saved
