"""Checking a project's annotations: what an export would carry that a reader would trip on:
accepted events missing a required role (a model's suggested event is no decision yet),
arguments in a role their label may not fill (or filling a one-filler role twice), spans and
triggers whose stored text no longer matches the document, and labels, event types or
document labels the schema does not have.

Each problem is one sentence that starts with the document's id as export writes it
("doc-3", or the id it was imported with), then names the span or event by its text
and offsets, so the annotator can find it.
"""

from __future__ import annotations

from collections import Counter

from desktop.core.model import Event, Layer, Span, State
from desktop.core.label_set import LabelSet
from desktop.formats.jsonl import export_id
from desktop.ops.event_actions import missing_roles
from desktop.ops.project import project_label_set
from desktop.store import Store


def validate(store: Store) -> list[str]:
    """Every problem in the project, document by document; [] when there is none."""
    label_set = project_label_set(store)
    problems: list[str] = []
    for doc_id in store.documents.ids():
        doc = store.documents.get(doc_id)
        name = export_id(doc) or str(doc_id)
        for span in store.spans.for_doc(doc_id, rejected=False):
            what = "trigger" if span.layer == Layer.TRIGGER else "span"
            if doc.text[span.start : span.end] != span.text:
                problems.append(f"{name}: {what} {_span(span)}: its stored text no longer matches the document, "
                                f"which now reads {doc.text[span.start:span.end]!r} there")
            if span.layer == Layer.ENTITY and label_set.entity(span.label) is None:
                problems.append(f'{name}: span {_span(span)}: the schema has no entity label "{span.label}"')
        for event in store.events.for_doc(doc_id):
            problems += [f"{name}: {_event(event)}: {p}" for p in event_problems(label_set, event)]
        known = {d.name for d in label_set.doc_labels}
        problems += [f'{name}: the schema has no document label "{label}"'
                     for label in store.doc_labels.for_doc(doc_id) if label not in known]
    return problems


def event_problems(label_set: LabelSet, event: Event) -> list[str]:
    """What is wrong with one event under the schema, each a short clause."""
    kind = label_set.event(event.type)
    if kind is None:
        return [f'the schema has no event type "{event.type}"']
    # A suggested event is no decision yet: what it lacks is the annotator's to judge, not a fault.
    missing = [] if event.state == State.SUGGESTED else missing_roles(label_set, event)
    out = [f"required role {role} is not filled" for role in missing]
    for arg in event.arguments:
        reason = label_set.why_not(event.type, arg.role, arg.span.label)
        if reason:
            out.append(f"argument {_span(arg.span)} as {arg.role}: {reason}")
        elif arg.span.state == State.REJECTED:
            out.append(f"argument {_span(arg.span)} as {arg.role} is a rejected span")
    for role, n in sorted(Counter(a.role for a in event.arguments).items()):
        found = kind.role(role)
        if found is not None and not found.many and n > 1:
            out.append(f"{role} is filled {n} times; {event.type} takes one {role}")
    return out


def _span(span: Span) -> str:
    return f"{span.text!r} ({span.start}-{span.end}, {span.label})"


def _event(event: Event) -> str:
    t = event.trigger
    return f"{event.type} event on {t.text!r} ({t.start}-{t.end})"

