"""Documents: text, title, meta and review status."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from desktop.core.model import DocId, Document, Status
from desktop.store.rows import Rows, missing

if TYPE_CHECKING:
    from desktop.store.db import Store

COLUMNS = "id, ext_id, content_hash, title, text, meta, status"
# Documents an unfinished import has stored (store/batches.py) are no one else's to see.
PUBLISHED = "id NOT IN (SELECT doc_id FROM staged)"


def _document(r: sqlite3.Row | tuple) -> Document:
    doc_id, ext_id, content_hash, title, text, meta, status = r
    return Document(
        text=text, title=title, ext_id=ext_id, meta=json.loads(meta), status=status,
        content_hash=content_hash, id=DocId(doc_id),
    )


class Documents:
    def __init__(self, conn: sqlite3.Connection, rows: Rows, clock: Callable[[], str]):
        self.conn, self.rows, self.clock = conn, rows, clock

    def add(self, doc: Document, source: str | None = None, *, staged_by: int | None = None) -> tuple[DocId, bool]:
        """Store a document unless its text is already stored; returns (id, created).

        With `staged_by` (a writer's id) the document stays invisible until `publish`.
        A text another import has staged but not yet published counts as stored.
        """
        conn = self.conn
        existing = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (doc.content_hash,)).fetchone()
        if existing:
            return DocId(existing[0]), False
        now = self.clock()
        cursor = conn.execute(
            "INSERT INTO documents (ext_id, content_hash, title, text, meta, status, source, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.ext_id, doc.content_hash, doc.title, doc.text,
             json.dumps(doc.meta, ensure_ascii=False), str(doc.status), source, now, now),
        )
        if staged_by is not None:
            conn.execute("INSERT INTO staged (doc_id, writer, status) VALUES (?, ?, ?)",
                         (cursor.lastrowid, staged_by, str(doc.status)))
        return DocId(cursor.lastrowid), True

    def publish(self, writer_id: int) -> int:
        """Make every document the writer staged visible (inside the caller's transaction)."""
        return self.conn.execute("DELETE FROM staged WHERE writer = ?", (writer_id,)).rowcount

    def get(self, doc_id: int) -> Document:
        r = self.conn.execute(f"SELECT {COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if r is None:
            raise missing("documents", doc_id)
        return _document(r)

    def text(self, doc_id: int) -> str:
        r = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if r is None:
            raise missing("documents", doc_id)
        return r[0]

    def get_status(self, doc_id: int) -> str:
        r = self.conn.execute("SELECT status FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if r is None:
            raise missing("documents", doc_id)
        return r[0]

    def find(self, ref: str) -> DocId | None:
        """A document by the id `export` writes: its own id, `doc-N`, or the row number."""
        conn = self.conn
        r = conn.execute(f"SELECT id FROM documents WHERE ext_id = ? AND {PUBLISHED} ORDER BY id LIMIT 1",
                         (ref,)).fetchone()
        if r:
            return DocId(r[0])
        number = ref.removeprefix("doc-")
        # isdecimal, not isdigit: int() refuses "²"; past SQLite's 64-bit integers no row has the number.
        if number.isdecimal() and len(number) < 20 and int(number) < 2**63:
            r = conn.execute(f"SELECT id FROM documents WHERE id = ? AND {PUBLISHED}", (int(number),)).fetchone()
            return DocId(r[0]) if r else None
        return None

    def ids(self, status: str | Iterable[str] | None = None) -> list[DocId]:
        sql, params = f"SELECT id FROM documents WHERE {PUBLISHED}", ()
        if status is not None:
            statuses = (status,) if isinstance(status, str) else tuple(status)
            sql += f" AND status IN ({', '.join('?' * len(statuses))})"
            params = statuses
        return [DocId(r[0]) for r in self.conn.execute(sql + " ORDER BY id", params)]

    def count(self, status: str | None = None) -> int:
        if status is None:
            return self.conn.execute(f"SELECT COUNT(*) FROM documents WHERE {PUBLISHED}").fetchone()[0]
        return self.conn.execute(f"SELECT COUNT(*) FROM documents WHERE status = ? AND {PUBLISHED}",
                                       (status,)).fetchone()[0]

    def set_status(self, doc_id: int, status: Status) -> bool:
        """Change the review status inside the current action; False when unchanged."""
        before = self.rows.read("documents", doc_id, ("status", "updated_at"))  # not the text
        if before is None:
            raise missing("documents", doc_id)
        if before["status"] == status:
            return False
        self.rows.update("documents", doc_id, {"status": str(status), "updated_at": self.clock()}, before=before)
        return True


def read_leniently(store: "Store", noticed: Callable[[], None]) -> None:
    """Read text that is not valid UTF-8 with U+FFFD for each bad byte, and call `noticed`,
    instead of failing the whole read with sqlite3.OperationalError ("Could not decode to
    UTF-8 column"). Spandesk writes only UTF-8, so such bytes come from damage or another
    program: the window shows what is readable and says so. Batch readers (export) keep
    the strict default, which refuses rather than copy U+FFFD into their output unnoticed."""

    def text(raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            noticed()
            return raw.decode("utf-8", errors="replace")

    store.conn.text_factory = text
