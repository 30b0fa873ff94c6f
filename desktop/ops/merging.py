"""Merge: bring annotators' project files back into the master, each as that annotator's layer.

Whose work a file is: `annotator` when given; else the preset `assign` wrote into it; else,
document by document, whoever last changed the document there (a plain copy of the project
may hold several people's work; a document nobody changed is nobody's and is left out).
Documents are matched by their text (content hash); one the master lacks is added.

A version is never written over another annotator's. One file is one undoable action
("merge ana.db: 120 documents, 3,400 spans"); a file merged before (same content) or an
older copy of a document changes nothing. A file of another project is refused naming both
ids, unless `force`; the file itself is only ever read.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.model import SpandeskError
from desktop.store import Store, row_damage
from desktop.store.team import team_of
from desktop.store.team_source import Source, SourceDoc


@dataclass
class MergeReport:
    """What one file brought: per annotator, how many documents changed (0: nothing new)."""

    path: Path
    annotators: dict[str, int] = field(default_factory=dict)
    added: int = 0  # documents the master did not have
    spans: int = 0
    older: int = 0  # documents left as they were: the master holds a later version
    action_id: int | None = None

    @property
    def documents(self) -> int:
        return sum(self.annotators.values())

    def summary(self) -> str:
        if not self.documents:
            return f"merge {self.path.name}: nothing new"
        who = ", ".join(f"{a} {n:,}" for a, n in sorted(self.annotators.items()))
        return (f"merge {self.path.name}: {self.documents:,} documents, {self.spans:,} spans ({who})"
                + (f"; {self.added:,} documents new to the project" if self.added else "")
                + (f"; {self.older:,} older than the project's copy, left out" if self.older else ""))


def merge_files(store: Store, paths: Iterable[str | Path], *, annotator: str | None = None,
                force: bool = False, by: str | None = None,
                refused: Callable[[Path, SpandeskError], None] | None = None) -> list[MergeReport]:
    """Merge each file in turn; a refused file is told to `refused` (else raised) and the rest go on."""
    reports = []
    for path in paths:
        try:
            reports.append(merge_file(store, path, annotator=annotator, force=force, by=by))
        except SpandeskError as exc:
            if refused is None:
                raise
            refused(Path(path), exc)
    return reports


def merge_file(store: Store, path: str | Path, *, annotator: str | None = None, force: bool = False,
               by: str | None = None) -> MergeReport:
    """Merge one annotator file into `store` as one action; see the module's docstring."""
    try:
        return _merge_file(store, Path(path), annotator, force, by)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        # Rows another program damaged past the file's own checks (a blob label, a dangling id)
        # fail deep in the reading; the action rolled back. Named as damage, not an internal error.
        damaged = row_damage.check_path(path) if Path(path).is_file() else []
        if not damaged:
            raise
        raise SpandeskError(f"{path}: cannot be read (damaged rows: {'; '.join(damaged)}); nothing was merged") from exc


def _merge_file(store: Store, path: Path, annotator: str | None, force: bool, by: str | None) -> MergeReport:
    if path.resolve() == Path(store.path).resolve():
        raise SpandeskError(f"{path}: is the project itself; merge annotators' files into it")
    team = team_of(store)
    report = MergeReport(path)
    with Source(path) as source:
        master_id = store.project.id
        if source.project_id != master_id and not force:
            theirs = source.project_id or "none (a file from before project ids)"
            raise SpandeskError(f"{path}: belongs to project {theirs}, not to this project {master_id}; "
                                "nothing was merged (--force merges it anyway)")
        mine = _by_annotator(source.docs(), annotator or source.preset)
        plan: list[tuple[str, SourceDoc]] = []
        fingerprints: dict[str, str] = {}
        for name, docs in mine.items():
            fingerprints[name] = _file_fingerprint(docs)
            if team.merged(name, fingerprints[name]):
                report.annotators[name] = 0
                continue
            held = team.fingerprints(name)
            for doc in docs:
                master_doc = team.find_document(doc.content_hash)
                before = held.get(master_doc) if master_doc is not None else None
                if before and before[0] == doc.version.fingerprint:
                    continue
                if before and before[1] > doc.version.changed_at:
                    report.older += 1
                    continue
                plan.append((name, doc))
                report.added += master_doc is None
        if not plan:
            return report
        for name, doc in plan:
            report.annotators[name] = report.annotators.get(name, 0) + 1
            report.spans += len(doc.version.spans)
        with store.action(f"merge {path.name}", annotator=by, detail=report.summary()) as action_id:
            for name, doc in plan:
                doc_id = team.find_document(doc.content_hash)
                if doc_id is None:
                    doc_id = team.add_document(*source.document(doc.row_id))
                team.replace(doc_id, name, doc.version, store.documents.text(doc_id))
            for name, n in report.annotators.items():
                if n:
                    team.record_source(str(path), source.project_id, name, fingerprints[name], len(mine[name]))
            report.action_id = action_id
    return report


def _by_annotator(docs: list[SourceDoc], name: str | None) -> dict[str, list[SourceDoc]]:
    """Each document under whose work it is: `name` for all, else its last changer's."""
    out: defaultdict[str, list[SourceDoc]] = defaultdict(list)
    for doc in docs:
        who = name or doc.actor
        if who:
            out[who].append(doc)
    return dict(out)


def _file_fingerprint(docs: list[SourceDoc]) -> str:
    digest = hashlib.sha1()
    for doc in sorted(docs, key=lambda d: d.content_hash):
        digest.update(f"{doc.content_hash}:{doc.version.fingerprint}:{doc.version.changed_at}\n".encode())
    return digest.hexdigest()
