"""An annotator's project file, read for a merge: opened read-only, never written.

The file must be a Spandesk project (store/identity.py decides, reading only) of a schema
this Spandesk knows. What it holds is read once into plain data: each document's version
(status, spans, events, document labels, relations) with a fingerprint of that content, who last
changed it, and the seconds its annotator spent on it (from the file's `actions`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.annotations import Relation
from desktop.core.model import Argument, Document, Event, Span, State, Status
from desktop.core.ordering import Cycle, linked_events
from desktop.core.model import Source as SpanSource
from desktop.store import errors, identity, migrations
from desktop.store.errors import StoreError
from desktop.store.team import Version

# A pause longer than this between two of an annotator's actions is a break, not work.
IDLE_SECONDS = 300.0


@dataclass
class SourceDoc:
    """One document of the file: its identity there, its version, and who last changed it."""

    row_id: int
    content_hash: str
    version: Version
    actor: str | None


def fingerprint(version: Version) -> str:
    """What a version holds, hashed: equal content, equal fingerprint (times left out)."""
    def span(s: Span) -> list:
        return [s.start, s.end, s.label, str(s.layer), str(s.source), str(s.state), int(s.corrected)]

    def event(e: Event) -> list:
        # an argument that is an event says which (only then: other versions keep their fingerprints)
        return [e.type, span(e.trigger), sorted([a.role, span(a.span), *([event(a.event)] if a.event else [])]
                                                for a in e.arguments)]

    content = [str(version.status), sorted(span(s) for s in version.spans),
               sorted(event(e) for e in version.events),
               sorted(version.labels)]
    if version.relations:  # only then: a version without any keeps the fingerprint it had before relations
        content.append(sorted([r.label, span(r.head), span(r.child), r.head_role, r.child_role]
                              for r in version.relations))
    return hashlib.sha1(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def seconds_per_doc(actions: list[tuple[int | None, str | None, str]]) -> dict[tuple[str, int], float]:
    """(annotator, doc_id) -> seconds of work, from (doc_id, annotator, at) in order: each gap
    between an annotator's consecutive actions counts for the later action's document,
    unless it is longer than IDLE_SECONDS (a break)."""
    last: dict[str, datetime] = {}
    spent: defaultdict[tuple[str, int], float] = defaultdict(float)
    for doc_id, annotator, at in actions:
        if annotator is None:
            continue
        try:
            when = datetime.fromisoformat(at)
        except (TypeError, ValueError):
            continue
        before = last.get(annotator)
        last[annotator] = when
        if doc_id is None:
            continue
        gap = (when - before).total_seconds() if before else 0.0
        spent[(annotator, doc_id)] += gap if 0 <= gap <= IDLE_SECONDS else 0.0
    return dict(spent)


_STATUSES = {s.value for s in Status}
_STATES = {s.value for s in State}
_SOURCES = {s.value for s in SpanSource}


def _span_problem(row: tuple, length: int | None) -> str | None:
    """What is wrong with a span row (id, doc_id, start, end, label, layer, source, state, …,
    text), or None; `length` is its document's (None: a document not merged, unchecked)."""
    _id, _doc, start, end, label, layer, source, state = row[:8]
    if type(start) is not int or type(end) is not int:
        return f"has offsets {start!r}-{end!r}, not numbers"
    if length is not None and not 0 <= start < end <= length:
        return f"has offsets {start}-{end} outside its text (length {length})"
    if not isinstance(label, str) or not isinstance(layer, str) or not isinstance(row[10], str):
        return "has a label, layer or text that is not text"
    if state not in _STATES or source not in _SOURCES:
        return f"has the state {state!r} and source {source!r}"
    return None


