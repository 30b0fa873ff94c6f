"""CoNLL / IOB / IOB2 / BILUO token-per-line files: doccano's real test files, -DOCSTART-
documents, scheme detection, and write → read giving the same spans."""

from __future__ import annotations

import io

import pytest

from desktop.core.model import BadInput, Document, Record, Span, Status, Token
from desktop.formats import conll
from tests.formats.helpers_interchange import THIRDPARTY, annotations, records

DOCCANO = THIRDPARTY / "doccano/backend/data_import"

CONLL2003 = """-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
"""


def read_text(tmp_path, content: str, **kw):
    path = tmp_path / "in.conll"
    path.write_text(content, encoding="utf-8")
    return list(conll.read(path, **kw))


def round_trip(recs, tmp_path, scheme):
    out = io.StringIO()
    assert conll.write(recs, out, scheme=scheme) == len(recs)
    return records(read_text(tmp_path, out.getvalue()))


def test_doccano_example_has_2_sentences_and_2_entities(tmp_path):
    (rec,) = records(conll.read(DOCCANO / "tests/data/sequence_labeling/example.conll"))
    assert rec.doc.text == "JAPAN GET\nNadim Ladki"
    assert [(s.text, s.label) for s in rec.spans] == [("JAPAN", "LOC"), ("Nadim Ladki", "PER")]
    assert [rec.doc.text[t.start:t.end] for t in rec.tokens] == ["JAPAN", "GET", "Nadim", "Ladki"]
    for scheme in conll.SCHEMES:
        (back,) = round_trip([rec], tmp_path, scheme)
        assert annotations(back) == annotations(rec), scheme


def test_doccano_space_separated_example_and_trailing_blank_lines(tmp_path):
    (rec,) = records(conll.read(DOCCANO / "pipeline/examples/sequence_labeling/example.txt"))
    assert [(s.text, s.label) for s in rec.spans][:3] == [("EU", "ORG"), ("German", "MISC"), ("British", "MISC")]
    (trailing,) = records(conll.read(DOCCANO / "tests/data/sequence_labeling/labeling.trailing.conll"))
    assert [(s.text, s.label) for s in trailing.spans] == [("JAPAN", "LOC"), ("CHINA", "PER")]
    for scheme in conll.SCHEMES:
        back = round_trip([rec, trailing], tmp_path, scheme)
        assert [annotations(r) for r in back] == [annotations(rec), annotations(trailing)], scheme


def test_doccano_invalid_file_is_refused_at_its_line():
    (bad,) = list(conll.read(DOCCANO / "tests/data/sequence_labeling/labeling.invalid.conll"))
    assert isinstance(bad, BadInput) and bad.line == 1 and "SOCCERO" in bad.reason


def test_docstart_splits_documents_and_middle_columns_are_reported(tmp_path):
    recs = records(read_text(tmp_path, CONLL2003))
    assert [r.doc.text for r in recs] == ["EU rejects German call .\nPeter Blackburn", "BRUSSELS 1996-08-22"]
    assert [[(s.text, s.label) for s in r.spans] for r in recs] == [
        [("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER")], [("BRUSSELS", "LOC")]]
    assert [r.line for r in recs] == [1, 12]  # the -DOCSTART- lines
    assert [len(r.dropped) for r in recs] == [1, 1] and recs[0].dropped[0].kind == "token_columns"
    assert [r.doc.meta["scheme"] for r in recs] == ["IOB2", "IOB2"]


@pytest.mark.parametrize("tags, scheme", [
    (["I-PER", "I-PER", "O", "I-LOC"], "IOB1"),
    (["B-PER", "I-PER", "O", "B-LOC"], "IOB2"),
    (["B-PER", "L-PER", "O", "U-LOC"], "BILUO"),
    (["B-PER", "E-PER", "O", "S-LOC"], "IOBES"),
])
def test_each_scheme_is_detected_and_decoded_to_the_same_spans(tmp_path, tags, scheme):
    words = ["Ana", "Lopez", "in", "Rome"]
    (rec,) = records(read_text(tmp_path, "".join(f"{w} {t}\n" for w, t in zip(words, tags))))
    assert rec.doc.meta["scheme"] == scheme
    assert [(s.text, s.label) for s in rec.spans] == [("Ana Lopez", "PER"), ("Rome", "LOC")]


def test_adjacent_entities_of_one_label_stay_two(tmp_path):
    (rec,) = records(read_text(tmp_path, "Ana I-PER\nBo B-PER\nCy B-PER\nDe I-PER\n"))
    assert [s.text for s in rec.spans] == ["Ana", "Bo", "Cy De"]
    for scheme in conll.SCHEMES:
        (back,) = round_trip([rec], tmp_path, scheme)
        assert [s.text for s in back.spans] == ["Ana", "Bo", "Cy De"], scheme


