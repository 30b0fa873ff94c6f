"""Hostile JSONL lines through the real `spandesk import`: each one refused as FILE:LINE: reason,
exit status 1, the database byte-for-byte as it was; never a traceback."""

from __future__ import annotations

import io
import json
import math
import sqlite3

import pytest

from desktop import ops

from tests.helpers import dump, run

TEXT = "Putin spoke in Moscow."
T = f'"text":"{TEXT}"'
DEEP = "[" * 900 + "]" * 900


@pytest.fixture
def project(tmp_path, db_path):
    """A project holding one document, so "unchanged" means more than "still empty"."""
    first = tmp_path / "first.txt"
    first.write_text("An article already stored.\n", encoding="utf-8")
    assert run("import", first, "--db", db_path).exit_code == 0
    return db_path


# (what, the bad line, the reason the user reads after "FILE:2: ")
HOSTILE = [
    ("a JSON string", '"just text"', "not a JSON object but a string"),
    ("a JSON array", "[1, 2]", "not a JSON object but an array"),
    ("null", "null", "not a JSON object but null"),
    ("NaN", f'{{{T},"meta":{{"x":NaN}}}}', "NaN is not a JSON number"),
    ("Infinity", f'{{{T},"meta":{{"x":Infinity}}}}', "Infinity is not a JSON number"),
    ("-Infinity", f'{{{T},"meta":{{"x":[-Infinity]}}}}', "-Infinity is not a JSON number"),
    ("1e999", f'{{{T},"meta":{{"x":1e999}}}}', "the number 1e999 is beyond the range of a double"),
    ("-1e999 anywhere", f'{{{T},"other":-1e999}}', "the number -1e999 is beyond the range of a double"),
    ("a 5,000-digit integer", f'{{{T},"meta":{{"x":{"9" * 5000}}}}}', "an integer of more than 4300 digits"),
    ("nested 100,000 deep", "[" * 100_000, "JSON nested deeper than 100 levels"),
    ("objects nested 100,000 deep", '{"a":' * 100_000, "JSON nested deeper than 100 levels"),
    ("meta nested 100 deep", f'{{{T},"meta":{{"a":{"[" * 99}{"]" * 99}}}}}', '"meta" is nested deeper than 100'),
    ("a status that is a list", f'{{{T},"status":[]}}', "unknown status an array"),
    ("a status that is an object", f'{{{T},"status":{{}}}}', "unknown status an object"),
    ("a boolean offset", f'{{{T},"spans":[{{"start":true,"end":5,"label":"P"}}]}}', "span 1: start and end must be"),
    ("a float offset", f'{{{T},"spans":[{{"start":0,"end":5.0,"label":"P"}}]}}', "span 1: start and end must be"),
    ("an offset beyond 64 bits", f'{{{T},"spans":[{{"start":0,"end":{2**70},"label":"P"}}]}}',
     f"span 1: 0-{2**70} is outside the text"),
    ("a negative offset beyond 64 bits", f'{{{T},"spans":[{{"start":{-2**70},"end":5,"label":"P"}}]}}',
     f"span 1: {-2**70}-5 is outside the text"),
    ("an offset of 4,000 digits", f'{{{T},"spans":[{{"start":0,"end":{"9" * 4000},"label":"P"}}]}}',
     f"span 1: 0-{'9' * 60}… is outside the text"),
    ("an event offset beyond 64 bits", f'{{{T},"events":[{{"type":"A","trigger":{{"start":6,"end":{2**64}}}}}]}}',
     f"event 1, trigger: 6-{2**64} is not a stretch of the text"),
    ("a label that is a number", f'{{{T},"spans":[{{"start":0,"end":5,"label":5}}]}}', "span 1: label must be a non-empty"),
    ("an empty label", f'{{{T},"spans":[{{"start":0,"end":5,"label":""}}]}}', "span 1: label must be a non-empty"),
    ("a label nested 900 deep", f'{{{T},"spans":[{{"start":0,"end":5,"label":{DEEP}}}]}}',
     "span 1: label must be a non-empty string, not an array"),
    ("an event type nested 900 deep", f'{{{T},"events":[{{"type":{DEEP},"trigger":{{"start":6,"end":11}}}}]}}',
     "event 1: type must be a non-empty string, not an array"),
    ("an empty role", f'{{{T},"events":[{{"type":"A","trigger":{{"start":6,"end":11}},'
     '"arguments":[{"role":"","start":0,"end":5,"label":"P"}]}]}',
     "event 1, argument 1: role must be a non-empty string"),
    ("an empty document label", f'{{{T},"doc_labels":[""]}}', '"doc_labels" holds an empty label'),
    ("a document label that is a list", f'{{{T},"doc_labels":[[]]}}', '"doc_labels" is not a list of strings'),
    ("a trigger text nested 900 deep", f'{{{T},"events":[{{"type":"A","trigger":{{"start":6,"end":11,"text":{DEEP}}}}}]}}',
     "event 1, trigger: text an array is not the text"),
]


