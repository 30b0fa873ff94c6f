"""orjson reads and writes JSON lines only where it gives what the standard library's json
gives (formats.fast_json): every value it is trusted with reads as json reads it, every file
reads (values, lines, refusals and their messages) as json alone reads it, and every line
written means what json's would."""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import random

import pytest

from desktop.core.model import BadInput
from desktop.formats import doccano, dygiepp, fast_json, json_values

TRICKY = ['{"a":1,"a":2}', '{"a":1,"b":2,"a":{"c":3}}', '"\\ud83d\\ude00"', '"\\ud800"', '"\\udc00\\ud800"', "NaN", "-Infinity", "[1, NaN]",
          "1e400", "-1e400", "1e-400", "-0", "-0.0", "18446744073709551615", "18446744073709551616",
          "-9223372036854775808", "-9223372036854775809", "12345678901234567890123", "1.7976931348623157e308",
          '"\x01"', '"\u2028\x85"', ' {"a":1} ', '{"a":1}\r', '{"a":1}\ufeff', "\ufeff{}", "[1,]", "00", "1.",
          ".5", "tru", '"\\u0000"', '"\\x"', "'a'", '{"a":1}{"b":2}', '{"a":1} x', "2.2250738585072011e-308",
          "4.9e-324", "2.4e-324", "1E2", "[]", "{}", '""', "null", "true", "", " ", "\t", "[" * 400 + "]" * 400,
          "[" * 600 + "]" * 600, "[" * 1100 + "]" * 1100, '{"x": [' + ",".join(["[1]"] * 600) + "]}"]


