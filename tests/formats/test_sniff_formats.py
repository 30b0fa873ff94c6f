"""Files several formats share a suffix with (.jsonl, .json) are read by the format their first
JSON value looks like (desktop/formats/sniff.py); nothing is opened to choose a reader."""

from __future__ import annotations

import json

import pytest

from desktop.formats import reader_for, sniff

from tests.formats.helpers_interchange import THIRDPARTY, records

DOCCANO = THIRDPARTY / "doccano/backend"


@pytest.mark.parametrize("path, expected", [
    (DOCCANO / "data_export/pipeline/examples/relation_extraction/example.jsonl", "doccano"),  # pretty-printed
    (DOCCANO / "data_import/pipeline/examples/sequence_labeling/example.jsonl", "doccano"),  # column_data
    (DOCCANO / "data_export/pipeline/examples/text_classification/example.jsonl", "doccano"),
    (THIRDPARTY / "dygiepp/dygie/tests/fixtures/ace_event_article.json", "dygiepp"),
    (THIRDPARTY / "labelstudio/ner-relations-export.json", "labelstudio"),
    (THIRDPARTY / "prodigy-recipes/example-datasets/annotated_reddit-INSULT-textcat.jsonl", "jsonl"),
    (THIRDPARTY / "prodigy-recipes/example-datasets/bio_events.jsonl", "jsonl"),
])
def test_real_files_are_told_apart(path, expected):
    choices = ("labelstudio", "dygiepp") if path.suffix == ".json" else ("jsonl", "doccano", "dygiepp")
    assert sniff.guess(sniff.first_value(path), choices) == expected
    assert records(reader_for(path)(path))  # and the chosen reader reads the whole file


def test_a_first_value_longer_than_one_read_is_still_seen(tmp_path):
    path = tmp_path / "long.jsonl"
    text = "word " * 40_000
    path.write_text(json.dumps({"doc_key": "d", "sentences": [text.split()]}) + "\n", encoding="utf-8")
    assert sniff.guess(sniff.first_value(path), ("jsonl", "doccano", "dygiepp")) == "dygiepp"


def test_what_is_not_json_goes_to_the_jsonl_reader_which_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    assert sniff.first_value(path) is None
    (bad,) = list(reader_for(path)(path))
    assert str(bad).startswith(f"{path}:1: invalid JSON")


def test_the_shape_is_the_same_whatever_the_chunks_cut(tmp_path, monkeypatch):
    """The first value is read as a stream (a 50 MB one-line document is not parsed twice):
    chunks that cut keys, escapes and values anywhere give the same shape."""
    line = ('{"te\\u0078t": "a \\"quoted\\" \\\\ word", "meta": {"label": [1]}, '
            '"label": [[0, 1, "X"]], "doc_key": 7, "sentences": [["a", "b"]]}\n')
    path = tmp_path / "one.jsonl"
    path.write_text(line, encoding="utf-8")
    whole = sniff.first_value(path)
    assert whole == {"text": None, "meta": {}, "label": [], "doc_key": None, "sentences": []}
    for size in (1, 2, 3, 5, 7, 11):
        monkeypatch.setattr(sniff, "_CHUNK", size)
        assert sniff.first_value(path) == whole, size


def test_a_long_first_document_is_not_built_to_be_sniffed(tmp_path):
    import tracemalloc

    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "word " * 2_000_000, "entities": []}) + "\n", encoding="utf-8")
    tracemalloc.start()
    try:
        assert sniff.guess(sniff.first_value(path), ("jsonl", "doccano")) == "doccano"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2**20  # a few chunks, not the 10 MB line (and its parsed copy)
