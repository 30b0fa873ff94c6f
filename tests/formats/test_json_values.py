"""The JSON record reader shared by doccano, DyGIE++ and Label Studio: JSONL, objects
spread over lines, a top-level array, and bad records named by the line they start on."""

from __future__ import annotations

from desktop.core.model import BadInput
from desktop.formats.json_values import values


def read(tmp_path, content: str, name: str = "in.json"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    return list(values(path))


def test_jsonl_and_pretty_printed_objects_give_the_line_each_starts_on(tmp_path):
    assert read(tmp_path, '{"a": 1}\n\n{\n  "b": 2\n}\n{"c": 3}') == [(1, {"a": 1}), (3, {"b": 2}), (6, {"c": 3})]


def test_a_top_level_array_gives_its_items(tmp_path):
    assert read(tmp_path, '\ufeff[\n {"a": 1},\n {"b": 2}\n]\n') == [(2, {"a": 1}), (3, {"b": 2})]
    assert read(tmp_path, "[]") == []


def test_a_bad_line_is_reported_and_the_next_line_read(tmp_path):
    items = read(tmp_path, '{"a": 1}\n{"a": oops}\n{"c": 3}\n')
    assert items[0] == (1, {"a": 1}) and items[2] == (3, {"c": 3})
    assert isinstance(items[1], BadInput) and items[1].line == 2 and "invalid JSON" in items[1].reason


def test_a_broken_array_ends_the_file_with_one_report(tmp_path):
    items = read(tmp_path, '[\n {"a": 1}\n {"b": 2}\n]')
    assert items[0] == (2, {"a": 1})
    assert isinstance(items[1], BadInput) and items[1].line == 3 and "expected , or ]" in items[1].reason
    assert len(items) == 2


def test_undecodable_bytes_are_one_report(tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(b'{"a": "\xff"}\n')
    (bad,) = list(values(path))
    assert isinstance(bad, BadInput) and "byte 7" in bad.reason
