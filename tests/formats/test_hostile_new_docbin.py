"""A .spacy file that is a DocBin on the outside but damaged inside (its string table gone),
or holds a Doc without text, is refused with FILE:N: reason, never an internal error."""

from __future__ import annotations

import zlib

import pytest

from desktop.core.model import BadInput, Record
from desktop.formats import spacy as spacy_format
from tests.helpers import dump, run

spacy = pytest.importorskip("spacy")


def _docbin(path, texts, tamper=None):
    import srsly
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docbin = DocBin()
    for text in texts:
        docbin.add(nlp(text))
    data = docbin.to_bytes()
    if tamper:
        message = srsly.msgpack_loads(zlib.decompress(data))
        tamper(message)
        data = zlib.compress(srsly.msgpack_dumps(message))
    path.write_bytes(data)
    return path


def test_a_docbin_without_its_strings_is_refused_at_its_first_doc(tmp_path):
    path = _docbin(tmp_path / "x.spacy", ["Ana went home.", "Ben stayed."], lambda m: m.update(strings=[]))
    [bad] = list(spacy_format.read(path))
    assert isinstance(bad, BadInput) and bad.line == 1 and "cannot be read from the DocBin" in bad.reason


def test_a_doc_without_text_is_refused_and_the_others_are_read(tmp_path):
    path = _docbin(tmp_path / "x.spacy", ["Ana went home.", "", "Ben stayed."])
    items = list(spacy_format.read(path))
    assert [type(i) for i in items] == [Record, BadInput, Record]
    assert items[1].line == 2 and "empty document" in items[1].reason


def test_import_says_so_and_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    db = tmp_path / "p.db"
    assert run("stats", "--db", db).exit_code == 0
    before = dump(db)
    for path in (_docbin(tmp_path / "a.spacy", ["Ana went home."], lambda m: m.update(strings=[])),
                 _docbin(tmp_path / "b.spacy", ["Ana went home.", ""])):
        result = run("import", "--db", db, path)
        assert result.exit_code == 1 and "internal error" not in result.output, result.output
        assert f"{path}:" in result.output
    assert dump(db) == before
