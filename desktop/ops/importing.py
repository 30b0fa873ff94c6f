"""Importing files: each file all-or-nothing, bad lines named, duplicates reported.

A file's documents are stored in short transactions (store/batches.py), staged where
no reader sees them, and published together when the file is complete; so the window
and a second import keep writing meanwhile, and a failure or Ctrl+C leaves nothing of
the file behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop import formats, paths
from desktop.core import files
from desktop.core.model import BadInput, Record
from desktop.core.text import content_hash
from desktop.nlp.tokenize import token_bounds
from desktop.ops.finding import expand
from desktop.store import Store
from desktop.store.batches import Batches


# Recorded with stored tokens, so a later tokenizer change can find what to redo.
TOKENIZER = "spacy:en"


@dataclass
class ImportReport:
    files: int = 0
    imported: int = 0
    spans: int = 0
    duplicates: list[str] = field(default_factory=list)
    refused: list[BadInput] = field(default_factory=list)
    skipped: list[BadInput] = field(default_factory=list)
    # the file Ctrl+C stopped (nothing from it was stored); None when not interrupted
    interrupted: str | None = None

    @property
    def ok(self) -> bool:
        return not self.refused

    def add(self, part: ImportReport) -> None:
        """Count another import's results in with these."""
        self.files += part.files
        self.imported += part.imported
        self.spans += part.spans
        self.duplicates += part.duplicates
        self.refused += part.refused
        self.skipped += part.skipped
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
    done = ImportReport()
    detail = json.dumps({"file": files.display(file)})
    try:
        with Batches(store, writer, "import", annotator=annotator, detail=detail) as batches:
            for item in reader(file):
                if isinstance(item, BadInput):
                    if skip_bad_lines and item.line is not None:
                        done.skipped.append(item)
                        continue
                    raise item
                _store_record(store, writer, item, file, done)
                batches.tick()
                if progress and done.imported % 100 == 0:
                    progress(file, done.imported)
    except BadInput as bad:
        if bad.file is None:
            bad = BadInput(bad.reason, files.display(file), bad.line)
        report.refused.append(bad)
        return
    report.imported += done.imported
    report.spans += done.spans
    report.duplicates += done.duplicates
    report.skipped += done.skipped


def _store_record(store: Store, writer: int, record: Record, file: Path, report: ImportReport) -> None:
    doc = record.doc
    doc.content_hash = content_hash(doc.text)
    doc_id, created = store.documents.add(doc, source=files.display(file), staged_by=writer)
    if not created:
        name = files.display(file)
        where = f"{name}:{record.line}" if record.line else name
        report.duplicates.append(f"{where}: same text as document {doc_id}, stored once")
        return
    store.tokens.put_bounds(doc_id, *token_bounds(doc.text), TOKENIZER)
    try:
        report.spans += store.spans.add_many(doc_id, record.spans, doc.text)
        for event in record.events:
            store.events.add_imported(doc_id, event, doc.text)
        for label in record.doc_labels:
            store.doc_labels.add(doc_id, label, logged=False)
    except BadInput as bad:
        raise BadInput(bad.reason, files.display(file), record.line) from None
    report.imported += 1
