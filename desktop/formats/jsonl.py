"""Prodigy-compatible JSONL: read tasks with a precise reason per bad line, write training-ready tasks.

A written line is a Prodigy span task (`text`, `meta`, `_input_hash`, `_task_hash`,
`tokens`, `spans`, `answer`) followed by Spandesk's own keys (`id`, `title`, `status`,
`events`, `doc_labels`, and each span's `source`, `state`, `annotator`, `model`), so
Prodigy and spaCy's tools take the file as it is and a re-import restores everything.

Answers. On reading, a Prodigy `answer` decides what its spans are: `accept` makes them
accepted and the document done, `reject` makes them rejected (the document stays to do:
rejecting one suggestion says nothing of the rest), `ignore` skips the document and
leaves its spans suggestions, as does a line without an answer. A span's own `answer`
(ner.teach writes one) wins over the task's; Spandesk's own `state` and `status` keys
win over both, so its files round-trip. On writing, rejected spans go under Spandesk's own
`rejected_spans` key (each with `"state": "rejected"` and Prodigy's per-span `"answer":
"reject"`), never in `spans`: Prodigy trains a manual task's `spans` as gold whatever a
span's own answer says, so a rejected span there would teach it the opposite of the
verdict. Prodigy ignores the key; a re-import reads them back rejected, so a round trip
keeps every verdict.

Events. `events` holds `[{"type", "trigger": {"start", "end", "text"}, "arguments":
[{"role", "start", "end", "label", "text"}]}]`. For Prodigy, each trigger is also a span
in `spans`, marked `"layer": "trigger"` so a re-import keeps it apart from the entities,
and each argument is also a relation in `relations` (present when the document has
events): `head` is the trigger's last token, `child` the argument's, `label` the role.
On reading, an argument names an entity span by offsets and label; one not among
`spans` is added as an accepted import span. An argument that is another event is that
event's trigger (`"layer": "trigger"`) with `"event": i`, the index of that event in
`events` (desktop/formats/event_dicts.py).

Document labels. `doc_labels` lists the labels the document has; Spandesk's own
`rejected_doc_labels` those an annotator ruled out (read from Prodigy's textcat
`"answer": "reject"` too). A document whose only verdict is one rejected label (no spans,
events or relations) is also written in Prodigy's binary textcat form, `"label": L,
"answer": "reject"`, so Prodigy reads the rejection back.

Relations, attributes, notes, normalisations and equivalence sets (issue 10): relations
go in `relations` too, after the event arguments, in Prodigy's rel.manual form; the others
under `attributes`, `notes`, `normalisations` and `equivalences`; Prodigy's nel.manual
choice is read as a normalisation. desktop/formats/jsonl_kinds.py gives the layout.

Hostile lines. A line is refused (FILE:LINE: reason) when it holds NaN, Infinity,
-Infinity or a number beyond a double's range (1e999, which Python would read as
infinity), an integer of more than 4,300 digits, a `meta` nested more than MAX_DEPTH
levels deep (the task object is level 1), or any part nested deeper than Python's JSON
reader follows (near 1,000 levels; other parts than `meta` are not stored, and their
shape is checked without walking into them).
A lone surrogate escape (`"\\ud800"`) in any string becomes U+FFFD, as in the text.
Duplicate keys: the last one wins, as in Python's JSON reader.
Writing is strict JSON: a NaN or infinity already stored in `meta` (an import by an
older version could store one) is written as null, and counted.

Prodigy identity. A task's `_input_hash`, `_task_hash`, `_annotator_id`, `_session_id`,
`_timestamp`, `_view_id` and its own `tokens` (when they fit the text as stored) are kept
in the document's meta under "prodigy", and written back at the top level of the task
in place of ours, so Prodigy recognises its tasks (the kept `_task_hash` is written even
if the spans changed since). A line Spandesk wrote (its `_input_hash` is ours) keeps
nothing: the next export computes the same. The file's tokens are written back only if
every span covers one of them; otherwise ours are.

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
import math
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.core import files
from desktop.core.model import Argument, BadInput, Document, Event, Layer, Record, Source, Span, State, Status, Token
from desktop.core.spans import check_span, token_bounds
from desktop.formats.token_split import split_at
from desktop.core.text import clean, content_hash, iter_lines, title_from
from desktop.core.token_list import TokenList
from desktop.formats import event_dicts, jsonl_kinds, prodigy_cats
from desktop.formats.event_dicts import kind as _kind
from desktop.formats.event_dicts import shown
from desktop.formats.fast_json import NOTHING, dumps, exact_ints, line_value

# How deep a line may nest. Deeper `meta` would be refused by (or crash) every later
# reader of it; Python's own JSON reader stops near 1,000 levels with a RecursionError.
MAX_DEPTH = 100
# A `\uD800`–`\uDFFF` escape: where a lone surrogate can come from (the line itself is
# decoded strictly, so it holds none). Searched first: most lines have none.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# Escapes that matter when fixing them: an escaped backslash (so `\\ud800`, a backslash
# then "ud800", stays text), a surrogate pair (kept: it spells one astral character), a
# lone surrogate (replaced). In valid JSON no other escape holds a backslash after its
# first character, so the scan stays in step with the escapes.
_ESCAPES = re.compile(
    r"\\\\|(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)

# A Prodigy answer as the state of the spans it was given for: an accepted task's spans
# are right, a rejected task's are wrong (ner.teach asks about one span at a time; left a
# suggestion, an export of suggestions would make it gold). An ignored task, or a line
# without an answer, decided nothing.
_ANSWER_STATES = {"accept": State.ACCEPTED, "reject": State.REJECTED}
_ANSWERS = {"accept", "reject", "ignore"}
# Where a document's Prodigy identity lives in its meta, and which task keys it holds
# (besides the file's own `tokens`): written back on export so Prodigy knows its tasks.
PRODIGY = "prodigy"
IDENTITY = ("_input_hash", "_task_hash", "_annotator_id", "_session_id", "_timestamp", "_view_id")
_STATUSES = {s.value for s in Status}
_STATES = {s.value for s in State}
_SOURCES = {s.value for s in Source}


def read(path: Path) -> Iterator[Record | BadInput]:
    """Yield a Record per task line, or a BadInput(reason, file, line) per bad line.

    Streams the file, so memory stays flat however large it is. Blank lines are
    skipped. Undecodable bytes end the iteration with one BadInput: past them the
    line numbers, and so the rest of the file, cannot be trusted.
    """
    file = files.display(path)
    with files.open_binary(path) as stream:
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


def without_lone_surrogates(source: str) -> str:
    """JSON source with each lone surrogate escape made `\\ufffd` (the same length, so
    offsets into it stay put); surrogate pairs are kept. Shared with json_values."""
    return _ESCAPES.sub(_lone_surrogate, source) if _SURROGATE_ESCAPE.search(source) else source


def _loads(line: str) -> Any:
    """The JSON value of a line, by the rules in the module docstring; raises BadInput."""
    line = without_lone_surrogates(line)
    if exact_ints(line):  # most lines: read by orjson, as json would read them (fast_json)
        value = line_value(line)
        if value is not NOTHING:
            return value
    try:
        return _DECODER.decode(line)
    except json.JSONDecodeError as err:
        # Some of json's messages end in "at" already ("Unterminated string starting at").
        where = "column" if err.msg.endswith(" at") else "at column"
        raise BadInput(f"invalid JSON: {err.msg} {where} {err.colno}") from None
    except RecursionError:
        raise BadInput(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    except ValueError:  # an integer of more digits than int() converts (sys.get_int_max_str_digits)
        raise BadInput("an integer of more than 4300 digits") from None


def _lone_surrogate(m: re.Match) -> str:
    return m.group() if m.group() == "\\\\" or m.group(1) else "\\ufffd"


def _constant(name: str) -> float:
    raise BadInput(f"{name} is not a JSON number (write null or a string)")


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise BadInput(f"the number {shown(literal)[1:-1]} is beyond the range of a double")
    return value


# One decoder for every line: json.loads with hooks would build a new one per line.
_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float)
# One encoder for every line, likewise (json.dumps with options builds one per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _too_deep(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest more than `limit` levels in `value` (itself level 1)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def _record(line: str) -> Record:
    """One task line as a Record; raises BadInput(reason) without file or line."""
    task = _loads(line)
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
    if _too_deep(meta, MAX_DEPTH - 1):
        raise BadInput(f'"meta" is nested deeper than {MAX_DEPTH} levels (counting the line\'s own object)')
    spans = task.get("spans", [])
    if not isinstance(spans, list):
        raise BadInput(f'"spans" is {_kind(spans)}, not a list')
    rejected = task.get("rejected_spans", [])
    if not isinstance(rejected, list):
        raise BadInput(f'"rejected_spans" is {_kind(rejected)}, not a list')
    doc_labels = task.get("doc_labels", [])
    if not isinstance(doc_labels, list) or not all(isinstance(x, str) for x in doc_labels):
        raise BadInput('"doc_labels" is not a list of strings')
    if not all(x.strip() for x in doc_labels):
        raise BadInput('"doc_labels" holds an empty label')
    cats, refused = prodigy_cats.doc_labels(task)  # Prodigy textcat and choice answers
    doc_labels = doc_labels + [c for c in cats if c not in doc_labels]
    not_labels = task.get("rejected_doc_labels", [])  # Spandesk's key, as rejected_spans
    if not isinstance(not_labels, list) or not all(isinstance(x, str) and x.strip() for x in not_labels):
        raise BadInput('"rejected_doc_labels" is not a list of non-empty strings')
    not_labels = list(dict.fromkeys([*not_labels, *refused]))
    both = [x for x in not_labels if x in doc_labels]
    if both:
        raise BadInput(f"document label {shown(both[0])} is both given and rejected")
    _check_answer(task.get("answer"), '"answer"')
    text, moved = clean(raw)
    state = _ANSWER_STATES.get(task.get("answer"), State.SUGGESTED)
    spans = [_span(obj, n, raw, text, moved, state) for n, obj in enumerate(spans, 1)]
    # numbered after `spans`, so a refusal's "span N" is unambiguous
    spans += [_span(obj, n, raw, text, moved, State.REJECTED) for n, obj in enumerate(rejected, len(spans) + 1)]
    events = event_dicts.from_dicts(task.get("events", []), functools.partial(_offsets, raw, text, moved), spans)
    spans = event_dicts.linked(spans, events)
    kinds = jsonl_kinds.read(task, spans, events, functools.partial(_offsets, raw, text, moved), task.get("answer"))
    identity = _identity(task, raw, text)
    if identity:
        meta = {**meta, PRODIGY: identity}
    doc = Document(
        text,
        title=_title(task, meta, text),
        ext_id=_ext_id(task),
        meta=meta,
        status=_status(task),
        content_hash=content_hash(text),
    )
    return Record(doc, spans=spans, events=events, doc_labels=doc_labels, rejected_doc_labels=not_labels, **kinds)


def _identity(task: dict, raw: str, text: str) -> dict[str, Any]:
    """The Prodigy keys of a task kept for writing back: none for a line Spandesk wrote
    (its `_input_hash` is ours), and the file's `tokens` only when they fit the text."""
    if "_input_hash" in task and task["_input_hash"] == _hash(text):
        return {}
    kept = {key: task[key] for key in IDENTITY if key in task and isinstance(task[key], (str, int, type(None)))}
    if raw == text and file_tokens(task.get("tokens"), text) is not None:
        kept["tokens"] = task["tokens"]
    return kept


