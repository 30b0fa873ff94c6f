"""One annotator's layer as export records (`spandesk export --annotator NAME`).

The document as the annotator left it: their status, spans, events, document labels and
relations from the team layers. JSONL carries `_annotator_id` and `_session_id` as Prodigy writes
them for multi-annotator data ("<dataset>-<session>": here the master's name and the
annotator's), so Prodigy's own review recipes can tell the annotators apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from desktop.core.model import Record, SpandeskError, State
from desktop.formats.jsonl import PRODIGY
from desktop.ops.reading import document_tokens
from desktop.store import Store
from desktop.store.team import team_of


def annotator_ids(store: Store, annotator: str, everything: bool) -> list[int]:
    """The documents the annotator marked done (or has any version of, with `everything`)."""
    team = team_of(store)
    if annotator not in team.annotators():
        known = ", ".join(team.annotators()) or "none merged yet"
        raise SpandeskError(f"no merged work by {annotator} in {store.path} (annotators: {known}); nothing was written")
    return team.docs_of(annotator, None if everything else "done")


def session_id(store: Store, annotator: str) -> str:
    return f"{store.path.stem}-{annotator}"


def annotator_records(store: Store, annotator: str, ids: list[int],
                      progress: Callable[[int, int], None] | None = None) -> Iterator[Record]:
    team, session = team_of(store), session_id(store, annotator)
    for n, doc_id in enumerate(ids, 1):
        doc = store.documents.get(doc_id)
        version = team.versions(doc_id, [annotator])[annotator]
        doc.status = version.status
        identity = doc.meta.get(PRODIGY) if isinstance(doc.meta.get(PRODIGY), dict) else {}
        doc.meta = {**doc.meta, PRODIGY: {**identity, "_annotator_id": session, "_session_id": session}}
        spans = [s for s in version.spans if s.state != State.REJECTED]
        kept = set(spans)
        yield Record(doc=doc, spans=spans, events=version.events, doc_labels=sorted(version.labels),
                     tokens=document_tokens(store, doc_id, doc.text),
                     relations=[r for r in version.relations if r.head in kept and r.child in kept])
        if progress:
            progress(n, len(ids))
