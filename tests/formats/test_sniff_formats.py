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