def test_a_bad_document_is_refused_and_the_next_one_read(tmp_path):
    items = read_text(tmp_path, "-DOCSTART- O\n\nAna B-PER\nBo\n\n-DOCSTART- O\n\nCy X-PER\n\n-DOCSTART- O\n\nDe B-PER\n")
    assert [type(x).__name__ for x in items] == ["BadInput", "BadInput", "Record"]
    assert (items[0].line, items[1].line) == (4, 8)
    assert "a token and a tag" in items[0].reason and "'X-PER'" in items[1].reason
    assert items[2].doc.meta["document"] == 1 and items[2].spans[0].text == "De"


def test_sentences_per_doc_groups_a_file_without_docstart(tmp_path):
    recs = records(read_text(tmp_path, "A O\n\nB O\n\nC B-X\n", sentences_per_doc=2))
    assert [r.doc.text for r in recs] == ["A\nB", "C"]
    items = read_text(tmp_path, "A O\n\nB\n\nC B-X\n\nD O\n", sentences_per_doc=1)
    assert [type(x).__name__ for x in items] == ["Record", "BadInput", "Record", "Record"]
    assert items[1].line == 3 and [x.doc.text for x in (items[0], items[2], items[3])] == ["A", "C", "D"]


def test_a_span_inside_a_token_is_written_as_its_own_token(tmp_path):
    text = "The YfeABCD operon\nNew York"
    tokens = [Token(0, 3, True), Token(4, 11, True), Token(12, 18, False), Token(19, 22, True), Token(23, 27, False)]
    rec = Record(Document(text, status=Status.DONE), spans=[Span(4, 8, "GENE", "YfeA"), Span(19, 27, "LOC", "New York")],
                 tokens=tokens)
    out = io.StringIO()
    conll.write([rec], out)
    assert out.getvalue() == ("-DOCSTART-\tO\n\nThe\tO\nYfeA\tB-GENE\nBCD\tO\noperon\tO\n\n"
                              "New\tB-LOC\nYork\tI-LOC\n\n")
    (back,) = records(read_text(tmp_path, out.getvalue()))
    assert [(s.text, s.label) for s in back.spans] == [("YfeA", "GENE"), ("New York", "LOC")]


def test_suggestions_are_written_only_when_asked_and_rejections_never():
    text = "Ana met Bo and Cy"
    tokens = [Token(0, 3, True), Token(4, 7, True), Token(8, 10, True), Token(11, 14, True), Token(15, 17, False)]
    rec = Record(Document(text, status=Status.DONE), tokens=tokens, spans=[
        Span(0, 3, "PER", "Ana"), Span(8, 10, "PER", "Bo", state="suggested"), Span(15, 17, "PER", "Cy", state="rejected")])
    plain, silver = io.StringIO(), io.StringIO()
    conll.write([rec], plain)
    conll.write([rec], silver, suggestions=True)
    assert "Bo\tO" in plain.getvalue() and "Bo\tB-PER" in silver.getvalue()
    assert "Cy\tO" in plain.getvalue() and "Cy\tO" in silver.getvalue()


def test_a_span_across_a_sentence_break_cannot_be_written():
    text = "operon\nNew"
    rec = Record(Document(text), spans=[Span(0, 10, "X", text)], tokens=[Token(0, 6, False), Token(7, 10, False)])
    with pytest.raises(ValueError, match="crosses a sentence break"):
        conll.write([rec], io.StringIO())


def test_outside_accepted_spans_a_document_not_done_is_missing_and_reads_back_to_do(tmp_path):
    text = "Ana met Bo"
    tokens = [Token(0, 3, True), Token(4, 7, True), Token(8, 10, False)]
    rec = Record(Document(text), tokens=tokens, spans=[Span(0, 3, "PER", "Ana"), Span(8, 10, "PER", "Bo", state="suggested")])
    out = io.StringIO()
    conll.write([rec], out)
    assert out.getvalue() == "-DOCSTART-\tO\n\nAna\tB-PER\nmet\t-\nBo\t-\n\n"
    (back,) = records(read_text(tmp_path, out.getvalue()))
    assert back.doc.status == Status.TODO and [s.text for s in back.spans] == ["Ana"]
    (whole,) = records(read_text(tmp_path, "Ana\tB-PER\nmet\tO\n"))
    assert whole.doc.status == Status.DONE
