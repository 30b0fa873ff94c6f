"""A DocBin whose user_data or cats another program filled with the wrong types, as the
mutation sweep (bench/fuzz_import.py) found them: each Doc is refused as FILE:N: reason.
Before, a status or score of the wrong type ended in an internal error, a title in a
failed INSERT, and a meta that is no object was stored and broke every export after."""

from __future__ import annotations

import pytest

from desktop.core.model import BadInput, Record, Status
from desktop.formats import spacy as spacy_format
from tests.helpers import run

spacy = pytest.importorskip("spacy")


def _docbin(path, user_data=None, cats=None):
    from spacy.tokens import DocBin

    doc = spacy.blank("en")("Ana went home.")
    doc.user_data.update(user_data or {})
    if cats is not None:
        doc.cats = cats
    docbin = DocBin(store_user_data=True)
    docbin.add(doc)
    docbin.to_disk(path)
    return path


def _nested(levels: int) -> dict:
    meta = inner = {}
    for _ in range(levels - 1):
        inner["a"] = {}
        inner = inner["a"]
    return meta


@pytest.mark.parametrize("user_data, cats, reason", [
    ({"title": ["a"]}, None, 'user_data "title" is an array, not a string'),
    ({"title": float("nan")}, None, 'user_data "title" is a number, not a string'),
    ({"meta": [1, 2]}, None, 'user_data "meta" is an array, not an object'),
    ({"meta": "x"}, None, 'user_data "meta" is a string, not an object'),
    ({"meta": {"raw": b"\x00\xff"}}, None, 'user_data "meta" cannot be stored as JSON'),
    ({"meta": _nested(100)}, None, 'user_data "meta" is nested deeper than 100 levels'),
    ({}, {"SPORT": "yes"}, "cats: the score of 'SPORT' is a string, not a number"),
    ({}, {"SPORT": None}, "cats: the score of 'SPORT' is null, not a number"),
])
def test_user_data_of_the_wrong_type_refuses_the_doc(tmp_path, user_data, cats, reason):
    [bad] = list(spacy_format.read(_docbin(tmp_path / "x.spacy", user_data, cats)))
    assert isinstance(bad, BadInput) and bad.line == 1 and reason in bad.reason


def test_a_status_that_is_an_object_is_no_status(tmp_path):
    [record] = list(spacy_format.read(_docbin(tmp_path / "x.spacy", {"status": {"a": 1}})))
    assert isinstance(record, Record) and record.doc.status == Status.TODO


def test_a_meta_99_levels_deep_is_read_and_exported(tmp_path):
    path = _docbin(tmp_path / "x.spacy", {"meta": _nested(99), "title": "T"}, {"SPORT": 1.0})
    [record] = list(spacy_format.read(path))
    assert isinstance(record, Record) and record.doc_labels == ["SPORT"]
    db = tmp_path / "p.db"
    assert run("import", "--db", db, path).exit_code == 0
    for fmt, out in [("jsonl", "o.jsonl"), ("labelstudio", "o.json"), ("doccano", "o.jsonl")]:
        done = run("export", "--db", db, "--all", "--format", fmt, "--out", tmp_path / out)
        assert done.exit_code == 0 and "exported 1 documents" in done.output
