"""Issue 8, item 10: one very large document imports in a small multiple of its size.

A 50 MB article took 2.7 GB (a `.txt`) and 2.8 GB (one JSONL line): spaCy's Doc over the
whole text, then a Python Token object per token. Tokens are now made piece by piece into
two compact arrays, and written into the database without extra copies.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from desktop import ops
from desktop.nlp import tokenize as tok
from desktop.nlp.tokenize import token_bounds, tokenize

from tests.helpers import ROOT

SEED = (ROOT / "seeds" / "kazakhstan-csto-withdrawal.txt").read_text(encoding="utf-8")
ODD = [
    "a  b", "x\n \ny", "\t", "\xa0", " \u3000 ", "(don't)", "U.S.-led", "e-mail: a@b.org", "9:59 a.m.",
    "Zoë 🎉 cafe\u0301s.", "  ", "\n\n", "end.", "\r\n", "\u2028", "'s", "$12bn", "—", "...",
]


def _hostile_text(seed: int) -> str:
    rnd = random.Random(seed)
    words = SEED.split(" ") + ODD
    return "".join(rnd.choice(words) + rnd.choice([" ", " ", "  ", "\n", "", " \n "]) for _ in range(4000))


def _whole(text: str) -> list[tuple[int, int]]:
    doc = tok._english_tokenizer()(text)
    return [(t.idx, t.idx + len(t)) for t in doc]


@pytest.mark.parametrize("seed", range(3))
def test_tokens_made_in_pieces_are_the_whole_texts_tokens(seed):
    text = _hostile_text(seed)
    expected = _whole(text)
    for piece in (1, 7, 50, 997, len(text)):
        starts, ends = token_bounds(text, piece)
        assert list(zip(starts, ends)) == expected, piece


def test_a_text_without_whitespace_is_kept_whole():
    text = "x" * 500 + "." + "y" * 500
    starts, ends = token_bounds(text, 100)
    assert list(zip(starts, ends)) == _whole(text)


def test_tokenize_gives_the_same_tokens_with_spacys_whitespace():
    text = _hostile_text(7)
    [tokens] = tokenize([text])
    doc = tok._english_tokenizer()(text)
    assert [(t.start, t.end, t.ws) for t in tokens] == [(t.idx, t.idx + len(t), bool(t.whitespace_)) for t in doc]


def test_a_vocabulary_of_distinct_words_is_renewed(monkeypatch):
    # Every word new: spaCy's vocabulary would keep each one for the life of the process.
    monkeypatch.setattr(tok, "FRESH_LEXEMES", 5_000)
    rnd = random.Random(1)
    text = " ".join("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8)) for _ in range(30_000))
    starts, _ = token_bounds(text, 10_000)
    assert len(starts) == 30_000
    assert len(tok._english_tokenizer().vocab) < 5_000 + 10_000


def test_many_tokens_round_trip_through_the_store(store, tmp_path):
    # Over a megabyte of offsets: written into the row piece by piece, not bound whole.
    text = "Almaty police. " * 100_000
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert ops.import_paths(store, [path]).ok
    doc_id = store.documents.ids()[0]
    stored = store.tokens.get(doc_id, text)
    assert len(stored) == 300_000
    assert stored == next(tokenize([text]))


def _peak_import(path: Path, db: Path) -> float:
    """Peak RSS in MB of one `spandesk import` process, measured as bench/memory_big.py does."""
    from bench.memory_big import peak_import

    return peak_import(path, db)[0]


@pytest.mark.slow
def test_a_5_mb_article_costs_a_small_multiple_of_its_size(tmp_path):
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("A title\nOne line.\n", encoding="utf-8")
    baseline = _peak_import(tiny, tmp_path / "tiny.db")
    paragraph = SEED.replace("\n\n", " ") + "\n\n"
    text = paragraph * (5 * 2**20 // len(paragraph) + 1)
    line = tmp_path / "big.jsonl"
    line.write_text(json.dumps({"id": "big", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    plain = tmp_path / "big.txt"
    plain.write_text(text, encoding="utf-8")
    for path in (line, plain):
        size = path.stat().st_size / 2**20
        growth = (_peak_import(path, tmp_path / f"{path.suffix}.db") - baseline) / size
        # Measured 4-5x after the fix (the text, SQLite's copies, the FTS index, the token
        # arrays); 50x before it.
        assert growth < 12, f"{path.name}: peak grew by {growth:.1f} times the file's size"


def test_a_status_change_and_its_undo_do_not_read_a_large_text(store, tmp_path):
    import tracemalloc

    from desktop.core.model import Status

    path = tmp_path / "big.txt"
    path.write_text("Almaty police. " * 400_000, encoding="utf-8")  # 6 MB
    assert ops.import_paths(store, [path]).ok
    doc_id = store.documents.ids()[0]
    ops.undo(store)  # nothing to undo: loads the modules, whose import would be counted
    store.db  # and sqlite-utils
    for act in (lambda: ops.set_status(store, doc_id, Status.SKIPPED), lambda: ops.undo(store)):
        tracemalloc.start()
        act()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 1 << 20
    assert store.documents.get_status(doc_id) == Status.TODO
