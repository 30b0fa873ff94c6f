"""Document labels: the categories a whole article belongs to, several per document.

Adding and removing are logged in history with the whole row, so undo and redo
cover them; renames (a label set change) log the changed column.

A trained model's labels (issue 13, V_LEARN2) are rows in state "suggested", stored unlogged
by pre-annotation as entity suggestions are. Everything that reads "the document's labels"
(`for_doc`, `has`) sees the accepted ones only. Adding a label the model suggested (or
that was rejected) accepts that row; removing a label the model once suggested rejects its
row instead of deleting it, so pre-annotating again does not suggest it anew.
"""

from __future__ import annotations

import sqlite3

from desktop.store.rows import Rows


class DocLabels:
    def __init__(self, conn: sqlite3.Connection, rows: Rows):
        self.conn, self.rows = conn, rows

    def for_doc(self, doc_id: int) -> list[str]:
        """The document's labels (accepted), sorted."""
        rows = self.conn.execute(
            "SELECT label FROM doc_labels WHERE doc_id = ? AND state = 'accepted' ORDER BY label", (doc_id,))
        return [r[0] for r in rows]

    def has(self, doc_id: int, label: str) -> bool:
        row = self._row(doc_id, label)
        return row is not None and row[1] == "accepted"

    def add(self, doc_id: int, label: str, annotator: str | None = None, *, logged: bool = True) -> bool:
        """Give the document a label (accepting the model's suggestion of it, if any); False
        when it has it already. `logged=False` is for imports, audited as one action."""
        row = self._row(doc_id, label)
        if row is None:
            return self.rows.insert("doc_labels", {"doc_id": doc_id, "label": label, "annotator": annotator},
                                    logged=logged, ignore=True) is not None
        if row[1] == "accepted":
            return False
        self._set_state(row[0], "accepted", annotator, logged)
        return True

    def remove(self, doc_id: int, label: str) -> bool:
        """Take a label off the document; False when it did not have it. A label the model
        suggested is kept as rejected."""
        row = self._row(doc_id, label)
        if row is None or row[1] != "accepted":
            return False
        if row[2] is not None:
            self.rows.update("doc_labels", row[0], {"state": "rejected"})
        else:
            self.rows.delete("doc_labels", row[0])
        return True

    def rejected(self, doc_id: int) -> list[str]:
        """The labels ruled out for the document (a rejected suggestion, or an imported
        rejection such as Prodigy's textcat `answer: "reject"`), sorted."""
        rows = self.conn.execute(
            "SELECT label FROM doc_labels WHERE doc_id = ? AND state = 'rejected' ORDER BY label", (doc_id,))
        return [r[0] for r in rows]

    def state(self, doc_id: int, label: str) -> str | None:
        """The state of the document's row for `label`; None when it has none."""
        row = self._row(doc_id, label)
        return row[1] if row else None

    def reject(self, doc_id: int, label: str, annotator: str | None = None, *, logged: bool = True) -> bool:
        """Rule a label out for the document (a new rejected row, or a suggestion rejected);
        False when it has that label accepted or rejected already. `logged=False` is for
        imports, audited as one action."""
        row = self._row(doc_id, label)
        if row is None:
            return self.rows.insert("doc_labels", {"doc_id": doc_id, "label": label, "annotator": annotator,
                                                   "state": "rejected"}, logged=logged, ignore=True) is not None
        if row[1] != "suggested":
            return False
        self._set_state(row[0], "rejected", annotator, logged)
        return True

    def _set_state(self, row_id: int, state: str, annotator: str | None, logged: bool) -> None:
        """A row's new state, by `annotator`: through the history, or (`logged=False`, an
        import audited as one action) by a plain UPDATE."""
        changes = {"state": state, "annotator": annotator}
        if logged:
            self.rows.update("doc_labels", row_id, changes)
        else:
            self.conn.execute("UPDATE doc_labels SET state = ?, annotator = ? WHERE id = ?", (state, annotator, row_id))

    def suggested(self, doc_id: int) -> list[tuple[str, float | None]]:
        """The model's open suggestions for the document: (label, score), sorted by label."""
        rows = self.conn.execute(
            "SELECT label, score FROM doc_labels WHERE doc_id = ? AND state = 'suggested' ORDER BY label", (doc_id,))
        return [(r[0], r[1]) for r in rows]

    def suggest(self, doc_id: int, label: str, model: str, score: float | None) -> bool:
        """Store a model's suggestion (unlogged, inside a pre-annotation action); never over
        a label the document has in any state. True when stored."""
        return self.rows.insert("doc_labels", {"doc_id": doc_id, "label": label, "annotator": None,
                                               "state": "suggested", "model": model, "score": score},
                                logged=False, ignore=True) is not None

    def drop_suggested(self, doc_id: int, model: str) -> int:
        """Remove the model's open suggestions from a document (a --force re-run)."""
        return self.conn.execute("DELETE FROM doc_labels WHERE doc_id = ? AND state = 'suggested' AND model = ?",
                                 (doc_id, model)).rowcount

    def rename(self, old: str, new: str) -> int:
        """Rename a label on every document (one holding both keeps one); returns how many."""
        rows = self.conn.execute("SELECT id, doc_id FROM doc_labels WHERE label = ? ORDER BY id", (old,))
        rows = rows.fetchall()
        for label_id, doc_id in rows:
            if self._row(doc_id, new) is not None:
                self.rows.delete("doc_labels", label_id)
            else:
                self.rows.update("doc_labels", label_id, {"label": new}, before={"label": old})
        return len(rows)

    def _row(self, doc_id: int, label: str) -> tuple[int, str, str | None] | None:
        """(id, state, model) of the document's row for `label`, in any state."""
        r = self.conn.execute("SELECT id, state, model FROM doc_labels WHERE doc_id = ? AND label = ?",
                              (doc_id, label))
        return r.fetchone()
