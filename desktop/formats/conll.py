"""CoNLL-style token-per-line files with IOB, IOB2, BILUO or IOBES entity tags.

Read. One token per line, columns split at whitespace: the first column is the token,
the last is its tag (`O`, or a prefix B/I/L/U/E/S, a `-` and the label); columns in
between (part of speech, chunks…) are not kept and each document with them gets one
`Dropped` entry saying so. A blank line ends a sentence; a line whose first column is
`-DOCSTART-` starts a new document (a file without one is one document, or one per
`sentences_per_doc` sentences). Tags are decoded leniently, as conlleval does: B, U
and S start an entity, I continues one of the same label or starts one, L and E end
one, O and `-` (spaCy's "missing") are outside. The scheme a file uses is detected and
kept in each document's meta as `scheme`.

Text. CoNLL keeps tokens, not text: a document's text is its tokens joined by single
spaces, a newline after each sentence, and spans and tokens point into that text. The
tokens are the Record's tokens, so a writer gets the file's own tokenization back.

Status. A document whose every token is tagged is done (read whole); one with a `-`
(spaCy's "missing") stays to do. Writing, tokens outside the accepted spans of a
document not marked done are written `-`, not `O`, so partial work never teaches a
model that an unreviewed entity is none (silver data, `suggestions=True`, writes `O`).

Write. `write(records, out, scheme="IOB2")`: `-DOCSTART- O` and a blank line per
document, then `TOKEN<TAB>TAG` lines, a blank line after each sentence (a sentence
ends where the text between tokens holds a line break). A token that a span edge cuts
("YfeA" in "YfeABCD") is written as two tokens, so every span is exact. Accepted entity
spans only (suggestions too with `suggestions=True`); where spans overlap, the one
spaCy's doc.ents would keep (core.spans.non_overlapping) is written. A span that
crosses a sentence break cannot be written and raises ValueError.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, groupby
from operator import le
from pathlib import Path
from typing import TextIO

from desktop.core.annotations import Dropped
from desktop.core.model import BadInput, Document, Layer, Record, Source, Span, State, Status, Token
from desktop.core.spans import non_overlapping
from desktop.core.text import content_hash, iter_lines, iter_text_blocks, title_from
from desktop.core.token_list import TokenList, bounds
from desktop.formats.jsonl import describe

DOCSTART = "-DOCSTART-"
SCHEMES = ("IOB1", "IOB2", "BILUO", "IOBES")
_TAG = re.compile(r"(?P<prefix>[BILUES])-(?P<label>.+)")
MISSING = "-"  # spaCy's tag for a token nobody has decided on
_OUTSIDE = {"O", MISSING}
_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
# What str.split splits at beyond ASCII (test_xfast4_conll checks this against every code point).
_WIDE_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SPACE_TO_TAB = bytes.maketrans(b" ", b"\t")
_NOT_SPACE = bytes(b for b in range(256) if not (b < 128 and chr(b).isspace()))  # UTF-8's bytes of the rest too
_ENTITY, _IMPORT, _ACCEPTED = Layer.ENTITY, Source.IMPORT, State.ACCEPTED  # an enum member's lookup is slow in 3.11


def read(path: Path, *, sentences_per_doc: int | None = None) -> Iterator[Record | BadInput]:
    """Yield a Record per document, or a BadInput naming the first bad line of a document
    (the rest of that document is skipped, the next one is read)."""
    if sentences_per_doc:
        yield from _read_by_line(path, sentences_per_doc)
        return
    file, name = str(path), Path(path).name
    with open(path, "rb") as stream:
        count, pieces, first, opened = 0, [], 1, None  # pieces: the document's lines (joined), from line `first`
        try:
            for number, block in iter_text_blocks(stream, file):
                # A block of lines at a time, as one string (a generator's step per line was as
                # long as the plain parser's whole work on it), cut into documents at -DOCSTART-.
                at, line, counted = 0, number, 0  # line: the number of the line at offset `counted`
                for a, b in _lines_at(block, DOCSTART):
                    if block[a:b].split()[0] != DOCSTART:
                        continue
                    line += block.count("\n", counted, a)
                    counted = a
                    if a > at:  # the lines before, up to its own
                        pieces.append(block[at:a - 1])
                    done = _document(pieces, first, opened, file, name, count + 1)
                    if done is not None:
                        count += isinstance(done, Record)
                        yield done
                    pieces, first, opened, at = [], line + 1, line, b + 1
                if at <= len(block):  # lines after the last -DOCSTART-
                    pieces.append(block[at:])
        except BadInput as err:
            # As line by line: a bad line before the undecodable byte is named, the rest is not read.
            done = _document(pieces, first, opened, file, name, count + 1)
            if isinstance(done, BadInput):
                yield done
            yield err
            return
        done = _document(pieces, first, opened, file, name, count + 1)
        if done is not None:
            yield done


def _lines_at(block: str, needle: str) -> list[tuple[int, int]]:
    """The start and end offsets of each line of `block` that holds `needle`: found by
    str.find, a step per hit (about one a document), not a test per line."""
    found = []
    pos = block.find(needle)
    while pos >= 0:
        end = block.find("\n", pos)
        end = len(block) if end < 0 else end
        found.append((block.rfind("\n", 0, pos) + 1, end))
        pos = block.find(needle, end)
    return found


def _document(pieces: list[str], first: int, opened: int | None, file: str, name: str,
              number: int) -> Record | BadInput | None:
    """Document `number` of a file from its lines, joined in one or more pieces (line `first`
    on; `opened`: its -DOCSTART- line), or a BadInput for its first bad line, or None if it has
    no tokens."""
    if not pieces:
        return None
    block = pieces[0] if len(pieces) == 1 else "\n".join(pieces)
    two = _two_columns(block)
    if two is not None:  # most documents: token and tag lines split at once
        words, tags, sizes, blank = two
        if not words:
            return None
        distinct = set(tags)
        if all(_split(tag)[0] is not None for tag in distinct - _OUTSIDE):
            return _build(words, tags, sizes, name, first + blank if opened is None else opened, number, 0, distinct)
    rows = list(map(tuple, map(str.split, block.split("\n"))))  # tuples: the collector stops tracking them
    if set(map(len, rows)) <= {0, 2}:  # token and tag lines and blank ones, read as wholes
        pairs = list(filter(None, rows))  # the token lines
        if not pairs:
            return None
        words, tags = map(list, zip(*pairs))
        if all(tag in _OUTSIDE or _split(tag)[0] is not None for tag in set(tags)):
            sizes = [len(list(group)) for full, group in groupby(rows, bool) if full]
            line = opened if opened is not None else first + next(k for k, c in enumerate(rows) if c)
            return _build(words, tags, sizes, name, line, number, 0)
    builder = _Doc(name, opened)  # any other, line by line, for the bad line's number
    for k, c in enumerate(rows, first):
        if not c:
            builder.end_sentence()
            continue
        try:
            builder.token(k, c)
        except BadInput as err:
            return BadInput(err.reason, file, k)
    return builder.record(number) if builder.has_tokens() else None


def _two_columns(block: str) -> tuple[list[str], list[str], list[int], int] | None:
    """The words, tags and sentence sizes of lines (`block`, joined by "\\n") that are each
    empty or a token and a tag apart by one tab or space, and how many empty lines come first,
    from ONE str.split of the block; None for any other lines (then they are read line by line).

    Proof without a step per line: `seps` keeps the lines' whitespace only (a space made a
    tab), one line's apart from the next's by its newline. When it holds nothing but tabs
    and newlines, no two tabs together, each line has at most one tab, and a line without
    one holds no whitespace. When no tab starts or ends a line, a line with one has a token
    and a tag, so the split gives two parts per tab and one per other line that is not
    empty: two per tab proves every other line empty. Whitespace that str.split splits at
    and the line reader does not end a line at (\\r, \\x1c-\\x1f, U+0085, U+2028...) leaves
    another character in `seps` (ASCII) or is looked for (the rest), and such lines go line
    by line."""
    if not block.isascii() and _WIDE_SPACE.search(block):
        return None
    data = block.encode("utf-8", "surrogatepass")
    seps = data.translate(_SPACE_TO_TAB, _NOT_SPACE)
    pairs = seps.count(b"\t")
    if len(seps) != pairs + block.count("\n") or b"\t\t" in seps:
        return None
    tabbed = data.translate(_SPACE_TO_TAB)
    if b"\n\t" in tabbed or b"\t\n" in tabbed or tabbed.startswith(b"\t") or tabbed.endswith(b"\t"):
        return None
    parts = block.split()
    if len(parts) != 2 * pairs:
        return None
    # A tab line's newline dropped, what is left between tabs are empty lines: the runs of
    # tabs between them are the sentences.
    sizes = [n for n in map(len, seps.replace(b"\t\n", b"\t").split(b"\n")) if n]
    return parts[0::2], parts[1::2], sizes, len(seps) - len(seps.lstrip(b"\n"))


def _read_by_line(path: Path, sentences_per_doc: int | None) -> Iterator[Record | BadInput]:
    """read(), line by line: documents of `sentences_per_doc` sentences."""
    file = str(path)
    with open(path, "rb") as stream:
        name, count = Path(path).name, 0
        builder, bad = _Doc(name), False
        try:
            for number, line in iter_lines(stream, file):
                cols = line.split()
                if cols and cols[0] == DOCSTART:
                    if not bad and builder.has_tokens():
                        count += 1
                        yield builder.record(count)
                    builder, bad = _Doc(name, number), False
                    continue
                if bad:
                    if not cols and sentences_per_doc:  # a refused group ends with its bad sentence
                        builder, bad = _Doc(name), False
                    continue
                if not cols:
                    builder.end_sentence()
                    if sentences_per_doc and len(builder.sentences) >= sentences_per_doc:
                        count += 1
                        yield builder.record(count)
                        builder = _Doc(name)
                    continue
                if len(cols) == 2 and cols[1] in _OUTSIDE and builder.current:  # most lines: as token() would
                    builder.current.append((cols[0], cols[1]))
                    continue
                try:
                    builder.token(number, cols)
                except BadInput as err:
                    yield BadInput(err.reason, file, number)
                    bad = True
        except BadInput as err:
            yield err
            return
        if not bad and builder.has_tokens():
            yield builder.record(count + 1)


class _Doc:
    def __init__(self, source: str, line: int | None = None):
        self.source, self.line = source, line
        self.sentences: list[list[tuple[str, str]]] = []
        self.current: list[tuple[str, str]] = []
        self.extra = 0  # lines with columns between the token and the tag

    def has_tokens(self) -> bool:
        return bool(self.sentences or self.current)

    def token(self, number: int, cols: list[str]) -> None:
        if len(cols) < 2:
            raise BadInput(f"expected a token and a tag, not {' '.join(cols)!r}")
        tag = cols[-1]
        if tag not in _OUTSIDE and _split(tag)[0] is None:
            raise BadInput(f"tag {tag!r} is not O or B-, I-, L-, U-, E-, S- and a label")
        if self.line is None:
            self.line = number
        self.extra += len(cols) > 2
        self.current.append((cols[0], tag))

    def end_sentence(self) -> None:
        if self.current:
            self.sentences.append(self.current)
            self.current = []

    def record(self, number: int) -> Record:
        self.end_sentence()
        words = [word for sentence in self.sentences for word, _ in sentence]
        tags = [tag for sentence in self.sentences for _, tag in sentence]
        return _build(words, tags, list(map(len, self.sentences)), self.source, self.line, number, self.extra)


def _build(words: list[str], tags: list[str], sizes: list[int], source: str, line: int | None, number: int,
           extra: int, distinct: set[str] | None = None) -> Record:
    """The Record of a document's words and tags, in sentences of `sizes` words (none empty);
    `distinct`: set(tags) if the caller has it."""
    # Offsets by running sums (this is most of the reading), kept as lists: a Token is made
    # only if one is asked for (core.token_list). Each word is followed by one space, or
    # by a newline where its sentence ends.
    # List comprehensions, not map over bound methods: Python 3.11 runs these simple loops
    # faster than map calls a method-wrapper or attrgetter (about 2x here).
    after = list(accumulate([len(w) + 1 for w in words]))  # where the next word starts
    ends = [x - 1 for x in after]
    starts = [0, *after[:-1]]
    spaces = [True] * len(words)
    firsts = [0, *accumulate(sizes)]  # each sentence's first word, and the end
    for i in firsts[1:]:
        spaces[i - 1] = False
    tokens = TokenList(starts, ends, spaces)
    text = "\n".join([" ".join(words[a:b]) for a, b in zip(firsts, firsts[1:])])
    # Only the tagged tokens (few) are looked at: an entity runs over tagged tokens only.
    # Which tags occur says whether any is (most documents' tags are a handful of strings).
    distinct = set(tags) if distinct is None else distinct
    missing = MISSING in distinct
    if distinct <= _OUTSIDE:
        marks = []
    elif missing:
        marks = [i for i, tag in enumerate(tags) if tag not in _OUTSIDE]
    else:  # one comparison is quicker than a set's lookup
        marks = [i for i, tag in enumerate(tags) if tag != "O"]
    found, scheme = _decode(marks, tags, set(firsts), starts, ends)
    spans = [Span(a, b, label, text[a:b], _ENTITY, _IMPORT, _ACCEPTED) for a, b, label in found]
    # Every token tagged: the document was read whole. A "-" (missing) leaves it to do.
    status = Status.TODO if missing else Status.DONE
    doc = Document(text, title=title_from(text), meta={"source": source, "document": number, "scheme": scheme},
                   status=status, content_hash=content_hash(text))
    record = Record(doc, spans=spans, tokens=tokens, line=line)
    if extra:
        record.dropped.append(Dropped("token_columns", f"{extra} token lines have columns between "
                                      "the token and the tag (part of speech, chunks…), not kept", line))
    return record


def _decode(marks: list[int], tags: list[str], firsts: set[int], starts: list[int],
            ends: list[int]) -> tuple[list[tuple[int, int, str]], str]:
    """(start, end, label) of each entity, decoded leniently (see the module docstring) from the
    tags of the tagged tokens `marks`, and the scheme (what `detect` says of all the tags), in
    one pass. An open entity ends at an untagged token (a gap in `marks`), at a sentence's
    first token (`firsts`), at B/U/S or another label."""
    found: list[tuple[int, int, str]] = []
    open_: tuple[int, str] | None = None  # (start, label) of the entity being read
    prefixes = set()
    iob1 = False
    before, prev = "O", -2  # before: the label an I- continues without being IOB1's
    for i in marks:
        prefix, label = _split(tags[i])
        prefixes.add(prefix)
        gap = i != prev + 1
        if gap:
            before = "O"
        if prefix == "I" and before != label:
            iob1 = True
        before = label if prefix in ("B", "I") else "O"
        if open_ and (gap or i in firsts or prefix in ("B", "U", "S") or label != open_[1]):
            found.append((open_[0], ends[prev], open_[1]))
            open_ = None
        if open_ is None:
            open_ = (starts[i], label)
        if prefix in ("L", "E", "U", "S"):
            found.append((open_[0], ends[i], open_[1]))
            open_ = None
        prev = i
    if open_:
        found.append((open_[0], ends[prev], open_[1]))
    if prefixes & {"E", "S"}:
        return found, "IOBES"
    if prefixes & {"L", "U"}:
        return found, "BILUO"
    return found, "IOB1" if iob1 else "IOB2"


@functools.lru_cache(maxsize=4096)  # a file has few distinct tags and many lines
def _split(tag: str) -> tuple[str | None, str]:
    m = _TAG.fullmatch(tag)
    return (m["prefix"], m["label"]) if m else (None, "")


def detect(tags: Iterable[str]) -> str:
    """The tagging scheme of a tag sequence: IOBES or BILUO if their prefixes occur, IOB1 when
    an entity starts with I- (after O or another label), else IOB2."""
    prefixes = set()
    before = "O"
    iob1 = False
    for tag in tags:
        if tag in _OUTSIDE:  # most tags: nothing to learn but that an entity ended
            before = "O"
            continue
        prefix, label = _split(tag)
        prefixes.add(prefix)
        if prefix == "I" and before != label:
            iob1 = True
        before = label if prefix in ("B", "I") else "O"
    if prefixes & {"E", "S"}:
        return "IOBES"
    if prefixes & {"L", "U"}:
        return "BILUO"
    return "IOB1" if iob1 else "IOB2"


def write(records: Iterable[Record], out: TextIO, *, scheme: str = "IOB2", suggestions: bool = False) -> int:
    """Write each record as a -DOCSTART- document; returns how many. Raises ValueError for a
    record without tokens or with a span across a sentence break."""
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}, not {scheme!r}")
    count = 0
    for record in records:
        # Outside an accepted span, a document not marked done is missing, not O: partial
        # work must not teach a model that an unreviewed entity is none.
        outside = "O" if record.doc.status == Status.DONE or suggestions else MISSING
        text = _tagged(record, scheme, suggestions, outside)
        if text is None:  # pieces out of order: piece by piece
            parts = [f"{DOCSTART}\tO\n\n"]
            for sentence in sentences(record, suggestions):
                parts += [f"{word}\t{outside if tag == 'O' else tag}\n" for word, tag in _tags(sentence, scheme)]
                parts.append("\n")
            text = "".join(parts)
        out.write(text)
        count += 1
    return count


def _tagged(record: Record, scheme: str, suggestions: bool, outside: str) -> str | None:
    """A record as written (what `sentences` and `_tags` give, line by line), made a span at a
    time over the pieces' lists; None when its pieces are not in order."""
    doc, text = record.doc, record.doc.text
    if record.tokens is None:
        raise ValueError(f"{describe(doc)}: no tokens; tokenize the text before writing CoNLL")
    states = {State.ACCEPTED, State.SUGGESTED} if suggestions else {State.ACCEPTED}
    spans = non_overlapping(s for s in record.spans if s.layer == Layer.ENTITY and s.state in states)
    starts, ends, words, firsts = whole_pieces(text, record.tokens, {x for s in spans for x in (s.start, s.end)})
    if not words:
        return f"{DOCSTART}\tO\n\n"
    if not all(map(le, ends[:-1], starts[1:])):
        return None
    tags = [outside] * len(words)
    labels: list[str | None] = [None] * len(words)  # the span label of each piece
    for span in spans:
        i, j = bisect_left(ends, span.start + 1), bisect_left(starts, span.end)  # the pieces it overlaps
        if i >= j:
            continue
        if bisect_right(firsts, i) != bisect_right(firsts, j - 1):
            raise ValueError(f"{describe(doc)}: span {span.start}-{span.end} {span.text!r} crosses a sentence break")
        label = span.label
        # The prefix of a one-piece span, and of a longer one's first, middle and last pieces.
        if scheme == "IOB2":
            heads = ("B", "B", "I", "I")
        elif scheme == "IOB1":  # B only right after a token of the same label in the sentence
            head = "B" if i not in firsts and labels[i - 1] == label else "I"
            heads = (head, head, "I", "I")
        else:
            single, end = ("U", "L") if scheme == "BILUO" else ("S", "E")
            heads = (single, "B", "I", end)
        if j - i == 1:
            tags[i] = f"{heads[0]}-{label}"
        else:
            tags[i] = f"{heads[1]}-{label}"
            tags[i + 1:j - 1] = [f"{heads[2]}-{label}"] * (j - i - 2)
            tags[j - 1] = f"{heads[3]}-{label}"
        labels[i:j] = [label] * (j - i)
    rows = list(map("\t".join, zip(words, tags)))
    body = "\n\n".join(["\n".join(rows[a:b]) for a, b in zip(firsts, firsts[1:])])
    return f"{DOCSTART}\tO\n\n{body}\n\n"


