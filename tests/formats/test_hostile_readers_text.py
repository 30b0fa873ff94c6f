"""Hostile plain-text and JSONL files as a whole (encodings, empty files) through `spandesk import`."""

from __future__ import annotations

import codecs
import json

import pytest

from desktop import ops

from tests.helpers import dump, run


def stored(db_path) -> list[tuple[str, str]]:
    store = ops.open_project(db_path)
    try:
        return [(d.title, d.text) for d in map(store.documents.get, store.documents.ids())]
    finally:
        store.close()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_txt_without_bom_is_read_as_utf16_not_as_nul_pictures(tmp_path, db_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes("Title of the article\r\nIt says “hello”.\n".encode(encoding))
    result = run("import", path, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert stored(db_path) == [("Title of the article", "Title of the article\nIt says “hello”.\n")]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_jsonl_without_bom_is_read_as_utf16(tmp_path, db_path, encoding):
    path = tmp_path / "tasks.jsonl"
    lines = [json.dumps({"text": "Putin spoke in Moscow.", "title": "One"}),
             json.dumps({"text": "Second text.", "title": "Two"})]
    path.write_bytes("\n".join(lines).encode(encoding))
    result = run("import", path, "--db", db_path)
    assert result.exit_code == 0, result.output
    assert [title for title, _ in stored(db_path)] == ["One", "Two"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty document"),
        ("bom.txt", codecs.BOM_UTF8, "empty document"),
        ("bom16.txt", codecs.BOM_UTF16_LE, "empty document"),
        ("blank.md", b" \r\n\t\n", "empty document"),
        ("latin1.txt", "Köln".encode("latin-1"), "not valid UTF-8"),
        ("odd-utf16.txt", "Köln".encode("utf-16-le") + b"x", "not valid UTF-16-LE (no byte-order mark) at byte 8"),
    ],
)
def test_unreadable_or_empty_text_file_is_refused_and_nothing_changes(tmp_path, db_path, name, data, reason):
    seed = tmp_path / "seed.txt"
    seed.write_text("Already here.\n", encoding="utf-8")
    assert run("import", seed, "--db", db_path).exit_code == 0
    before = dump(db_path)
    path = tmp_path / name
    path.write_bytes(data)
    result = run("import", path, "--db", db_path)
    assert result.exit_code == 1
    assert f"{path}: {reason}" in result.output
    assert dump(db_path) == before


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, b"\n\n  \n", codecs.BOM_UTF16_BE])
def test_a_jsonl_file_without_tasks_imports_nothing_and_says_so(tmp_path, db_path, data):
    path = tmp_path / "nothing.jsonl"
    path.write_bytes(data)
    result = run("import", path, "--db", db_path)
    assert result.exit_code == 0
    assert "imported 0 documents with 0 spans from 1 files" in result.output


def test_an_overlong_line_with_bad_json_at_its_end_names_the_column(tmp_path, db_path):
    path = tmp_path / "long.jsonl"
    text = "word " * 400_000
    path.write_text(f'{{"text": "{text}", "title": oops}}\n', encoding="utf-8")
    result = run("import", path, "--db", db_path)
    assert result.exit_code == 1
    assert f"{path}:1: invalid JSON: Expecting value at column {len(text) + 23}" in result.output


def test_a_file_name_that_is_not_utf8_gives_a_storable_id_and_source(tmp_path):
    import os
    from pathlib import Path

    from desktop.formats import text

    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: Python hands them over as surrogates
    path = Path(tmp_path, name)
    try:
        path.write_text("An article.\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (record,) = text.read(path)
    assert (record.doc.ext_id, record.doc.meta) == ("caf\ufffd", {"source": "caf\ufffd.txt"})
    record.doc.ext_id.encode("utf-8")