def file_tokens(value: Any, text: str) -> list[Token] | None:
    """A task's own `tokens` as Tokens, or None unless they are objects of plain values
    with integer offsets in order inside `text`."""
    if not isinstance(value, list) or not value:
        return None
    out, end = [], 0
    for token in value:
        if not isinstance(token, dict) or not all(isinstance(v, (str, int, float, bool, type(None)))
                                                  for v in token.values()):
            return None
        start, stop = token.get("start"), token.get("end")
        if type(start) is not int or type(stop) is not int or not end <= start < stop <= len(text):
            return None
        out.append(Token(start, stop, token.get("ws") is True))
        end = stop
    return out


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
        if not isinstance(task["status"], str) or task["status"] not in _STATUSES:
            raise BadInput(f'unknown status {shown(task["status"])} (expected one of {", ".join(Status)})')
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
        raise BadInput(f"span {n}: start and end must be integers, not {shown(start)} and {shown(end)}")
    if not isinstance(label, str) or not label.strip():
        raise BadInput(f"span {n}: label must be a non-empty string, not {shown(label)}")
    _check_answer(obj.get("answer"), f'span {n}: "answer"')
    if start < 0 or end > len(raw):
        raise BadInput(f"span {n}: {shown(start)}-{shown(end)} is outside the text (length {len(raw)})")
    if start >= end:
        raise BadInput(f"span {n}: start {start} is not before end {end}")
    s, e = moved(start), moved(end)
    covered = text[s:e]
    if "text" in obj:
        if not isinstance(obj["text"], str):
            raise BadInput(f'span {n}: "text" is {_kind(obj["text"])}, not a string')
        if clean(obj["text"])[0] != covered:
            raise BadInput(f"span {n}: text {shown(obj['text'])} is not the text at {start}-{end}, {shown(covered)}")
    reason = check_span(text, s, e)
    if reason:
        raise BadInput(f"span {n} ({start}-{end}): {reason}")
    # Triggers are the annotator's decisions, whatever the task's answer says. A span's own
    # Spandesk `state` wins, then its own Prodigy `answer` (ner.teach writes one), then the task's.
    layer = Layer.TRIGGER if obj.get("layer") == Layer.TRIGGER else Layer.ENTITY
    return Span(
        s,
        e,
        label,
        covered,
        layer=layer,
        source=_choice(obj.get("source"), _SOURCES, Source.IMPORT),
        state=_choice(obj.get("state"), _STATES, State.ACCEPTED if layer == Layer.TRIGGER
                      else _ANSWER_STATES.get(obj["answer"], State.SUGGESTED) if obj.get("answer") in _ANSWERS
                      else state),
        annotator=obj["annotator"] if isinstance(obj.get("annotator"), str) else None,
        model=obj["model"] if isinstance(obj.get("model"), str) else None,
    )


