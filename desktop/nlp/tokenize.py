"""Tokens and sentences as core data, from the same tokenizer rules the English models use.

Stored tokens must line up with the model's entity boundaries so spans snap to them; a
blank English pipeline has exactly en_core_web_sm's tokenizer, without loading any weights.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from desktop.core.model import SpandeskError, Token
from desktop.nlp.annotate import chunks

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


# spaCy's vocabulary keeps every string it has seen and never shrinks: over a large import
# (numbers, names, ids) it grew by ~70 MB per 200,000 documents. A fresh tokenizer every
# this many texts keeps memory flat; making one takes a few milliseconds.
FRESH_EVERY = 5_000
_used = 0


def tokenize(texts: Iterable[str]) -> Iterator[list[Token]]:
    """The tokens of each text, in order, for storing next to the document."""
    global _used
    for text in texts:
        _used += 1
        if _used % FRESH_EVERY == 0:
            _english_tokenizer.cache_clear()
        # Calling the tokenizer directly skips Language.max_length (only nlp(text) checks
        # it), so a text of any length is tokenized in one go with no seams to re-base.
        yield [Token(t.idx, t.idx + len(t), bool(t.whitespace_)) for t in _english_tokenizer()(text)]


def sentences(nlp: Language, text: str) -> list[tuple[int, int]]:
    """Character ranges `(start, end)` of the sentences in `text`, for grouping event annotations.

    `nlp` must set sentence boundaries: load it with `load(name, sentences=True)`. A blank line
    always ends a sentence; ranges hold no outer whitespace, and whitespace-only ones are left out.
    Texts longer than `nlp.max_length` are cut at paragraph breaks first, as `annotate` does.
    """
    disable = [name for name in ("ner",) if name in nlp.pipe_names]  # boundaries only
    pieces = chunks(text, nlp.max_length)
    ranges: list[tuple[int, int]] = []
    docs = nlp.pipe((piece for _, piece in pieces), disable=disable)
    for (offset, _), doc in zip(pieces, docs):
        if len(doc) and not doc.has_annotation("SENT_START"):
            raise SpandeskError(
                "this spaCy pipeline sets no sentence boundaries; load it with sentences=True"
            )
        for sent in doc.sents:
            ranges.extend(_paragraph_parts(text, offset + sent.start_char, offset + sent.end_char))
    return ranges


def _paragraph_parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    # en_core_web_sm's senter runs a headline, a dateline and the first sentence together
    # and keeps the blank line after a paragraph in its last sentence; news never means that.
    for match in _BLANK_LINE.finditer(text, start, end):
        yield from _stripped(text, start, match.start())
        start = match.end()
    yield from _stripped(text, start, end)


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    part = text[start:end]
    start += len(part) - len(part.lstrip())
    end -= len(part) - len(part.rstrip())
    if start < end:
        yield start, end


@functools.cache
def _english_tokenizer() -> Tokenizer:
    import spacy

    return spacy.blank("en").tokenizer
