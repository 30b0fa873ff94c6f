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
from desktop.core.annotations import Dropped
from desktop.core.model import BadInput, Record, State, Status
from desktop.core.text import content_hash
from desktop.core.token_list import bounds
from desktop.nlp.tokenize import token_bounds
from desktop.ops.finding import expand
from desktop.ops.import_kinds import store_kinds
from desktop.store import Store
from desktop.store.batches import Batches
from desktop.store.events import argument_order
from desktop.store.errors import NotFound


# Recorded with stored tokens, so a later tokenizer change can find what to redo.
TOKENIZER = "spacy:en"
FILE_TOKENS = "file"  # the tokens the imported file gave (CoNLL, DyGIE++, a DocBin)

# The annotation kinds the import report counts, in its order; each is a Record field.
# A reader's Dropped kind of another name ("argument", "token_columns") gets a row of its own.
REPORT_KINDS = ("spans", "relations", "events", "attributes", "notes", "normalisations", "doc_labels",
                "equivalences")
_PLURAL = {"span": "spans", "relation": "relations", "event": "events", "attribute": "attributes",
           "note": "notes", "normalisation": "normalisations", "doc_label": "doc_labels",
           "equivalence": "equivalences", "argument": "arguments"}
# What import reads, by format name (ready formats), for `import --format`.
IMPORT_FORMATS = formats.importers()
# The import dialog's file filter: every suffix import reads.
IMPORT_FILTER = formats.file_filter()


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
    # Per annotation kind (REPORT_KINDS, then any other a reader dropped): how many pieces
    # the stored files held, how many the project holds for them (already there counts),
    # and how many it does not (each one named in `dropped` or `conflicts`).
    read: Counter = field(default_factory=Counter)
    stored_kinds: Counter = field(default_factory=Counter)
    dropped_kinds: Counter = field(default_factory=Counter)
    # document labels stored that the project's label set does not declare: label → how
    # many documents (stored as spans with undeclared labels are; `validate` lists them)
    unknown_doc_labels: Counter = field(default_factory=Counter)

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
        self.interrupted = self.interrupted or part.interrupted
        self.read += part.read
        self.stored_kinds += part.stored_kinds
        self.dropped_kinds += part.dropped_kinds
        self.unknown_doc_labels += part.unknown_doc_labels

    def kinds(self) -> list[str]:
        """The report's kinds: REPORT_KINDS, then any other kind something was dropped of."""
        return [*REPORT_KINDS, *sorted(k for k in self.read | self.dropped_kinds if k not in REPORT_KINDS)]

    def as_dict(self) -> dict:
        """The report as `import --json` prints it (keys documented in README)."""
        return {
            "ok": self.ok,
            "files": self.files,
            "documents": {"stored": self.imported, "duplicate": len(self.duplicates),
                          "refused": len(self.refused) + len(self.skipped) + len(self.skipped_documents)},
            "annotations": {k: {"read": self.read[k], "stored": self.stored_kinds[k], "dropped": self.dropped_kinds[k]}
                            for k in self.kinds()},
            "refused": [str(b) for b in self.refused],
            "skipped_lines": [str(b) for b in self.skipped],
            "skipped_documents": [str(b) for b in self.skipped_documents],
            "duplicates": self.duplicates,
            "conflicts": self.conflicts,
            "dropped": self.dropped,
            "interrupted": self.interrupted,
            "doc_labels_not_in_label_set": dict(sorted(self.unknown_doc_labels.items())),
        }


def import_paths(
    store: Store,
    paths_: Iterable[str | Path],
    *,
    skip_bad_lines: bool = False,
    annotator: str | None = None,
    progress: Callable[[Path, int], None] | None = None,
    fmt: str | None = None,
) -> ImportReport:
    """Import files and folders, each file all-or-nothing, read as `fmt` when given (else
    by suffix and content, desktop/formats). Ctrl+C stops after discarding the file under
    way; the report names it (`interrupted`) and counts what was stored."""
    report = ImportReport()
    if fmt is not None:
        formats.importer(fmt)  # an unknown name is refused before anything is read
    current = None
    with store.writers.writing("import", annotator) as writer:
        try:
            for path in paths_:
                current = files.display(path)
                for file in list(expand([path], report)):
                    current = files.display(file)
                    _import_file(store, writer, file, skip_bad_lines, annotator, report, progress, fmt)
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