def _offsets(raw: str, text: str, moved: Callable[[int], int], obj: dict, where: str) -> tuple[int, int, str]:
    """An event part's offsets into `raw`, checked and moved into `text`, with its text."""
    if "start" not in obj or "end" not in obj:
        raise BadInput(f"{where} has no start or end")
    start, end = obj["start"], obj["end"]
    if type(start) is not int or type(end) is not int:
        raise BadInput(f"{where}: start and end must be integers, not {shown(start)} and {shown(end)}")
    if start < 0 or end > len(raw) or start >= end:
        raise BadInput(f"{where}: {shown(start)}-{shown(end)} is not a stretch of the text (length {len(raw)})")
    s, e = moved(start), moved(end)
    if "text" in obj and (not isinstance(obj["text"], str) or clean(obj["text"])[0] != text[s:e]):
        raise BadInput(f"{where}: text {shown(obj['text'])} is not the text at {start}-{end}, {shown(text[s:e])}")
    reason = check_span(text, s, e)
    if reason:
        raise BadInput(f"{where} ({start}-{end}): {reason}")
    return s, e, text[s:e]


def _check_answer(answer: Any, what: str) -> None:
    """Prodigy's answer is a string (accept, reject, ignore) or absent; a list or object
    would reach a set lookup as an unhashable value (an internal error, found by the sweep)."""
    if answer is not None and not isinstance(answer, str):
        raise BadInput(f"{what} is {_kind(answer)}, not a string (accept, reject or ignore)")


