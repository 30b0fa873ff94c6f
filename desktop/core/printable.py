"""Text made safe to show: on a terminal (`printable`, `safe_json`) and in XML (`drawable`).

Stored data keeps every character it has; these functions change only what is shown.
Each replaces one code point by one, so offsets into a shown text stay valid.

* C0 controls other than tab and line feed, and DEL, become their Unicode Control
  Pictures (ESC → ␛ U+241B, NUL → ␀ U+2400), as the importer shows them in a text.
* C1 controls (U+0080–U+009F; U+009B is a one-byte CSI on some terminals), lone
  surrogates (a file name that is not UTF-8 holds some) and, on a terminal, the bidi
  embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can reorder
  what a line appears to say become U+FFFD. In XML the non-characters U+FFFE and
  U+FFFF, which no XML document may hold, become U+FFFD too.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PICTURES = {c: 0x2400 + c for c in range(0x20)} | {0x7F: 0x2421}
_LINE = str.maketrans(_PICTURES)  # for a value inside one line: tab and line feed too
_BLOCK = str.maketrans({c: p for c, p in _PICTURES.items() if c not in (0x09, 0x0A)})

_C1 = "\x80-\x9f"
_SURROGATES = "\ud800-\udfff"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_TERMINAL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f{_C1}{_SURROGATES}{_BIDI}]")
_TERMINAL_LINE = re.compile(f"[\x00-\x1f\x7f{_C1}{_SURROGATES}{_BIDI}]")
_XML = re.compile(f"[\x00-\x08\x0b-\x1f\x7f{_C1}{_SURROGATES}\ufffe\uffff]")
# Inside a JSON text these can only stand in strings, where \\uXXXX spells the same string.
_JSON_RAW = re.compile(f"[\x7f{_C1}{_SURROGATES}{_BIDI}\u2028\u2029]")


def _shown(table: dict[int, int]):
    """A re.sub replacement: the character's Control Picture if it has one, else U+FFFD."""
    return lambda m: chr(table.get(ord(m.group()), 0xFFFD))


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` safe to write to a terminal; with `one_line`, tab and line feed are shown too."""
    found = (_TERMINAL_LINE if one_line else _TERMINAL).search(text)
    if found is None:
        return text
    pattern, table = (_TERMINAL_LINE, _LINE) if one_line else (_TERMINAL, _BLOCK)
    return pattern.sub(_shown(table), text)


def drawable(text: str) -> str:
    """`text` with nothing an XML 1.0 document may not hold (a picture's text and labels)."""
    if _XML.search(text) is None:
        return text
    return _XML.sub(_shown(_BLOCK), text)


def safe_json(value: Any, **dumps_options: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, ...)` with every character a terminal could
    obey, or a strict reader refuse, written as a \\uXXXX escape (the JSON means the same)."""
    text = json.dumps(value, ensure_ascii=False, **dumps_options)
    return _JSON_RAW.sub(lambda m: "".join(f"\\u{ord(c):04x}" for c in m.group()), text)
