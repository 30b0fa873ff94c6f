"""An annotator's share of the project, written as a project file of its own (for `assign`).

The copy is the master's file (SQLite's VACUUM INTO: the label set, the project id, the
documents with their tokens and the model's suggestions) cut down to the share: the other
documents, the history, the team layers and the writers' bookkeeping go. The preset
`annotator` is written into its `project` table, so the window opens as that annotator and
a merge knows whose work it is. Written beside the target and renamed into place: a failed
copy leaves no half-made project.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from desktop.store import errors
from desktop.store.db import Store

# What the copy does not carry: the master's own bookkeeping and the other annotators' work.
_CLEARED = ("history", "actions", "team_sources", "team_docs", "team_spans", "team_events", "team_arguments",
            "team_doc_labels", "team_relations", "team_assignments", "claims", "staged", "writers")


def write_share(store: Store, target: Path, doc_ids: Iterable[int], annotator: str, when: str) -> None:
    """Write `target`, a project holding only `doc_ids`, preset for `annotator`."""
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    with errors.translated(target):
        _discard(part)
        try:
            # Through sqlite3's own execute, not the project connection's: a full disk or a
            # read-only folder here is the target's, and `translated` names the target.
            sqlite3.Connection.execute(store.conn, "VACUUM INTO ?", (str(part),))
            os.chmod(part, 0o600)  # as private as a project Spandesk creates
            conn = sqlite3.connect(part, isolation_level=None)
            try:
                _cut(conn, doc_ids, annotator, when)
            finally:
                conn.close()
            os.replace(part, target)
        finally:
            _discard(part)


def _discard(part: Path) -> None:
    """Remove a part if there is one (a read-only file system refuses even to unlink a missing
    file, which would hide why the copy failed)."""
    if part.exists() or part.is_symlink():
        part.unlink()


def _cut(conn: sqlite3.Connection, doc_ids: Iterable[int], annotator: str, when: str) -> None:
    conn.execute("PRAGMA foreign_keys = ON")  # documents take their spans, events and tokens along
    conn.execute("BEGIN")
    conn.execute("CREATE TEMP TABLE keep (id INTEGER PRIMARY KEY)")
    conn.executemany("INSERT OR IGNORE INTO keep (id) VALUES (?)", ((d,) for d in doc_ids))
    for table in _CLEARED:
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM documents WHERE id NOT IN (SELECT id FROM keep)")
    conn.execute("UPDATE documents SET changed_at = ''")  # no annotator has touched the copy yet
    conn.executemany("INSERT INTO project (key, value) VALUES (?, ?)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     [("annotator", annotator), ("assigned_at", when)])
    conn.execute("COMMIT")
    conn.execute("VACUUM")
