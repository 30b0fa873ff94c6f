"""Agreement between the merged annotators: their versions read from the team layers,
measured by core/agreement (`build_report`, the JSON shape of `spandesk agreement --json`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from desktop.core.agreement import AnnotatorWork, DocWork, build_report
from desktop.core.model import SpandeskError
from desktop.ops.project import project_label_set
from desktop.store import Store
from desktop.store.team import Team, team_of

DOCS = ("done", "all")


def doc_work(store: Store, team: Team, doc_id: int, annotators: Sequence[str] | None = None) -> DocWork:
    """One document as agreement sees it: its tokens (as stored, else its words) and each
    chosen annotator's version."""
    doc = store.documents.get(doc_id)
    tokens = store.tokens.get(doc_id, doc.text)
    by = {name: AnnotatorWork(v.spans, v.events, frozenset(v.labels), v.relations)
          for name, v in team.versions(doc_id, annotators).items()}
    return DocWork(id=doc.ext_id or f"doc-{doc_id}", length=len(doc.text), by=by, title=doc.title,
                   tokens=None if tokens is None else [(t.start, t.end) for t in tokens], text=doc.text)


def chosen_annotators(team: Team, annotators: Sequence[str] | None) -> list[str]:
    """The annotators asked for (all merged ones by default); an unknown name is an error."""
    known = team.annotators()
    if not annotators:
        return known
    unknown = [a for a in annotators if a not in known]
    if unknown:
        raise SpandeskError(f"no merged work by {', '.join(unknown)}; the project has "
                            + (", ".join(known) or "no merged annotators (run spandesk merge first)"))
    return list(dict.fromkeys(annotators))


def measure_agreement(store: Store, *, annotators: Sequence[str] | None = None, labels: Collection[str] | None = None,
              docs: str = "done", worst: int | None = 10) -> dict[str, Any]:
    """Every agreement measure over the documents at least two chosen annotators marked done
    (`docs="all"`: that two have any version of)."""
    if docs not in DOCS:
        raise SpandeskError(f"--docs {docs}: give one of {', '.join(DOCS)}")
    team = team_of(store)
    names = chosen_annotators(team, annotators)
    ids = team.shared_docs(names, done=docs == "done") if len(names) >= 2 else []
    if docs == "done":  # an annotator whose version is not done does not count for it
        works = []
        for doc_id in ids:
            statuses = team.statuses(doc_id)
            works.append(doc_work(store, team, doc_id, [a for a in names if statuses.get(a) == "done"]))
    else:
        works = [doc_work(store, team, doc_id, names) for doc_id in ids]
    if labels:  # a misspelt label would measure nothing and look like perfect agreement
        known = {e.name for e in project_label_set(store).entities}
        known |= {s.label for w in works for a in w.by.values() for s in a.spans}
        unknown = [label for label in labels if label not in known]
        if unknown:
            raise SpandeskError(f"no entity label {', '.join(unknown)} in the label set or the annotators' work; "
                                "nothing was measured")
    report = build_report(works, names, labels or None, worst)
    return report
