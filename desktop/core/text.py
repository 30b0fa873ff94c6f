"""The text rules every import goes through: decoding bytes, then cleaning the text.

Decoding. A file that starts with a byte-order mark is read in the encoding the
mark names (UTF-32 LE/BE, UTF-16 LE/BE or UTF-8) and the mark is dropped. A file
without a mark whose first 4 KB has a NUL in every other byte (more than half of
the bytes at odd offsets are NUL, and fewer than a quarter as many at even ones, or
the other way round) is UTF-16 without its mark, as some Windows tools write it:
NUL-every-other-byte is never meaningful UTF-8, so it is read as UTF-16-LE (NULs at
odd offsets) or UTF-16-BE (at even ones) rather than imported as "T␀i␀t␀l␀e␀".
(Text mostly outside Latin-1 has few NUL bytes in UTF-16 and still needs its mark:
without one it is refused as not UTF-8.) Any other file
must be strict UTF-8. Beyond that there is no guessing: a byte that does not
decode stops the import with a message naming the file, the line where known,
and the absolute byte offset of the first bad byte, counted from the start of
the file (byte-order mark included), so `xxd -s OFFSET` shows it.

Cleaning. Before a text is stored:

* Line endings become `\\n`: `\\r\\n` and a lone `\\r` each turn into one `\\n`.
  Offsets given against the original text (a JSONL span, a brat `.ann` line)
  are moved with the mapping `clean` returns.
* Control characters become visible: C0 controls other than tab and line feed,
  and DEL, become their Unicode Control Pictures (NUL → ␀ U+2400, ESC → ␛ U+241B,
  DEL → ␡ U+2421). One code point replaces one, so every other offset is
  unchanged, and the annotator sees exactly what is there.
* C1 controls (U+0080–U+009F) and lone surrogates (which a JSON string can
  spell as `"\\ud800"`) become U+FFFD, the replacement character.
* Everything else is kept as it is: tabs, U+2028/U+2029, non-breaking and
  zero-width spaces, combining marks, emoji. No Unicode normalisation, so
  `e` + U+0301 stays two code points.

Every other string a file gives us (a JSONL line's title, id, meta keys and values
at any depth, span labels, event types and roles, document labels, annotator and
model names; a brat type or role name, whose `-_d800_` escape can spell one) has
its lone surrogates replaced by U+FFFD too (`scrub`), so it can be stored as
UTF-8. Nothing else in those strings is changed.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import BinaryIO

from desktop.core.model import BadInput

# UTF-32-LE's mark starts with UTF-16-LE's (FF FE), so the longer marks are tried first.
# (A UTF-16-LE file whose first character is U+0000 thus reads as UTF-32-LE: no text starts so.)
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32-LE", codecs.utf_32_le_decode),
    (codecs.BOM_UTF32_BE, "UTF-32-BE", codecs.utf_32_be_decode),
    (codecs.BOM_UTF16_LE, "UTF-16-LE", codecs.utf_16_le_decode),
    (codecs.BOM_UTF16_BE, "UTF-16-BE", codecs.utf_16_be_decode),
    (codecs.BOM_UTF8, "UTF-8", codecs.utf_8_decode),
)
_NO_BOM = (b"", "UTF-8 (or UTF-16/UTF-32 with a byte-order mark)", codecs.utf_8_decode)
_UTF16_LE = (b"", "UTF-16-LE (no byte-order mark)", codecs.utf_16_le_decode)
_UTF16_BE = (b"", "UTF-16-BE (no byte-order mark)", codecs.utf_16_be_decode)
_SNIFF = 4096  # bytes looked at for a byte-order mark or UTF-16's NUL-every-other-byte
_CHUNK = 1 << 20

_PICTURES = {chr(c): chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_PICTURES["\x7f"] = "\u2421"
_TABLE = str.maketrans(
    _PICTURES | {chr(c): "\ufffd" for c in [*range(0x80, 0xA0), *range(0xD800, 0xE000)]}
)
# A regex finds the (rare) runs to replace; str.translate over the whole text is
# about 15 times slower once the text has any non-ASCII character.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]+")
# In an ASCII text the unwanted characters are the C0 controls but tab and line feed, and
# DEL: deleting them from its bytes (C speed) is ten times quicker than the regex's search.
_ASCII_UNWANTED = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
_CRLF = re.compile("\r\n")
_TITLE = re.compile(r"\S[^\r\n\u2028\u2029]*")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _sniff(head: bytes) -> tuple[bytes, str, Callable]:
    found = next((b for b in _BOMS if head.startswith(b[0])), None)
    if found:
        return found
    head = head[: len(head) & ~1]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 4  # half of the bytes at one parity
    if head and odd > half and even * 4 < odd:
        return _UTF16_LE
    if head and even > half and odd * 4 < even:
        return _UTF16_BE
    return _NO_BOM


def _bad(
    err: UnicodeDecodeError, base: int, name: str, file: str | None, line: int | None = None
) -> BadInput:
    offset = base + err.start
    shown = err.object[err.start : min(err.end, err.start + 4)].hex(" ")
    return BadInput(f"not valid {name} at byte {offset}: {err.reason} ({shown})", file, line)


def decode(data: bytes, file: str | None = None, *, lines: bool = False) -> str:
    """The text of a whole file, by the byte-order-mark rule above; raises BadInput, whose
    line is the bad byte's with `lines` (a file of lines: JSON, brat's .ann and conf)."""
    bom, name, codec = _sniff(data[:_SNIFF])
    try:
        return codec(memoryview(data)[len(bom) :], "strict", True)[0]
    except UnicodeDecodeError as err:
        # as iter_lines says it: FILE:LINE points an editor at the bad byte
        line = codec(memoryview(data)[len(bom) : len(bom) + err.start], "strict", True)[0].count("\n") + 1 \
            if lines else None
        raise _bad(err, len(bom), name, file, line) from None


def iter_lines(stream: BinaryIO, file: str | None = None) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its ending) for each line of a binary stream.

    Reads in chunks, so memory stays flat for a file of any size (one line must
    fit). Lines end only at `\\n`, with a `\\r` before it removed: U+2028, U+0085
    and the other characters str.splitlines() breaks at stay inside the line,
    as JSON allows them in strings.
    """
    for number, lines in iter_line_blocks(stream, file):
        yield from enumerate(lines, number)


