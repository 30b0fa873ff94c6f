"""Shared by the interchange format tests: where the third-party excerpts are, and a
comparable summary of every annotation a Record carries."""

from __future__ import annotations


from desktop.core.model import BadInput, Record

from tests.helpers import DATA

THIRDPARTY = DATA / "thirdparty"


def records(items) -> list[Record]:
    items = list(items)
    bad = [str(x) for x in items if isinstance(x, BadInput)]
    assert not bad, bad
    return items


def key(span) -> tuple:
    return (span.start, span.end, span.label, str(span.layer))


def annotations(record: Record) -> dict:
    """Everything a record carries, as sets of plain tuples (ids and object identity aside)."""
    return {
        "text": record.doc.text,
        "spans": sorted((*key(s), str(s.state)) for s in record.spans),
        "relations": sorted((r.label, key(r.head), key(r.child)) for r in record.relations),
        "events": sorted((e.type, key(e.trigger), tuple((a.role, key(a.span)) for a in e.arguments))
                         for e in record.events),
        "doc_labels": sorted(record.doc_labels),
        "attributes": sorted((a.name, key(a.target), a.value) for a in record.attributes),
        "notes": sorted((n.text, key(n.target) if n.target else None) for n in record.notes),
        "equivalences": sorted((e.label, tuple(key(m) for m in e.members)) for e in record.equivalences),
    }
