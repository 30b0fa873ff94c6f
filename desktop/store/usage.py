"""Which labels the project's annotations use, and where: what a change of the label set must
respect.

Each answer maps a name (or a name tuple) to `(count, doc_ids)`, the documents sorted.
Rejected spans are left out: they say what a text is not, and carry no label forward.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.store.db import Store

Use = dict  # name or tuple of names → (count, sorted document ids)


def _grouped(store: "Store", sql: str, width: int) -> Use:
    out: dict = {}
    for r in store.conn.execute(sql):
        key = r[0] if width == 1 else tuple(r[:width])
        count, docs = out.get(key, (0, set()))
        out[key] = (count + r[width + 1], docs | {r[width]})
    return {k: (n, sorted(docs)) for k, (n, docs) in out.items()}


def entity_labels(store: "Store") -> Use:
    return _grouped(store, "SELECT label, doc_id, COUNT(*) FROM spans WHERE layer = 'entity'"
                           " AND state != 'rejected' GROUP BY label, doc_id", 1)


def event_types(store: "Store") -> Use:
    return _grouped(store, "SELECT type, doc_id, COUNT(*) FROM events GROUP BY type, doc_id", 1)


def arguments(store: "Store") -> Use:
    """(event type, role, entity label) of every argument."""
    return _grouped(store, "SELECT e.type, a.role, s.label, e.doc_id, COUNT(*) FROM event_arguments a"
                           " JOIN events e ON e.id = a.event_id JOIN spans s ON s.id = a.span_id"
                           " GROUP BY e.type, a.role, s.label, e.doc_id", 3)


def doc_labels(store: "Store") -> Use:
    return _grouped(store, "SELECT label, doc_id, COUNT(*) FROM doc_labels GROUP BY label, doc_id", 1)


def _has(store: "Store", table: str) -> bool:
    """Whether the project has `table` (relations and attributes came with a later schema)."""
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (table,)).fetchone() is not None


def relations(store: "Store") -> Use:
    """(relation label, head's label, child's label) of every relation."""
    if not _has(store, "relations"):
        return {}
    return _grouped(store, "SELECT r.label, h.label, c.label, r.doc_id, COUNT(*) FROM relations r"
                           " JOIN spans h ON h.id = r.head_span_id JOIN spans c ON c.id = r.child_span_id"
                           " GROUP BY r.label, h.label, c.label, r.doc_id", 3)


def attributes(store: "Store") -> Use:
    """(attribute name, target's label or event type, value or None) of every attribute."""
    if not _has(store, "attributes"):
        return {}
    return _grouped(store, "SELECT a.name, COALESCE(s.label, e.type), a.value, a.doc_id, COUNT(*)"
                           " FROM attributes a LEFT JOIN spans s ON s.id = a.span_id"
                           " LEFT JOIN events e ON e.id = a.event_id"
                           " GROUP BY a.name, COALESCE(s.label, e.type), a.value, a.doc_id", 3)
