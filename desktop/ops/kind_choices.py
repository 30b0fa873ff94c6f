"""Which relation labels the GUI offers for a head and a child span, and which attributes
for a span (issue 10).

The label set's declared relations come first; until a label set declares any, the
labels the project already uses. Each comes with None when it may link these two spans,
else the label set's reason (a label set that can say why: `why_not_relation`), so a
chooser can grey it out and say why. Anything else the annotator types is checked by
`add_relation` itself. Attributes alike: declared ones first (each value a row of its
own), then those the project uses.
"""

from __future__ import annotations

from desktop.core.label_set import LabelSet
from desktop.core.model import Span
from desktop.store import Store


def relation_choices(store: Store, labels: LabelSet, head: Span, child: Span) -> list[tuple[str, str | None]]:
    """(label, why it cannot link `head` to `child`, or None) in the order to offer them."""
    declared = list(dict.fromkeys(r.name for r in getattr(labels, "relations", ())))
    names = declared + [n for n in store.kinds.relation_labels() if n not in declared]
    why = getattr(labels, "why_not_relation", None)
    out = []
    for name in names:
        reason = why(name, head.label, child.label) if why is not None else None
        out.append((name, reason))
    return sorted(out, key=lambda r: r[1] is not None)  # offered first, each group in its order


def attribute_choices(store: Store, labels: LabelSet, span: Span) -> list[tuple[str, str | None, str | None]]:
    """(name, value or None for a binary attribute, why it cannot go on `span` or None), one
    per value: the label set's declared attributes first, then those the project uses."""
    declared = [(a.name, v) for a in getattr(labels, "attributes", ()) for v in (a.values or (None,))]
    pairs = list(dict.fromkeys(declared + [p for p in store.kinds.attribute_values()
                                           if not any(p[0] == d[0] for d in declared)]))
    why = getattr(labels, "why_not_attribute", None)
    out = [(name, value, why(name, span.label, value) if why is not None else None) for name, value in pairs]
    return sorted(out, key=lambda r: r[2] is not None)
