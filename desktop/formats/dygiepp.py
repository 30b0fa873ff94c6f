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
`Coreference`; a member that is no entity is a span labelled `Mention`, stored with its
set (not listed in `ner`) and written back in the cluster only. Other `predicted_*` fields and `event_clusters` are listed in
`Record.dropped`; any other key is kept in the document's meta and written back.

Write: what DyGIE++'s own loader (dygie/data/dataset_readers/document.py and dygie.py)
takes, so the file trains DyGIE++ as it is; Spandesk's event export. Accepted entity
spans, with every span an event argument or a relation end uses (DyGIE++ finds those
among the sentence's entities), and, with `suggestions=True`, suggestions as
`predicted_ner`; relations, events, and equivalences as clusters. Tokens are split at
every span edge, so each span is exact. (Most records need no split: tokens that are the
text's words, every span on their edges, nothing across a line break. `_whole_words`
writes those in fewer passes, the same document; tested against the general path.)

Sentences. A text that is already tokens between single spaces, a sentence a line (what
this reader and the CoNLL reader make), keeps its lines. Any other is cut at line breaks
and, when the writer is given a sentence finder (the spaCy pipeline's), at its sentence
boundaries. Where a span, a relation or an event would cross a boundary, the sentences
on both sides are joined, so every annotation is written whole (DyGIE++ keeps them
within one sentence).

Our own keys. DyGIE++ refuses a top-level key that is not its own, `weight`, or a list
of one entry per sentence named `_…`. So the title, the meta, and each trigger longer
than one token (DyGIE++'s trigger is one token: it is written as its first) go in
`_spandesk`, one object per sentence, and the reader puts them back.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from itertools import accumulate
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.core.annotations import Dropped, Equivalence, Relation
from desktop.core.model import Argument, BadInput, Document, Event, Layer, Record, Source, Span, State
from desktop.core.text import clean, content_hash, title_from
from desktop.core.token_list import TokenList, word_starts
from desktop.formats.conll import whole_pieces
from desktop.formats.event_dicts import kind
from desktop.formats.fast_json import dumps
from desktop.formats.json_values import records
from desktop.formats.jsonl import describe, export_id

Sentences = Callable[[str], list[tuple[int, int]] | None]
COREFERENCE = "Coreference"
SPANDESK = "_spandesk"  # our per-sentence field: the title, the meta, whole triggers
MENTION = "Mention"
_BETWEEN = {" ", "\n"}  # what separates two tokens in a text this reader made
_ENTITY, _TRIGGER, _IMPORT = Layer.ENTITY, Layer.TRIGGER, Source.IMPORT
_ACCEPTED, _SUGGESTED = State.ACCEPTED, State.SUGGESTED  # bound once: an enum member's lookup is slow in 3.11
_NER_FIELDS = (("ner", State.ACCEPTED, Source.IMPORT), ("predicted_ner", State.SUGGESTED, Source.MODEL))
_OWN = {"doc_key", "sentences", "ner", "predicted_ner", "relations", "events", "clusters", SPANDESK}


def read(path: Path) -> Iterator[Record | BadInput]:
    """Yield a Record per document, or a BadInput(reason, file, line) per bad one."""
    return records(path, _record)


class _Doc:
    """One document being read: its tokens and the spans found so far by token offsets."""

    def __init__(self, sentences: Any):
        if not isinstance(sentences, list) or not sentences:
            raise BadInput('"sentences" is missing or not a non-empty list')
        lines, words, parts = [], [], []  # parts: how many words the document has at each sentence's end
        for i, sentence in enumerate(sentences):
            try:  # joining checks every token is a string, at C speed
                line = " ".join(sentence) if isinstance(sentence, list) else None
            except TypeError:
                line = None
            if line is None:
                raise BadInput(f"sentence {i + 1} is not a list of strings")
            if "\r" in line:  # clean() keeps lengths except at "\r": only then are tokens cleaned one by one
                sentence = [clean(w)[0] for w in sentence]
                line = " ".join(sentence)
            if not sentence:  # an empty sentence adds no line
                continue
            if not all(map(str.strip, sentence)):
                j = next(j for j, word in enumerate(sentence) if not word.strip())
                raise BadInput(f"sentence {i + 1}, token {j + 1} is empty or only whitespace")
            words += sentence
            parts.append(len(words))
            lines.append(line)
        if not words:
            raise BadInput("the document has no tokens")
        # Offsets by running sums over the whole document (each word is followed by one
        # space, or a newline where its sentence ends), kept as lists: a Token is made
        # only if one is asked for (core.token_list).
        # (list comprehensions: Python 3.11 runs them faster than map over a bound method)
        after = list(accumulate([len(w) + 1 for w in words]))  # where the next word starts
        self.starts = starts = [0, *after[:-1]]
        self.ends = ends = [x - 1 for x in after]
        spaces = [True] * len(words)
        for k in parts:
            spaces[k - 1] = False
        self.tokens = TokenList(starts, ends, spaces)
        self.text = clean("\n".join(lines))[0]
        self.sentences = len(sentences)
        self.entities: dict[tuple[int, int], Span] = {}

    def bounds(self, start: Any, end: Any, where: str) -> tuple[int, int]:
        if type(start) is not int or type(end) is not int or not 0 <= start <= end < len(self.starts):
            raise BadInput(f"{where}: tokens {start!r}-{end!r} are not in the document ({len(self.starts)} tokens)")
        return start, end

    def span(self, start: int, end: int, label: Any, where: str, **more: Any) -> Span:
        if not isinstance(label, str) or not label.strip():
            raise BadInput(f"{where}: label must be a non-empty string, not {label!r}")
        a, b = self.starts[start], self.ends[end]
        return Span(a, b, label, self.text[a:b], source=more.pop("source", Source.IMPORT), **more)

    def lists(self, obj: dict, key: str) -> list[list]:
        """A per-sentence field: a list of items for each sentence (checked), or none."""
        if key not in obj:
            return []
        value = obj[key]
        if type(value) is not list or (value and len(value) != self.sentences):
            raise BadInput(f'"{key}" is not a list with one entry per sentence ({self.sentences})')
        for i, items in enumerate(value, 1):
            if type(items) is not list:
                raise BadInput(f'"{key}" of sentence {i} is {kind(items)}, not a list')
        return value


def _record(obj: Any) -> Record:
    if not isinstance(obj, dict):
        raise BadInput(f"not a JSON object but {kind(obj)}")
    doc = _Doc(obj.get("sentences"))
    key = obj.get("doc_key")
    if key is not None and (isinstance(key, bool) or not isinstance(key, (str, int))):
        raise BadInput(f'"doc_key" is {kind(key)}, not a string or integer')
    others = obj.keys() - _OWN  # most files: "dataset" alone, so the loops below look at the few others
    unkept = sorted([k for k in others if k.startswith("predicted_") or k == "event_clusters"])
    # (in the file's order; one key has no order to keep)
    meta = {k: obj[k] for k in (others if len(others) == 1 else obj) if k in others and k not in unkept}
    own = _own(obj.get(SPANDESK), doc.sentences)
    meta |= own[0].get("meta", {})
    title = own[0].get("title") if isinstance(own[0].get("title"), str) else title_from(doc.text)
    record = Record(Document(doc.text, title=title, ext_id=None if key is None else str(key),
                             meta=meta, content_hash=content_hash(doc.text)), tokens=doc.tokens)
    spans: dict[tuple, Span] = {}
    text, starts, ends, count = doc.text, doc.starts, doc.ends, len(doc.starts)
    entities = doc.entities
    for field, state, source in _NER_FIELDS:
        n = 0  # the item's number in the field, for messages
        for i, items in enumerate(doc.lists(obj, field), 1):
            for item in items:
                n += 1
                # Most items: checked and made in one go; any other gets the checks one by one, for the message.
                if (type(item) is list and len(item) >= 3 and type(start := item[0]) is int
                        and type(end := item[1]) is int and 0 <= start <= end < count
                        and type(label := item[2]) is str and label.strip()):
                    a, b = starts[start], ends[end]
                    span = Span(a, b, label, text[a:b], _ENTITY, source, state)
                else:
                    where = f"{field} {n} (sentence {i})"
                    if not isinstance(item, list) or len(item) < 3:
                        raise BadInput(f"{where}: expected [start, end, label], not {item!r}")
                    start, end = doc.bounds(item[0], item[1], where)
                    span = doc.span(start, end, item[2], where, state=state, source=source)
                    a, b, label = span.start, span.end, span.label
                key = (a, b, label, state)
                if key in spans:
                    record.dropped.append(Dropped("span", f"{field} {n} (sentence {i}): the same span is listed "
                                                  "twice", source=json.dumps(item)))
                span = spans.setdefault(key, span)
                if state is _ACCEPTED:
                    entities.setdefault((start, end), span)
    record.spans = list(spans.values())
    relations = record.relations
    n = 0
    for i, items in enumerate(doc.lists(obj, "relations"), 1):
        for item in items:
            n += 1
            # Most relations: two entities by their token offsets, looked up at once; any other
            # is checked part by part below, for the message.
            if (type(item) is list and len(item) >= 5 and type(item[4]) is str and item[4].strip()
                    and type(item[0]) is type(item[1]) is type(item[2]) is type(item[3]) is int  # not True, not 1.0
                    and (head := entities.get((item[0], item[1]))) and (child := entities.get((item[2], item[3])))):
                relations.append(Relation(item[4], head, child))
                continue
            where = f"relation {n} (sentence {i})"
            if not isinstance(item, list) or len(item) < 5 or not isinstance(item[4], str) or not item[4].strip():
                raise BadInput(f"{where}: expected [start1, end1, start2, end2, label], not {item!r}")
            ends_ = [entities.get(doc.bounds(item[k], item[k + 1], where)) for k in (0, 2)]
            if None in ends_:
                record.dropped.append(Dropped("relation", f"{where}: an end is not an entity of \"ner\"",
                                              source=json.dumps(item)))
                continue
            relations.append(Relation(item[4], ends_[0], ends_[1]))
    events = record.events
    n = 0
    for i, items in enumerate(doc.lists(obj, "events"), 1):
        whole = own[i - 1].get("triggers")
        for item in items:
            n += 1
            # Most events: a one-token trigger (none wider in our own field) and arguments that
            # are entities, made in one go; any other goes through _event's checks and messages.
            if (not whole and type(item) is list and item and type(head := item[0]) is list and len(head) == 2
                    and type(t := head[0]) is int and 0 <= t < count and type(kind_ := head[1]) is str
                    and kind_.strip()):
                arguments = []
                for arg in item[1:]:
                    if not (type(arg) is list and len(arg) >= 3 and type(arg[2]) is str and arg[2].strip()
                            and type(arg[0]) is type(arg[1]) is int and (span := entities.get((arg[0], arg[1])))):
                        break
                    arguments.append(Argument(arg[2], span))
                else:
                    a, b = starts[t], ends[t]
                    events.append(Event(kind_, Span(a, b, kind_, text[a:b], _TRIGGER, _IMPORT, _ACCEPTED),
                                        tuple(arguments)))
                    continue
            events.append(_event(doc, record, item, f"event {n} (sentence {i})", whole or []))
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
    for field in unkept:  # ("predicted_ner" is our own key, so not among the others)
        items = [x for sub in obj[field] for x in (sub if isinstance(sub, list) else [sub])] \
            if isinstance(obj[field], list) else [obj[field]]
        for item in items:
            record.dropped.append(Dropped(field, f'"{field}" is not kept', source=json.dumps(item)))
    return record


def _own(value: Any, sentences: int) -> list[dict]:
    """Our `_spandesk` field, one object per sentence (see the module docstring)."""
    if value is None:
        return [{} for _ in range(sentences)]
    # (loops, not all() over a generator: a document has a sentence or two)
    if not isinstance(value, list) or len(value) != sentences:
        raise BadInput(f'"{SPANDESK}" is not a list of one object per sentence ({sentences})')
    for x in value:
        if not isinstance(x, dict):
            raise BadInput(f'"{SPANDESK}" is not a list of one object per sentence ({sentences})')
    if not isinstance(value[0].get("meta", {}), dict):
        raise BadInput(f'"{SPANDESK}": "meta" is {kind(value[0]["meta"])}, not an object')
    for x in value:
        if "triggers" in x and (not isinstance(triggers := x["triggers"], list)
                                or not all(isinstance(t, list) and len(t) == 3 for t in triggers)):
            raise BadInput(f'"{SPANDESK}": "triggers" is not a list of [start, end, type]')
    return value


def _event(doc: _Doc, record: Record, item: Any, where: str, whole: list) -> Event:
    if not isinstance(item, list) or not item or not isinstance(item[0], list) or len(item[0]) not in (2, 3):
        raise BadInput(f"{where}: expected [[trigger, type], [start, end, role], …], not {item!r}")
    *tokens, kind_ = item[0]
    start, end = doc.bounds(tokens[0], tokens[-1], where)
    # A trigger written as its first token, with the whole of it in our own field.
    wider = [t[1] for t in whole if t[0] == start and t[2] == kind_]
    if len(tokens) == 1 and wider:
        start, end = doc.bounds(start, wider[0], where)
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


def write(records: Iterable[Record], out: TextIO, *, suggestions: bool = False,
          sentences: Sentences | None = None) -> int:
    """Write each record as one JSON line; returns how many. `sentences` finds sentence
    ranges in a text that is not already one sentence a line (see the module docstring).
    ValueError: a record without tokens."""
    count = 0
    for record in records:
        obj = _whole_words(record, suggestions, sentences)  # (document(), a call less a record)
        out.write(dumps(_document(record, suggestions, sentences) if obj is None else obj))
        out.write("\n")
        count += 1
    return count


def document(record: Record, suggestions: bool = False, sentences: Sentences | None = None) -> dict[str, Any]:
    """The DyGIE++ document a record is written as."""
    obj = _whole_words(record, suggestions, sentences)
    return _document(record, suggestions, sentences) if obj is None else obj


def _document(record: Record, suggestions: bool, sentences: Sentences | None) -> dict[str, Any]:
    """document(), for any record: tokens cut at every span edge (the general path)."""
    doc, text = record.doc, record.doc.text
    if record.tokens is None:
        raise ValueError(f"{describe(doc)}: no tokens; tokenize the text before writing DyGIE++")
    # A Mention span is a coreference member that is no entity (see Read): written in its cluster only.
    mentions = {_key(m) for e in record.equivalences for m in e.members if m.label == MENTION}
    entities = [s for s in record.spans if s.layer == _ENTITY and s.state == _ACCEPTED
                and _key(s) not in mentions]
    # An event's arguments and a relation's ends are annotated whatever their own state:
    # DyGIE++ finds them among the sentence's entities, so they are written there too.
    linked = [a.span for e in record.events for a in e.arguments if a.span.layer == _ENTITY]
    linked += [x for r in record.relations for x in (r.head, r.child) if x.layer == _ENTITY]
    gold = {(s.start, s.end, s.label): s for s in [*entities, *linked]}
    predicted = [s for s in record.spans if s.layer == _ENTITY and s.state == State.SUGGESTED
                 and _key(s) not in gold] if suggestions else []
    members = [m for e in record.equivalences for m in e.members]
    every = [*gold.values(), *predicted, *members, *(e.trigger for e in record.events)]
    starts, ends, texts, line_firsts = whole_pieces(text, record.tokens, {x for s in every for x in (s.start, s.end)})
    if not texts:
        raise ValueError(f"{describe(doc)}: no tokens; tokenize the text before writing DyGIE++")
    count = len(texts)

    # The first and last token (inclusive) of each span, found once (each is asked for up
    # to three times), in one loop rather than a call per span.
    found: dict[tuple[int, int], tuple[int, int]] = {}
    for span in every:
        key = (span.start, span.end)
        if key not in found:
            a, b = bisect_left(ends, key[0] + 1), bisect_right(starts, key[1] - 1) - 1
            if a > b:
                raise ValueError(f"{describe(doc)}: span {span.start}-{span.end} {span.text!r} covers no token")
            found[key] = a, b

    def tokens_of(span: Span) -> tuple[int, int]:
        """The first and last token (inclusive) a span covers."""
        key = (span.start, span.end)
        if key in found:
            return found[key]
        a, b = bisect_left(ends, span.start + 1), bisect_right(starts, span.end - 1) - 1
        if a > b:
            raise ValueError(f"{describe(doc)}: span {span.start}-{span.end} {span.text!r} covers no token")
        found[key] = a, b
        return a, b

    # Which stretches of tokens one sentence must hold: a span, a relation, an event.
    together = [found[s.start, s.end] for s in [*gold.values(), *predicted]]
    together += [_hull(tokens_of(r.head), tokens_of(r.child)) for r in record.relations]
    together += [_hull(tokens_of(e.trigger), *(tokens_of(a.span) for a in e.arguments)) for e in record.events]
    bounds = set(line_firsts[:-1])
    if sentences is not None and not _one_sentence_a_line(text, starts, ends):
        bounds |= {bisect_left(starts, a) for a, _ in sentences(text) or []}
    first = _sentence_starts(count, bounds, together)
    sentence_of = [0] * count
    for i, (a, b) in enumerate(zip(first, [*first[1:], count])):
        sentence_of[a:b] = [i] * (b - a)

    def per_sentence() -> list[list]:
        return [[] for _ in first]

    ner, pred, relations, events = per_sentence(), per_sentence(), per_sentence(), per_sentence()
    for target, spans in ((ner, gold.values()), (pred, predicted)):
        for span in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
            a, b = found[span.start, span.end]
            target[sentence_of[a]].append([a, b, span.label])
    for rel in record.relations:
        (a, b), (c, d) = tokens_of(rel.head), tokens_of(rel.child)
        relations[sentence_of[a]].append([a, b, c, d, rel.label])
    own: list[dict[str, Any]] = [{} for _ in first]
    for event in record.events:
        a, b = found[event.trigger.start, event.trigger.end]
        events[sentence_of[a]].append([[a, event.type], *([*tokens_of(arg.span), arg.role] for arg in event.arguments)])
        if b > a:  # DyGIE++'s trigger is one token: the whole one is kept beside it
            own[sentence_of[a]].setdefault("triggers", []).append([a, b, event.type])
    words = [texts[x:y] for x, y in zip(first, [*first[1:], count])]
    obj: dict[str, Any] = {"doc_key": export_id(doc) or doc.title, "dataset": doc.meta.get("dataset", "spandesk")}
    passed, rest = _meta_fields(doc.meta, len(first))
    obj |= passed
    own[0] |= {"title": doc.title, **({"meta": rest} if rest else {})}
    obj |= {"sentences": words, "ner": ner, "relations": relations}
    if predicted:
        obj["predicted_ner"] = pred
    if record.events:
        obj["events"] = events
    if record.equivalences:
        obj["clusters"] = [[list(tokens_of(m)) for m in e.members] for e in record.equivalences]
    obj[SPANDESK] = own
    return obj


def _whole_words(record: Record, suggestions: bool, sentences: Sentences | None) -> dict[str, Any] | None:
    """document() for the common record, or None: its tokens are the text's words between
    single whitespace characters, and every span written among the entities, suggestions,
    cluster members and triggers starts and ends on a token's edge. Then no token is cut,
    the words are the text's split() and each span's tokens two bisections: what
    _document gives, in fewer passes (tested against it on random and awkward records)."""
    tokens, text = record.tokens, record.doc.text
    if not tokens:  # (None, or none: _document says why)
        return None
    words = text.split()
    n = len(words)
    lengths = list(map(len, words))
    starts = word_starts(tokens, text, lengths)  # (so token i ends at starts[i] + lengths[i])
    if starts is None:
        return None
    if sentences is not None and text.count(" ") + text.count("\n") != n - 1:
        return None  # not a sentence a line (_one_sentence_a_line): the finder's sentences
    equivalences, events, relations, spans = record.equivalences, record.events, record.relations, record.spans
    # (loops rather than comprehensions: a document has a few of each, and a comprehension's
    # own cost is then most of its time)
    gold: set[tuple[int, int, str]] = set()
    keep = gold.add
    mentions = {_key(m) for e in equivalences for m in e.members if m.label == MENTION} if equivalences else ()
    for x in spans:
        if x.layer == _ENTITY and x.state == _ACCEPTED and (not mentions or _key(x) not in mentions):
            keep((x.start, x.end, x.label))
    for e in events:
        for arg in e.arguments:
            if (x := arg.span).layer == _ENTITY:
                keep((x.start, x.end, x.label))
    for r in relations:
        if (x := r.head).layer == _ENTITY:
            keep((x.start, x.end, x.label))
        if (x := r.child).layer == _ENTITY:
            keep((x.start, x.end, x.label))
    predicted = sorted([(s.start, s.end, s.label) for s in spans if s.layer == _ENTITY and s.state == _SUGGESTED
                        and (s.start, s.end, s.label) not in gold]) if suggestions else []
    # Each span's first and last token: its start among the token starts, its end among the
    # token ends. A span with an edge inside a token, or between two, goes to _document.
    found: dict[tuple[int, int], tuple[int, int]] = {}
    ner: list = []
    for a, b, label in sorted(gold):
        if (x := _edges(starts, lengths, a, b)) is None:
            return None
        found[a, b] = x
        ner.append([*x, label])
    pred: list = []
    for a, b, label in predicted:
        if (x := _edges(starts, lengths, a, b)) is None:
            return None
        found[a, b] = x
        pred.append([*x, label])
    for e in events:
        if (key := (e.trigger.start, e.trigger.end)) not in found:
            if (x := _edges(starts, lengths, *key)) is None:
                return None
            found[key] = x
    for m in [m for e in equivalences for m in e.members] if equivalences else ():
        if (key := (m.start, m.end)) not in found:
            if (x := _edges(starts, lengths, *key)) is None:
                return None
            found[key] = x
    # Relations and events, each with the stretch of tokens it covers, which one sentence
    # must hold. Their ends and arguments are among the spans above, but for one that is
    # neither an entity nor a trigger (written as the tokens it covers: _document).
    get = found.get
    rels = []
    for rel in relations:
        h, c = get((rel.head.start, rel.head.end)), get((rel.child.start, rel.child.end))
        if h is None or c is None:
            return None
        rels.append((h[0] if h[0] < c[0] else c[0], h[1] if h[1] > c[1] else c[1], [*h, *c, rel.label]))
    evs = []
    for event in events:
        lo, hi = trigger = found[event.trigger.start, event.trigger.end]
        item = [[lo, event.type]]
        for arg in event.arguments:
            if (x := get((arg.span.start, arg.span.end))) is None:
                return None
            item.append([*x, arg.role])
            lo, hi = (lo if lo < x[0] else x[0]), (hi if hi > x[1] else x[1])
        evs.append((lo, hi, trigger, item))
    if (at := text.find("\n")) < 0:  # one line, one sentence
        first = [0]
        sentence_ner, sentence_pred = [ner], [pred]
        sentence_rels = [[item for _, _, item in rels]]
        sentence_evs = [[item for _, _, _, item in evs]]
        own: list[dict[str, Any]] = [{}]
        for _, _, (a, b), item in evs:
            if b > a:  # DyGIE++'s trigger is one token: the whole one is kept beside it
                own[0].setdefault("triggers", []).append([a, b, item[0][1]])
    else:
        first = [0]  # each line break is a character between two words: the next word starts a line
        while at >= 0:
            first.append(bisect_right(starts, at))
            at = text.find("\n", at + 1)
        # A line a sentence, where no span, relation or event crosses a line break; where
        # one does, _document joins the lines.
        last = [*first[1:], n]  # (after each sentence's last token)
        sentence_ner = _by_line(ner, last)
        sentence_pred = _by_line(pred, last) if pred else []
        if sentence_ner is None or sentence_pred is None:
            return None
        sentence_rels = [[] for _ in first]
        for lo, hi, item in rels:
            k = bisect_right(first, lo)
            if hi >= last[k - 1]:
                return None
            sentence_rels[k - 1].append(item)
        sentence_evs = [[] for _ in first] if evs else []
        own = [{} for _ in first]
        for lo, hi, (a, b), item in evs:
            k = bisect_right(first, lo)
            if hi >= last[k - 1]:
                return None
            sentence_evs[k - 1].append(item)
            if b > a:
                own[k - 1].setdefault("triggers", []).append([a, b, item[0][1]])
    count = len(first)
    doc = record.doc
    meta = doc.meta
    obj: dict[str, Any] = {"doc_key": export_id(doc) or doc.title, "dataset": meta.get("dataset", "spandesk")}
    rest = None
    if meta:
        passed, rest = _meta_fields(meta, count)
        obj |= passed
    own[0]["title"] = doc.title
    if rest:
        own[0]["meta"] = rest
    obj["sentences"] = [words] if count == 1 else [words[a:b] for a, b in zip(first, last)]
    obj["ner"], obj["relations"] = sentence_ner, sentence_rels
    if predicted:
        obj["predicted_ner"] = sentence_pred
    if events:
        obj["events"] = sentence_evs
    if equivalences:
        obj["clusters"] = [[list(found[m.start, m.end]) for m in e.members] for e in equivalences]
    obj[SPANDESK] = own
    return obj


def _meta_fields(meta: dict[str, Any], sentences: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A document's meta as a DyGIE++ document carries it: (the keys written at its top level,
    the rest). DyGIE++ takes only its own keys, `weight` and per-sentence lists named `_…`;
    the rest travels in the first sentence's entry of our own per-sentence `_spandesk`."""
    kept = {k: v for k, v in meta.items() if k not in _OWN and k != "dataset"}
    passed = {k: v for k, v in kept.items() if k == "weight" or (k.startswith("_") and isinstance(v, list)
                                                                  and len(v) == sentences)}
    return passed, {k: v for k, v in kept.items() if k not in passed}


def _edges(starts: list[int], lengths: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The first and last token of a span from `start` to `end`, tokens that are words
    (`starts`, `lengths`: see _whole_words), or None if either edge falls on no token's."""
    i, j = bisect_left(starts, start), bisect_right(starts, end) - 1
    if i >= len(starts) or j < 0 or starts[i] != start or starts[j] + lengths[j] != end or i > j:
        return None
    return i, j


def _by_line(items: list[list], last: list[int]) -> list[list] | None:
    """Items [first token, last token, …], in order of their first tokens, grouped by the
    line that holds each (`last`: after each line's last token); None if one crosses a
    line's end."""
    out: list[list] = [[] for _ in last]
    k, after = 0, last[0]
    for item in items:
        while item[0] >= after:
            k += 1
            after = last[k]
        if item[1] >= after:
            return None
        out[k].append(item)
    return out


def _key(span: Span) -> tuple:
    return span.start, span.end, span.label


def _hull(*stretches: tuple[int, int]) -> tuple[int, int]:
    return min(a for a, _ in stretches), max(b for _, b in stretches)


def _one_sentence_a_line(text: str, starts: list[int], ends: list[int]) -> bool:
    """Whether the text is tokens between single spaces, a sentence a line (what the
    DyGIE++ and CoNLL readers make): its lines are its sentences, no pipeline needed.
    Checked on the pieces' offsets as wholes (starts, ends), not piece by piece."""
    return (starts[0] == 0 and ends[-1] == len(text)
            and starts[1:] == [b + 1 for b in ends[:-1]]
            and set(map(text.__getitem__, ends[:-1])) <= _BETWEEN)


def _sentence_starts(n: int, bounds: set[int], together: list[tuple[int, int]]) -> list[int]:
    """The first token of each sentence: the `bounds` (token indices) that no stretch of
    `together` (inclusive token ranges) crosses."""
    cut = sorted(b for b in bounds if 0 < b < n)
    delta = [0] * (len(cut) + 1)
    for a, b in together:  # a boundary at token k is crossed when a < k <= b
        lo, hi = bisect_right(cut, a), bisect_right(cut, b)
        if lo < hi:
            delta[lo] += 1
            delta[hi] -= 1
    inside, keep = 0, [0]
    for i, k in enumerate(cut):
        inside += delta[i]
        if inside == 0:
            keep.append(k)
    return keep
