"""Document labels: the categories a whole article belongs to, several per document.

Adding and removing are recorded in history with the whole row, so undo and redo
cover them; renames (a schema change) record the changed column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.store.history import row

if TYPE_CHECKING:
    from desktop.store.db import Store


class DocLabels:
    def __init__(self, store: "Store"):
        self.store = store

    def for_doc(self, doc_id: int) -> list[str]:
        """The document's labels, sorted."""
        rows = self.store.conn.execute("SELECT label FROM doc_labels WHERE doc_id = ? ORDER BY label", (doc_id,))
        return [r[0] for r in rows]

    def has(self, doc_id: int, label: str) -> bool:
        return self._id(doc_id, label) is not None

    def add(self, doc_id: int, label: str, annotator: str | None = None, *, record: bool = True) -> bool:
        """Give the document a label; False when it has it already. `record=False` is for
        imports, audited as one action."""
        cursor = self.store.conn.execute(
            "INSERT OR IGNORE INTO doc_labels (doc_id, label, annotator) VALUES (?, ?, ?)", (doc_id, label, annotator)
        )
        if cursor.rowcount == 0:
            return False
        if record:
            self.store.history.record("doc_labels", cursor.lastrowid, None,
                                      row(self.store, "doc_labels", cursor.lastrowid))
        return True

    def remove(self, doc_id: int, label: str) -> bool:
        """Take a label off the document; False when it did not have it."""
        label_id = self._id(doc_id, label)
        if label_id is None:
            return False
        before = row(self.store, "doc_labels", label_id)
        self.store.conn.execute("DELETE FROM doc_labels WHERE id = ?", (label_id,))
        self.store.history.record("doc_labels", label_id, before, None)
        return True

    def rename(self, old: str, new: str) -> int:
        """Rename a label on every document (one holding both keeps one); returns how many."""
        rows = self.store.conn.execute("SELECT id, doc_id FROM doc_labels WHERE label = ? ORDER BY id", (old,))
        rows = rows.fetchall()
        for label_id, doc_id in rows:
            if self.has(doc_id, new):
                self.remove(doc_id, old)
            else:
                self.store.conn.execute("UPDATE doc_labels SET label = ? WHERE id = ?", (new, label_id))
                self.store.history.record("doc_labels", label_id, {"label": old}, {"label": new})
        return len(rows)

    def _id(self, doc_id: int, label: str) -> int | None:
        r = self.store.conn.execute("SELECT id FROM doc_labels WHERE doc_id = ? AND label = ?", (doc_id, label))
        found = r.fetchone()
        return found[0] if found else None