def sentences(record: Record, suggestions: bool = False) -> list[list[tuple[str, str | None, bool]]]:
    """The record's sentences as (token text, entity label or None, starts an entity) triples,
    tokens split at span edges and at any whitespace inside them (a column file has none)."""
    doc, text = record.doc, record.doc.text
    if record.tokens is None:
        raise ValueError(f"{describe(doc)}: no tokens; tokenize the text before writing CoNLL")
    states = {State.ACCEPTED, State.SUGGESTED} if suggestions else {State.ACCEPTED}
    spans = non_overlapping(s for s in record.spans if s.layer == Layer.ENTITY and s.state in states)
    out: list[list[tuple[str, str | None, bool]]] = []
    i, first_sentence = 0, {}  # span index → the sentence its first piece is in
    for sentence in word_pieces(text, record.tokens, {x for s in spans for x in (s.start, s.end)}):
        out.append([])
        for a, b, word in sentence:
            while i < len(spans) and spans[i].end <= a:
                i += 1
            span = spans[i] if i < len(spans) and spans[i].start < b else None
            first = span is not None and i not in first_sentence
            if span is not None and first_sentence.setdefault(i, len(out)) != len(out):
                raise ValueError(f"{describe(doc)}: span {span.start}-{span.end} {span.text!r} crosses a sentence break")
            out[-1].append((word, span.label if span else None, first))
    return out