def _choice(value: Any, allowed: set[str], default: str) -> str:
    return value if isinstance(value, str) and value in allowed else default


def write(records: Iterable[Record], out: TextIO, warn: Callable[[str], None] | None = None) -> int:
    """Write each record as one compact line of strict JSON; returns how many were written.

    A NaN or infinity (stored in `meta` by an older version) is written as null, and
    `warn` is told, once per document, how many were. Raises ValueError for a record
    without tokens (Prodigy and spaCy need them) or with a span whose text no longer
    matches the document.
    """
    count = 0
    for record in records:
        obj = task(record)
        try:
            line = dumps(obj, _ENCODE)
        except ValueError:  # only a non-finite float makes strict dumps fail
            replaced = _nulls_for_nonfinite(obj)
            line = _ENCODE(obj)
            if warn:
                warn(f"{describe(record.doc)}: {replaced} NaN or infinite numbers in meta written as null")
        out.write(line + "\n")
        count += 1
    return count


def _nulls_for_nonfinite(value: dict | list) -> int:
    """Replace each NaN or infinity inside `value` by None, in place; returns how many.
    Iterative: a stored `meta` may nest deeper than a recursive walk could follow."""
    replaced, stack = 0, [value]
    while stack:
        item = stack.pop()
        for key, child in list(item.items() if isinstance(item, dict) else enumerate(item)):
            if isinstance(child, float) and not math.isfinite(child):
                item[key] = None
                replaced += 1
            elif isinstance(child, (dict, list)):
                stack.append(child)
    return replaced