@pytest.mark.parametrize("what, line, reason", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_line_is_refused_and_the_database_is_unchanged(project, tmp_path, what, line, reason):
    path = tmp_path / "hostile.jsonl"
    path.write_text(f'{{"text": "A good line first."}}\n{line}\n', encoding="utf-8")
    before = dump(project)
    result = run("import", path, "--db", project)
    assert result.exit_code == 1
    assert f"{path}:2: {reason}" in result.output
    assert dump(project) == before


@pytest.mark.parametrize("what, line, reason", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_line_is_skipped_with_skip_bad_lines(project, tmp_path, what, line, reason):
    path = tmp_path / "hostile.jsonl"
    path.write_text(f'{{"text": "A good line first."}}\n{line}\n', encoding="utf-8")
    result = run("import", path, "--skip-bad-lines", "--db", project)
    assert result.exit_code == 0
    assert f"skipped {path}:2: {reason}" in result.output
    assert "imported 1 documents" in result.output


def test_a_message_never_repeats_a_huge_value(tmp_path):
    from desktop.formats import jsonl

    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": TEXT, "spans": [{"start": 0, "end": 5, "label": 7, "text": "x" * 10**6}],
                                "status": "y" * 10**6}) + "\n", encoding="utf-8")
    (bad,) = jsonl.read(path)
    assert len(str(bad)) < 300


# --- lone surrogates: stored as U+FFFD, as in the text ---------------------------------------

SURROGATE_LINE = (
    '{"text":"Putin\\ud800 spoke in Moscow.","title":"T\\ud800","id":"id\\udfff",'
    '"meta":{"k\\udc00":{"deep":["v\\ud800",{"\\udbff":"x"}]},"pair":"\\ud83d\\ude00","escaped":"\\\\ud800"},'
    '"spans":[{"start":0,"end":5,"label":"PER\\ud800","annotator":"a\\ud800","model":"m\\ud800"}],'
    '"events":[{"type":"Meet\\ud800","trigger":{"start":7,"end":12},'
    '"arguments":[{"role":"Who\\udc00","start":0,"end":5,"label":"PER\\ud800"}]}],'
    '"doc_labels":["L\\ud800"]}'
)


def test_lone_surrogates_anywhere_in_a_line_become_replacement_characters(tmp_path, db_path):
    path = tmp_path / "surrogates.jsonl"
    path.write_text(SURROGATE_LINE + "\n", encoding="utf-8")
    result = run("import", path, "--db", db_path)
    # The document label "L\ufffd" is none of the label set's: stored (as an undeclared span
    # label is) and said (exit 0: nothing read was lost).
    assert result.exit_code == 0 and "the label set lacks document label 'L\ufffd'" in result.output, result.output
    store = ops.open_project(db_path)
    try:
        (doc_id,) = store.documents.ids()
        doc = store.documents.get(doc_id)
        assert doc.text == "Putin\ufffd spoke in Moscow."
        assert (doc.title, doc.ext_id) == ("T\ufffd", "id\ufffd")
        assert doc.meta == {"k\ufffd": {"deep": ["v\ufffd", {"\ufffd": "x"}]}, "pair": "😀", "escaped": "\\ud800"}
        (span,) = [s for s in store.spans.for_doc(doc_id) if s.layer == "entity"]
        assert (span.label, span.annotator, span.model) == ("PER\ufffd", "a\ufffd", "m\ufffd")
        (event,) = store.events.for_doc(doc_id)
        assert (event.type, event.arguments[0].role) == ("Meet\ufffd", "Who\ufffd")
        assert store.doc_labels.for_doc(doc_id) == ["L\ufffd"]
    finally:
        store.close()
    out = tmp_path / "out.jsonl"
    assert run("export", "--format", "jsonl", "--all", "--out", out, "--db", db_path).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "T\ufffd"


def test_duplicate_keys_keep_the_last_as_pythons_reader_does(tmp_path, db_path):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"text": "first text", "text": "second text"}\n', encoding="utf-8")
    assert run("import", path, "--db", db_path).exit_code == 0
    store = ops.open_project(db_path)
    try:
        assert [store.documents.get(i).text for i in store.documents.ids()] == ["second text"]
    finally:
        store.close()


# --- writing: strict JSON --------------------------------------------------------------------


def test_export_writes_strict_json_with_nan_stored_by_an_older_version_as_null(tmp_path, db_path):
    path = tmp_path / "ok.jsonl"
    path.write_text('{"text": "Putin spoke in Moscow.", "meta": {"score": 0.5}}\n', encoding="utf-8")
    assert run("import", path, "--db", db_path).exit_code == 0
    # What an older version stored from a line holding NaN and Infinity.
    with sqlite3.connect(db_path) as conn:
        conn.execute("""UPDATE documents SET meta = '{"score": NaN, "more": [Infinity, -Infinity, 1.5]}'""")
    out = tmp_path / "out.jsonl"
    result = run("export", "--format", "jsonl", "--all", "--out", out, "--db", db_path)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    strict = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the export"))
    assert strict["meta"] == {"score": None, "more": [None, None, 1.5]}


def test_writer_counts_what_it_wrote_as_null():
    from desktop.core.model import Document, Record, Token
    from desktop.formats import jsonl

    record = Record(Document("Hi there", meta={"a": math.nan, "b": [math.inf, {"c": -math.inf}]}, ext_id="d1"),
                    tokens=[Token(0, 2, True), Token(3, 8, False)])
    warnings: list[str] = []
    out = io.StringIO()
    assert jsonl.write([record], out, warn=warnings.append) == 1
    assert json.loads(out.getvalue())["meta"] == {"a": None, "b": [None, {"c": None}]}
    assert warnings == ["document 'd1' (''): 3 NaN or infinite numbers in meta written as null"]
