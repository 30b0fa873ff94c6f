"""doccano JSONL: one JSON object per document, in the forms doccano imports and exports.

Read (each object; a file may also hold pretty-printed objects one after another):

    {"text": …, "label": [[start, end, "LABEL"], …]}                 sequence labelling
    {"text": …, "label": ["positive", …]}                            text classification
    {"text": …, "entities": [{"id", "start_offset", "end_offset", "label"}, …],
     "relations": [{"id", "from_id", "to_id", "type"}, …]}           relation extraction
    {"text": …, "entities": [[start, end, "LABEL"], …], "cats": [..]}  intent detection

Spans are accepted import spans; `label` strings and `cats` become document labels;
relations link entities by id (head = from, child = to); doccano's `Comments` become
notes on the document; `id` is the document's id; every other key is kept in the
document's meta and written back. doccano lets the user rename the text and label
columns on upload (its own examples use `column_data`/`column_label`): `text_key` and
`label_key` say which are meant. Offsets count code points, as Python and doccano do.

Write: the `entities` form by default (it carries spans, relations and `cats`), or the
`label` form (spans as triples, document labels in `cats`; relations cannot be
written there and raise ValueError). Accepted entity spans only (suggestions with
`suggestions=True`); triggers, events, attributes and notes on spans have no place in
doccano and are not written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.core.annotations import Dropped, Note, Relation
from desktop.core.model import BadInput, Layer, Record, Source, Span, State
from desktop.core.text import unmoved
from desktop.formats.event_dicts import kind
from desktop.formats.fast_json import dumps
from desktop.formats.json_values import Text, records
from desktop.formats.jsonl import describe, export_id

_OWN = {"id", "entities", "relations", "cats", "Comments"}
_OWN_DEFAULT = _OWN | {"text", "label"}
_IDS = (int, str)  # the ids looked up at once (a bool, a float, a list: by _check_id first)
_ENTITY, _IMPORT, _ACCEPTED = Layer.ENTITY, Source.IMPORT, State.ACCEPTED  # an enum member's lookup is slow in 3.11


def read(path: Path, *, text_key: str | None = None, label_key: str | None = None) -> Iterator[Record | BadInput]:
    """Yield a Record per object, or a BadInput(reason, file, line) per bad one. Without
    `text_key` (`label_key`), an object's text is under "text" ("label"), or, when it has
    none, under doccano's upload column name "column_data" ("column_label")."""
    return records(path, lambda obj: _record(obj, text_key, label_key))


def _record(obj: Any, text_key: str | None, label_key: str | None) -> Record:
    if not isinstance(obj, dict):
        raise BadInput(f"not a JSON object but {kind(obj)}")
    text_key = text_key or ("column_data" if "text" not in obj and "column_data" in obj else "text")
    label_key = label_key or ("column_label" if "label" not in obj and "column_label" in obj else "label")
    raw = obj.get(text_key)
    if not isinstance(raw, str) or not raw.strip():
        raise BadInput(f'"{text_key}" is missing, empty or not a string')
    text = Text(raw)
    ident = obj.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise BadInput(f'"id" is {kind(ident)}, not a string or integer')
    own = _OWN_DEFAULT if (text_key, label_key) == ("text", "label") else _OWN | {text_key, label_key}
    meta = {k: v for k, v in obj.items() if k not in own}
    record = Record(text.document(ext_id=None if ident is None else str(ident), meta=meta))
    spans: dict[tuple, Span] = {}
    labels = _list(obj, label_key)
    if not labels:  # most lines in the entities form: none
        pass
    elif all(isinstance(x, str) for x in labels):
        record.doc_labels += labels
    else:
        for n, triple in enumerate(labels, 1):
            _add(record, spans, _triple(text, triple, f"{label_key} {n}"), f"{label_key} {n}")
    ids: dict[Any, Span] = {}
    raw_length, stored, moved = len(raw), text.text, text.moved
    same = moved is unmoved  # most texts: no \r, so an offset is its own stored offset
    # Most lines have a list under each key: taken as it is, anything else checked by _list.
    entities = obj.get("entities")
    for n, ent in enumerate(entities if type(entities) is list else _list(obj, "entities"), 1):
        if type(ent) is dict:
            start, end, label = ent.get("start_offset"), ent.get("end_offset"), ent.get("label")
            # Most entities: made here in one test, as Text.span would make them; any other
            # goes through Text.span's checks one by one, for the message.
            if (type(start) is int and type(end) is int and type(label) is str and 0 <= start < end <= raw_length
                    and label.strip()
                    and ((s := start) < (e := end) if same else (s := moved(start)) < (e := moved(end)))
                    and not (actual := stored[s:e]).isspace()):
                span = Span(s, e, label, actual, _ENTITY, _IMPORT, _ACCEPTED)
            else:
                span = text.span(start, end, label, f"entity {n}")
            if "id" in ent:
                key = ent["id"]
                if type(key) is not int and type(key) is not str:
                    _check_id(key, f"entity {n}: id")
                if key in ids:
                    raise BadInput(f"entity {n}: id {key!r} is used twice")
                ids[key] = span
        elif isinstance(ent, dict):  # a dict subclass JSON never makes: the general path
            span = text.span(ent.get("start_offset"), ent.get("end_offset"), ent.get("label"), f"entity {n}")
        else:
            span = _triple(text, ent, f"entity {n}")
        key = (span.start, span.end, span.label)
        if key in spans:
            _add(record, spans, span, f"entity {n}")
        spans.setdefault(key, span)
    relations = obj.get("relations")
    for n, rel in enumerate(relations if type(relations) is list else _list(obj, "relations"), 1):
        # Most relations: two entity ids that are strings or integers, and a type, taken at
        # once; any other gets the checks one by one below, for the message.
        if (type(rel) is dict and type(head := rel.get("from_id")) in _IDS and type(child := rel.get("to_id")) in _IDS
                and (head := ids.get(head)) is not None and (child := ids.get(child)) is not None
                and type(label := rel.get("type")) is str and label.strip()):
            record.relations.append(Relation(label, head, child))
            continue
        if not isinstance(rel, dict):
            raise BadInput(f"relation {n} is {kind(rel)}, not an object")
        ends = [ids.get(_check_id(rel.get(key), f"relation {n}: {key}")) if type(rel.get(key)) not in (int, str)
                else ids.get(rel.get(key)) for key in ("from_id", "to_id")]
        if None in ends:
            raise BadInput(f"relation {n}: from_id {rel.get('from_id')!r} or to_id {rel.get('to_id')!r} "
                           "is not the id of an entity of this line")
        label = rel.get("type")
        if not isinstance(label, str) or not label.strip():
            raise BadInput(f"relation {n}: type must be a non-empty string, not {label!r}")
        record.relations.append(Relation(label, ends[0], ends[1]))
    cats = obj.get("cats")
    cats = cats if type(cats) is list else _list(obj, "cats")
    if cats:
        if not all(isinstance(x, str) for x in cats):
            raise BadInput('"cats" is not a list of strings')
        record.doc_labels += [c for c in cats if c not in record.doc_labels]
    comments = obj.get("Comments")
    for c in (comments if type(comments) is list else () if comments is None else _list(obj, "Comments")):
        record.notes.append(Note(c if isinstance(c, str) else json.dumps(c, ensure_ascii=False)))
    record.spans = list(spans.values())
    return record


