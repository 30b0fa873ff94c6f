"""DyGIE++ documents (https://github.com/dwadden/dygiepp, doc/data.md): one JSON object per
line with `doc_key`, `dataset`, `sentences` (lists of tokens) and, per sentence, `ner`
`[start, end, label]`, `relations` `[start1, end1, start2, end2, label]` and `events`
`[[trigger, type], [start, end, role], …]`, plus document-level coreference `clusters`
`[[start, end], …]`. Token indices count from the start of the document; ends are
inclusive.

Text. A document's text is its tokens joined by single spaces, a newline after each
sentence; token offsets become character offsets into it, and the tokens are the
Record's tokens, so writing gives the file's tokenization back.

Read. `ner` spans are accepted import spans, `predicted_ner` ones suggestions from a
model. Relations and event arguments name `ner` spans by their token offsets; an end
that is no entity is listed in `Record.dropped`. Triggers are trigger-layer spans
labelled with the event type. Each non-empty cluster is an `Equivalence` labelled
`Coreference`; a member that is no entity is a span labelled `Mention` kept only in the
equivalence. Other `predicted_*` fields and `event_clusters` are listed in
`Record.dropped`; any other key is kept in the document's meta and written back.

Write. Accepted entity spans (and, with `suggestions=True`, suggestions as
`predicted_ner`), relations between written spans, events, and equivalences as
clusters. Tokens are split at every span edge, so each span is exact. A DyGIE++ trigger
is one token: a longer trigger is written as its first token. A span, relation or
event that crosses a sentence break raises ValueError.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.core.annotations import Dropped, Equivalence, Relation
from desktop.core.model import (Argument, BadInput, Document, Event, Layer, Record, Source, Span, State,
                                Token)
from desktop.core.text import clean, content_hash, title_from
from desktop.formats.conll import token_pieces
from desktop.formats.event_dicts import kind
from desktop.formats.json_values import records
from desktop.formats.jsonl import describe, export_id

COREFERENCE = "Coreference"
MENTION = "Mention"
_OWN = {"doc_key", "sentences", "ner", "predicted_ner", "relations", "events", "clusters"}


def read(path: Path) -> Iterator[Record | BadInput]:
    """Yield a Record per document, or a BadInput(reason, file, line) per bad one."""
    return records(path, _record)


class _Doc:
    """One document being read: its tokens and the spans found so far by token offsets."""

    def __init__(self, sentences: Any):
        if not isinstance(sentences, list) or not sentences:
            raise BadInput('"sentences" is missing or not a non-empty list')
        parts, self.tokens, self.sentence_of = [], [], []
        pos = 0
        for i, sentence in enumerate(sentences):
            if not isinstance(sentence, list) or not all(isinstance(t, str) for t in sentence):
                raise BadInput(f"sentence {i + 1} is not a list of strings")
            for j, raw in enumerate(sentence):
                # clean() keeps lengths except at "\r", so most tokens need no cleaning of their own.
                word = clean(raw)[0] if "\r" in raw else raw
                if not word.strip():
                    raise BadInput(f"sentence {i + 1}, token {j + 1} is empty or only whitespace")
                last = j == len(sentence) - 1
                self.tokens.append(Token(pos, pos + len(word), not last))
                self.sentence_of.append(i)
                parts.append(word + ("\n" if last else " "))
                pos += len(word) + 1
        if not self.tokens:
            raise BadInput("the document has no tokens")
        self.text = clean("".join(parts)[:-1])[0]
        self.sentences = len(sentences)
        self.entities: dict[tuple[int, int], Span] = {}

    def bounds(self, start: Any, end: Any, where: str) -> tuple[int, int]:
        if type(start) is not int or type(end) is not int or not 0 <= start <= end < len(self.tokens):
            raise BadInput(f"{where}: tokens {start!r}-{end!r} are not in the document ({len(self.tokens)} tokens)")
        return start, end

    def span(self, start: int, end: int, label: Any, where: str, **more: Any) -> Span:
        if not isinstance(label, str) or not label.strip():
            raise BadInput(f"{where}: label must be a non-empty string, not {label!r}")
        a, b = self.tokens[start].start, self.tokens[end].end
        return Span(a, b, label, self.text[a:b], source=more.pop("source", Source.IMPORT), **more)

    def per_sentence(self, obj: dict, key: str) -> list[tuple[int, Any]]:
        """(sentence number, item) for each item of a per-sentence field."""
        value = obj.get(key, [])
        if not isinstance(value, list) or (value and len(value) != self.sentences):
            raise BadInput(f'"{key}" is not a list with one entry per sentence ({self.sentences})')
        out = []
        for i, items in enumerate(value, 1):
            if not isinstance(items, list):
                raise BadInput(f'"{key}" of sentence {i} is {kind(items)}, not a list')
            out += [(i, item) for item in items]
        return out


def _record(obj: Any) -> Record:
    if not isinstance(obj, dict):
        raise BadInput(f"not a JSON object but {kind(obj)}")
    doc = _Doc(obj.get("sentences"))
    key = obj.get("doc_key")
    if key is not None and (isinstance(key, bool) or not isinstance(key, (str, int))):
        raise BadInput(f'"doc_key" is {kind(key)}, not a string or integer')
    meta = {k: v for k, v in obj.items() if k not in _OWN and not k.startswith("predicted_") and k != "event_clusters"}
    record = Record(Document(doc.text, title=title_from(doc.text), ext_id=None if key is None else str(key),
                             meta=meta, content_hash=content_hash(doc.text)), tokens=doc.tokens)
    spans: dict[tuple, Span] = {}
    for field, state, source in (("ner", State.ACCEPTED, Source.IMPORT), ("predicted_ner", State.SUGGESTED, Source.MODEL)):
        for n, (i, item) in enumerate(doc.per_sentence(obj, field), 1):
            where = f"{field} {n} (sentence {i})"
            if not isinstance(item, list) or len(item) < 3:
                raise BadInput(f"{where}: expected [start, end, label], not {item!r}")
            start, end = doc.bounds(item[0], item[1], where)
            span = doc.span(start, end, item[2], where, state=state, source=source)
            key = (span.start, span.end, span.label, span.state)
            if key in spans:
                record.dropped.append(Dropped("span", f"{where}: the same span is listed twice", source=json.dumps(item)))
            span = spans.setdefault(key, span)
            if state == State.ACCEPTED:
                doc.entities.setdefault((start, end), span)
    record.spans = list(spans.values())
    for n, (i, item) in enumerate(doc.per_sentence(obj, "relations"), 1):
        where = f"relation {n} (sentence {i})"
        if not isinstance(item, list) or len(item) < 5 or not isinstance(item[4], str) or not item[4].strip():
            raise BadInput(f"{where}: expected [start1, end1, start2, end2, label], not {item!r}")
        ends = [doc.entities.get(doc.bounds(item[k], item[k + 1], where)) for k in (0, 2)]
        if None in ends:
            record.dropped.append(Dropped("relation", f"{where}: an end is not an entity of \"ner\"",
                                          source=json.dumps(item)))
            continue
        record.relations.append(Relation(item[4], ends[0], ends[1]))
    for n, (i, item) in enumerate(doc.per_sentence(obj, "events"), 1):
        record.events.append(_event(doc, record, item, f"event {n} (sentence {i})"))
    clusters = obj.get("clusters", [])
    if not isinstance(clusters, list):
        raise BadInput(f'"clusters" is {kind(clusters)}, not a list')
    for n, cluster in enumerate(clusters, 1):
        if not isinstance(cluster, list) or not all(isinstance(m, list) and len(m) == 2 for m in cluster):
            raise BadInput(f"cluster {n}: expected a list of [start, end], not {cluster!r}")
        members = []
        for start, end in (doc.bounds(a, b, f"cluster {n}") for a, b in cluster):
            members.append(doc.entities.get((start, end)) or doc.span(start, end, MENTION, f"cluster {n}"))
        if members:
            record.equivalences.append(Equivalence(COREFERENCE, tuple(members)))
    for field in sorted(k for k in obj if (k.startswith("predicted_") and k != "predicted_ner") or k == "event_clusters"):
        items = [x for sub in obj[field] for x in (sub if isinstance(sub, list) else [sub])] \
            if isinstance(obj[field], list) else [obj[field]]
        for item in items:
            record.dropped.append(Dropped(field, f'"{field}" is not kept', source=json.dumps(item)))
    return record


def _event(doc: _Doc, record: Record, item: Any, where: str) -> Event:
    if not isinstance(item, list) or not item or not isinstance(item[0], list) or len(item[0]) not in (2, 3):
        raise BadInput(f"{where}: expected [[trigger, type], [start, end, role], …], not {item!r}")
    *tokens, kind_ = item[0]
    start, end = doc.bounds(tokens[0], tokens[-1], where)
    trigger = doc.span(start, end, kind_, where, layer=Layer.TRIGGER, state=State.ACCEPTED)
    arguments = []
    for arg in item[1:]:
        if not isinstance(arg, list) or len(arg) < 3 or not isinstance(arg[2], str) or not arg[2].strip():
            raise BadInput(f"{where}: argument {arg!r} is not [start, end, role]")
        span = doc.entities.get(doc.bounds(arg[0], arg[1], where))
        if span is None:
            record.dropped.append(Dropped("argument", f"{where}: argument {arg[2]} at tokens {arg[0]}-{arg[1]} "
                                          "is not an entity of \"ner\"", source=json.dumps(arg)))
            continue
        arguments.append(Argument(arg[2], span))
    return Event(kind_, trigger, tuple(arguments))


def write(records: Iterable[Record], out: TextIO, *, suggestions: bool = False) -> int:
    """Write each record as one JSON line; returns how many. ValueError: see the module docstring."""
    count = 0
    for record in records:
        out.write(json.dumps(document(record, suggestions), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def document(record: Record, suggestions: bool = False) -> dict[str, Any]:
    """The DyGIE++ document a record is written as."""
    doc, text = record.doc, record.doc.text
    if record.tokens is None:
        raise ValueError(f"{describe(doc)}: no tokens; tokenize the text before writing DyGIE++")
    entities = [s for s in record.spans if s.layer == Layer.ENTITY and s.state == State.ACCEPTED]
    predicted = [s for s in record.spans if s.layer == Layer.ENTITY and s.state == State.SUGGESTED] if suggestions else []
    members = [m for e in record.equivalences for m in e.members]
    every = [*entities, *predicted, *members, *(e.trigger for e in record.events)]
    sentences = token_pieces(text, record.tokens, {x for s in every for x in (s.start, s.end)})
    first, last, sentence_of = {}, {}, {}
    n = 0
    for i, sentence in enumerate(sentences):
        for a, b in sentence:
            first[a], last[b], sentence_of[n] = n, n, i
            n += 1

    def tokens_of(span: Span) -> tuple[int, int]:
        a, b = first.get(span.start), last.get(span.end)
        if a is None or b is None:  # a span edge on whitespace: the pieces inside it
            inside = [k for k, (x, y) in enumerate(p for s in sentences for p in s) if span.start <= x and y <= span.end]
            if not inside:
                raise ValueError(f"{describe(doc)}: span {span.start}-{span.end} {span.text!r} covers no token")
            a, b = inside[0], inside[-1]
        if sentence_of[a] != sentence_of[b]:
            raise ValueError(f"{describe(doc)}: span {span.start}-{span.end} {span.text!r} crosses a sentence break")
        return a, b

    def per_sentence() -> list[list]:
        return [[] for _ in sentences]

    ner, pred = per_sentence(), per_sentence()
    ids: dict[tuple, tuple[int, int]] = {}
    for target, spans in ((ner, entities), (pred, predicted)):
        for span in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
            a, b = tokens_of(span)
            target[sentence_of[a]].append([a, b, span.label])
            if target is ner:
                ids[(span.start, span.end, span.label)] = (a, b)
    relations = per_sentence()
    for rel in record.relations:
        h, c = ids.get((rel.head.start, rel.head.end, rel.head.label)), ids.get((rel.child.start, rel.child.end, rel.child.label))
        if h and c:
            if sentence_of[h[0]] != sentence_of[c[0]]:
                raise ValueError(f"{describe(doc)}: relation {rel.label} {rel.head.text!r} → {rel.child.text!r} "
                                 "crosses a sentence break")
            relations[sentence_of[h[0]]].append([*h, *c, rel.label])
    events = per_sentence()
    for event in record.events:
        a, _ = tokens_of(event.trigger)
        out = [[a, event.type]]
        for arg in event.arguments:
            s, e = tokens_of(arg.span)
            out.append([s, e, arg.role])
        events[sentence_of[a]].append(out)
    words = [[text[a:b] for a, b in sentence] for sentence in sentences]
    obj: dict[str, Any] = {"doc_key": export_id(doc) or doc.title, "dataset": doc.meta.get("dataset", "spandesk")}
    obj |= {k: v for k, v in doc.meta.items() if k not in _OWN and k != "dataset"}
    obj |= {"sentences": words, "ner": ner, "relations": relations}
    if predicted:
        obj["predicted_ner"] = pred
    if record.events:
        obj["events"] = events
    if record.equivalences:
        obj["clusters"] = [[list(tokens_of(m)) for m in e.members] for e in record.equivalences]
    return obj
