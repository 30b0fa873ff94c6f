"""The document list: pages of ids in a sort order, their rows, counts and neighbours.

Pages are fetched by key (keyset pagination), not by OFFSET: each page starts after the
sort key of the last row already shown, so a list over a million documents pages in the
same time at row 10 as at row 900,000, and a document that changes status above the
cursor never shifts or drops the rows below it. Every sort walks an index (migration 2),
with the document id breaking ties in the same direction. Texts are never read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.core.model import DocId, Status

if TYPE_CHECKING:
    from desktop.store.db import Store

OPEN = (Status.TODO, Status.IN_PROGRESS)  # documents still to annotate


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which documents the list shows and in what order.

    `statuses`: empty for all; `search`: words to find in titles and texts (as prefixes);
    `sort`: one of SORTS; `reverse` turns that order round.
    """

    statuses: tuple[str, ...] = ()
    search: str = ""
    sort: str = "order"
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class ListRow:
    id: DocId
    title: str
    status: str
    accepted: int
    suggested: int
    changed_at: str | None


@dataclass(frozen=True, slots=True)
class _Sort:
    expr: str | None  # the key before the id tie-break; None sorts by id alone
    desc: bool = False
    label: str = ""


SORTS = {
    "order": _Sort(None, label="Imported order"),
    "title": _Sort("d.title COLLATE NOCASE", label="Title"),
    # Never changed ('') sorts last, descending; the newest imports first among those.
    "changed": _Sort("d.changed_at", desc=True, label="Last change"),
    # Prodigy's prefer_uncertain: first the documents holding the open suggestion scored
    # nearest 0.5 (1 - |2s - 1|: 1 at 0.5, 0 at 0 or 1); -1 for none scored, which go last.
    "uncertain": _Sort("COALESCE((SELECT MAX(1 - ABS(2 * s.score - 1)) FROM spans s WHERE s.doc_id = d.id"
                       " AND s.state = 'suggested' AND s.score IS NOT NULL), -1)", desc=True,
                       label="Least sure first"),
}

Key = tuple[Any, ...]  # a row's sort key, as ids_after returns it with each id


def fts_query(search: str) -> str | None:
    """The FTS5 query for what a user typed: a word starting with each typed word must
    appear ("kaz tok" finds "Kazakhstan ... Tokayev"), so the list follows the typing.

    Words are quoted, so FTS5's operators (AND, NEAR, quotes, colons) typed by a user are
    searched for as text, never parsed.
    """
    words = re.findall(r"\w+", search)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def _where(store: "Store", query: ListQuery) -> tuple[list[str], list[Any]]:
    # Documents of an import still under way are left out (store/batches.py).
    clauses, params = ["d.id NOT IN (SELECT doc_id FROM staged)"], []
    if query.statuses:
        counts = by_status(store)
        share = sum(counts.get(str(s), 0) for s in query.statuses) / max(sum(counts.values()), 1)
        # Common statuses: walk the sort's own index and skip the rest (a page then costs
        # about page/share rows); the unary + keeps SQLite off the status index, which would
        # sort every matching row first. Rare ones: take them from the status index and sort.
        column = "+d.status" if share >= 0.05 else "d.status"
        clauses.append(f"{column} IN ({', '.join('?' * len(query.statuses))})")
        params += [str(s) for s in query.statuses]
    match = fts_query(query.search)
    if match:
        clauses.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(match)
    return clauses, params


def _sort(query: ListQuery) -> _Sort:
    try:
        return SORTS[query.sort]
    except KeyError:
        raise ValueError(f"unknown sort {query.sort!r}; choose one of {', '.join(SORTS)}") from None


def _columns(sort: _Sort) -> list[str]:
    return [sort.expr, "d.id"] if sort.expr else ["d.id"]


def ids_after(
    store: "Store", query: ListQuery, after: Key | None = None, limit: int = 200, *, backwards: bool = False,
) -> list[tuple[DocId, Key]]:
    """The next `limit` documents after the row with key `after` (from the top when None),
    each with its key, walking the list forwards or backwards.

    Past a key (P, i) means P = k and id beyond i, then P beyond k: two queries, each an
    exact index seek. One `(P, id) > (k, i)` would seek on P alone and step through every
    tie, and ties are the rule here (every untouched document has the same last change).
    """
    sort = _sort(query)
    columns = _columns(sort)
    forwards = sort.desc == (backwards != query.reverse)  # walking towards larger keys
    beyond, direction = (">", "ASC") if forwards else ("<", "DESC")
    order = " ORDER BY " + ", ".join(f"{c} {direction}" for c in columns) + " LIMIT ?"
    select = f"SELECT d.id, {', '.join(columns)} FROM documents d WHERE "
    clauses, params = _where(store, query)
    branches: list[tuple[list[str], list[Any]]] = []
    if after is None:
        branches.append((clauses, params))
    elif sort.expr is None:
        branches.append((clauses + [f"d.id {beyond} ?"], params + [after[-1]]))
    else:
        branches.append((clauses + [f"{sort.expr} = ?", f"d.id {beyond} ?"], params + [after[0], after[-1]]))
        branches.append((clauses + [f"{sort.expr} {beyond} ?"], params + [after[0]]))
    found: list[tuple[DocId, Key]] = []
    for where, values in branches:
        if len(found) >= limit:
            break
        sql = select + (" AND ".join(where) or "1") + order
        rows = store.conn.execute(sql, [*values, limit - len(found)])
        found += [(DocId(r[0]), tuple(r[1:])) for r in rows]
    return found


