"""Plain-text import: one file, one document; encodings by byte-order mark, bad files as BadInput."""

from desktop.core.model import BadInput, Record, Status
from desktop.core.text import content_hash
from desktop.formats import conll, exporters, jsonl, reader_for, spacy, text


def test_utf8_file_is_one_document(tmp_path):
    path = tmp_path / "csto-withdrawal.txt"
    path.write_bytes("\n\n  Kazakhstan: CSTO leaves  \n\nTroops withdraw.\n".encode())
    (record,) = text.read(path)
    assert isinstance(record, Record)
    assert record.doc.text == "\n\n  Kazakhstan: CSTO leaves  \n\nTroops withdraw.\n"
    assert record.doc.title == "Kazakhstan: CSTO leaves"
    assert record.doc.ext_id == "csto-withdrawal"
    assert record.doc.meta == {"source": "csto-withdrawal.txt"}
    assert record.doc.status == Status.TODO
    assert record.doc.content_hash == content_hash(record.doc.text)
    assert record.spans == [] and record.tokens is None


def test_utf16_file_with_bom_and_crlf_is_decoded_and_cleaned(tmp_path):
    path = tmp_path / "almaty.txt"
    path.write_bytes("Almaty 🇰🇿 café\r\nSecond line\rthird\x07".encode("utf-16"))  # "utf-16" writes a BOM
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    (record,) = text.read(path)
    assert record.doc.text == "Almaty 🇰🇿 café\nSecond line\nthird\u2407"
    assert record.doc.title == "Almaty 🇰🇿 café"


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf# Heading\n")
    (record,) = text.read(path)
    assert record.doc.text == "# Heading\n"


def test_empty_and_blank_files_yield_empty_document(tmp_path):
    for name, data in [("empty.txt", b""), ("blank.txt", b" \r\n\t\n"), ("bom-only.txt", b"\xef\xbb\xbf")]:
        path = tmp_path / name
        path.write_bytes(data)
        (bad,) = text.read(path)
        assert isinstance(bad, BadInput)
        assert (bad.reason, bad.file, bad.line) == ("empty document", str(path), None)
        assert str(bad) == f"{path}: empty document"


def test_undecodable_file_yields_bad_input_with_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Zürich".encode("latin-1"))
    results = list(text.read(path))  # must not raise
    assert len(results) == 1 and isinstance(results[0], BadInput)
    assert results[0].file == str(path)
    assert "byte 1" in results[0].reason


def test_reader_for_picks_by_suffix():
    assert reader_for("a/b.txt") is text.read
    assert reader_for("b.MD") is text.read
    assert reader_for("corpus.spacy") is spacy.read
    assert reader_for("corpus.jsonl", "jsonl") is jsonl.read
    assert reader_for("notes.csv") is None
    assert reader_for("notes.tsv") is None and reader_for("notes.tsv", "conll") is conll.read
    assert reader_for("README") is None
    assert list(exporters()) == ["jsonl", "spacy", "brat", "conll", "doccano", "dygiepp", "labelstudio"]
