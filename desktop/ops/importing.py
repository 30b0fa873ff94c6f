"""Importing files: each file all-or-nothing, bad lines named, duplicates reported."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop import formats, paths
from desktop.core import files
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


class Skipped(BadInput):
    """Something in a folder that import passes over on purpose: listed, not an error."""


def expand(paths_: Iterable[str | Path], report: ImportReport | None = None) -> Iterator[Path]:
    """Files named, and importable files in folders (recursively, in a stable order).

    A folder a format reads whole (a brat folder) is yielded as one item, not walked.
    Only regular files are yielded; symbolic links are followed, each real folder once.
    What a folder holds that is passed over on purpose (hidden files and folders, a pipe
    or device with an importable name, a folder reached again) goes to `report.skipped`;
    what cannot be read goes to `report.refused`, and the walk goes on. Without a
    report, the first refusal is raised and skips are not told.
    """
    seen: dict[tuple[int, int], Path] = {}
    for given in paths_:
        for found in _find(Path(given), seen):
            if isinstance(found, Path):
                yield found
            elif report is not None:
                (report.skipped if isinstance(found, Skipped) else report.refused).append(found)
            elif not isinstance(found, Skipped):
                raise found


def _find(path: Path, seen: dict) -> Iterator[Path | BadInput]:
    """A path the user named: a folder to walk, or a regular file; anything else is refused
    without being opened (opening a FIFO for reading blocks)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        st = None  # files.check names the cause
    if st is not None and stat.S_ISDIR(st.st_mode):
        yield from _walk(path, st, seen, ())
        return
    try:
        files.check(path)
    except BadInput as bad:
        yield bad
        return
    yield path


def _walk(folder: Path, st: os.stat_result, seen: dict, above: tuple) -> Iterator[Path | BadInput]:
    key = (st.st_dev, st.st_ino)
    if key in above:
        yield Skipped(f"folder not searched again: a symbolic link loop leads back to {files.display(seen[key])}",
                      files.display(folder))
        return
    if key in seen:
        yield Skipped(f"folder not searched again: it is {files.display(seen[key])}, searched already",
                      files.display(folder))
        return
    seen[key] = folder
    if formats.reader_for(folder):
        yield folder
        yield from _inside_brat(folder)
        return
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as err:
        yield BadInput(f"cannot list the folder: {files.reason(err)}", files.display(folder))
        return
    for name in names:
        found = folder / name
        if name.startswith("."):
            yield from _hidden(found)
            continue
        try:
            inner = os.stat(found)
        except OSError as err:
            if formats.reader_for(found) or os.path.islink(found):
                yield _unreachable(found, err)
            continue
        if stat.S_ISDIR(inner.st_mode):
            yield from _walk(found, inner, seen, (*above, key))
        elif not formats.reader_for(found):
            continue  # not a kind of file import reads: images, notes and the like stay quiet
        elif stat.S_ISREG(inner.st_mode):
            yield found
        else:
            yield Skipped(f"not a regular file: {files.kind(inner.st_mode)}", files.display(found))


def _inside_brat(folder: Path) -> Iterator[BadInput]:
    """A brat folder is read whole by the brat reader: every NAME.txt with its NAME.ann, in
    sub-folders too, links to folders not followed. What else is there that import would
    read, and what cannot be listed, is named, so nothing is left out unseen. (Hidden
    entries are the brat reader's to report.)"""
    unlisted: list[OSError] = []
    for top, dirs, names in os.walk(folder, onerror=unlisted.append):  # links not followed, as brat reads
        here = Path(top)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            if os.path.islink(here / name):
                yield Skipped("a symbolic link to a folder inside a brat folder: not followed",
                              files.display(here / name))
        for name in sorted(names):
            found = here / name
            if not name.startswith(".") and not name.lower().endswith(".txt") and formats.reader_for(found):
                yield Skipped("inside a brat folder, which is read as brat (NAME.txt with NAME.ann); "
                              "name it to import it", files.display(found))
    for err in unlisted:
        yield BadInput(f"cannot list the folder: {files.reason(err)}", files.display(err.filename))


def _hidden(found: Path) -> Iterator[Skipped]:
    """Hidden entries are not imported from a folder (editors and tools keep their own files
    there), but one import would read is named, so nothing is left out unseen."""
    if os.path.isdir(found):
        yield Skipped('hidden folder (its name starts with "."), not searched', files.display(found))
    elif formats.reader_for(found):
        yield Skipped('hidden file (its name starts with "."); name it to import it', files.display(found))


def _unreachable(found: Path, err: OSError) -> BadInput:
    """An entry the listing names but whose status cannot be read."""
    if err.errno in (errno.ENOENT, errno.ELOOP):  # a broken link, a link to itself, or gone since listed
        what = "a broken symbolic link" if err.errno == errno.ENOENT else files.reason(err)
        return Skipped(what, files.display(found))
    return BadInput(f"cannot read: {files.reason(err)}", files.display(found))


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
        for file in list(expand([path], report)):
            report.files += 1
            _import_file(store, file, skip_bad_lines, annotator, report, progress)
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


def _import_file(store, file, skip_bad_lines, annotator, report, progress) -> None:
    reader = formats.reader_for(file)
    if reader is None:
        report.refused.append(BadInput(f"unknown file type {file.suffix!r} (use .txt, .md, .jsonl or a brat folder)",
                                       files.display(file)))
        return
    done = ImportReport()
    try:
        with store.action("import", annotator=annotator, undoable=False, detail=json.dumps({"file": files.display(file)})):
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
            bad = BadInput(bad.reason, files.display(file), bad.line)
        report.refused.append(bad)
        return
    report.imported += done.imported
    report.spans += done.spans
    report.duplicates += done.duplicates
    report.skipped += done.skipped


def _store_record(store: Store, record: Record, file: Path, report: ImportReport) -> None:
    from desktop.nlp.tokenize import tokenize

    doc = record.doc
    doc.content_hash = content_hash(doc.text)
    doc_id, created = store.documents.add(doc, source=files.display(file))
    if not created:
        name = files.display(file)
        where = f"{name}:{record.line}" if record.line else name
        report.duplicates.append(f"{where}: same text as document {doc_id}, stored once")
        return
    store.tokens.put(doc_id, next(tokenize([doc.text])), TOKENIZER)
    try:
        report.spans += store.spans.add_many(doc_id, record.spans, doc.text)
        for event in record.events:
            store.events.add_record(doc_id, event, doc.text)
        for label in record.doc_labels:
            store.doc_labels.add(doc_id, label, record=False)
    except BadInput as bad:
        raise BadInput(bad.reason, files.display(file), record.line) from None
    report.imported += 1
