"""The JSON interchange readers (doccano, DyGIE++, Label Studio) hold to the JSONL reader's
rules on hostile values: a lone surrogate becomes U+FFFD, JSON nested too deep and an
integer of thousands of digits are a FILE:LINE refusal of that file, never a crash."""

from __future__ import annotations

import pytest

from desktop.core.model import BadInput, Record
from desktop.formats import doccano, dygiepp, labelstudio
from tests.helpers import dump, run

DEEP = "[" * 100_000 + "]" * 100_000
LS_SURROGATES = ('[{"data": {"text": "Ana \\ud800 went."}, "annotations": [{"result": [{"type": "labels", '
                 '"value": {"start": 0, "end": 3, "labels": ["P\\udc00"]}}]}]}]')
DC_SURROGATES = '{"text": "Ana \\ud800 went.", "label": [[0, 3, "P\\udc00"]]}\n'
DY_SURROGATES = '{"doc_key": "k\\ud800", "sentences": [["Ana\\udfff", "went"]], "ner": [[[0, 0, "P\\udc00"]]]}\n'


def _read(module, path):
    return list(module.read(path))


@pytest.mark.parametrize("module, name, content", [
    (labelstudio, "ls.json", LS_SURROGATES),
    (doccano, "dc.jsonl", DC_SURROGATES),
    (dygiepp, "dy.jsonl", DY_SURROGATES),
])
def test_lone_surrogates_become_replacement_characters(tmp_path, module, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [record] = _read(module, path)
    assert isinstance(record, Record), record
    assert "\ufffd" in record.spans[0].label or "\ufffd" in record.doc.text
    for s in (record.doc.text, record.doc.ext_id or "", *(sp.label for sp in record.spans)):
        s.encode("utf-8")  # storable: no surrogate left


def test_a_surrogate_pair_stays_one_astral_character(tmp_path):
    path = tmp_path / "dc.jsonl"
    path.write_text('{"text": "Ana \\ud83d\\ude00 went.", "label": []}\n', encoding="utf-8")
    [record] = _read(doccano, path)
    assert "\U0001F600" in record.doc.text


@pytest.mark.parametrize("module, name, content, reason", [
    (labelstudio, "deep.json", DEEP, "nested deeper"),
    (labelstudio, "deep-task.json", '[{"data": {"text": "Hi"}, "meta": ' + DEEP + "}]", "nested deeper"),
    (doccano, "deep.jsonl", '{"text": "Hi", "meta": ' + DEEP + "}\n", "nested deeper"),
    (labelstudio, "big.json", '[{"data": {"text": "Hi"}, "id": ' + "9" * 5000 + "}]", "4300 digits"),
    (doccano, "big.jsonl", '{"text": "Hi", "label": [[0, ' + "9" * 5000 + ', "X"]]}\n', "4300 digits"),
    (dygiepp, "big.jsonl", '{"doc_key": "a", "sentences": [["Hi"]], "ner": [[[0, ' + "9" * 5000 + ', "X"]]]}\n',
     "4300 digits"),
])
def test_deep_nesting_and_huge_integers_are_refused_with_file_and_line(tmp_path, module, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    items = _read(module, path)
    bad = [i for i in items if isinstance(i, BadInput)]
    assert bad and reason in bad[0].reason and bad[0].file == str(path) and bad[0].line == 1


def test_the_next_line_after_a_deep_one_is_still_read(tmp_path):
    path = tmp_path / "dc.jsonl"
    path.write_text('{"text": "Hi", "meta": ' + DEEP + '}\n{"text": "Second line.", "label": []}\n', encoding="utf-8")
    items = _read(doccano, path)
    assert isinstance(items[0], BadInput) and isinstance(items[1], Record) and items[1].line == 2


@pytest.mark.parametrize("name, fmt, content, code", [
    ("ls.json", None, LS_SURROGATES, 0),
    ("dc.jsonl", "doccano", DC_SURROGATES, 0),
    ("dy.jsonl", "dygiepp", DY_SURROGATES, 0),
    ("deep.json", None, DEEP, 1),
    ("big.jsonl", "doccano", '{"text": "Hi", "label": [[0, ' + "9" * 5000 + ', "X"]]}\n', 1),
])
def test_import_through_the_cli(tmp_path, monkeypatch, name, fmt, content, code):
    monkeypatch.setenv("HOME", str(tmp_path))
    db = tmp_path / "p.db"
    assert run("stats", "--db", db).exit_code == 0
    before = dump(db)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("import", "--db", db, *(["--format", fmt] if fmt else []), path)
    assert "internal error" not in result.output
    assert result.exit_code == code, result.output
    if code:
        assert f"{path}:1:" in result.output and dump(db) == before