def token_pieces(text: str, tokens: Sequence[Token], cuts: set[int]) -> list[list[tuple[int, int]]]:
    """(start, end) of each token, split at the offsets in `cuts` and at whitespace inside it
    (whitespace tokens vanish), grouped in sentences: a sentence ends where the text
    between two pieces holds a line break."""
    return [[(a, b) for a, b, _ in sentence] for sentence in word_pieces(text, tokens, cuts)]


def word_pieces(text: str, tokens: Sequence[Token], cuts: set[int]) -> list[list[tuple[int, int, str]]]:
    """token_pieces with each piece's text: (start, end, text[start:end])."""
    starts, ends = bounds(tokens)
    words = _whole(text, starts, ends, cuts)
    if words is not None:
        return _sentences(text, starts, ends, words)
    return [[(a, b, text[a:b]) for a, b in sentence] for sentence in _pieces_one_by_one(text, tokens, cuts)]


def _whole(text: str, starts: Sequence[int], ends: Sequence[int], cuts: set[int]) -> list[str] | None:
    """The tokens' texts if no token is cut: tokens not empty, in order, apart, no offset of
    `cuts` strictly inside one and no whitespace inside one (what a CoNLL or DyGIE++ file's
    tokens are); None otherwise. Checked on the offset lists as wholes, then cut by cut, not
    token by token."""
    if not starts or starts[0] < 0 or not all(map(le, ends[:-1], starts[1:])):
        return None
    for cut in cuts:  # (if some token is empty, starts may be out of order here: then None below)
        i = bisect_right(starts, cut) - 1
        if i >= 0 and cut < ends[i] and starts[i] < cut:
            return None
    words = [text[a:b] for a, b in zip(starts, ends)]  # faster in 3.11 than map over slices
    # No word empty: from a first start >= 0, each start is before its end (and in the text),
    # checked on the words at once rather than on the offsets pair by pair. Joined with
    # nothing between: whitespace in the join is whitespace in a token, and then split()
    # gives anything but the join itself (str.split's whitespace is the regex's \s, at
    # three times its speed).
    joined = "".join(words)
    return words if all(words) and joined.split() == [joined] else None


