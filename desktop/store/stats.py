"""Counts for `spandesk stats` and the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.store.team_stats import per_annotator

if TYPE_CHECKING:
    from desktop.store.db import Store


# Spans of documents an import has not yet published are not counted (store/batches.py).
PUBLISHED_SPAN = "doc_id NOT IN (SELECT doc_id FROM staged)"


def stats(store: "Store") -> dict[str, Any]:
    conn = store.conn
    statuses = {s: 0 for s in ("todo", "in_progress", "done", "skipped")}
    statuses.update(dict(conn.execute(
        "SELECT status, COUNT(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM staged) GROUP BY status")))
    by_label: dict[str, dict[str, int]] = {}
    for label, state, n in conn.execute(
        f"SELECT label, state, COUNT(*) FROM spans WHERE layer = 'entity' AND {PUBLISHED_SPAN}"
        " GROUP BY label, state ORDER BY label"
    ):
        by_label.setdefault(label, {})[state] = n
    by_state = dict(conn.execute(
        f"SELECT state, COUNT(*) FROM spans WHERE layer = 'entity' AND {PUBLISHED_SPAN} GROUP BY state"))
    annotators = dict(conn.execute(
        "SELECT annotator, COUNT(*) FROM actions WHERE annotator IS NOT NULL AND undoable = 1"
        " GROUP BY annotator ORDER BY annotator"
    ))
    suggestions = dict(conn.execute(
        """SELECT CASE
                WHEN state = 'rejected' THEN 'rejected'
                WHEN corrected = 1 THEN 'corrected'
                WHEN state = 'accepted' THEN 'accepted'
                ELSE 'open' END AS outcome, COUNT(*)
           FROM spans WHERE source = 'model' GROUP BY outcome"""
    ))
    return {
        "documents": {"total": sum(statuses.values()), **statuses},
        "spans": {"total": sum(by_state.values()), "by_state": by_state, "by_label": by_label},
        "annotators": annotators,
        "model_suggestions": {k: suggestions.get(k, 0) for k in ("accepted", "corrected", "rejected", "open")},
        "per_annotator": per_annotator(store),  # issue 11: store/team_stats.py
    }