def _import_file(store, writer, file, skip_bad_lines, annotator, report, progress, fmt=None) -> None:
    reader = formats.reader_for(file, fmt)
    if reader is None:
        report.refused.append(BadInput(f"unknown file type {file.suffix!r} (use {formats.import_choices()})",
                                       files.display(file)))
        return
    done, ours, later = ImportReport(), set(), []
    known = _doc_label_names(store)
    symmetric = _symmetric_relations(store)
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
                if symmetric and item.dropped:  # a two-way relation with a symmetric label is stored exactly
                    from desktop.formats.labelstudio import settle_two_way

                    settle_two_way(item, symmetric)
                _counted(done, item, file, lambda r: _store_record(store, writer, r, file, done, ours, later, known),
                         deferred=lambda: bool(later) and later[-1][1] is item)
                batches.tick()
                if progress and done.imported % 100 == 0:
                    progress(file, done.imported)
            # Documents stored before this file change only in the transaction that publishes
            # it, so a file refused half-way leaves them as they were.
            for doc_id, record in later:
                if _exists(store, doc_id):
                    _counted(done, record, file, lambda r: _merge(store, doc_id, r, file, done, before=True, known=known))
                else:  # another import's staged copy, since discarded: this line stores it
                    _counted(done, record, file, lambda r: _store_record(store, writer, r, file, done, ours, [], known))
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
    report.read += done.read
    report.stored_kinds += done.stored_kinds
    report.dropped_kinds += done.dropped_kinds
    report.unknown_doc_labels += done.unknown_doc_labels


def _counted(report: ImportReport, record: Record, file: Path, store_it: Callable[[Record], None],
             deferred: Callable[[], bool] = lambda: False) -> None:
    """Store a record and count its annotations by kind: read (its fields and what its
    reader dropped), stored (what the storing step counted) and dropped. What a field held
    that the storing step did not store (a kind the project cannot hold yet) is dropped
    too, and named with the record's FILE:LINE: nothing read goes unreported. A record
    left for the end of the file (`deferred`, a duplicate of an earlier import's text) is
    counted when it is merged."""
    before_stored, before_dropped = Counter(report.stored_kinds), Counter(report.dropped_kinds)
    store_it(record)
    if deferred():
        return
    for kind in REPORT_KINDS:
        held = len(getattr(record, kind)) + (len(record.rejected_doc_labels) if kind == "doc_labels" else 0)
        report.read[kind] += held
        accounted = (report.stored_kinds[kind] - before_stored[kind]) + (report.dropped_kinds[kind] - before_dropped[kind])
        gap = held - accounted
        if gap > 0:
            report.dropped_kinds[kind] += gap
            what = kind.replace("_", " ")
            report.dropped.append(f"{_where(file, record, None)}: {what}: {gap} read but not stored")
    # What the reader could not put in a field: read, and dropped (a piece the reader kept
    # approximately, such as a two-way relation stored one way, is in both).
    for d in record.dropped:
        kind = _PLURAL.get(d.kind, d.kind)
        report.read[kind] += 1
        report.dropped_kinds[kind] += 1
        report.dropped.append(f"{_where(file, record, d.line)}: {d.kind}: {d.reason}")


def _symmetric_relations(store: Store) -> frozenset[str]:
    from desktop.ops.project import project_label_set

    return frozenset(r.name for r in project_label_set(store).relations if r.symmetric)


def _doc_label_names(store: Store) -> frozenset[str]:
    from desktop.ops.project import project_label_set

    return frozenset(d.name for d in project_label_set(store).doc_labels)


def _store_doc_labels(store: Store, doc_id: int, record: Record, file: Path, known: frozenset[str],
                      report: ImportReport, *, logged: bool = False) -> int:
    """Store the record's document labels, those it gives and those it rejects (Prodigy's
    textcat reject), in document `doc_id`; returns how many the document now holds as read.
    A label the label set lacks is stored all the same, as a span's is (`validate` lists
    it; declaring it in the schema shows it in the window), and counted in
    `report.unknown_doc_labels`. A verdict contrary to the one the document holds (a
    duplicate text's) is a conflict: the stored one stays."""
    held = 0
    for label, state in [*((x, "accepted") for x in record.doc_labels),
                         *((x, "rejected") for x in record.rejected_doc_labels)]:
        before = store.doc_labels.state(doc_id, label)
        if before in (None, "suggested"):
            if state == "accepted":
                store.doc_labels.add(doc_id, label, logged=logged)
            else:
                store.doc_labels.reject(doc_id, label, logged=logged)
            if label not in known:
                report.unknown_doc_labels[label] += 1
        elif before != state:
            report.dropped_kinds["doc_labels"] += 1
            report.conflicts.append(f"{_where(file, record, None)}: document label {label!r} is {state} here but"
                                    f" {before} in document {doc_id}; kept {before}")
            continue
        held += 1
    return held


