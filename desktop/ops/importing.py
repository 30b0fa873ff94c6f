"""Importing files: each file all-or-nothing, bad lines named, duplicates reported."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop import formats, paths
from desktop.core.model import BadInput, Record
from desktop.core.text import content_hash
from desktop.store import Store


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


def expand(paths_: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and importable files in folders (recursively, in a stable order).

    A folder a format reads whole (a brat folder) is yielded as one item, not walked.
    """
    for given in paths_:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        else:
            raise BadInput("no such file or folder", str(path))


def _walk(folder: Path) -> Iterator[Path]:
    if formats.reader_for(folder):
        yield folder
        return
    for found in sorted(folder.iterdir()):
        if found.name.startswith("."):
            continue
        if found.is_dir():
            yield from _walk(found)
        elif found.is_file() and formats.reader_for(found):
            yield found


def import_paths(
    store: Store,
    paths_: Iterable[str | Path],
    *,
    skip_bad_lines: bool = False,
    annotator: str | None = None,
    progress: Callable[[Path, int], None] | None = None,
) -> ImportReport:
    report = ImportReport()
    for path in paths_:
        try:
            files = list(expand([path]))
        except BadInput as bad:
            report.refused.append(bad)
            continue
        for file in files:
            report.files += 1
            _import_file(store, file, skip_bad_lines, annotator, report, progress)
    return report


def seed_files() -> list[Path]:
    """The shipped seed articles in import order: annotated references (.jsonl) first."""
    seeds = paths.seeds_dir()
    files = list(expand([seeds])) if seeds.is_dir() else []
    return sorted(files, key=lambda p: (p.suffix.lower() != ".jsonl", str(p)))


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


def _import_file(store, file, skip_bad_lines, annotator, report, progress) -> None:
    reader = formats.reader_for(file)
    if reader is None:
        report.refused.append(BadInput(f"unknown file type {file.suffix!r} (use .txt, .md, .jsonl or a brat folder)",
                                       str(file)))
        return
    done = ImportReport()
    try:
        with store.action("import", annotator=annotator, undoable=False, detail=json.dumps({"file": str(file)})):
            for item in reader(file):
                if isinstance(item, BadInput):
                    if skip_bad_lines and item.line is not None:
                        done.skipped.append(item)
                        continue
                    raise item
                _store_record(store, item, file, done)
                if progress and done.imported % 100 == 0:
                    progress(file, done.imported)
    except BadInput as bad:
        if bad.file is None:
            bad = BadInput(bad.reason, str(file), bad.line)
        report.refused.append(bad)
        return
    report.imported += done.imported
    report.spans += done.spans
    report.duplicates += done.duplicates
    report.skipped += done.skipped


def _store_record(store: Store, record: Record, file: Path, report: ImportReport) -> None:
    from desktop.nlp.tokenize import token_bounds

    doc = record.doc
    doc.content_hash = content_hash(doc.text)
    doc_id, created = store.documents.add(doc, source=str(file))
    if not created:
        where = f"{file}:{record.line}" if record.line else str(file)
        report.duplicates.append(f"{where}: same text as document {doc_id}, stored once")
        return
    store.tokens.put_bounds(doc_id, *token_bounds(doc.text), TOKENIZER)
    try:
        report.spans += store.spans.add_many(doc_id, record.spans, doc.text)
        for event in record.events:
            store.events.add_record(doc_id, event, doc.text)
        for label in record.doc_labels:
            store.doc_labels.add(doc_id, label, record=False)
    except BadInput as bad:
        raise BadInput(bad.reason, str(file), record.line) from None
    report.imported += 1
