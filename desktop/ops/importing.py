"""Importing files: each file all-or-nothing, bad lines named, duplicates merged and reported.

A brat folder is one input: a bad document refuses it whole (FILE:LINE: reason), unless
skip_bad_lines, which stores its good documents and lists each bad one as a skipped
document (and the import is then not ok: exit status 1).

A text already stored is not stored again: the line's spans, verdicts and document
labels are merged into the stored document (Prodigy's ner.teach writes one line per
span on the same text), a verdict that contradicts the stored one is reported as a
conflict and the stored one kept (see _merge).

A file's documents are stored in short transactions (store/batches.py), staged where
no reader sees them, and published together when the file is complete; so the window
and a second import keep writing meanwhile, and a failure or Ctrl+C leaves nothing of
the file behind.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop import formats, paths
from desktop.core import files
from desktop.core.model import BadInput, Record, State, Status
from desktop.core.text import content_hash
from desktop.nlp.tokenize import token_bounds
from desktop.ops.finding import expand
from desktop.ops.import_kinds import store_kinds
from desktop.store import Store
from desktop.store.batches import Batches
from desktop.store.errors import NotFound


# Recorded with stored tokens, so a later tokenizer change can find what to redo.
TOKENIZER = "spacy:en"


@dataclass
class ImportReport:
    files: int = 0
    imported: int = 0
    spans: int = 0
    duplicates: list[str] = field(default_factory=list)
    # spans a duplicate text brought to the stored document (see _merge)
    merged: int = 0
    # FILE:LINE: a span a later line gave another verdict than the stored one (which stays)
    conflicts: list[str] = field(default_factory=list)
    refused: list[BadInput] = field(default_factory=list)
    skipped: list[BadInput] = field(default_factory=list)
    # documents of a folder format (brat) left out under skip_bad_lines, each FILE:LINE:
    # reason; the folder's other documents were stored. Unlike a skipped line, not ok.
    skipped_documents: list[BadInput] = field(default_factory=list)
    # FILE:LINE: kind: reason, for each piece of annotation a reader read but the project
    # cannot hold as it was written (Record.dropped): reported, never silent, and not ok
    dropped: list[str] = field(default_factory=list)
    # the file Ctrl+C stopped (nothing from it was stored); None when not interrupted
    interrupted: str | None = None
    # how many of each annotation kind were stored (formats.KINDS' names: "spans",
    # "events", "doc_labels", "relations", "attributes", "notes", "normalisations",
    # "equivalences"), duplicates merged in included
    stored_kinds: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        """Everything read was stored: nothing refused, no document skipped, no verdict lost
        to a conflict, no annotation dropped or approximated. (A skipped JSONL line was asked for and keeps the import ok.)"""
        return not (self.refused or self.conflicts or self.skipped_documents or self.dropped)

    def add(self, part: ImportReport) -> None:
        """Count another import's results in with these."""
        self.files += part.files
        self.imported += part.imported
        self.spans += part.spans
        self.duplicates += part.duplicates
        self.merged += part.merged
        self.conflicts += part.conflicts
        self.refused += part.refused
        self.skipped += part.skipped
        self.skipped_documents += part.skipped_documents
        self.dropped += part.dropped
        self.stored_kinds += part.stored_kinds
        self.interrupted = self.interrupted or part.interrupted


def import_paths(
    store: Store,
    paths_: Iterable[str | Path],
    *,
    skip_bad_lines: bool = False,
    annotator: str | None = None,
    progress: Callable[[Path, int], None] | None = None,
) -> ImportReport:
    """Import files and folders, each file all-or-nothing. Ctrl+C stops after discarding
    the file under way; the report names it (`interrupted`) and counts what was stored."""
    report = ImportReport()
    current = None
    with store.writers.writing("import", annotator) as writer:
        try:
            for path in paths_:
                current = files.display(path)
                for file in list(expand([path], report)):
                    current = files.display(file)
                    _import_file(store, writer, file, skip_bad_lines, annotator, report, progress)
                    report.files += 1
        except KeyboardInterrupt:  # the file under way is already discarded (store/batches.py)
            report.interrupted = current
    return report