def contains(store: "Store", query: ListQuery, doc_id: int) -> bool:
    """True when the document is one the list shows."""
    clauses, params = _where(store, query)
    sql = "SELECT 1 FROM documents d WHERE " + " AND ".join(["d.id = ?", *clauses])
    return store.conn.execute(sql, [doc_id, *params]).fetchone() is not None


def key_of(store: "Store", query: ListQuery, doc_id: int) -> Key | None:
    """The sort key of one document, to page or step from it; None if there is no such document."""
    sort = _sort(query)
    columns = ", ".join(_columns(sort))
    r = store.conn.execute(f"SELECT {columns} FROM documents d WHERE d.id = ?", (doc_id,)).fetchone()
    return tuple(r) if r else None


def neighbour(
    store: "Store", query: ListQuery, doc_id: int, *, backwards: bool = False,
    statuses: tuple[str, ...] = (),
) -> DocId | None:
    """The document after (or before) `doc_id` in the list's order, optionally only one
    of `statuses`; `doc_id` itself need not match the list's filter."""
    key = key_of(store, query, doc_id)
    if key is None:
        return None
    narrowed = _narrow(query, statuses)
    if narrowed is None:
        return None
    found = ids_after(store, narrowed, key, 1, backwards=backwards)
    return found[0][0] if found else None


def first(store: "Store", query: ListQuery, statuses: tuple[str, ...] = ()) -> DocId | None:
    """The first document of the list, optionally the first with one of `statuses`."""
    narrowed = _narrow(query, statuses)
    found = ids_after(store, narrowed, None, 1) if narrowed else []
    return found[0][0] if found else None


def _narrow(query: ListQuery, statuses: tuple[str, ...]) -> ListQuery | None:
    if not statuses:
        return query
    wanted = tuple(s for s in statuses if not query.statuses or s in query.statuses)
    return ListQuery(wanted, query.search, query.sort, query.reverse) if wanted else None


def rows(store: "Store", ids: list[int]) -> dict[DocId, ListRow]:
    """The list's columns for some documents: title, status, entity counts, last change."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    sql = f"""SELECT d.id, d.title, d.status,
                     COALESCE(SUM(s.state = 'accepted'), 0), COALESCE(SUM(s.state = 'suggested'), 0),
                     d.changed_at
              FROM documents d LEFT JOIN spans s ON s.doc_id = d.id AND s.layer = 'entity'
              WHERE d.id IN ({marks}) GROUP BY d.id"""
    return {DocId(r[0]): ListRow(DocId(r[0]), *r[1:]) for r in store.conn.execute(sql, list(ids))}


def least_sure(store: "Store", ids: list[int]) -> dict[DocId, float]:
    """For documents holding an open scored suggestion, the score of the one nearest 0.5:
    what puts them where they are in the "uncertain" order (documents without one are absent)."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    # SQLite's bare column with MIN(): the score of the row the minimum was found in.
    sql = f"""SELECT doc_id, score, MIN(ABS(2 * score - 1)) FROM spans
              WHERE doc_id IN ({marks}) AND state = 'suggested' AND score IS NOT NULL GROUP BY doc_id"""
    return {DocId(r[0]): r[1] for r in store.conn.execute(sql, list(ids))}


def by_status(store: "Store") -> dict[str, int]:
    """Documents per status, read from the counts the database keeps (no scan)."""
    counts = {str(s): 0 for s in Status}
    counts.update(dict(store.conn.execute("SELECT status, n FROM status_counts")))
    return counts


def count(store: "Store", query: ListQuery, *, at_most: int = 10_000) -> int:
    """How many documents the list holds. Without a search this is one small read; with
    one, matches are counted up to `at_most` + 1 (so a common word costs a bounded time)."""
    if not fts_query(query.search):
        counts = by_status(store)
        return sum(n for s, n in counts.items() if not query.statuses or s in query.statuses)
    clauses, params = _where(store, query)
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM documents d WHERE {' AND '.join(clauses)} LIMIT ?)"
    return store.conn.execute(sql, [*params, at_most + 1]).fetchone()[0]


def last_action(store: "Store") -> int:
    """The id of the newest action: a session starts after it."""
    return store.conn.execute("SELECT COALESCE(MAX(id), 0) FROM actions").fetchone()[0]


def done_since(store: "Store", action_id: int) -> int:
    """Documents marked done by actions after `action_id` and still done (undo uncounts them)."""
    sql = """SELECT COUNT(DISTINCT a.doc_id) FROM actions a JOIN documents d ON d.id = a.doc_id
             WHERE a.id > ? AND a.name = 'mark done' AND a.undone = 0 AND d.status = 'done'"""
    return store.conn.execute(sql, (action_id,)).fetchone()[0]


def only_seeds_unannotated(store: "Store", seeds_prefix: str) -> bool:
    """True for a project that holds only the shipped seed articles, never pre-annotated
    and never annotated by anyone (imports, the annotated reference seed's included, are
    not annotators' actions): a new user's first run."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM preannotations LIMIT 1").fetchone():
        return False
    if conn.execute("SELECT 1 FROM actions WHERE undoable = 1 LIMIT 1").fetchone():
        return False
    # substr, not LIKE: a folder name may hold % or _.
    docs = conn.execute(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE substr(source, 1, length(?1)) = ?1) FROM documents",
        (seeds_prefix,),
    ).fetchone()
    return docs[0] > 0 and docs[0] == docs[1]