def task(record: Record) -> dict[str, Any]:
    """The Prodigy task (plus Spandesk's keys) a record is written as."""
    doc, tokens = record.doc, record.tokens
    if tokens is None:
        raise ValueError(f"{describe(doc)}: no tokens; tokenize the text before writing JSONL")
    meta, identity = doc.meta, doc.meta.get(PRODIGY)
    if isinstance(identity, dict):
        meta = {k: v for k, v in doc.meta.items() if k != PRODIGY}
    else:
        identity = {}
    events = event_dicts.sorted_events(record)
    triggers = {(e.trigger.start, e.trigger.end, e.type): event_dicts.as_trigger(e) for e in events}
    every = sorted(
        [*(s for s in record.spans if s.layer == Layer.ENTITY), *triggers.values()],
        key=lambda s: (s.start, s.end, s.label, s.layer),
    )
    spans = [s for s in every if s.state != State.REJECTED]
    rejected = [s for s in every if s.state == State.REJECTED]
    edges = [*every, *(a.span for e in events for a in e.arguments),
             *(end for r in record.relations for end in (r.head, r.child))]
    for s in edges:
        if doc.text[s.start : s.end] != s.text:
            raise ValueError(f"{describe(doc)}: span {s.start}-{s.end} {s.text!r} does not match the text")
    own = file_tokens(identity.get("tokens"), doc.text)
    if own is not None and _fits(own, edges):
        tokens, token_dicts = own, identity["tokens"]
    else:
        # Cut the tokens where a span starts or ends inside one, so token_start/token_end are exact.
        tokens = split_at(tokens, [(s.start, s.end) for s in edges])
        text = doc.text
        if type(tokens) is TokenList:  # as the store gives an export: its lists, no Token per word
            token_dicts = [{"text": text[a:b], "start": a, "end": b, "id": i, "ws": w}
                           for i, (a, b, w) in enumerate(zip(tokens.starts, tokens.ends, tokens.spaces))]
        else:
            token_dicts = [{"text": text[t.start : t.end], "start": t.start, "end": t.end, "id": i, "ws": t.ws}
                           for i, t in enumerate(tokens)]
    out: dict[str, Any] = {
        "text": doc.text,
        "meta": meta,
        "_input_hash": identity.get("_input_hash", _hash(doc.text)),
        "_task_hash": identity.get("_task_hash",
                                   _hash(doc.text, json.dumps([[s.start, s.end, s.label] for s in spans]))),
        **{key: identity[key] for key in IDENTITY[2:] if key in identity},
        "tokens": token_dicts,
        "spans": [_span_out(s, tokens) for s in spans],
    }
    if rejected:  # Spandesk's key, never `spans`: see the module's docstring
        out["rejected_spans"] = [_span_out(s, tokens) for s in rejected]
    relations, kinds = jsonl_kinds.write(record, events, tokens, _edge)
    if events or relations:
        out["relations"] = [*(_relation(e, a, tokens) for e in events for a in e.arguments), *relations]
    out["answer"] = "accept" if doc.status == Status.DONE else "ignore"
    if _binary_reject(record):  # Prodigy's own form of a rejected textcat task
        out |= {"label": record.rejected_doc_labels[0], "answer": "reject"}
    ident = export_id(doc)
    if ident is not None:  # a document neither imported with an id nor stored has none to give
        out["id"] = ident
    out |= {
        "title": doc.title,
        "status": str(doc.status),
        "events": event_dicts.to_dicts(record, events),
        "doc_labels": sorted(record.doc_labels),
        **({"rejected_doc_labels": sorted(record.rejected_doc_labels)} if record.rejected_doc_labels else {}),
        **kinds,
    }
    return out


def _binary_reject(record: Record) -> bool:
    """Whether the document is a rejected binary textcat task as Prodigy writes one: one
    rejected document label and nothing else its `answer` would decide (spans, events,
    relations, another label)."""
    return (len(record.rejected_doc_labels) == 1 and not record.doc_labels and not record.events
            and not record.relations and not any(s.layer == Layer.ENTITY for s in record.spans))


def _fits(tokens: list[Token], edges: list[Span]) -> bool:
    """Whether every span, argument and relation end starts and ends on a token edge of
    `tokens` (a file's own may not), so token_start/token_end stay exact with them."""
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    return all(s.start in starts and s.end in ends for s in edges)


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
    if span.state == State.REJECTED:  # Prodigy's own mark of a span ruled out (ner.teach, merged answers)
        out["answer"] = "reject"
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
