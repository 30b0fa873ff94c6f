"""Event-extraction JSON lines in the ACE-derived layout of OneIE and similar research code:
one object per sentence.

    {"doc_id", "sent_id": "<doc_id>-<n>", "tokens": [str],
     "entity_mentions": [{"id", "start", "end", "entity_type", "text"}],
     "relation_mentions": [],
     "event_mentions": [{"id", "event_type", "trigger": {"start", "end", "text"},
                         "arguments": [{"entity_id", "role", "text"}]}],
     "sentence": str, "sentence_start": int}

`start` and `end` are token indices within the sentence, end exclusive; `tokens` leave
out whitespace tokens; `n` counts sentences from 0. `relation_mentions` is there because
OneIE's loader expects it; `sentence` (the sentence's text) and `sentence_start` (its
code-point offset in the document) are ours, so every mention can be found in the text.

Sentences come from the spaCy pipeline's sentence component; the caller passes a
function from text to (start, end) ranges, so this module never loads spaCy. A span
crossing a sentence boundary, or an event whose arguments sit in another sentence than
its trigger, joins those sentences into one, so every annotation is carried whole. A span
that does not end on token boundaries is widened to them, as spaCy's `char_span` does
with `alignment_mode="expand"`; its `text` is then the tokens' text.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from desktop.core.model import Record, Span, Token
from desktop.formats import event_dicts
from desktop.formats.jsonl import describe, export_id

Sentences = Callable[[str], list[tuple[int, int]]]


def write(records: Iterable[Record], out: TextIO, sentences: Sentences) -> int:
    """Write one line per sentence of each record; returns how many documents were written."""
    count = 0
    for record in records:
        for obj in sentence_objects(record, sentences(record.doc.text)):
            out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
        count += 1
    return count


def sentence_objects(record: Record, ranges: list[tuple[int, int]]) -> list[dict[str, Any]]:
    text, doc_id = record.doc.text, export_id(record.doc) or ""
    if record.tokens is None:
        raise ValueError(f"{describe(record.doc)}: no tokens; tokenize the text before writing events")
    words = [t for t in record.tokens if not text[t.start : t.end].isspace()]
    if not words:
        return []
    events = event_dicts.sorted_events(record)
    entities = event_dicts.entities(record, events)
    together = [(s.start, s.end) for s in entities.values()]
    together += [(min(p.start for p in _parts(e)), max(p.end for p in _parts(e))) for e in events]
    starts = _unit_starts(words, ranges, together)
    out = []
    for n, (first, last) in enumerate(zip(starts, [*starts[1:], len(words)])):
        unit = words[first:last]
        # Every character belongs to one unit, the whitespace between sentences included.
        lo = unit[0].start if first else 0
        hi = words[last].start if last < len(words) else len(text) + 1
        sent_id = f"{doc_id}-{n}"
        place = _Placer(unit, text)
        mentions, ids = [], {}
        for key in sorted(k for k in entities if lo <= k[0] < hi):
            ids[key] = f"{sent_id}-T{len(ids) + 1}"
            start, end, covered = place(key[0], key[1])
            mentions.append({"id": ids[key], "start": start, "end": end, "entity_type": key[2], "text": covered})
        event_mentions = []
        for event in (e for e in events if lo <= e.trigger.start < hi):
            start, end, covered = place(event.trigger.start, event.trigger.end)
            event_mentions.append({
                "id": f"{sent_id}-E{len(event_mentions) + 1}",
                "event_type": event.type,
                "trigger": {"start": start, "end": end, "text": covered},
                "arguments": [
                    {"entity_id": ids[(a.span.start, a.span.end, a.span.label)], "role": a.role,
                     "text": place(a.span.start, a.span.end)[2]}
                    for a in event.arguments
                ],
            })
        out.append({
            "doc_id": doc_id, "sent_id": sent_id, "tokens": [text[t.start : t.end] for t in unit],
            "entity_mentions": mentions, "relation_mentions": [], "event_mentions": event_mentions,
            "sentence": text[unit[0].start : unit[-1].end], "sentence_start": unit[0].start,
        })
    return out


def _parts(event) -> list[Span]:
    return [event.trigger, *(a.span for a in event.arguments)]


def _unit_starts(words: list[Token], ranges: list[tuple[int, int]], together: list[tuple[int, int]]) -> list[int]:
    """Index of the first word of each unit: a sentence, joined with the next where one of
    the `together` stretches crosses the boundary between them."""
    word_starts = [t.start for t in words]
    bounds = sorted({bisect_left(word_starts, start) for start, _ in ranges} - {0, len(words)})
    cut = [words[i].start for i in bounds]  # a boundary sits just before this character
    keep = [True] * len(cut)
    # Mark the boundaries inside each stretch with a difference array: O((n + m) log n).
    delta = [0] * (len(cut) + 1)
    for start, end in together:
        a, b = bisect_right(cut, start), bisect_left(cut, end)
        if a < b:
            delta[a] += 1
            delta[b] -= 1
    inside = 0
    for i in range(len(cut)):
        inside += delta[i]
        keep[i] = inside == 0
    return [0, *(i for i, k in zip(bounds, keep) if k)]


class _Placer:
    """A character span's token indices within one sentence, widened to whole tokens."""

    def __init__(self, unit: list[Token], text: str):
        self.unit, self.text = unit, text
        self.starts, self.ends = [t.start for t in unit], [t.end for t in unit]

    def __call__(self, start: int, end: int) -> tuple[int, int, str]:
        first = min(bisect_right(self.ends, start), len(self.unit) - 1)
        last = max(bisect_left(self.starts, end) - 1, first)
        return first, last + 1, self.text[self.unit[first].start : self.unit[last].end]
