"""Read-only searches over spans and texts, for search and bulk actions (ops/bulk.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.model import Span
from desktop.store.spans import SELECT, from_row

if TYPE_CHECKING:
    from desktop.store.db import Store

PUBLISHED = "doc_id NOT IN (SELECT doc_id FROM staged)"  # an import still under way is not searched


def spans(store: "Store", *, text: str | None = None, contains: str | None = None, label: str | None = None,
          state: str | None = None, annotator: str | None = None, layer: str | None = "entity",
          doc_id: int | None = None, limit: int | None = None) -> list[tuple[int, Span]]:
    """(doc_id, span) of the spans that have exactly `text`, hold `contains` (any case),
    and have the label, state, annotator, layer and document given; in reading order."""
    where, params = [PUBLISHED], []
    for column, value in (("text", text), ("label", label), ("state", state), ("annotator", annotator),
                          ("layer", layer), ("doc_id", doc_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(str(value) if column != "doc_id" else value)
    if contains:
        where.append("instr(lower(text), lower(?)) > 0")
        params.append(contains)
    sql = f"{SELECT} WHERE {' AND '.join(where)} ORDER BY doc_id, start, \"end\", label"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [(r[1], from_row(r)) for r in store.conn.execute(sql, params)]


def documents_holding(store: "Store", words: str, doc_id: int | None = None) -> list[int]:
    """Ids of the documents whose text holds `words` (exactly), in order."""
    sql = "SELECT id FROM documents WHERE instr(text, ?) > 0 AND id NOT IN (SELECT doc_id FROM staged)"
    params: list = [words]
    if doc_id is not None:
        sql += " AND id = ?"
        params.append(doc_id)
    return [r[0] for r in store.conn.execute(sql + " ORDER BY id", params)]