def _sentences(text: str, starts: Sequence[int], ends: Sequence[int], words: list[str]) -> list[list[tuple[int, int, str]]]:
    """Whole tokens grouped in sentences: a break where a line break lies between two of them."""
    pieces = list(zip(starts, ends, words))
    firsts = _firsts(text, starts, ends)
    return [pieces[a:b] for a, b in zip(firsts, firsts[1:])]


def _firsts(text: str, starts: Sequence[int], ends: Sequence[int]) -> list[int]:
    """The first of each sentence of whole tokens (in order, apart), then their count: a
    sentence starts after a line break between two tokens."""
    n, breaks = len(starts), set()
    at = text.find("\n", ends[0])
    while at >= 0:
        k = bisect_right(starts, at)  # the token the line break comes before
        if k >= n:
            break
        breaks.add(k)
        at = text.find("\n", max(at + 1, ends[k]))
    return [0, *sorted(breaks), n]


def whole_pieces(text: str, tokens: Sequence[Token], cuts: set[int]) -> tuple[list[int], list[int], list[str], list[int]]:
    """word_pieces as lists, for a writer: the pieces' starts, ends and texts, and each
    sentence's first piece followed by their count."""
    starts, ends = bounds(tokens)
    words = _whole(text, starts, ends, cuts)
    if words is not None:
        return list(starts), list(ends), words, _firsts(text, starts, ends)
    lines = word_pieces(text, tokens, cuts)
    pieces = list(chain.from_iterable(lines))
    if not pieces:
        return [], [], [], [0]
    starts, ends, words = map(list, zip(*pieces))
    return starts, ends, words, [0, *accumulate(map(len, lines))]


