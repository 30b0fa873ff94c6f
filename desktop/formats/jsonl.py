"""Prodigy-compatible JSONL: read tasks with a precise reason per bad line, write training-ready tasks.

A written line is a Prodigy span task (`text`, `meta`, `_input_hash`, `_task_hash`,
`tokens`, `spans`, `answer`) followed by Spandesk's own keys (`id`, `title`, `status`,
`events`, `doc_labels`, and each span's `source`, `state`, `annotator`, `model`), so
Prodigy and spaCy's tools take the file as it is and a re-import restores everything.

Events. `events` holds `[{"type", "trigger": {"start", "end", "text"}, "arguments":
[{"role", "start", "end", "label", "text"}]}]`. For Prodigy, each trigger is also a span
in `spans`, marked `"layer": "trigger"` so a re-import keeps it apart from the entities,
and each argument is also a relation in `relations` (present when the document has
events): `head` is the trigger's last token, `child` the argument's, `label` the role.
On reading, an argument names an entity span by offsets and label; one not among
`spans` is added as an accepted import span.

Prodigy computes its hashes with a function it does not publish. Ours are signed 32-bit
integers, like Prodigy's, taken from SHA-256: `_input_hash` over the text, `_task_hash`
over the text and the spans. They are stable across runs and machines, and equal inputs
get equal hashes, which is what Prodigy uses them for (deduplication); they will not
equal the hashes Prodigy would compute for the same task.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.core.model import Argument, BadInput, Document, Event, Layer, Record, Source, Span, State, Status, Token
from desktop.core.spans import check_span, token_bounds
from desktop.core.text import clean, content_hash, iter_lines, title_from
from desktop.formats import event_dicts
from desktop.formats.event_dicts import kind as _kind

_STATUSES = {s.value for s in Status}
_STATES = {s.value for s in State}
_SOURCES = {s.value for s in Source}


def read(path: Path) -> Iterator[Record | BadInput]:
    """Yield a Record per task line, or a BadInput(reason, file, line) per bad line.

    Streams the file, so memory stays flat however large it is. Blank lines are
    skipped. Undecodable bytes end the iteration with one BadInput: past them the
    line numbers, and so the rest of the file, cannot be trusted.
    """
    file = str(path)
    with open(path, "rb") as stream:
        try:
            for number, line in iter_lines(stream, file):
                if line.strip():
                    yield _parse(line, file, number)
        except BadInput as err:
            yield err


def _parse(line: str, file: str, number: int) -> Record | BadInput:
    try:
        record = _record(line)
    except BadInput as err:
        return BadInput(err.reason, file, number)
    record.line = number
    return record


def _record(line: str) -> Record:
    """One task line as a Record; raises BadInput(reason) without file or line."""
    try:
        task = json.loads(line)
    except json.JSONDecodeError as err:
        # Some of json's messages end in "at" already ("Unterminated string starting at").
        where = "column" if err.msg.endswith(" at") else "at column"
        raise BadInput(f"invalid JSON: {err.msg} {where} {err.colno}") from None
    if not isinstance(task, dict):
        raise BadInput(f"not a JSON object but {_kind(task)}")
    if "text" not in task:
        raise BadInput('no "text"')
    raw = task["text"]
    if not isinstance(raw, str):
        raise BadInput(f'"text" is {_kind(raw)}, not a string')
    if not raw.strip():
        raise BadInput('"text" is empty or only whitespace')
    meta = task.get("meta", {})
    if not isinstance(meta, dict):
        raise BadInput(f'"meta" is {_kind(meta)}, not an object')
    spans = task.get("spans", [])
    if not isinstance(spans, list):
        raise BadInput(f'"spans" is {_kind(spans)}, not a list')
    doc_labels = task.get("doc_labels", [])
    if not isinstance(doc_labels, list) or not all(isinstance(x, str) for x in doc_labels):
        raise BadInput('"doc_labels" is not a list of strings')
    accepted = task.get("answer") == "accept"
    text, moved = clean(raw)
    state = State.ACCEPTED if accepted else State.SUGGESTED
    spans = [_span(obj, n, raw, text, moved, state) for n, obj in enumerate(spans, 1)]
    events = event_dicts.from_dicts(task.get("events", []), functools.partial(_offsets, raw, text, moved), spans)
    doc = Document(
        text,
        title=_title(task, meta, text),
        ext_id=_ext_id(task),
        meta=meta,
        status=_status(task),
        content_hash=content_hash(text),
    )
    return Record(doc, spans=event_dicts.linked(spans, events), events=events, doc_labels=doc_labels)


def _title(task: dict, meta: dict, text: str) -> str:
    if "title" in task:
        if not isinstance(task["title"], str):
            raise BadInput(f'"title" is {_kind(task["title"])}, not a string')
        return task["title"]
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        return meta["title"]
    return title_from(text)


def _ext_id(task: dict) -> str | None:
    if "id" not in task:
        return None
    value = task["id"]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadInput(f'"id" is {_kind(value)}, not a string or integer')
    return str(value)


def _status(task: dict) -> str:
    if "status" in task:
        if task["status"] not in _STATUSES:
            raise BadInput(f'unknown status {task["status"]!r} (expected one of {", ".join(Status)})')
        return Status(task["status"])
    answer = task.get("answer")
    return Status.DONE if answer == "accept" else Status.SKIPPED if answer == "ignore" else Status.TODO


def _span(obj: Any, n: int, raw: str, text: str, moved: Callable[[int], int], state: str) -> Span:
    """The n-th (1-based) span of a task; offsets point into `raw` and are moved into `text`."""
    if not isinstance(obj, dict):
        raise BadInput(f"span {n} is {_kind(obj)}, not an object")
    missing = [key for key in ("start", "end", "label") if key not in obj]
    if missing:
        raise BadInput(f"span {n} has no {', '.join(missing)}")
    start, end, label = obj["start"], obj["end"], obj["label"]
    if type(start) is not int or type(end) is not int:
        raise BadInput(f"span {n}: start and end must be integers, not {start!r} and {end!r}")
    if not isinstance(label, str) or not label.strip():
        raise BadInput(f"span {n}: label must be a non-empty string, not {label!r}")
    if start < 0 or end > len(raw):
        raise BadInput(f"span {n}: {start}-{end} is outside the text (length {len(raw)})")
    if start >= end:
        raise BadInput(f"span {n}: start {start} is not before end {end}")
    s, e = moved(start), moved(end)
    covered = text[s:e]
    if "text" in obj:
        if not isinstance(obj["text"], str):
            raise BadInput(f'span {n}: "text" is {_kind(obj["text"])}, not a string')
        if clean(obj["text"])[0] != covered:
            raise BadInput(f"span {n}: text {obj['text']!r} is not the text at {start}-{end}, {covered!r}")
    reason = check_span(text, s, e)
    if reason:
        raise BadInput(f"span {n} ({start}-{end}): {reason}")
    # Triggers are the annotator's decisions, whatever the task's answer says.
    layer = Layer.TRIGGER if obj.get("layer") == Layer.TRIGGER else Layer.ENTITY
    return Span(
        s,
        e,
        label,
        covered,
        layer=layer,
        source=_choice(obj.get("source"), _SOURCES, Source.IMPORT),
        state=_choice(obj.get("state"), _STATES, State.ACCEPTED if layer == Layer.TRIGGER else state),
        annotator=obj["annotator"] if isinstance(obj.get("annotator"), str) else None,
        model=obj["model"] if isinstance(obj.get("model"), str) else None,
    )


def _offsets(raw: str, text: str, moved: Callable[[int], int], obj: dict, where: str) -> tuple[int, int, str]:
    """An event part's offsets into `raw`, checked and moved into `text`, with its text."""
    if "start" not in obj or "end" not in obj:
        raise BadInput(f"{where} has no start or end")
    start, end = obj["start"], obj["end"]
    if type(start) is not int or type(end) is not int:
        raise BadInput(f"{where}: start and end must be integers, not {start!r} and {end!r}")
    if start < 0 or end > len(raw) or start >= end:
        raise BadInput(f"{where}: {start}-{end} is not a stretch of the text (length {len(raw)})")
    s, e = moved(start), moved(end)
    if "text" in obj and (not isinstance(obj["text"], str) or clean(obj["text"])[0] != text[s:e]):
        raise BadInput(f"{where}: text {obj['text']!r} is not the text at {start}-{end}, {text[s:e]!r}")
    reason = check_span(text, s, e)
    if reason:
        raise BadInput(f"{where} ({start}-{end}): {reason}")
    return s, e, text[s:e]


