"""JSON read and written by orjson where it gives exactly what the standard library's json gives,
and by json everywhere else: what a reader accepts, refuses and says, and what a written line
means, stay as they were. orjson parses a DyGIE++ line in half json's time and writes it in a
seventh (issue 10's interchange bench). Used for the JSON lines of JSONL, doccano and DyGIE++
(read and write) and Label Studio's tasks (write; its one array is read by json, which tells
where each task starts).

Reading (`line_value`): orjson is asked for a whole line holding one value, and its answer is
taken only where it cannot differ from json's. The caller reads with json
* a line orjson refuses: NaN and Infinity (json accepts them), a number beyond a double's
  range, an escaped lone surrogate, any syntax error (json's message names it);
* a line that could nest more than 500 levels (longer than 1,000 characters, with more than
  500 brackets): orjson goes 1,024 levels deep, json as deep as Python's recursion limit lets
  it (about 1,000 less the stack), and what is deeper is refused with json's message;
* every line of a text that holds an integer of 19 digits or more (`exact_ints` is false):
  orjson reads one beyond 64 bits as a float, json as an int.

Writing (`dumps`): compact separators, as orjson writes (`,` and `:`); strings escaped as json
escapes them with ensure_ascii=False (the same characters); floats in the shortest form that
reads back the same (`1e-7` where json writes `1e-07`). json writes what orjson cannot write
as json would: an integer beyond 64 bits, a key that is not a string, a dataclass or a date
(which json refuses, as before), and any value whose line would hold `null`, as orjson writes
NaN and Infinity as null where json writes NaN (a document's meta may hold one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

NOTHING: Any = object()  # line_value's answer when json must read the line
_DEEP = 500  # brackets a line may hold before json reads it (see the module docstring)
_DIGITS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # every digit 0, the rest blank
_LONG_INT = b"0" * 19
_BLOCK = 1 << 18
_WRITE_OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
# json, where it writes: compact, as orjson; looking for no cycle (a writer's values are built
# from parsed or stored ones, never a cycle, and the check was a fifth of encoding).
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode
# Where a written line holds `null`. A compiled search, not `b"null" in data`: CPython's
# substring search filters candidates by the needle's last byte, and "l" shares its filter
# bits with ",", which compact JSON is full of (a DyGIE++ line: 0.30 µs against 0.49).
_NULL = re.compile(rb"null").search


def exact_ints(text: str) -> bool:
    """Whether orjson reads every number of `text` as json does: no run of 19 digits or more."""
    # A translation of the text's bytes (C speed; a regex's search is twenty times slower), a
    # block at a time: two copies of a large text cost more in fresh pages than in the work.
    for at in range(0, len(text), _BLOCK):
        if _LONG_INT in text[max(0, at - 18):at + _BLOCK].encode("utf-8", "surrogatepass").translate(_DIGITS):
            return False
    return True


def line_value(line: str) -> Any:
    """The JSON value a line (without its newline) holds, as json would read it, or NOTHING
    where json must read it (see the module docstring). The line's text must pass exact_ints."""
    if len(line) > 2 * _DEEP and line.count("[") + line.count("{") > _DEEP:
        return NOTHING
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return NOTHING


def dumps(value: Any, encode: Callable[[Any], str] = _ENCODE) -> str:
    """`value` as compact JSON (see the module docstring); `encode` is the json encoder that
    writes what orjson does not (compact too: a line's form should not depend on which wrote it)."""
    try:
        data = orjson.dumps(value, default=_refuse, option=_WRITE_OPTIONS)
    except TypeError:  # (orjson.JSONEncodeError is one)
        return encode(value)
    if _NULL(data) is not None:  # a None, or a NaN orjson wrote as one: json says which
        return encode(value)
    return data.decode()


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is left to json")
