"""Each document's tokens, stored once so the GUI snaps selections without spaCy."""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from desktop.core.model import Token

if TYPE_CHECKING:
    from desktop.store.db import Store


def _pack(values: list[int]) -> bytes:
    return array("I", values).tobytes()


def _unpack(blob: bytes) -> array:
    values = array("I")
    values.frombytes(blob)
    return values


class Tokens:
    def __init__(self, store: "Store"):
        self.store = store

    def put(self, doc_id: int, tokens: list[Token], tokenizer: str) -> None:
        self.store.conn.execute(
            "INSERT OR REPLACE INTO tokens (doc_id, tokenizer, starts, ends) VALUES (?, ?, ?, ?)",
            (doc_id, tokenizer, _pack([t.start for t in tokens]), _pack([t.end for t in tokens])),
        )

    def get(self, doc_id: int, text: str) -> list[Token] | None:
        """The tokens, with spaCy's `whitespace_` rule (one following space) rebuilt from the text."""
        r = self.store.conn.execute("SELECT starts, ends FROM tokens WHERE doc_id = ?", (doc_id,)).fetchone()
        if r is None:
            return None
        starts, ends = _unpack(r[0]), _unpack(r[1])
        return [Token(s, e, text[e:e + 1] == " ") for s, e in zip(starts, ends)]

    def missing(self) -> list[int]:
        rows = self.store.conn.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM tokens) ORDER BY id"
        )
        return [r[0] for r in rows]
