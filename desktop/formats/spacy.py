"""spaCy's binary corpus (.spacy DocBin): what `python -m spacy train` reads as it is.

Each document becomes one Doc built from the record's tokens, cut wherever a span starts
or ends inside one (desktop/formats/token_split.py), so `doc.char_span(start, end)` is
exact for every span written: none is widened or merged.

Gold is what an annotator accepted. `doc.ents` holds a non-overlapping choice of the
accepted entity spans (longer, then earlier, first); `doc.spans["sc"]` holds them all,
overlaps included, for the span categorizer (which has no "missing" value, so a
suggestion there would be trained on as gold). Around them, a document marked done is
"outside" (O: the annotator saw every entity), any other is "missing" (spaCy's
`Doc.set_ents(..., default="missing")`), so partial work never teaches a model that an
unreviewed entity is not one. Unreviewed suggestions go to `doc.spans["suggestions"]`,
which no spaCy component trains on. With `include_suggestions` (silver data) they are
treated as accepted in `ents` and `sc` too, and `doc.user_data["silver"]` is True.
Rejected spans are never written.

Events: each trigger is a span in `doc.spans["events"]` labelled with its event type;
`doc.user_data["events"]` holds the events with their arguments in the JSONL layout
(desktop/formats/event_dicts.py); `doc.cats` scores every document label of the schema
1.0 when the document has it and 0.0 when not, as spaCy's textcat_multilabel expects.
`doc.user_data` also carries the id, title, meta and status.

The only formats module that imports spaCy, and only inside its functions, so the
rest of the app starts without loading it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core import files
from desktop.core.model import BadInput, Document, Layer, Record, Source, Span, State, Status, Token
from desktop.core.spans import check_span, non_overlapping
from desktop.core.text import content_hash, title_from
from desktop.formats import event_dicts
from desktop.formats.jsonl import MAX_DEPTH, describe, export_id
from desktop.formats.token_split import split_at

SPANS_KEY = "sc"  # spaCy's default spans_key for the span categorizer
EVENTS_KEY = "events"
SUGGESTIONS_KEY = "suggestions"  # unreviewed model spans: kept, never trained on


def write(records: Iterable[Record], path: Path, doc_labels: Iterable[str] = (), *,
          include_suggestions: bool = False) -> int:
    """Write the records as one DocBin file; returns how many documents it holds.
    `doc_labels` are the schema's document labels, each scored in every doc's cats;
    `include_suggestions` makes silver data (suggestions count as gold).

    Raises ValueError, naming the document, when its tokens do not cover its text
    exactly or a span covers no token.
    """
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    vocab, docs, count, labels = Vocab(), DocBin(store_user_data=True), 0, list(doc_labels)
    for record in records:
        docs.add(_doc(vocab, record, labels, include_suggestions))
        count += 1
    docs.to_disk(path)
    return count


def _doc(vocab, record: Record, doc_labels: list[str], include_suggestions: bool = False):
    from spacy.tokens import Doc

    text, name = record.doc.text, describe(record.doc)
    events = event_dicts.sorted_events(record)
    triggers = {(e.trigger.start, e.trigger.end, e.type): event_dicts.as_trigger(e) for e in events}
    entity = [s for s in record.spans if s.layer == Layer.ENTITY and s.state != State.REJECTED]
    edges = [*entity, *triggers.values(), *(a.span for e in events for a in e.arguments)]
    tokens = split_at(_covering(record.tokens, text, name), [(s.start, s.end) for s in edges])
    doc = Doc(vocab, words=[text[t.start : t.end] for t in tokens], spaces=[t.ws for t in tokens])
    if doc.text != text:
        raise ValueError(f"{name}: the Doc built from the tokens does not reproduce the text")
    gold_states = {State.ACCEPTED, State.SUGGESTED} if include_suggestions else {State.ACCEPTED}
    gold = [s for s in entity if s.state in gold_states]
    suggested = [s for s in entity if s.state == State.SUGGESTED]
    # A document marked done was read whole: what is not an entity is outside. Any other
    # may hold entities nobody has looked at yet: they are missing, not negatives.
    default = "outside" if record.doc.status == Status.DONE else "missing"
    doc.set_ents([_char_span(doc, s, name) for s in non_overlapping(gold)], default=default)
    doc.spans[SPANS_KEY] = [_char_span(doc, s, name) for s in _ordered(gold)]
    doc.spans[SUGGESTIONS_KEY] = [_char_span(doc, s, name) for s in _ordered(suggested)]
    doc.spans[EVENTS_KEY] = [_char_span(doc, t, name) for t in triggers.values()]
    doc.cats = {label: 0.0 for label in doc_labels} | {label: 1.0 for label in record.doc_labels}
    doc.user_data.update(
        {
            "id": export_id(record.doc),
            "title": record.doc.title,
            "meta": record.doc.meta,
            "status": str(record.doc.status),
            "events": event_dicts.to_dicts(record, events),
            "silver": include_suggestions,
        }
    )
    return doc


def _ordered(spans: list[Span]) -> list[Span]:
    return sorted(spans, key=lambda s: (s.start, s.end, s.label))


def _covering(tokens: list[Token] | None, text: str, name: str) -> list[Token]:
    """The tokens as spaCy's Doc needs them to rebuild `text` exactly: one space after a
    token is its `whitespace_`; other whitespace between tokens (the line break between
    the sentences of a CoNLL or DyGIE++ text, whose files keep no such token) becomes a
    token of its own, as spaCy's tokenizer makes it. Text between tokens is an error."""
    if tokens is None:
        raise ValueError(f"{name}: no tokens; tokenize the text before writing a DocBin")
    out: list[Token] = []
    pos, previous = 0, None
    for t in [*tokens, None]:
        start = len(text) if t is None else t.start
        if start < pos or (t is not None and t.end <= t.start):
            raise ValueError(f"{name}: tokens do not cover the text exactly (at offset {pos})")
        gap = text[pos:start]
        # Text between tokens, or a token that claims the space after it which the next one covers.
        if gap.strip() or (previous is not None and previous.ws and not gap.startswith(" ")):
            raise ValueError(f"{name}: tokens do not cover the text exactly (at offset {pos})")
        if gap:
            if out and gap[0] == " ":
                out[-1] = Token(out[-1].start, out[-1].end, True)
                pos += 1
            if pos < start:
                out.append(Token(pos, start, False))
        if t is None:
            return out
        out.append(Token(t.start, t.end, False))
        pos, previous = t.end, t
    return out


