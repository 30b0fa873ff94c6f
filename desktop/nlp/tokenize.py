"""Tokens and sentences as core data, from the same tokenizer rules the English models use.

Stored tokens must line up with the model's entity boundaries so spans snap to them; a
blank English pipeline has exactly en_core_web_sm's tokenizer, without loading any weights.
This is the project's one tokenizer: `import` stores its tokens, and a document stored without
them gets the same ones when shown or exported (ops.reading.document_tokens); there is no
stand-in.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from desktop.core.model import SpandeskError, Token
from desktop.nlp.annotate import chunks

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


# spaCy's vocabulary keeps every string it has seen and never shrinks: over a large import
# (numbers, names, ids) it grew by ~70 MB per 200,000 documents, and by ~55 MB per million
# characters of a text made of distinct words. A fresh tokenizer every this many pieces, or
# once the vocabulary holds this many entries, keeps memory flat; making one takes a few
# milliseconds (a tenth of a second with freeing a full one, against ~6 s to fill it).
FRESH_EVERY = 5_000
FRESH_LEXEMES = 100_000
_used = 0

# A long text is tokenized in pieces of about this many characters: a spaCy Doc holds
# ~170 bytes per token, so a 50 MB text in one go took 1.5 GB for the Doc alone (issue 8).
PIECE = 100_000
# A seam: the first whitespace character after a non-whitespace one (see _pieces).
_SEAM = re.compile(r"\S\s")


def tokenize(texts: Iterable[str]) -> Iterator[list[Token]]:
    """The tokens of each text, in order, for storing next to the document."""
    for text in texts:
        starts, ends = token_bounds(text)
        # `ws` is spaCy's `whitespace_`: the tokenizer eats exactly one following " ".
        yield [Token(s, e, text[e:e + 1] == " ") for s, e in zip(starts, ends)]


def token_bounds(text: str, piece: int = PIECE) -> tuple[array, array]:
    """The start and end offsets of `text`'s tokens, as two compact arrays of unsigned ints.

    What importing stores: 8 bytes a token, where a list of Tokens costs about 150.
    """
    global _used
    starts, ends = array("I"), array("I")
    for offset, part in _pieces(text, piece):
        _used += 1
        tokenizer = _english_tokenizer()
        if _used % FRESH_EVERY == 0 or len(tokenizer.vocab) > FRESH_LEXEMES:
            _english_tokenizer.cache_clear()
            tokenizer = _english_tokenizer()
        # Calling the tokenizer directly skips Language.max_length (only nlp(text) checks
        # it); the pieces are there for memory, not for that limit.
        doc = tokenizer(part)
        if not len(doc):
            continue
        bounds = _bounds_array(doc, offset)
        starts.frombytes(bounds[0].tobytes())
        ends.frombytes(bounds[1].tobytes())
    return starts, ends


def _bounds_array(doc, offset: int):
    import numpy
    from spacy.attrs import IDX, LENGTH

    idx_len = doc.to_array([IDX, LENGTH])  # one row per token, no Python object per token
    starts = idx_len[:, 0] + offset
    return starts.astype(numpy.uintc), (starts + idx_len[:, 1]).astype(numpy.uintc)


def _pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """`(offset, piece)` pairs whose tokens, re-based, are exactly the whole text's tokens.

    spaCy's tokenizer first splits the text into alternating runs of whitespace and of
    other characters, and tokenizes each run on its own (special cases hold no spaces).
    So a cut where a whitespace run begins changes nothing, provided a " " there, which
    the tokenizer eats as the previous token's trailing space, stays with that token.
    A text with no such place within reach is kept whole.
    """
    start = 0
    while len(text) - start > size:
        seam = _SEAM.search(text, start + size)
        if seam is None:
            break
        cut = seam.start() + 1
        if text[cut] == " ":
            cut += 1
        yield start, text[start:cut]
        start = cut
    yield start, text[start:] if start else text


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