def _check_id(value: Any, what: str) -> Any:
    """An entity id as given, when JSON can spell it as a key (a string or number); a list or
    an object names no entity (and cannot be looked up)."""
    if isinstance(value, (list, dict)):
        raise BadInput(f"{what} must be a string or integer, not {kind(value)}")
    return value


def _list(obj: dict, key: str) -> list:
    value = obj.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput(f'"{key}" is {kind(value)}, not a list')
    return value


def _triple(text: Text, triple: Any, where: str) -> Span:
    if not isinstance(triple, list) or len(triple) != 3:
        raise BadInput(f"{where}: expected [start, end, label], not {triple!r}")
    return text.span(*triple, where)


def _add(record: Record, spans: dict[tuple, Span], span: Span, where: str) -> None:
    key = (span.start, span.end, span.label)
    if key in spans:  # the same annotation twice: stored once, and said so
        record.dropped.append(Dropped("span", f"{where}: the same span is listed twice", source=repr(list(key))))
    spans.setdefault(key, span)


def write(records: Iterable[Record], out: TextIO, *, form: str = "entities", suggestions: bool = False) -> int:
    """Write each record as one JSON line in `form` ("entities" or "label"); returns how many."""
    if form not in ("entities", "label"):
        raise ValueError(f"doccano form must be 'entities' or 'label', not {form!r}")
    count = 0
    for record in records:
        out.write(dumps(_obj(record, form, suggestions)))
        out.write("\n")
        count += 1
    return count


def _obj(record: Record, form: str, suggestions: bool) -> dict[str, Any]:
    doc = record.doc
    states = {State.ACCEPTED, State.SUGGESTED} if suggestions else {State.ACCEPTED}
    spans = sorted((s for s in record.spans if s.layer == Layer.ENTITY and s.state in states),
                   key=lambda s: (s.start, s.end, s.label))
    out: dict[str, Any] = {k: v for k, v in doc.meta.items() if k not in _OWN | {"text", "label"}}
    ident = export_id(doc)
    if ident is not None:
        out["id"] = ident
    out["text"] = doc.text
    labels = sorted(record.doc_labels)
    if form == "label":
        if record.relations:
            raise ValueError(f"{describe(doc)}: doccano's label form has no relations; write the entities form")
        if spans:
            out["label"] = [[s.start, s.end, s.label] for s in spans]
            if labels:
                out["cats"] = labels
        else:
            out["label"] = labels
    else:
        number = {(s.start, s.end, s.label): n for n, s in enumerate(spans)}
        out["entities"] = [{"id": n, "start_offset": s.start, "end_offset": s.end, "label": s.label}
                           for n, s in enumerate(spans)]
        out["relations"] = []
        for rel in record.relations:
            ends = [number.get((x.start, x.end, x.label)) for x in (rel.head, rel.child)]
            if None not in ends:  # an end that is not written (a suggestion, a trigger) leaves no link
                out["relations"].append({"id": len(out["relations"]), "from_id": ends[0], "to_id": ends[1],
                                         "type": rel.label})
        if labels:
            out["cats"] = labels
    comments = [n.text for n in record.notes if n.target is None]
    if comments:
        out["Comments"] = comments
    return out
