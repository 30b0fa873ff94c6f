"""Pre-annotating documents with a spaCy pipeline: model entities become suggested core Spans.

This is the edge where spaCy output turns into core data, once; nothing above it sees a Doc.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from desktop.core.model import Source, Span, State
from desktop.nlp.models import model_id

if TYPE_CHECKING:
    from spacy.language import Language

K = TypeVar("K")

# Stay a little below the pipeline's stated maximum rather than exactly on it.
_MARGIN = 1_000
# The sm model's NER holds about 3.3 GB per million characters in one batch, so long
# articles go through in pieces of this size (cut at paragraphs, then sentences): a
# batch of 16 pieces stays near 1 GB. Entities never span paragraphs, so nothing is lost.
PIECE = 20_000

# Where to cut a long text, best first. Each cut falls after the separator, so the next
# piece starts at the beginning of a paragraph, a sentence or a word.
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE = re.compile(r"[.?!][\"'”’)\]]*\s+|\n\s*")
_WHITESPACE = re.compile(r"\s+")


def chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """`text` cut into `(offset, piece)` pairs, each piece at most `limit` characters long.

    Cuts go at paragraph breaks, else at sentence ends, else at whitespace; a word is only cut
    when it alone is longer than `limit`. `text[offset:offset + len(piece)] == piece`.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")
    if len(text) <= limit:
        return [(0, text)]
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, stop: int) -> int:
    # A paragraph or sentence break early in the window would leave a tiny piece and
    # make many more of them; below half the window, a later finer break is better.
    half = start + (stop - start) // 2
    for pattern, lowest in ((_PARAGRAPH, half), (_SENTENCE, half), (_WHITESPACE, start)):
        end = max((m.end() for m in pattern.finditer(text, start, stop)), default=start)
        if end > lowest:
            return end
    return stop  # one word longer than the limit


def annotate(
    nlp: Language,
    items: Iterable[tuple[K, str]],
    *,
    processes: int = 1,
    batch_size: int = 16,
    limit: int | None = None,
) -> Iterator[tuple[K, list[Span]]]:
    """Each `(key, text)` item's model entities as suggested spans, yielded in input order.

    Streams: an item is yielded as soon as all of its pieces are through the pipeline, so
    memory stays flat however many items there are. Texts longer than `limit` (default:
    PIECE characters) are cut with `chunks` and their spans re-based.
    A batch of 16 runs as fast as 64 in one process and keeps two workers evenly busy
    (200 articles in batches of 64 leave one worker with 128 of them).
    """
    if limit is None:
        limit = min(nlp.max_length - _MARGIN, PIECE)
    nlp.max_length = max(nlp.max_length, limit)
    made_by = model_id(nlp)
    # Which item and offset each piece belongs to, oldest first. nlp.pipe returns docs in the
    # order it took the texts, so the front entry is always the next doc's. Passing this as
    # as_tuples context instead would make the main process tokenize every text and ship it
    # to the workers as a serialized Doc, costing the parallel speed-up.
    pending: deque[tuple[K, str, int, int, bool]] = deque()

    def pieces() -> Iterator[str]:
        for key, text in items:
            parts = chunks(text, limit)
            for i, (offset, piece) in enumerate(parts, 1):
                pending.append((key, text, offset, len(piece), i == len(parts)))
                yield piece

    spans: list[Span] = []
    docs = nlp.pipe(pieces(), n_process=processes, batch_size=batch_size)
    try:
        for doc in docs:
            key, text, offset, length, last = pending.popleft()
            if length != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
                # Only an error handler that skips failed documents can cause this, and
                # it would pin every later span on the wrong document.
                raise RuntimeError("spaCy skipped a document; annotate needs an error handler that raises")
            for ent in doc.ents:
                start, end = offset + ent.start_char, offset + ent.end_char
                spans.append(
                    Span(start, end, ent.label_, text[start:end], source=Source.MODEL,
                         state=State.SUGGESTED, model=made_by)
                )
            if last:
                yield key, spans
                spans = []
    finally:
        # On an error, an interrupt or a caller that stops early, spaCy's own cleanup
        # stops and joins its worker processes now, not whenever the generator is collected.
        docs.close()
