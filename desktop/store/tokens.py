"""Each document's tokens, stored once so the GUI snaps selections without spaCy."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable

from desktop.core.model import Token
from desktop.core.token_list import TokenList


# Above this many bytes a token blob is written into place piece by piece: a bound value is
# copied by SQLite, copied again into the row, and kept by the cached statement until its
# next use, three copies of a large text's millions of offsets (issue 8).
_DIRECT = 1 << 20
_PIECE = 1 << 20


def _packed(values: Iterable[int]) -> array:
    return values if isinstance(values, array) and values.typecode == "I" else array("I", values)


def _unpack(blob: bytes) -> array:
    values = array("I")
    values.frombytes(blob)
    return values


class Tokens:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def put(self, doc_id: int, tokens: list[Token], tokenizer: str) -> None:
        self.put_bounds(doc_id, (t.start for t in tokens), (t.end for t in tokens), tokenizer)

    def put_bounds(self, doc_id: int, starts: Iterable[int], ends: Iterable[int], tokenizer: str) -> None:
        """Store tokens given as their start and end offsets (arrays from `token_bounds`)."""
        starts, ends = _packed(starts), _packed(ends)
        conn = self.conn
        sql = "INSERT OR REPLACE INTO tokens (doc_id, tokenizer, starts, ends) VALUES (?, ?, ?, ?)"
        if len(starts) * starts.itemsize <= _DIRECT:
            conn.execute(sql, (doc_id, tokenizer, starts.tobytes(), ends.tobytes()))
            return
        conn.execute(sql.replace("?, ?)", "zeroblob(?), zeroblob(?))"),
                     (doc_id, tokenizer, len(starts) * starts.itemsize, len(ends) * ends.itemsize))
        for column, values in (("starts", starts), ("ends", ends)):
            with conn.blobopen("tokens", column, doc_id) as blob:
                data = memoryview(values).cast("B")
                for at in range(0, len(data), _PIECE):
                    blob.write(data[at:at + _PIECE])

    def get(self, doc_id: int, text: str) -> TokenList | None:
        """The tokens, with spaCy's `whitespace_` rule (one following space) rebuilt from the
        text: a TokenList, a sequence of Tokens equal to the list of them, whose offset lists
        an export (CoNLL, DyGIE++, DocBin) takes as they are, with no Token made per word."""
        r = self.conn.execute("SELECT starts, ends FROM tokens WHERE doc_id = ?", (doc_id,)).fetchone()
        if r is None:
            return None
        starts, ends = _unpack(r[0]).tolist(), _unpack(r[1]).tolist()
        spaces = [text[e:e + 1] == " " for e in ends]
        return TokenList(starts, ends, spaces)