def _choice(value: Any, allowed: set[str], default: str) -> str:
    return value if isinstance(value, str) and value in allowed else default


def write(records: Iterable[Record], out: TextIO) -> int:
    """Write each record as one compact JSON line; returns how many were written.

    Raises ValueError for a record without tokens (Prodigy and spaCy need them)
    or with a span whose text no longer matches the document.
    """
    count = 0
    for record in records:
        out.write(json.dumps(task(record), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        count += 1
    return count


def task(record: Record) -> dict[str, Any]:
    """The Prodigy task (plus Spandesk's keys) a record is written as."""
    doc, tokens = record.doc, record.tokens
    if tokens is None:
        raise ValueError(f"{describe(doc)}: no tokens; tokenize the text before writing JSONL")
    events = event_dicts.sorted_events(record)
    triggers = {(e.trigger.start, e.trigger.end, e.type): event_dicts.as_trigger(e) for e in events}
    spans = sorted(
        [*(s for s in record.spans if s.layer == Layer.ENTITY and s.state != State.REJECTED), *triggers.values()],
        key=lambda s: (s.start, s.end, s.label, s.layer),
    )
    for s in [*spans, *(a.span for e in events for a in e.arguments)]:
        if doc.text[s.start : s.end] != s.text:
            raise ValueError(f"{describe(doc)}: span {s.start}-{s.end} {s.text!r} does not match the text")
    out: dict[str, Any] = {
        "text": doc.text,
        "meta": doc.meta,
        "_input_hash": _hash(doc.text),
        "_task_hash": _hash(doc.text, json.dumps([[s.start, s.end, s.label] for s in spans])),
        "tokens": [
            {"text": doc.text[t.start : t.end], "start": t.start, "end": t.end, "id": i, "ws": t.ws}
            for i, t in enumerate(tokens)
        ],
        "spans": [_span_out(s, tokens) for s in spans],
    }
    if events:
        out["relations"] = [_relation(e, a, tokens) for e in events for a in e.arguments]
    out["answer"] = "accept" if doc.status == Status.DONE else "ignore"
    ident = export_id(doc)
    if ident is not None:  # a document neither imported with an id nor stored has none to give
        out["id"] = ident
    out |= {
        "title": doc.title,
        "status": str(doc.status),
        "events": [event_dicts.to_dict(e) for e in events],
        "doc_labels": sorted(record.doc_labels),
    }
    return out


def _relation(event: Event, arg: Argument, tokens: list[Token]) -> dict[str, Any]:
    head, child = _edge(event.trigger, event.type, tokens), _edge(arg.span, arg.span.label, tokens)
    return {"head": head["token_end"], "child": child["token_end"], "head_span": head, "child_span": child,
            "label": arg.role}


def _edge(span: Span, label: str, tokens: list[Token]) -> dict[str, Any]:
    token_start, token_end = token_bounds(tokens, span.start, span.end)
    return {"start": span.start, "end": span.end, "token_start": token_start, "token_end": token_end,
            "label": label}


def _span_out(span: Span, tokens: list[Token]) -> dict[str, Any]:
    token_start, token_end = token_bounds(tokens, span.start, span.end)
    out = {
        "start": span.start,
        "end": span.end,
        "token_start": token_start,
        "token_end": token_end,
        "label": span.label,
        "text": span.text,
        "source": str(span.source),
        "state": str(span.state),
    }
    if span.annotator is not None:
        out["annotator"] = span.annotator
    if span.model is not None:
        out["model"] = span.model
    if span.layer == Layer.TRIGGER:
        out["layer"] = str(Layer.TRIGGER)
    return out


def export_id(doc: Document) -> str | None:
    """The id a document is exported under: its own id from import, else "doc-<database id>"."""
    if doc.ext_id is not None:
        return doc.ext_id
    return None if doc.id is None else f"doc-{doc.id}"


def describe(doc: Document) -> str:
    """A document's name in an error message."""
    ident = export_id(doc)
    return f"document {ident!r} ({doc.title!r})" if ident else f"document {doc.title!r}"


def _hash(*parts: str) -> int:
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)