def seed_files() -> list[Path]:
    """The shipped seed articles in import order: annotated references (.jsonl) first."""
    seeds = paths.seeds_dir()
    found = list(expand([seeds])) if seeds.is_dir() else []
    return sorted(found, key=lambda p: (p.suffix.lower() != ".jsonl", str(p)))


def import_seeds(store: Store, progress: Callable[[Path, int], None] | None = None) -> ImportReport:
    """A new user's seed articles. An annotated reference (NAME.jsonl) goes in before its
    plain text (NAME.txt, kept for whoever wants to annotate the article afresh), so the
    database holds the reference once; the plain text's duplicate is meant, not reported."""
    report = ImportReport()
    for file in seed_files():
        part = import_paths(store, [file], progress=progress)
        if file.suffix.lower() != ".jsonl":
            part.duplicates = []
        report.add(part)
    return report


def _import_file(store, writer, file, skip_bad_lines, annotator, report, progress) -> None:
    reader = formats.reader_for(file)
    if reader is None:
        report.refused.append(BadInput(f"unknown file type {file.suffix!r} (use {formats.import_choices()})",
                                       files.display(file)))
        return
    done, ours, later = ImportReport(), set(), []
    # A folder format (brat) yields one item per document: a bad one is a skipped document.
    per_document = file.is_dir()
    detail = json.dumps({"file": files.display(file)})
    try:
        with Batches(store, writer, "import", annotator=annotator, detail=detail) as batches:
            for item in reader(file):
                if isinstance(item, BadInput):
                    if skip_bad_lines and per_document:
                        done.skipped_documents.append(item)
                        continue
                    if skip_bad_lines and item.line is not None:
                        done.skipped.append(item)
                        continue
                    raise item
                _store_record(store, writer, item, file, done, ours, later)
                batches.tick()
                if progress and done.imported % 100 == 0:
                    progress(file, done.imported)
            # Documents stored before this file change only in the transaction that publishes
            # it, so a file refused half-way leaves them as they were.
            for doc_id, record in later:
                if _exists(store, doc_id):
                    _merge(store, doc_id, record, file, done, before=True)
                else:  # another import's staged copy, since discarded: this line stores it
                    _store_record(store, writer, record, file, done, ours, [])
    except BadInput as bad:
        if bad.file is None:
            bad = BadInput(bad.reason, files.display(file), bad.line)
        report.refused.append(bad)
        return
    report.imported += done.imported
    report.spans += done.spans
    report.duplicates += done.duplicates
    report.merged += done.merged
    report.conflicts += done.conflicts
    report.skipped += done.skipped
    report.skipped_documents += done.skipped_documents
    report.dropped += done.dropped
    report.stored_kinds += done.stored_kinds


def _store_record(store: Store, writer: int, record: Record, file: Path, report: ImportReport,
                  ours: set[int], later: list[tuple[int, Record]]) -> None:
    """Store a record's document and annotations; a text already stored gets the record's
    annotations merged in: at once when this file stored it (`ours`), else at the end
    (`later`)."""
    doc = record.doc
    doc.content_hash = content_hash(doc.text)
    doc_id, created = store.documents.add(doc, source=files.display(file), staged_by=writer)
    if not created:
        if doc_id in ours:
            _merge(store, doc_id, record, file, report, before=False)
        else:
            later.append((doc_id, record))
        return
    ours.add(doc_id)
    store.tokens.put_bounds(doc_id, *token_bounds(doc.text), TOKENIZER)
    report.stored_kinds += _store_annotations(store, doc_id, record, file, report)
    report.imported += 1


