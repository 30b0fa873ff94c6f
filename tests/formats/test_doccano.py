"""doccano JSONL on doccano's own example files: every span, relation and category read,
and written back the same."""

from __future__ import annotations

import io

import pytest

from desktop.core.model import BadInput, Document, Record, Span
from desktop.formats import doccano
from tests.formats.helpers_interchange import THIRDPARTY, annotations, records

EXPORT = THIRDPARTY / "doccano/backend/data_export/pipeline/examples"
IMPORT = THIRDPARTY / "doccano/backend/data_import/pipeline/examples"
COLUMNS = {"text_key": "column_data", "label_key": "column_label"}


def round_trip(recs, tmp_path, **kw):
    path = tmp_path / "out.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        assert doccano.write(recs, out, **kw) == len(recs)
    return records(doccano.read(path))


def test_relation_example_has_4_entities_and_3_relations_and_all_come_back(tmp_path):
    # The export example is one object pretty-printed over 44 lines.
    (rec,) = records(doccano.read(EXPORT / "relation_extraction/example.jsonl"))
    assert rec.line == 1
    assert [(s.text, s.label) for s in sorted(rec.spans, key=lambda s: s.start)] == [
        ("Google", "ORG"), ("September 4, 1998", "DATE"), ("Larry Page", "PERSON"), ("Sergey Brin", "PERSON")]
    assert sorted((r.label, r.head.text, r.child.text) for r in rec.relations) == [
        ("foundedAt", "Google", "September 4, 1998"), ("foundedBy", "Google", "Larry Page"),
        ("foundedBy", "Google", "Sergey Brin")]
    (back,) = round_trip([rec], tmp_path)
    assert annotations(back) == annotations(rec)
    (same,) = records(doccano.read(IMPORT / "relation_extraction/example.jsonl"))
    assert annotations(same) == annotations(rec)


def test_sequence_labelling_example_has_4_spans_in_3_lines(tmp_path):
    recs = records(doccano.read(EXPORT / "sequence_labeling/example.jsonl"))
    assert [[(s.text, s.label) for s in r.spans] for r in recs] == [
        [("EU", "ORG"), ("German", "MISC")], [("Peter Blackburn", "PERSON")], [("Obama", "PERSON")]]
    for form in ("label", "entities"):
        back = round_trip(recs, tmp_path, form=form)
        assert [annotations(r) for r in back] == [annotations(r) for r in recs]


def test_import_examples_with_renamed_columns():
    recs = records(doccano.read(IMPORT / "sequence_labeling/example.jsonl", **COLUMNS))
    assert sum(len(r.spans) for r in recs) == 3
    cats = records(doccano.read(IMPORT / "text_classification/example.jsonl", **COLUMNS))
    assert [r.doc_labels for r in cats] == [["negative"], ["positive"], ["positive"]]


def test_text_classification_labels_are_document_labels_both_ways(tmp_path):
    recs = records(doccano.read(EXPORT / "text_classification/example.jsonl"))
    assert [r.doc_labels for r in recs] == [["negative"], ["positive"], ["positive"]]
    assert not any(r.spans for r in recs)
    for form in ("label", "entities"):
        assert [r.doc_labels for r in round_trip(recs, tmp_path, form=form)] == [r.doc_labels for r in recs]


def test_other_keys_are_kept_and_comments_become_notes(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 7, "text": "Ana met Bo.", "label": [[0, 3, "PER"]], "Comments": ["check Bo"], '
                    '"source": "wire"}\n', encoding="utf-8")
    (rec,) = records(doccano.read(path))
    assert rec.doc.ext_id == "7" and rec.doc.meta == {"source": "wire"}
    assert [n.text for n in rec.notes] == ["check Bo"]
    (back,) = round_trip([rec], tmp_path)
    assert annotations(back) == annotations(rec) and back.doc.meta == {"source": "wire"}


@pytest.mark.parametrize("line, reason", [
    ('{"text": "abc", "label": [[0, 9, "X"]]}', "is not a stretch of the text"),
    ('{"text": "abc", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "X"}], '
     '"relations": [{"from_id": 1, "to_id": 2, "type": "r"}]}', "is not the id of an entity"),
    ('{"label": []}', '"text" is missing'),
    ('[1, 2]', "not a JSON object"),
    ('{"text": "abc", "label": [[0, 1]]}', "expected [start, end, label]"),
])
def test_a_malformed_line_is_refused_with_file_and_line(tmp_path, line, reason):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "fine", "label": []}\n' + line + '\n{"text": "also fine"}\n', encoding="utf-8")
    items = list(doccano.read(path))
    assert [type(x).__name__ for x in items] == ["Record", "BadInput", "Record"]
    assert isinstance(items[1], BadInput) and items[1].line == 2 and reason in items[1].reason
    assert str(items[1]).startswith(f"{path}:2: ")


def test_label_form_cannot_hold_relations():
    from desktop.core.annotations import Relation

    a, b = Span(0, 3, "PER", "Ana"), Span(8, 10, "PER", "Bo")
    rec = Record(Document("Ana met Bo."), spans=[a, b], relations=[Relation("knows", a, b)])
    with pytest.raises(ValueError, match="no relations"):
        doccano.write([rec], io.StringIO(), form="label")


def test_a_span_listed_twice_is_stored_once_and_reported(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "Ana met Bo.", "label": [[0, 3, "PER"], [0, 3, "PER"], [8, 10, "PER"]]}\n', encoding="utf-8")
    (rec,) = records(doccano.read(path))
    assert len(rec.spans) == 2 and [(d.kind, d.reason, d.line) for d in rec.dropped] == [
        ("span", "label 2: the same span is listed twice", 1)]
