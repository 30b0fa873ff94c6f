"""Document labels: the categories a whole article belongs to, several per document.

Adding and removing are logged in history with the whole row, so undo and redo
cover them; renames (a label set change) log the changed column.
"""

from __future__ import annotations

import sqlite3

from desktop.store.rows import Rows


class DocLabels:
    def __init__(self, conn: sqlite3.Connection, rows: Rows):
        self.conn, self.rows = conn, rows

    def for_doc(self, doc_id: int) -> list[str]:
        """The document's labels, sorted."""
        rows = self.conn.execute("SELECT label FROM doc_labels WHERE doc_id = ? ORDER BY label", (doc_id,))
        return [r[0] for r in rows]

    def has(self, doc_id: int, label: str) -> bool:
        return self._id(doc_id, label) is not None

    def add(self, doc_id: int, label: str, annotator: str | None = None, *, logged: bool = True) -> bool:
        """Give the document a label; False when it has it already. `logged=False` is for
        imports, audited as one action."""
        return self.rows.insert("doc_labels", {"doc_id": doc_id, "label": label, "annotator": annotator},
                                logged=logged, ignore=True) is not None

    def remove(self, doc_id: int, label: str) -> bool:
        """Take a label off the document; False when it did not have it."""
        label_id = self._id(doc_id, label)
        if label_id is None:
            return False
        self.rows.delete("doc_labels", label_id)
        return True

    def rename(self, old: str, new: str) -> int:
        """Rename a label on every document (one holding both keeps one); returns how many."""
        rows = self.conn.execute("SELECT id, doc_id FROM doc_labels WHERE label = ? ORDER BY id", (old,))
        rows = rows.fetchall()
        for label_id, doc_id in rows:
            if self.has(doc_id, new):
                self.remove(doc_id, old)
            else:
                self.rows.update("doc_labels", label_id, {"label": new}, before={"label": old})
        return len(rows)

    def _id(self, doc_id: int, label: str) -> int | None:
        r = self.conn.execute("SELECT id FROM doc_labels WHERE doc_id = ? AND label = ?", (doc_id, label))
        found = r.fetchone()
        return found[0] if found else None