class Source:
    """A project file opened read-only for a merge (a context manager)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        identity.identify(self.path)  # a foreign file is refused, unread past its header
        with errors.translated(self.path):
            immutable = not Path(f"{self.path}-wal").exists()  # no -wal: the file is the whole truth
            self.conn = errors.connect(self.path, uri=self.path.resolve().as_uri()
                                       + ("?mode=ro&immutable=1" if immutable else "?mode=ro"), timeout=10)
        try:
            self.version = migrations.version(self.conn)
            if self.version > migrations.LATEST:
                raise identity.refuse(self.path, f"made by a newer Spandesk (schema {self.version}, "
                                                 f"this one knows {migrations.LATEST})")
            self.tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            project = dict(self.conn.execute("SELECT key, value FROM project")) if "project" in self.tables else {}
        except BaseException as exc:
            self.conn.close()
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, errors.StoreError):
                raise StoreError(f"{self.path}: cannot be read ({exc}); nothing was merged") from exc
            raise
        self.project_id: str | None = project.get("project_id")
        self.preset: str | None = project.get("annotator") or None  # written by `assign`

    def __enter__(self) -> "Source":
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    def docs(self) -> list[SourceDoc]:
        """Every published document's version, in the file's order."""
        try:
            return self._docs()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot be read ({exc}); nothing was merged") from exc

    def _docs(self) -> list[SourceDoc]:
        conn = self.conn
        staged = " WHERE id NOT IN (SELECT doc_id FROM staged)" if "staged" in self.tables else ""
        changed = "changed_at" if self.version >= 2 else "updated_at"
        docs = conn.execute(f"SELECT id, content_hash, status, {changed} FROM documents{staged} ORDER BY id").fetchall()
        for doc_id, _hash, status, _at in docs:
            if status not in _STATUSES:
                raise self._damaged(f"document row {doc_id} has the status {status!r}")
        lengths = dict(conn.execute(f"SELECT id, length(text) FROM documents{staged}"))
        spans: dict[int, Span] = {}
        by_doc: defaultdict[int, list[Span]] = defaultdict(list)
        for r in conn.execute('SELECT id, doc_id, start, "end", label, layer, source, state, annotator, corrected,'
                              ' text FROM spans ORDER BY doc_id, start, "end", label'):
            problem = _span_problem(r, lengths.get(r[1]))
            if problem:
                raise self._damaged(f"span row {r[0]} of document row {r[1]} {problem}")
            span = Span(r[2], r[3], r[4], r[10], r[5], r[6], r[7], r[8], None, bool(r[9]))
            spans[r[0]] = span
            by_doc[r[1]].append(span)
        events = self._events(spans)
        labels: defaultdict[int, list[str]] = defaultdict(list)
        # Only an annotator's labels: a model's suggested or rejected ones (V_LEARN2) are not theirs.
        ruled = " WHERE state = 'accepted'" if "state" in {r[1] for r in conn.execute("PRAGMA table_info(doc_labels)")} \
            else ""
        for doc_id, label in conn.execute(f"SELECT doc_id, label FROM doc_labels{ruled} ORDER BY label"):
            labels[doc_id].append(label)
        relations: defaultdict[int, list[Relation]] = defaultdict(list)
        if "relations" in self.tables:  # a file from before issue 10 has none
            for doc_id, label, head, child, head_role, child_role in conn.execute(
                    "SELECT doc_id, label, head_span_id, child_span_id, head_role, child_role FROM relations"
                    " ORDER BY id"):
                if head in spans and child in spans:
                    relations[doc_id].append(Relation(label, spans[head], spans[child], head_role, child_role))
        actions = conn.execute("SELECT doc_id, annotator, at FROM actions WHERE undoable = 1 ORDER BY id").fetchall()
        actor = {doc_id: who for doc_id, who, _at in actions if doc_id is not None and who}
        seconds: defaultdict[int, float] = defaultdict(float)  # everyone's work on the document
        for (_who, doc_id), spent in seconds_per_doc(actions).items():
            seconds[doc_id] += spent
        out = []
        for doc_id, content_hash, status, changed_at in docs:
            version = Version(status, "", changed_at or "", None, by_doc[doc_id], events[doc_id], labels[doc_id],
                              relations[doc_id])
            version.fingerprint = fingerprint(version)
            who = actor.get(doc_id)
            version.seconds = seconds.get(doc_id)
            out.append(SourceDoc(doc_id, content_hash, version, who))
        return out

    def _events(self, spans: dict[int, Span]) -> defaultdict[int, list[Event]]:
        """Each document's events; an argument that is another event (V_EVARGS) holds that
        event, the same object as in the list, as events may share a trigger and type."""
        conn = self.conn
        # a file from before V_EVARGS names no argument event
        ref = "arg_event_id" if "arg_event_id" in {r[1] for r in conn.execute("PRAGMA table_info(event_arguments)")} \
            else "NULL"
        args: defaultdict[int, list[tuple[Argument, int | None]]] = defaultdict(list)
        for event_id, span_id, role, arg_event in conn.execute(
                f"SELECT event_id, span_id, role, {ref} FROM event_arguments ORDER BY id"):
            if span_id in spans:
                args[event_id].append((Argument(role, spans[span_id]), arg_event))
        heads = {r[0]: r for r in conn.execute("SELECT id, doc_id, trigger_span_id, type FROM events ORDER BY id")
                 if r[2] in spans}
        def make(event_id: int, arguments: tuple[Argument, ...]) -> Event:
            _id, _doc, trigger, etype = heads[event_id]
            return Event(etype, spans[trigger], arguments)

        try:
            built = linked_events(heads, args, make)
        except Cycle as exc:
            raise self._damaged(f"events {exc} name each other as arguments") from exc
        events: defaultdict[int, list[Event]] = defaultdict(list)
        for event_id, (_id, doc_id, _trigger, _type) in heads.items():
            events[doc_id].append(built[event_id])
        return events

    def _damaged(self, what: str) -> StoreError:
        # Another program (or a disk) changed the file past the checks SQLite keeps: the
        # merge would carry the damage into the project, or fail half-way through it.
        return StoreError(f"{self.path}: {what}; the file is damaged and nothing was merged "
                          f"(`spandesk validate --db {self.path}` says more)")

    def document(self, row_id: int) -> tuple[Document, dict[str, Any] | None]:
        """The document (for a master that lacks it) and its stored tokens, if any."""
        try:
            return self._document(row_id)
        except StoreError:
            raise
        except (sqlite3.DatabaseError, ValueError) as exc:  # damage past the rows docs() read
            raise StoreError(f"{self.path}: cannot be read ({exc}); nothing was merged") from exc

    def _document(self, row_id: int) -> tuple[Document, dict[str, Any] | None]:
        r = self.conn.execute("SELECT ext_id, content_hash, title, text, meta FROM documents WHERE id = ?",
                              (row_id,)).fetchone()
        doc = Document(text=r[3], title=r[2], ext_id=r[0], meta=json.loads(r[4] or "{}"), content_hash=r[1])
        t = self.conn.execute("SELECT tokenizer, starts, ends FROM tokens WHERE doc_id = ?", (row_id,)).fetchone()
        return doc, ({"tokenizer": t[0], "starts": t[1], "ends": t[2]} if t else None)