def _char_span(doc, span: Span, name: str):
    # Strict: the tokens were cut at every span edge, so a span that does not align is a bug.
    ent = doc.char_span(span.start, span.end, label=span.label)
    if ent is None or not len(ent):
        raise ValueError(f"{name}: span {span.start}-{span.end} {span.text!r} does not fall on token edges")
    return ent


def read(path: Path) -> Iterator[Record | BadInput]:
    """Yield a Record per Doc: its text, tokens, entities and `spans["sc"]` as accepted
    spans (those also in `spans["suggestions"]` as suggested, with the rest of that key), user_data, the
    events in user_data and the document labels scored 0.5 or more in cats. A file that is
    no DocBin is one BadInput; a Doc whose events cannot be read is a BadInput whose line
    is the Doc's number (1-based), so the message reads FILE:N: reason."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    file = files.display(path)
    try:
        docs = DocBin().from_disk(path).get_docs(Vocab())
    except Exception as err:  # noqa: BLE001 - msgpack, zlib and spaCy each raise their own for a bad file
        yield BadInput(f"not a spaCy DocBin ({type(err).__name__}: {err})", file)
        return
    n = 0
    while True:
        n += 1
        try:
            doc = next(docs)  # each Doc is decoded here: a damaged one fails here, not in from_disk
        except StopIteration:
            return
        except Exception as err:  # noqa: BLE001 - spaCy raises KeyError, ValueError, IndexError… for damage
            yield BadInput(f"Doc {n} cannot be read from the DocBin ({type(err).__name__}: {err})", file, n)
            return
        try:
            yield _record(doc)
        except BadInput as err:
            yield BadInput(err.reason, file, n)


def _record(doc) -> Record:
    """One Doc as a Record (see `read`)."""
    data, text = doc.user_data, doc.text
    if not text.strip():
        raise BadInput("empty document: the Doc has no text")
    ident, status, title, meta = data.get("id"), data.get("status"), data.get("title"), data.get("meta")
    # Another program's user_data may hold anything: a title or meta of the wrong type was
    # stored as it was and broke every export after (found by the mutation sweep).
    if title is not None and not isinstance(title, str):
        raise BadInput(f'user_data "title" is {event_dicts.kind(_lists(title))}, not a string')
    if meta is not None and not isinstance(meta, dict):
        raise BadInput(f'user_data "meta" is {event_dicts.kind(_lists(meta))}, not an object')
    if _depth(meta) > MAX_DEPTH - 1:  # as a JSONL line's meta: what export writes must read back
        raise BadInput(f'user_data "meta" is nested deeper than {MAX_DEPTH} levels')
    meta = _lists(meta or {})
    try:  # msgpack holds bytes and other values JSON has no name for: the project stores meta as JSON
        json.dumps(meta)
    except (TypeError, ValueError) as err:
        raise BadInput(f'user_data "meta" cannot be stored as JSON ({err})') from None
    document = Document(
        text,
        title=title or title_from(text),
        ext_id=None if ident is None else str(ident),
        meta=meta,
        status=Status(status) if isinstance(status, str) and status in {s.value for s in Status} else Status.TODO,
        content_hash=content_hash(text),
    )
    suggested = {(s.start_char, s.end_char, s.label_) for s in doc.spans.get(SUGGESTIONS_KEY, [])}
    found = {(e.start_char, e.end_char, e.label_): e for e in doc.ents}
    # spans["sc"] holds every accepted span, overlaps included (ents holds a choice of them)
    found |= {(s.start_char, s.end_char, s.label_): s for s in doc.spans.get(SPANS_KEY, [])}
    found |= {(s.start_char, s.end_char, s.label_): s for s in doc.spans.get(SUGGESTIONS_KEY, [])}
    spans = [
        Span(*key, e.text, source=Source.MODEL if key in suggested else Source.IMPORT,
             state=State.SUGGESTED if key in suggested else State.ACCEPTED)
        for key, e in sorted(found.items(), key=lambda item: item[0])
    ]
    tokens = [Token(t.idx, t.idx + len(t.text), bool(t.whitespace_)) for t in doc]
    events = event_dicts.from_dicts(_lists(data.get("events") or []), functools.partial(_locate, text), spans)
    bad = next(((label, score) for label, score in doc.cats.items()
                if not isinstance(label, str) or type(score) not in (int, float)), None)
    if bad:
        raise BadInput(f"cats: the score of {bad[0]!r} is {event_dicts.kind(_lists(bad[1]))}, not a number")
    labels = sorted(label for label, score in doc.cats.items() if score >= 0.5)
    return Record(document, spans=event_dicts.linked(spans, events), events=events, doc_labels=labels,
                  tokens=tokens)


def _locate(text: str, obj: dict, where: str) -> tuple[int, int, str]:
    start, end = obj.get("start"), obj.get("end")
    reason = check_span(text, start, end, obj.get("text"))
    if reason:
        raise BadInput(f"{where}: {reason}")
    return start, end, text[start:end]


def _depth(value, limit: int = MAX_DEPTH) -> int:
    """How many levels arrays and objects nest in `value` (itself level 1), counted up to `limit`."""
    if not isinstance(value, (list, tuple, dict)) or limit <= 0:
        return 0
    inner = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in inner), default=0)


def _lists(value):
    """`value` with the tuples msgpack loads arrays as turned back into lists, as JSON has them."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value
