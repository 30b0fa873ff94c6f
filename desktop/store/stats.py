"""Counts for `spandesk stats` and the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.store.team_stats import per_annotator

if TYPE_CHECKING:
    from desktop.store.db import Store


# Spans of documents an import has not yet published are not counted (store/batches.py).
PUBLISHED_SPAN = "doc_id NOT IN (SELECT doc_id FROM staged)"
# A model span suggested in this project: a pre-annotation run of its model covered its document.
_RUN_HERE = "EXISTS (SELECT 1 FROM preannotations p WHERE p.doc_id = s.doc_id AND p.model = s.model)"


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
    # Only what a model suggested here, in a pre-annotation run: a model's spans that came
    # in an imported file (the shipped, already-reviewed reference) were judged elsewhere.
    suggestions = dict(conn.execute(
        f"""SELECT CASE
                WHEN state = 'rejected' THEN 'rejected'
                WHEN corrected = 1 THEN 'corrected'
                WHEN state = 'accepted' THEN 'accepted'
                ELSE 'open' END AS outcome, COUNT(*)
           FROM spans s WHERE source = 'model' AND {_RUN_HERE} GROUP BY outcome"""
    ))
    imported = conn.execute(
        f"SELECT COUNT(*) FROM spans s WHERE source = 'model' AND NOT {_RUN_HERE} AND {PUBLISHED_SPAN}").fetchone()[0]
    return {
        "documents": {"total": sum(statuses.values()), **statuses},
        "spans": {"total": sum(by_state.values()), "by_state": by_state, "by_label": by_label},
        "annotators": annotators,
        "model_suggestions": {k: suggestions.get(k, 0) for k in ("accepted", "corrected", "rejected", "open")},
        "per_annotator": per_annotator(store),  # issue 11: store/team_stats.py
        "imported_model_spans": imported,
        "events": _events(conn),
        "doc_labels": dict(conn.execute(
            f"SELECT label, COUNT(*) FROM doc_labels WHERE {PUBLISHED_SPAN} AND state = 'accepted'"
            " GROUP BY label ORDER BY label")),
    }


def _events(conn) -> dict[str, Any]:
    """Events by type, and their arguments by role."""
    by_type = dict(conn.execute(
        f"SELECT type, COUNT(*) FROM events WHERE {PUBLISHED_SPAN} GROUP BY type ORDER BY type"))
    by_role = dict(conn.execute(
        f"""SELECT a.role, COUNT(*) FROM event_arguments a JOIN events e ON e.id = a.event_id
            WHERE e.{PUBLISHED_SPAN} GROUP BY a.role ORDER BY a.role"""))
    return {"total": sum(by_type.values()), "by_type": by_type,
            "arguments": sum(by_role.values()), "by_role": by_role}