def _store_record(store: Store, writer: int, record: Record, file: Path, report: ImportReport,
                  ours: set[int], later: list[tuple[int, Record]], known: frozenset[str] = frozenset()) -> None:
    """Store a record's document and annotations; a text already stored gets the record's
    annotations merged in: at once when this file stored it (`ours`), else at the end
    (`later`)."""
    doc = record.doc
    doc.content_hash = content_hash(doc.text)
    doc_id, created = store.documents.add(doc, source=files.display(file), staged_by=writer)
    if not created:
        if doc_id in ours:
            _merge(store, doc_id, record, file, report, before=False, known=known)
        else:
            later.append((doc_id, record))
        return
    ours.add(doc_id)
    if record.tokens:  # a token-per-line file's (CoNLL, DyGIE++, a DocBin): written back as they were
        store.tokens.put_bounds(doc_id, *bounds(record.tokens), FILE_TOKENS)
    else:
        store.tokens.put_bounds(doc_id, *token_bounds(doc.text), TOKENIZER)
    try:
        report.spans += store.spans.add_many(doc_id, record.spans, doc.text)
        event_ids, unkept = {}, []
        for event in argument_order(record.events):  # an event argument refers to its event, stored first
            # equal events (brat.read reports them) carry their kinds on the first, as export names it
            event_id, lost = store.events.add_imported(doc_id, event, doc.text, event_ids)
            event_ids.setdefault(event, event_id)
            if lost:  # the event is stored, but not exactly: counted dropped, not stored
                unkept.append(Dropped("event", f"{event.type} event's argument {lost[0].role}: another"
                                      f" {lost[0].event.type} event with the same trigger fills that role already;"
                                      " stored once", record.line))
        labels = _store_doc_labels(store, doc_id, record, file, known, report)
        kinds, lost = store_kinds(store, doc_id, record, event_ids)
        lost = unkept + lost
    except BadInput as bad:
        raise BadInput(bad.reason, files.display(file), record.line) from None
    # A span listed twice is in the document once: every span read is there.
    report.stored_kinds.update(spans=len(record.spans), events=len(record.events) - len(unkept), doc_labels=labels)
    report.stored_kinds += kinds
    _lost(report, file, record, lost)
    report.imported += 1


def _lost(report: ImportReport, file: Path, record: Record, lost: list) -> None:
    """What the storing step could not keep: counted by kind and named by FILE:LINE."""
    for d in lost:
        report.dropped_kinds[_PLURAL.get(d.kind, d.kind)] += 1
        report.dropped.append(f"{_where(file, record, d.line)}: {d.kind}: {d.reason}")


def _where(file: Path, record: Record, line: int | None) -> str:
    """FILE:LINE of a piece of a record: in a folder format, the document's own .ann."""
    name = files.display(file)
    source = record.doc.meta.get("source") if file.is_dir() else None
    if isinstance(source, str) and source.endswith(".txt"):
        name = f"{name}/{source[:-len('.txt')]}.ann"
    line = line if line is not None else record.line
    return f"{name}:{line}" if line is not None else name


def _event_key(event) -> tuple:
    """An event by value: its type, trigger and arguments (roles and spans), in any order."""
    t = event.trigger
    return (event.type, t.start, t.end,
            frozenset((a.role, a.span.start, a.span.end, a.span.label) for a in event.arguments))


def _exists(store: Store, doc_id: int) -> bool:
    try:
        store.documents.get_status(doc_id)
    except NotFound:
        return False
    return True


def _merge(store: Store, doc_id: int, record: Record, file: Path, report: ImportReport, *, before: bool,
           known: frozenset[str] = frozenset()) -> None:
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
        labels = _store_doc_labels(store, doc_id, record, file, known, report, logged=before)
        # Events are not merged, so the kinds on them are reported (store_kinds' Dropped).
        kinds, lost = store_kinds(store, doc_id, record, {}, logged=before, merging=True)
    except BadInput as bad:
        raise BadInput(bad.reason, name, record.line) from None
    # Every span of the line is in the document now but those whose verdict conflicted;
    # every other kind (stored now or held already) but what store_kinds reports lost.
    lost_kinds = Counter(_PLURAL.get(d.kind, d.kind) for d in lost)
    report.stored_kinds.update(spans=len(record.spans) - len(conflicts), doc_labels=labels)
    report.stored_kinds.update({k: len(getattr(record, k)) - lost_kinds[k]
                                for k in ("relations", "attributes", "notes", "normalisations", "equivalences")})
    report.dropped_kinds["spans"] += len(conflicts)
    _lost(report, file, record, lost)
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
        # An event the document holds already (the same file imported twice) is no loss.
        held = {_event_key(e) for e in store.events.for_doc(doc_id)}
        new = [e for e in record.events if _event_key(e) not in held]
        report.stored_kinds["events"] += len(record.events) - len(new)
        if new:
            report.dropped_kinds["events"] += len(new)
            report.dropped.append(f"{where}: events: {len(new)} not merged into document {doc_id} "
                                  "(same text; its own events kept)")
    # Listed with the duplicate too: the import's summary shows duplicates, one line each.
    for conflict in conflicts:
        said += f"; conflict: {conflict}"
    report.conflicts += [f"{where}: {conflict}" for conflict in conflicts]
    report.duplicates.append(said)