def _pieces_one_by_one(text: str, tokens: Sequence[Token], cuts: set[int]) -> list[list[tuple[int, int]]]:
    """token_pieces for tokens some cut or whitespace splits, or out of order."""
    edges_at = sorted(cuts)
    out: list[list[tuple[int, int]]] = []
    prev_end = None
    space = _SPACE.search
    for t in tokens:
        lo = bisect_right(edges_at, t.start)
        hi = bisect_left(edges_at, t.end)
        if lo == hi and not space(text, t.start, t.end):  # most tokens: one piece as it is
            pieces = ((t.start, t.end),)
        else:
            edges = [t.start, *edges_at[lo:hi], t.end]
            pieces = tuple((m.start(), m.end()) for a, b in zip(edges, edges[1:]) for m in _WORD.finditer(text, a, b))
        for a, b in pieces:
            if not out or (prev_end is not None and "\n" in text[prev_end:a]):
                out.append([])
            out[-1].append((a, b))
            prev_end = b
    return out


def _tags(sentence: list[tuple[str, str | None, bool]], scheme: str) -> Iterator[tuple[str, str]]:
    for i, (word, label, first) in enumerate(sentence):
        if label is None:
            yield word, "O"
            continue
        nxt = sentence[i + 1] if i + 1 < len(sentence) else None
        last = nxt is None or nxt[1] != label or nxt[2]
        prev = sentence[i - 1] if i else None
        if scheme == "IOB2":
            prefix = "B" if first else "I"
        elif scheme == "IOB1":
            prefix = "B" if first and prev is not None and prev[1] == label else "I"
        else:
            single, end = ("U", "L") if scheme == "BILUO" else ("S", "E")
            prefix = (single if last else "B") if first else (end if last else "I")
        yield word, f"{prefix}-{label}"
