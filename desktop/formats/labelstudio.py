"""Label Studio JSON: read a project's JSON export, write tasks to import as pre-annotations.

A file is a list of tasks (a single task object is read too):

    {"id": 1, "data": {"text": …}, "meta": {…},
     "annotations": [{"completed_by": …, "was_cancelled": false, "result": [
         {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
          "value": {"start": 0, "end": 6, "text": "Google", "labels": ["ORG"]}},
         {"from_id": "a1", "to_id": "a2", "type": "relation", "direction": "right", "labels": ["foundedBy"]},
         {"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["positive"]}}]}],
     "predictions": [{"model_version": …, "result": [ …same shapes… ]}]}

Read. `labels` results are spans, one per label: accepted import spans from
`annotations` (the annotator is `completed_by`), suggestions from `predictions`
(`model_version` is the model); a span two annotators both drew is stored once, with
the first one's name. `relation` results link two regions of the same
result list: head = from, child = to (swapped for `"direction": "left"`); a relation
without a label is labelled `related`, and `"direction": "bi"` is kept as from → to
with a `Dropped` entry saying so (the store has no direction per relation: a label the
label set declares `symmetric` reads both ways, and for such labels the importer takes the
entry back, `settle_two_way`: stored one way, the relation is the same). `choices` on
the text are document labels; `choices` on a region (same `id`) are attributes of its
span, named by `from_name`; `textarea` on the text or a region are notes. A task with a submitted annotation is done; one whose only
annotations were cancelled (`was_cancelled`) is skipped, and their results are listed
in `Record.dropped`, as is every result of another type. The task's `id` is the document id.

Write. One task per record: `data` holds `text` (and `title`); accepted entity spans,
their relations, document labels (as `choices`), attributes and notes go in one
`annotations` entry, suggestions in a `predictions` entry. A relation whose label is
`symmetric` (the label set's) is written `"direction": "bi"`, Label Studio's two-way
relation, once for it and its reverse. Events, and attributes or
notes on anything but a written span or the document, are not written. With
`predictions_only=True` everything goes in `predictions`, the usual way to hand
pre-annotations to Label Studio. `from_name`/`to_name` default to the names of Label
Studio's NER template (`label`, `text`); document labels use `choices_name`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.core.annotations import Attribute, Dropped, Note, Relation
from desktop.core.model import BadInput, Layer, Record, Source, Span, State, Status
from desktop.formats.event_dicts import kind
from desktop.formats.fast_json import dumps
from desktop.formats.json_values import Text, records
from desktop.formats.jsonl import describe

UNLABELLED = "related"


def read(path: Path, *, text_key: str = "text") -> Iterator[Record | BadInput]:
    """Yield a Record per task, or a BadInput(reason, file, line) per bad task."""
    return records(path, lambda obj: _record(obj, text_key))


def _record(task: Any, text_key: str) -> Record:
    if not isinstance(task, dict):
        raise BadInput(f"task is {kind(task)}, not an object")
    data = task.get("data")
    if not isinstance(data, dict):
        raise BadInput('"data" is missing or not an object')
    raw = data.get(text_key)
    if not isinstance(raw, str) or not raw.strip():
        raise BadInput(f'"data" has no text under "{text_key}"')
    text = Text(raw)
    meta = task.get("meta") or {}
    if not isinstance(meta, dict):
        raise BadInput(f'"meta" is {kind(meta)}, not an object')
    extra = {k: v for k, v in data.items() if k not in (text_key, "title")}
    ident = task.get("id")
    title = data.get("title") if isinstance(data.get("title"), str) else None
    record = Record(text.document(title=title, ext_id=None if ident is None else str(ident),
                                  meta={**meta, **({"data": extra} if extra else {})}))
    spans: dict[tuple, Span] = {}
    done = cancelled = False
    for field, state, source in (("annotations", State.ACCEPTED, Source.IMPORT), ("predictions", State.SUGGESTED, Source.MODEL)):
        entries = task.get(field, [])
        if not isinstance(entries, list):
            raise BadInput(f'"{field}" is {kind(entries)}, not a list')
        for n, entry in enumerate(entries, 1):
            where = f"{field[:-1]} {n}"
            # Every entry Label Studio writes has its result; one without was read as an internal error
            if not isinstance(entry, dict) or not isinstance(entry.get("result"), list):
                raise BadInput(f"{where} is not an object with a result list")
            if entry.get("was_cancelled"):
                cancelled = True
                record.dropped += [Dropped("result", f"{where} was cancelled by its annotator",
                                           source=json.dumps(r, ensure_ascii=False)) for r in entry.get("result", [])]
                continue
            who = entry.get("completed_by")
            who = (who.get("email") or who.get("id")) if isinstance(who, dict) else who
            person = {"annotator": str(who)} if who is not None and field == "annotations" else {}
            model = {"model": str(entry["model_version"])} if field == "predictions" and entry.get("model_version") else {}
            done |= field == "annotations"
            _results(record, text, entry["result"], where, spans, state=state, source=source, **person, **model)
    record.spans = list(spans.values())
    if done or cancelled:  # an annotation submitted finishes the task; one cancelled skips it
        record.doc.status = Status.DONE if done else Status.SKIPPED
    return record


def _results(record: Record, text: Text, results: list, where: str, spans: dict[tuple, Span], **how: Any) -> None:
    regions: dict[Any, list[Span]] = {}
    later = []
    for n, r in enumerate(results, 1):
        at = f"{where}, result {n}"
        if not isinstance(r, dict):
            raise BadInput(f"{at} is {kind(r)}, not an object")
        value = r.get("value", {})
        if r.get("type") == "labels":
            labels = value.get("labels") if isinstance(value, dict) else None
            if not isinstance(labels, list) or not labels:
                raise BadInput(f"{at}: a labels result without labels")
            for label in labels:
                span = text.span(value.get("start"), value.get("end"), label, at, covered=value.get("text"), **how)
                span = spans.setdefault((span.start, span.end, span.label, span.state), span)
                if _region_id(r, "id", at) is not None:  # relations, choices and notes name a region by its id
                    regions.setdefault(r["id"], []).append(span)
        else:
            later.append((at, r))
    for at, r in later:
        kind_, value = r.get("type"), r.get("value", {})
        region = regions.get(r.get("id")) if _region_id(r, "id", at) is not None else None
        if kind_ == "relation":
            ends = [regions.get(r.get(k)) if _region_id(r, k, at) is not None else None for k in ("from_id", "to_id")]
            if None in ends:
                raise BadInput(f"{at}: from_id {r.get('from_id')!r} or to_id {r.get('to_id')!r} is no labels region")
            head, child = (ends[1], ends[0]) if r.get("direction") == "left" else ends
            labels = r.get("labels") or [UNLABELLED]
            if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
                raise BadInput(f"{at}: a relation's labels must be a list of names, not {labels!r}")
            if r.get("direction") == "bi":
                # A stored relation has a head and a child; which way it reads is its label's
                # (a label set's `symmetric`, brat's <REL-TYPE>:symmetric), not the relation's.
                record.dropped.append(Dropped("relation", (
                    f"{at}: {' and '.join(map(repr, labels))} relation {head[0].text!r} ↔ {child[0].text!r} is"
                    f' two-way ("direction": "bi"); it is stored one way, {head[0].text!r} → {child[0].text!r}, as a'
                    " stored relation has a head and a child (a label the label set declares `symmetric` reads both"
                    ' ways), and written back "right"'), source=json.dumps(r, ensure_ascii=False)))
            for label in labels:
                record.relations += [Relation(label, h, c) for h in head for c in child]
        elif kind_ == "choices" and isinstance(value, dict) and isinstance(value.get("choices"), list):
            if region:
                record.attributes += [Attribute(str(r.get("from_name", "choices")), s, str(c))
                                      for s in region for c in value["choices"]]
            elif how["state"] == State.ACCEPTED:
                record.doc_labels += [str(c) for c in value["choices"] if str(c) not in record.doc_labels]
            else:
                record.dropped.append(Dropped("doc_label", f"{at}: a predicted document choice is not stored",
                                              source=json.dumps(r, ensure_ascii=False)))
        elif kind_ == "textarea" and isinstance(value, dict) and isinstance(value.get("text"), list):
            for note in value["text"]:
                record.notes += [Note(str(note), s) for s in region] if region else [Note(str(note))]
        else:
            record.dropped.append(Dropped(str(kind_ or "result"), f"{at}: a {kind_!r} result is not kept",
                                          source=json.dumps(r, ensure_ascii=False)))


def settle_two_way(record: Record, symmetric: Collection[str]) -> None:
    """Take back the `Dropped` entries of the record's two-way relations whose every label is
    in `symmetric` (the label set's symmetric relations): stored one way, such a relation is
    the same relation, read both ways, and is written back two-way."""
    if symmetric and record.dropped:
        record.dropped = [d for d in record.dropped if not _symmetric_two_way(d, symmetric)]


def _symmetric_two_way(dropped: Dropped, symmetric: Collection[str]) -> bool:
    if dropped.kind != "relation" or '"bi"' not in dropped.source:
        return False
    try:
        r = json.loads(dropped.source)
    except ValueError:
        return False
    return (isinstance(r, dict) and r.get("type") == "relation" and r.get("direction") == "bi"
            and all(label in symmetric for label in (r.get("labels") or [UNLABELLED])))


def _region_id(result: dict, key: str, at: str) -> Any:
    """`result[key]` (a region id) when it is a string or a number, None when absent; any other
    value (a list, an object) cannot name a region."""
    value = result.get(key)
    if value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
        return value
    raise BadInput(f"{at}: {key} must be a string, not {kind(value)}")


def write(records: Iterable[Record], out: TextIO, *, predictions_only: bool = False, from_name: str = "label",
          to_name: str = "text", choices_name: str = "choices", model_version: str = "spandesk",
          symmetric: Collection[str] = ()) -> int:
    """Write the records as one JSON list of tasks; returns how many. `symmetric`: the
    relation labels the label set declares symmetric, written two-way."""
    count = 0
    out.write("[")
    for record in records:
        if count:
            out.write(",")
        out.write("\n")
        out.write(dumps(task(record, predictions_only=predictions_only, from_name=from_name, to_name=to_name,
                              choices_name=choices_name, model_version=model_version, symmetric=symmetric)))
        count += 1
    out.write("\n]\n")
    return count


def task(record: Record, *, predictions_only: bool = False, from_name: str = "label", to_name: str = "text",
         choices_name: str = "choices", model_version: str = "spandesk",
         symmetric: Collection[str] = ()) -> dict[str, Any]:
    """The Label Studio task a record is written as (`symmetric`: as `write`'s)."""
    doc = record.doc
    ids: dict[Span, str] = {}

    def region(span: Span) -> dict[str, Any]:
        if doc.text[span.start : span.end] != span.text:
            raise ValueError(f"{describe(doc)}: span {span.start}-{span.end} {span.text!r} does not match the text")
        ids[span] = f"s{len(ids) + 1}"
        return {"id": ids[span], "from_name": from_name, "to_name": to_name, "type": "labels",
                "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [span.label]}}

    entities = sorted((s for s in record.spans if s.layer == Layer.ENTITY), key=lambda s: (s.start, s.end, s.label))
    gold = [region(s) for s in entities if s.state == State.ACCEPTED]
    predicted = [region(s) for s in entities if s.state == State.SUGGESTED]
    written = set()  # (from, to, label) of the relations written: a symmetric one's reverse is the same
    for rel in record.relations:
        if rel.head in ids and rel.child in ids:
            ends, bi = (ids[rel.head], ids[rel.child]), rel.label in symmetric
            if bi and (ends[1], ends[0], rel.label) in written:
                continue
            written.add((*ends, rel.label))
            (gold if rel.head.state == State.ACCEPTED else predicted).append(
                {"from_id": ends[0], "to_id": ends[1], "type": "relation", "direction": "bi" if bi else "right",
                 "labels": [rel.label]})
    for attr in record.attributes:
        if isinstance(attr.target, Span) and attr.target in ids and attr.value is not None:
            (gold if attr.target.state == State.ACCEPTED else predicted).append(
                {"id": ids[attr.target], "from_name": attr.name, "to_name": to_name, "type": "choices",
                 "value": {"start": attr.target.start, "end": attr.target.end, "choices": [attr.value]}})
    for note in record.notes:
        if note.target is not None and note.target not in ids:
            continue  # a note on an event or a relation has no place in Label Studio
        gold.append({**({"id": ids[note.target]} if note.target else {}), "from_name": "notes", "to_name": to_name,
                     "type": "textarea", "value": {"text": [note.text]}})
    if record.doc_labels:
        gold.append({"from_name": choices_name, "to_name": to_name, "type": "choices",
                     "value": {"choices": sorted(record.doc_labels)}})
    out: dict[str, Any] = {"data": {"text": doc.text, "title": doc.title, **doc.meta.get("data", {})}}
    meta = {k: v for k, v in doc.meta.items() if k != "data"}
    if meta:
        out["meta"] = meta
    if predictions_only:
        predicted = gold + predicted
        gold = []
    if gold or (doc.status == Status.DONE and not predictions_only):
        out["annotations"] = [{"result": gold}]
    elif doc.status == Status.SKIPPED and not predictions_only:
        out["annotations"] = [{"result": [], "was_cancelled": True}]
    if predicted:
        out["predictions"] = [{"model_version": model_version, "result": predicted}]
    return out
