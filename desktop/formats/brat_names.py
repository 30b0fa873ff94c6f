"""Type names in brat's alphabet, and back: a reversible mapping.

brat splits event lines at ":" and keeps only letters, digits, "-" and "_" in a type's
stored name, so a name such as `Conflict:Attack` is written in that alphabet and read
back to the original. Names made of those characters alone stay as they are (PERSON,
WORK_OF_ART, Arrest-Jail); the rest is escaped, with "_" and "-" as escape marks:

    :          →  __            Conflict:Attack  →  Conflict__Attack
    other c    →  -_<hex>_      a space → -_20_,  é → -_e9_
    _ or -     →  _- or --      only where the next written character is "_" or "-",
                                so an escape is never misread

Decoding reads "_" or "-" followed by "_" or "-" as an escape, and any other "_" or "-"
as itself. An escape of a surrogate code point (`-_d800_`) decodes to U+FFFD. Role names pass through the same mapping; brat's numbering of a repeated
role (Target, Target2, Target3) is added and removed by the brat format around it.
"""

from __future__ import annotations

import functools
import re

_PLAIN = re.compile(r"[A-Za-z0-9]")
_HEX = re.compile(r"([0-9a-f]+)_")


@functools.lru_cache(maxsize=4096)  # a corpus has few names and writes each many times
def encode(name: str) -> str:
    parts = [_token(c) for c in name]
    out = []
    for i, part in enumerate(parts):
        following = parts[i + 1][0] if i + 1 < len(parts) else ""
        if part in ("_", "-") and following in ("_", "-"):
            part = part + "-"  # "_" → "_-", "-" → "--": a literal mark before an escape
        out.append(part)
    return "".join(out)


@functools.lru_cache(maxsize=4096)  # a corpus has few names and writes each many times
def decode(stored: str) -> str:
    """The original name; raises ValueError for an escape `encode` never writes."""
    out, i, n = [], 0, len(stored)
    while i < n:
        c = stored[i]
        nxt = stored[i + 1] if i + 1 < n else ""
        if c == "_" and nxt == "_":
            out.append(":")
            i += 2
        elif c in "_-" and nxt == "-":
            out.append(c)
            i += 2
        elif c == "-" and nxt == "_":
            m = _HEX.match(stored, i + 2)
            if m is None or int(m.group(1), 16) > 0x10FFFF:
                shown = repr(stored) if len(stored) <= 60 else repr(stored[:60]) + "…"
                raise ValueError(f"bad escape in {shown} at character {i + 1}")
            code = int(m.group(1), 16)
            # A lone surrogate cannot be stored as UTF-8: U+FFFD, as in every imported text.
            out.append("\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code))
            i = m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _token(c: str) -> str:
    if _PLAIN.match(c) or c in "_-":
        return c
    if c == ":":
        return "__"
    return f"-_{ord(c):x}_"
