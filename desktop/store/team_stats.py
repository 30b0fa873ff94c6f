"""Per-annotator figures for `spandesk stats`: documents done, median seconds per document,
and what became of the model's suggestions each annotator reviewed.

An annotator with a merged layer is counted from it (their own file's history came with
the merge, as seconds per document); anyone else who worked in this file directly is
counted from its own spans and history. Seconds per document: the gaps between an
annotator's consecutive actions, each counted for the later action's document, pauses
longer than team_source.IDLE_SECONDS left out.
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING, Any

from desktop.store.team_source import seconds_per_doc

if TYPE_CHECKING:
    from desktop.store.db import Store

_OUTCOME = """CASE WHEN state = 'rejected' THEN 'rejected' WHEN corrected = 1 THEN 'corrected'
                   WHEN state = 'accepted' THEN 'accepted' ELSE 'open' END"""


def _row(done: int, seconds: list[float], outcomes: dict[str, int], source: str) -> dict[str, Any]:
    return {"documents_done": done, "median_seconds_per_document": round(median(seconds), 1) if seconds else None,
            "suggestions": {k: outcomes.get(k, 0) for k in ("accepted", "corrected", "rejected")},
            "from": source}


def per_annotator(store: "Store") -> dict[str, dict[str, Any]]:
    conn = store.conn
    out: dict[str, dict[str, Any]] = {}
    merged = [r[0] for r in conn.execute("SELECT DISTINCT annotator FROM team_docs ORDER BY annotator")]
    for name in merged:
        done = conn.execute("SELECT COUNT(*) FROM team_docs WHERE annotator = ? AND status = 'done'",
                            (name,)).fetchone()[0]
        seconds = [r[0] for r in conn.execute("SELECT seconds FROM team_docs WHERE annotator = ? AND status = 'done'"
                                              " AND seconds IS NOT NULL", (name,))]
        outcomes = dict(conn.execute(f"SELECT {_OUTCOME} AS o, COUNT(*) FROM team_spans WHERE annotator = ?"
                                     " AND source = 'model' GROUP BY o", (name,)))
        out[name] = _row(done, seconds, outcomes, "merged")
    actions = conn.execute("SELECT doc_id, annotator, at FROM actions WHERE undoable = 1 ORDER BY id").fetchall()
    own = sorted({who for _d, who, _at in actions if who} - set(merged))
    if not own:
        return out
    spent = seconds_per_doc(actions)
    done_by: dict[str, list[int]] = {}
    for doc_id, who in conn.execute(  # who last marked each done document done
            "SELECT a.doc_id, a.annotator FROM actions a JOIN documents d ON d.id = a.doc_id"
            " WHERE d.status = 'done' AND a.name = 'mark done' AND a.undone = 0 AND a.id = (SELECT MAX(b.id)"
            " FROM actions b WHERE b.doc_id = a.doc_id AND b.name = 'mark done' AND b.undone = 0)"):
        done_by.setdefault(who, []).append(doc_id)
    for name in own:
        docs = done_by.get(name, [])
        outcomes = dict(conn.execute(f"SELECT {_OUTCOME} AS o, COUNT(*) FROM spans WHERE annotator = ?"
                                     " AND source = 'model' GROUP BY o", (name,)))
        out[name] = _row(len(docs), [spent[(name, d)] for d in docs if (name, d) in spent], outcomes, "project")
    return out