def _store_annotations(store: Store, doc_id: int, record: Record, file: Path, report: ImportReport) -> Counter:
    """The storing step of a new document: its spans, events, document labels and issue 10's
    kinds; returns {kind: how many stored}. What a reader or this step could not keep goes
    to `report.dropped` as FILE:LINE: kind: reason."""
    stored, doc = Counter(), record.doc
    try:
        stored["spans"] = store.spans.add_many(doc_id, record.spans, doc.text)
        report.spans += stored["spans"]
        event_ids = {}
        for event in record.events:
            # equal events (brat.read reports them) carry their kinds on the first, as export names it
            event_ids.setdefault(event, store.events.add_imported(doc_id, event, doc.text))
        stored["events"] = len(record.events)
        stored["doc_labels"] = sum(store.doc_labels.add(doc_id, label, logged=False) for label in record.doc_labels)
        kinds, lost = store_kinds(store, doc_id, record, event_ids)
    except BadInput as bad:
        raise BadInput(bad.reason, files.display(file), record.line) from None
    report.dropped += [f"{_where(file, record, d.line)}: {d.kind}: {d.reason}" for d in [*record.dropped, *lost]]
    return stored + kinds


def _where(file: Path, record: Record, line: int | None) -> str:
    """FILE:LINE of a piece of a record: in a folder format, the document's own .ann."""
    name = files.display(file)
    source = record.doc.meta.get("source") if file.is_dir() else None
    if isinstance(source, str) and source.endswith(".txt"):
        name = f"{name}/{source[:-len('.txt')]}.ann"
    line = line if line is not None else record.line
    return f"{name}:{line}" if line is not None else name


def _exists(store: Store, doc_id: int) -> bool:
    try:
        store.documents.get_status(doc_id)
    except NotFound:
        return False
    return True


def _merge(store: Store, doc_id: int, record: Record, file: Path, report: ImportReport, *, before: bool) -> None:
    """Merge a duplicate text's annotations into the stored document `doc_id`.

    A span not there is added. A stored suggestion takes the line's verdict (accepted or
    rejected); a stored verdict is never changed: a different one from the line is a
    conflict, reported and counted, and the first stays. A document still to do takes
    the line's status (done for an accept, skipped for an ignore). Document labels are
    added; events are not merged, and are reported. `before`: the document was stored
    before this file, so every change to it is logged in the import's history.
    """
    name = files.display(file)
    where = f"{name}:{record.line}" if record.line else name
    text = store.documents.text(doc_id)
    stored = {(s.start, s.end, s.label, s.layer): s for s in store.spans.for_doc(doc_id)}
    new, decided, conflicts = [], 0, []
    try:
        for span in record.spans:
            old = stored.get((span.start, span.end, span.label, span.layer))
            if old is None:
                new.append(span)
            elif old.state == span.state or span.state == State.SUGGESTED:
                continue
            elif old.state == State.SUGGESTED:
                store.spans.update(old.id, text, state=span.state)
                decided += 1
            else:
                conflicts.append(f"{span.label} {span.text!r} at {span.start}-{span.end} is {span.state} here but"
                                 f" {old.state} in document {doc_id}; kept {old.state}")
        if before:
            added = sum(store.spans.add(doc_id, span, text) is not None for span in new)
        else:
            added = store.spans.add_many(doc_id, new, text)
        for label in record.doc_labels:
            store.doc_labels.add(doc_id, label, logged=before)
        # Events are not merged, so the kinds on them are reported (store_kinds' Dropped).
        kinds, lost = store_kinds(store, doc_id, record, {}, logged=before, merging=True)
    except BadInput as bad:
        raise BadInput(bad.reason, name, record.line) from None
    report.stored_kinds += kinds + Counter(spans=added)
    report.dropped += [f"{_where(file, record, d.line)}: {d.kind}: {d.reason}" for d in [*record.dropped, *lost]]
    if record.doc.status != Status.TODO and store.documents.get_status(doc_id) == Status.TODO:
        store.documents.set_status(doc_id, Status(record.doc.status))
    report.spans += added
    report.merged += added + decided
    said = f"{where}: same text as document {doc_id}, stored once"
    if added + decided:
        into = "it, stored before this file" if before else "an earlier line's document"
        said += f"; {added + decided} span{'s' if added + decided != 1 else ''} merged into {into}"
    if record.events:
        said += f"; {len(record.events)} events not merged"
    # Listed with the duplicate too: the import's summary shows duplicates, one line each.
    for conflict in conflicts:
        said += f"; conflict: {conflict}"
    report.conflicts += [f"{where}: {conflict}" for conflict in conflicts]
    report.duplicates.append(said)