def _same(a, b) -> bool:
    """Equal with the same types all the way down (1 is not 1.0; NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return repr(a) == repr(b)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


def _json(line: str):
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as err:
        return ("refused", type(err).__name__)


def _random_value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth > 3 or roll < 0.4:
        return rng.choice([
            rng.randint(-10**6, 10**6), rng.randint(-2**70, 2**70), rng.choice([2**63, 2**64 - 1, -2**63 - 1]),
            rng.uniform(-1e6, 1e6), rng.choice([1e-7, 1e16, 5e-324, -0.0, 1e300, math.nan, math.inf]),
            "".join(rng.choice("aé\"\\\n\t\x01\x7f\u2028😀 /") for _ in range(rng.randint(0, 6))),
            None, True, False])
    if roll < 0.7:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["a", "b", "é", "x y", ""]): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def test_a_line_orjson_is_trusted_with_reads_as_json_reads_it():
    rng = random.Random(8)
    lines = [*TRICKY, *(json.dumps(_random_value(rng), ensure_ascii=rng.random() < 0.5) for _ in range(3000))]
    trusted = 0
    for line in lines:
        if not fast_json.exact_ints(line):
            continue
        got = fast_json.line_value(line)
        if got is not fast_json.NOTHING:
            trusted += 1
            assert _same(got, _json(line)), line[:80]
    assert trusted > 1000


def test_what_orjson_reads_otherwise_is_left_to_json():
    assert fast_json.line_value("NaN") is fast_json.NOTHING  # json reads it, orjson refuses it
    assert fast_json.line_value("[" * 600 + "]" * 600) is fast_json.NOTHING  # json's depth, not orjson's
    assert fast_json.line_value('"\\ud800"') is fast_json.NOTHING
    assert not fast_json.exact_ints('{"n": 18446744073709551616}')  # orjson: a float
    assert not fast_json.exact_ints("x" * (1 << 18) + "1" * 10 + "2" * 9)  # across the blocks' edge
    assert fast_json.exact_ints('{"n": 123456789012345678, "f": 1.2345678901234567e-300, "é": "٣٣٣"}')


def _as_json_alone(path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(json_values, "exact_ints", lambda text: False)  # every line by json
        return _outcome(json_values.values(path))


def _outcome(items):
    out = []
    for item in items:
        if isinstance(item, BadInput):
            out.append(("bad", item.reason, item.file, item.line))
        else:
            out.append((item[0], json.dumps(item[1], sort_keys=False), repr(item[1])))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_a_file_reads_as_json_alone_reads_it(tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    pieces = ['{"text": "Ana", "label": []}', '{"a": 1}  ', '{"a":\n 1}', '{"a": 1} {"b": 2}', "", "  ", "\t",
              "\ufeff", '{"a": NaN}', '{"a": 1e400}', '{"n": 123456789012345678901}', '{"s": "\\ud800"}', "[1, 2]",
              '{"bad": }', "{", "}", '"x"', "7", '{"a": 1}\r', "[" * 600 + "]" * 600, "[" * 1100 + "]" * 1100,
              '{"é": "😀\u2028"}']
    for n in range(60):
        clean = rng.random() < 0.5
        lines = [rng.choice(pieces[:2] + pieces[-1:] if clean else pieces) for _ in range(rng.randint(0, 12))]
        path = tmp_path / f"{n}.jsonl"
        path.write_text(rng.choice(["\n", "\r\n"]).join(lines) + rng.choice(["", "\n"]), encoding="utf-8")
        assert _outcome(json_values.values(path)) == _as_json_alone(path, monkeypatch), lines


def test_a_large_file_is_read_a_block_of_lines_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(json_values, "_line_blocks", lambda text, size=50: _blocks(text, size))
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(['{"text": "Ana met Bo", "n": %d}' % n if n % 7 else "" for n in range(40)]) + "\n",
                    encoding="utf-8")
    got = _outcome(json_values.values(path))
    assert got == _as_json_alone(path, monkeypatch) and len(got) == 34


def _blocks(text, size):
    return _ORIGINAL_BLOCKS(text, size)


_ORIGINAL_BLOCKS = json_values._line_blocks


def _read_outcome(read, path):
    out = []
    for item in read(path):
        if isinstance(item, BadInput):
            out.append(("bad", item.reason, item.line))
        else:
            out.append((item.doc.text, item.doc.meta, item.line, [(s.start, s.end, s.label) for s in item.spans],
                        item.dropped))
    return out


def test_hostile_doccano_and_dygiepp_lines_are_refused_or_read_as_before(tmp_path, monkeypatch):
    lines = ['{"text": "Ana met Bo", "label": [[0, 3, "PER"]], "n": 18446744073709551616}',
             '{"text": "Ana met Bo", "label": [[0, 3, "PER"]], "x": NaN}',
             '{"text": "Ana met Bo", "label": [[0, 3.0, "PER"]]}',
             '{"text": "Ana \\ud800 Bo", "label": [[0, 3, "PER"]]}',
             '{"text": "Ana met Bo", "label": [[0, 1e400, "PER"]]}',
             '{"text": "Ana met Bo", "label": [[0, 3, "PER"]], "deep": ' + "[" * 700 + "]" * 700 + "}",
             '{"text": "Ana met Bo", "label": [[0, 3, "PER"]]} trailing']
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast = _read_outcome(doccano.read, path)
    monkeypatch.setattr(json_values, "exact_ints", lambda text: False)
    assert fast == _read_outcome(doccano.read, path)
    assert [f[0] == "bad" for f in fast] == [False, False, True, False, True, False, False, True]  # (then "trailing")
    sentences = '"sentences": [["Ana", "met", "Bo"]], "ner": [[[0, 0, "PER"]]]'
    body = "\n".join(['{%s, "doc_key": %s}' % (sentences, k) for k in ["18446744073709551616", "NaN", "1.5",
                                                                          '"\\udfff"', "7"]])
    for data in (body.encode("utf-8"), body.encode("utf-8") + b"\n\xff\n"):  # then a byte that is not UTF-8
        path.write_bytes(data)
        slow = _read_outcome(dygiepp.read, path)
        monkeypatch.undo()
        assert _read_outcome(dygiepp.read, path) == slow
        monkeypatch.setattr(json_values, "exact_ints", lambda text: False)
        assert [s[0] == "bad" for s in slow] == ([False, True, True, False, False] if len(slow) > 1 else [True]), slow


@dataclasses.dataclass
class _Thing:
    x: int


def _stdlib(value):
    try:
        return json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode(value)
    except (TypeError, ValueError) as err:
        return ("refused", type(err).__name__)


def _ours(value):
    try:
        return fast_json.dumps(value)
    except (TypeError, ValueError) as err:
        return ("refused", type(err).__name__)


def test_a_written_value_reads_back_as_json_s_own_line():
    rng = random.Random(4)
    values = [_random_value(rng) for _ in range(3000)]
    values += [{1: 2}, {"n": 2**70}, {"x": math.nan}, [math.inf], {"d": datetime.date(2026, 1, 1)}, _Thing(1),
               {"s": "\ud800"}, "\x00\x1f\x7f\u2028\u2029\\\"/"]
    for value in values:
        ours, theirs = _ours(value), _stdlib(value)
        if isinstance(theirs, tuple) or isinstance(ours, tuple):
            assert ours == theirs, value
            continue
        assert _same(json.loads(ours), json.loads(theirs)), value
        if not any(c in theirs for c in "eE.") or "NaN" in theirs or "Infinity" in theirs:
            assert ours == theirs, value  # the same characters but where a float's form differs


def test_prodigy_lines_are_read_or_refused_as_json_alone_reads_them(tmp_path, monkeypatch):
    from desktop.formats import jsonl

    task = '{"text": "Ana met Bo", "spans": [{"start": 0, "end": 3, "label": "PER"}], "answer": "accept"'
    lines = [task + "}", task + ', "meta": {"n": 18446744073709551616}}', task + ', "meta": {"x": NaN}}',
             task + ', "meta": {"x": 1e999}}', task + ', "meta": {"x": 1.5e-7, "s": "\\ud800"}}',
             task + ', "meta": {"d": ' + "[" * 150 + "]" * 150 + "}}", task + ', "x": ' + "[" * 700 + "]" * 700 + "}",
             task + "} x", "[1, 2]", task.replace("Ana", "Ana\\u2028é😀") + "}"]
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast = _read_outcome(jsonl.read, path)
    monkeypatch.setattr(jsonl, "exact_ints", lambda text: False)
    assert fast == _read_outcome(jsonl.read, path)
    assert [f[0] == "bad" for f in fast] == [False, False, True, True, False, True, False, True, True, False]
    assert fast[1][1] == {"n": 18446744073709551616} and type(fast[1][1]["n"]) is int


def test_prodigy_lines_are_written_as_json_wrote_them_and_a_nan_still_as_null():
    import io

    from desktop.core.model import Document, Record, Token
    from desktop.formats import jsonl

    def line(meta, fast=True):
        out, warnings = io.StringIO(), []
        record = Record(Document("Ana met Bo", meta=meta), tokens=[Token(0, 3, True), Token(4, 7, True),
                                                                   Token(8, 10, False)])
        jsonl.write([record], out, warnings.append)
        return out.getvalue(), warnings

    assert line({"x": math.nan, "y": [math.inf, 1]}) == (line({"x": None, "y": [None, 1]})[0], [
        "document '': 2 NaN or infinite numbers in meta written as null"])
    text, warnings = line({"n": 2**70, "é": "\u2028\x00"})
    assert not warnings and json.loads(text)["meta"] == {"n": 2**70, "é": "\u2028\x00"}
    assert text == jsonl._ENCODE(json.loads(text)) + "\n"  # json's own compact line, character for character