def iter_line_blocks(stream: BinaryIO, file: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """The lines of `iter_lines` a chunk at a time: (number of the block's first line, its lines)."""
    parts: list[str] = []  # the current line so far; a list, so a long line is not re-copied
    number = 1
    for text, bad in _decoded(stream, file):
        if "\n" in text:
            lines = text.split("\n")
            last = lines.pop()
            parts.append(lines[0])
            # The pieces go before the joined line is handed out: a line of 50 MB held twice
            # while the caller parses it was a third of a large import's peak memory.
            lines[0], parts = "".join(parts), [last]
            if "\r" in text or lines[0].endswith("\r"):
                lines = [line[:-1] if line.endswith("\r") else line for line in lines]
            yield number, lines
            number += len(lines)
            del lines
        else:
            parts.append(text)
        if bad:
            raise bad(number)
    if rest := "".join(parts):
        yield number, [rest[:-1] if rest.endswith("\r") else rest]


def iter_text_blocks(stream: BinaryIO, file: str | None = None) -> Iterator[tuple[int, str]]:
    """The lines of `iter_lines` a chunk at a time, joined: (number of the block's first line,
    its lines joined by "\n"), for a reader that splits a block at once (CoNLL) rather than
    taking a step per line. No block is empty of lines: each holds at least one (maybe empty)."""
    parts: list[str] = []  # the text since the last line break
    number = 1
    for text, bad in _decoded(stream, file):
        cut = text.rfind("\n")
        if cut >= 0:
            parts.append(text[:cut])
            block, parts = "".join(parts), [text[cut + 1:]]
            # A \r before each line break goes, as iter_lines drops it (one per line).
            if "\r" in block:
                block = block.replace("\r\n", "\n")
                block = block[:-1] if block.endswith("\r") else block
            yield number, block
            number += block.count("\n") + 1
            del block
        else:
            parts.append(text)
        if bad:
            raise bad(number)
    if rest := "".join(parts):
        yield number, rest[:-1] if rest.endswith("\r") else rest


def _decoded(stream: BinaryIO, file: str | None) -> Iterator[tuple[str, Callable[[int], BadInput] | None]]:
    """The stream's text a chunk at a time (by the byte-order-mark rule above), each with None,
    or, for the good text before an undecodable byte, the BadInput to raise given the number of
    the line that byte is on (the reader knows it, after handing out the lines before)."""
    head = b""
    # A raw stream or a pipe may return fewer bytes than asked.
    while len(head) < _SNIFF and (more := stream.read(_SNIFF - len(head))):
        head += more
    bom, name, codec = _sniff(head)
    buf, pos = head[len(bom) :], len(bom)  # pos: file offset of buf[0]
    while True:
        chunk = stream.read(_CHUNK)
        buf += chunk
        error, base = None, pos
        try:
            # final=False keeps a sequence cut by the chunk boundary in buf for the next round.
            text, used = codec(buf, "strict", not chunk)
        except UnicodeDecodeError as err:
            # Hand out the good lines before the bad byte first, as a reader of lines expects.
            error, (text, used) = err, codec(buf[: err.start], "strict", True)
        buf, pos = buf[used:], pos + used
        if error:
            yield text, lambda line, error=error, base=base: _bad(error, base, name, file, line)
            return
        yield text, None
        if not chunk:
            return


def clean(text: str) -> tuple[str, Callable[[int], int]]:
    """The stored form of an imported text, and a map from input offsets to stored ones."""
    removed: list[int] = []  # positions of each \r dropped from a \r\n
    if "\r" in text:
        removed = [m.start() for m in _CRLF.finditer(text)]
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _plain_ascii(text) and _UNWANTED.search(text):
        text = _UNWANTED.sub(lambda m: m.group().translate(_TABLE), text)
    if not removed:
        return text, unmoved
    # An offset between \r and \n counts that \r as removed, so it lands before the \n:
    # a span ending there keeps its text and loses only the \r.
    return text, lambda offset: offset - bisect_left(removed, offset)


def _plain_ascii(text: str) -> bool:
    """Whether the text is ASCII without a character `clean` replaces (the common case, found fast)."""
    return text.isascii() and len(text.encode("ascii").translate(None, _ASCII_UNWANTED)) == len(text)


def scrub(value: str) -> str:
    """A string from a file, storable as UTF-8: each lone surrogate becomes U+FFFD."""
    return _SURROGATES.sub("\ufffd", value) if _SURROGATES.search(value) else value


def unmoved(offset: int) -> int:
    """The offset map `clean` returns when it moved nothing (a reader may test for it and skip it)."""
    return offset


_sha256: Callable | None = None  # hashlib.sha256 once loaded (see content_hash)


def content_hash(text: str) -> str:
    """A stable fingerprint of a (cleaned) text, to spot the same article imported twice."""
    return (_sha256 or _load_sha256())(text.encode("utf-8")).hexdigest()


def _load_sha256() -> Callable:
    # Loaded at the first hash, not at import: OpenSSL's loading is a cost the window's start
    # does not need. Kept once loaded: an import statement at every call was a third of
    # hashing a short text (0.57 -> 0.33 us), and an import hashes thousands.
    global _sha256
    import hashlib

    _sha256 = hashlib.sha256
    return _sha256


def title_from(text: str, limit: int = 120) -> str:
    """A display title: the first non-blank line, stripped, at most `limit` characters."""
    m = _TITLE.search(text)
    title = m.group().strip() if m else ""
    if len(title) > limit:
        title = title[: limit - 1].rstrip() + "…"
    return title
