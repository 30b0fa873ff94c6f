"""An export hands the JSONL writer its tokens as the store keeps them, a TokenList; the writer
then takes their offsets from its lists instead of making a Token per word. What it writes
must be what it writes for the same tokens as a list of Tokens, whether the spans fall on
token edges (the tokens kept as they are) or inside tokens (cut there)."""

from __future__ import annotations

import io
import random

import pytest

from desktop.core.model import Argument, Document, Event, Layer, Record, Span, Status, Token
from desktop.core.token_list import TokenList
from desktop.formats import jsonl
from desktop.formats.token_split import split_at
from tests.helpers import word_tokens

TEXT = "Kazakh police met Tokayev in Almaty on Tuesday.\nYfeABCD rose; Nur-Sultan said so."


def _tokens() -> list[Token]:
    return word_tokens(TEXT)


def _span(word: str, label: str, inner: slice | None = None, **more) -> Span:
    start = TEXT.index(word)
    if inner is not None:
        start, word = start + inner.start, word[inner]
    return Span(start, start + len(word), label, word, **more)


def _record(spans: list[Span], events: list[Event], tokens) -> Record:
    return Record(Document(TEXT, title="T", ext_id="d1", status=Status.DONE), spans=spans, events=events,
                  tokens=tokens)


def _written(record: Record) -> str:
    out = io.StringIO()
    jsonl.write([record], out)
    return out.getvalue()


ALIGNED = [_span("Kazakh police", "ORG"), _span("Tokayev", "PERSON"), _span("Almaty", "GPE")]
INSIDE = [*ALIGNED, _span("YfeABCD", "GENE", slice(0, 4)), _span("Nur-Sultan", "GPE", slice(0, 3))]


@pytest.mark.parametrize("spans", [ALIGNED, INSIDE, []], ids=["aligned", "inside", "none"])
def test_a_token_list_is_written_as_the_same_tokens_as_a_list(spans):
    tokens = _tokens()
    as_list = TokenList([t.start for t in tokens], [t.end for t in tokens], [t.ws for t in tokens])
    trigger = _span("met", "Contact:Meet", layer=Layer.TRIGGER)
    events = [Event("Contact:Meet", trigger, tuple(Argument("Entity", s) for s in spans[1:3]))] if spans else []
    every = [*spans, *([trigger] if events else [])]
    written = _written(_record(every, events, as_list))
    assert written == _written(_record(every, events, tokens))
    assert '"token_start"' in written or not spans


def test_split_at_gives_a_token_list_back_only_when_nothing_is_cut():
    tokens = _tokens()
    as_list = TokenList([t.start for t in tokens], [t.end for t in tokens], [t.ws for t in tokens])
    assert split_at(as_list, [(s.start, s.end) for s in ALIGNED]) is as_list
    cut = split_at(as_list, [(s.start, s.end) for s in INSIDE])
    assert type(cut) is list and len(cut) == len(tokens) + 2
    assert cut == split_at(tokens, [(s.start, s.end) for s in INSIDE])


def test_random_spans_write_the_same_either_way():
    rng = random.Random(7)
    tokens = _tokens()
    as_list = TokenList([t.start for t in tokens], [t.end for t in tokens], [t.ws for t in tokens])
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 4)):
            a = rng.randrange(len(TEXT) - 1)
            b = rng.randint(a + 1, min(len(TEXT), a + 12))
            if TEXT[a:b].strip() and TEXT[a:b] == TEXT[a:b].strip():
                spans.append(Span(a, b, "X", TEXT[a:b]))
        assert _written(_record(spans, [], as_list)) == _written(_record(spans, [], tokens))
