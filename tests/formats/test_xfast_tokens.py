"""Tokens as offset lists (core.token_list): a TokenList reads as the list of Tokens it stands
for, and the CoNLL and DyGIE++ readers that hand one out give the same tokens as before."""

from __future__ import annotations

import json

import pytest

from desktop import ops
from desktop.core.model import Token
from desktop.core.token_list import TokenList, bounds
from desktop.formats import conll, dygiepp
from tests.formats.helpers_interchange import records

TOKENS = [Token(0, 3, True), Token(4, 9, False), Token(10, 11, False)]


def test_a_token_list_is_the_list_of_its_tokens():
    tokens = TokenList([0, 4, 10], [3, 9, 11], [True, False, False])
    assert tokens == TOKENS and TOKENS == tokens and list(tokens) == TOKENS
    assert len(tokens) == 3 and tokens[1] == Token(4, 9, False) and tokens[-1] == TOKENS[-1]
    assert tokens[1:] == TOKENS[1:] and isinstance(tokens[1:], TokenList)
    assert tokens != TOKENS[:2] and tokens != [*TOKENS[:2], Token(10, 11, True)]
    assert tokens != "not tokens" and bool(TokenList([], [], [])) is False
    assert bounds(tokens) == ([0, 4, 10], [3, 9, 11]) and bounds(TOKENS) == ([0, 4, 10], [3, 9, 11])
    with pytest.raises(ValueError):
        TokenList([0], [3, 9], [True])
    with pytest.raises(TypeError):
        hash(tokens)


def test_conll_tokens_are_each_word_with_its_space_or_line_end(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text("-DOCSTART- O\n\nKazakh B-ORG\npolice I-ORG\nmet O\n\nThey O\nleft O\n", encoding="utf-8")
    (rec,) = records(conll.read(path))
    assert rec.doc.text == "Kazakh police met\nThey left"
    assert rec.tokens == [Token(0, 6, True), Token(7, 13, True), Token(14, 17, False),
                          Token(18, 22, True), Token(23, 27, False)]


def test_dygiepp_tokens_are_each_word_with_its_space_or_line_end(tmp_path):
    path = tmp_path / "a.jsonl"
    obj = {"doc_key": "a", "sentences": [["Kazakh", "police", "met"], [], ["They", "left"]],
           "ner": [[[0, 1, "ORG"]], [], [[3, 3, "PER"]]]}
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    (rec,) = records(dygiepp.read(path))
    assert rec.doc.text == "Kazakh police met\nThey left"
    assert rec.tokens == [Token(0, 6, True), Token(7, 13, True), Token(14, 17, False),
                          Token(18, 22, True), Token(23, 27, False)]
    assert [(s.text, s.label) for s in rec.spans] == [("Kazakh police", "ORG"), ("They", "PER")]


def test_an_imported_token_list_is_stored_as_its_offsets(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text("-DOCSTART- O\n\nKazakh B-ORG\npolice I-ORG\nmet O\n\nThey O\nleft O\n", encoding="utf-8")
    with ops.open_project(tmp_path / "p.db") as store:
        report = ops.import_paths(store, [path], fmt="conll")
        assert report.imported == 1
        (doc_id,) = store.documents.ids()
        text = store.documents.text(doc_id)
        assert text == "Kazakh police met\nThey left"
        assert store.tokens.get(doc_id, text) == [Token(0, 6, True), Token(7, 13, True), Token(14, 17, False),
                                                  Token(18, 22, True), Token(23, 27, False)]
