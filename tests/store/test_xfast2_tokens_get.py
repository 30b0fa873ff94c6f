"""store.tokens.get gives a TokenList: the same Tokens as the list it gave before (spaCy's
one-following-space rule rebuilt from the text), and offset lists an export takes whole."""

from __future__ import annotations

from desktop import ops
from desktop.core.model import Document, Token
from desktop.core.token_list import TokenList, bounds
from desktop.formats.conll import whole_pieces
from desktop.ops.reading import open_document


def _stored(tmp_path, text: str, tokens: list[Token]):
    store = ops.open_project(tmp_path / "p.db")
    doc_id, _ = store.documents.add(Document(text, title="t"))
    store.tokens.put(doc_id, tokens, "test")
    return store, doc_id


def test_get_is_the_token_list_it_was(tmp_path):
    # Trailing space, double space, a newline, a tab, an astral character, the text's end.
    text = "Tokayev  met 👍🏽 in\tAlmaty\nyesterday ."
    words = ["Tokayev", "met", "👍", "🏽", "in", "Almaty", "yesterday", "."]
    at, tokens = 0, []
    for w in words:
        start = text.index(w, at)
        at = start + len(w)
        tokens.append(Token(start, at, False))
    store, doc_id = _stored(tmp_path, text, tokens)
    with store:
        got = store.tokens.get(doc_id, text)
        assert isinstance(got, TokenList)
        before = [Token(t.start, t.end, text[t.end:t.end + 1] == " ") for t in tokens]
        assert got == before and list(got) == before and len(got) == len(before)
        assert [t.ws for t in got] == [True, True, False, True, False, False, True, False]
        assert got[1] == before[1] and got[-1] == before[-1] and got[2:4] == before[2:4]
        assert [text[t.start:t.end] for t in got] == words
        starts, ends = bounds(got)
        assert type(starts) is list and starts == [t.start for t in before] and ends == [t.end for t in before]
        assert whole_pieces(text, got, set()) == whole_pieces(text, before, set())
        assert store.tokens.get(doc_id + 1, text) is None


def test_the_window_and_export_read_them_through_open_document(tmp_path):
    text = "Police met Tokayev ."
    store, doc_id = _stored(tmp_path, text, [Token(0, 6, True), Token(7, 10, True), Token(11, 18, True),
                                             Token(19, 20, False)])
    with store:
        view = open_document(store, doc_id)
        assert view.tokens[2] == Token(11, 18, True) and view.tokens[-1] == Token(19, 20, False)
        assert [t.end for t in view.tokens] == [6, 10, 18, 20]
