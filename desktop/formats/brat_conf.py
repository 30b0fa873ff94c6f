"""brat's annotation.conf and the label set, both ways: `read` a folder's conf into label-set
declarations, `write` the conf an export needs. The syntax is in brat_conf_syntax.py.

`to_label_set` reads what a conf declares into a LabelSet and lists, one sentence each,
what a label set cannot hold: the type hierarchy (flattened; `!` types, which brat never
annotates, are left out), exact argument counts (`{2}` becomes "required, many"), overlap
rules (an export writes them from its documents), attributes of relations.

`conf_for` builds the conf an export writes: everything the label set declares (entity
labels, relations with their argument types, events with each role's count, attributes),
whatever the exported documents use beyond it (`Seen` collects that, document by
document), Spandesk's `Suggested` attribute, and an `<OVERLAP>` rule naming the kinds of
overlap (contain, equal, cross) the documents' entity spans have, so brat's checker
(server/src/verify_annotations.py) flags none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.annotations import Relation
from pathlib import Path

from desktop.core.label_set import (ANY_ENTITY, WILDCARDS, AttributeType, EntityLabel, EventType, LabelSet,
                                    RelationType, Role)
from desktop.core.model import Event, Layer, Record, State
from desktop.formats.brat_conf_syntax import FILE, MANY, NESTING, OVERLAP, Arg, Conf, Node, parse, read, text
from desktop.formats.brat_read import SUGGESTED

# displaCy's colours for spaCy's labels; other labels take the palette in turn.
_DISPLACY = {"ORG": "#7aecec", "PRODUCT": "#bfeeb7", "GPE": "#feca74", "LOC": "#ff9561", "PERSON": "#aa9cfc",
             "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80", "LAW": "#ff8197", "LANGUAGE": "#ff8197",
             "WORK_OF_ART": "#f0d0ff", "DATE": "#bfe1d9", "TIME": "#bfe1d9"}
_PALETTE = ("#7fa2ff", "#feca74", "#aa9cfc", "#7aecec", "#ff9561", "#bfeeb7", "#c887fb", "#ffeb80",
            "#9cc9cc", "#f0d0ff", "#ff8197", "#bfe1d9", "#e4e7d2")
_KINDS = ("contain", "equal", "cross")  # brat's <OVL-TYPE> values, in the order written


def to_label_set(conf: Conf, name: str, source: str = "annotation.conf") -> tuple[LabelSet, list[str]]:
    """The conf's declarations as a label set named `name`, and what it cannot carry."""
    notes: list[str] = []

    def note(node: Node, text: str) -> None:
        notes.append(f"{source}:{node.line}: {text}")

    nodes = [n for s in ("entities", "relations", "events", "attributes") for n in conf.section(s)]
    abstract = [n for n in nodes if n.abstract and n.name not in (OVERLAP, NESTING)]
    if abstract or any(n.depth for n in nodes):
        notes.append(f"{source}: the type hierarchy is flattened; {len(abstract)} types marked '!' (for the"
                     f" hierarchy only) are left out")
    entities = tuple(EntityLabel(n.name, _colour(n.name, i)) for i, n in
                     enumerate(n for n in conf.entities if not n.abstract))
    # brat matches argument types exactly: a type the conf does not declare for annotation
    # (a "!" type, a typo, brat's own "TODO") never matches, so leaving it out changes nothing.
    usable = {n.name for n in [*conf.entities, *conf.events] if not n.abstract} | set(WILDCARDS)

    def usable_types(node: Node, a: Arg, what: str, whole: str) -> tuple[str, ...]:
        kept = tuple(t for t in a.types if t in usable)
        if len(kept) < len(a.types):
            left = ", ".join(t for t in a.types if t not in usable)
            note(node, f"{what} {a.role}: {left} is declared for no annotation (brat never matches it); left out"
                       + ("" if kept else f", and with it the {whole}"))
        return kept

    events = []
    for n in conf.events:
        if n.abstract:
            continue
        roles = []
        for a in n.args:
            if (a.minimum, a.maximum) not in ((0, 1), (1, 1), (0, MANY), (1, MANY)):
                note(n, f"{n.name} {a.role}: brat's count {_count(a)} is kept as "
                        f"{'required' if a.minimum else 'optional'}, {'many' if a.maximum != 1 else 'one'}")
            types = usable_types(n, a, n.name, "role")
            if types:
                roles.append(Role(a.role, types, required=a.minimum >= 1, many=a.maximum != 1))
        events.append(EventType(n.name, roles=tuple(roles)))
    relations: list[RelationType] = []
    for n in conf.relations:
        if n.name in (OVERLAP, NESTING):
            note(n, f"{n.name} rule not kept: an export writes the overlap rules its documents need")
        elif n.abstract:
            continue
        elif len(n.args) != 2:
            note(n, f"relation {n.name} has {len(n.args)} arguments, not 2; left out")
        else:
            kind = n.setting("<REL-TYPE>")
            head, child = n.args
            heads, children = (usable_types(n, a, f"relation {n.name}", "relation") for a in n.args)
            rel = RelationType(n.name, heads, children, head.role, child.role, "symmetric" in kind,
                               "transitive" in kind)
            if heads and children and rel not in relations:  # brat's UD conf repeats a few lines
                relations.append(rel)
    attributes = []
    for n in conf.attributes:
        target, values = n.arg("Arg"), n.arg("Value")
        if n.abstract or (n.name == SUGGESTED and values is None):
            continue  # Spandesk's own mark for a suggestion: a span's state, not an attribute
        if target is None:
            note(n, f"attribute {n.name} has no Arg: (what it applies to); left out")
            continue
        if "<RELATION>" in target.types:
            note(n, f"attribute {n.name}: attributes of relations are not kept")
        applies = usable_types(n, Arg("Arg", tuple(t for t in target.types if t != "<RELATION>")),
                               f"attribute {n.name}", "attribute")
        if applies:
            attributes.append(AttributeType(n.name, applies, values.types if values else ()))
    label_set = LabelSet(name, 1, f"Read from brat's {source}", entities, tuple(events), (),
                         tuple(relations), tuple(attributes))
    return label_set, notes


def _colour(name: str, i: int) -> str:
    return _DISPLACY.get(name, _PALETTE[i % len(_PALETTE)])


def _count(a: Arg) -> str:
    return f"{{{a.minimum}}}" if a.minimum == a.maximum else f"{{{a.minimum}-{a.maximum}}}"


@dataclass
class Seen:
    """What exported documents hold that the conf must allow: labels, roles, relations and
    attributes by value, and the kinds of overlap among entity spans."""

    entities: set[str] = field(default_factory=set)
    roles: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    relations: set[tuple[str, str, str, str, str]] = field(default_factory=set)  # label, roles, ends' labels
    attributes: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)  # name → targets, values
    overlaps: set[str] = field(default_factory=set)

    def add(self, record: Record) -> None:
        mentions = {(s.start, s.end, s.label) for s in record.spans
                    if s.layer == Layer.ENTITY and s.state != State.REJECTED}
        for event in record.events:
            roles = self.roles.setdefault(event.type, {})
            for arg in event.arguments:
                if arg.span.layer != Layer.TRIGGER:  # an event as argument: its type is no entity
                    mentions.add((arg.span.start, arg.span.end, arg.span.label))
                roles.setdefault(arg.role, set()).add(arg.span.label)
        self.entities |= {label for _, _, label in mentions}
        self.overlaps |= overlap_kinds(mentions)
        for rel in record.relations:
            self.relations.add(_relation_key(rel))
        for attr in record.attributes:
            targets, values = self.attributes.setdefault(attr.name, (set(), set()))
            targets.add(attr.target.type if isinstance(attr.target, Event) else attr.target.label)
            if attr.value is not None:
                values.add(attr.value)


def _relation_key(rel: Relation) -> tuple[str, str, str, str, str]:
    return rel.label, rel.head_role, rel.child_role, rel.head.label, rel.child.label


def overlap_kinds(spans) -> set[str]:
    """Which of brat's overlap kinds (contain, equal, cross) occur among (start, end,
    label) spans; brat's checker compares every pair of distinct entity annotations."""
    ordered = sorted(spans, key=lambda s: (s[0], -s[1]))
    kinds: set[str] = set()
    for i, (start, end, _) in enumerate(ordered):
        for other_start, other_end, _ in ordered[i + 1:]:
            if other_start >= end:
                break
            kinds.add("equal" if (other_start, other_end) == (start, end)
                      else "contain" if other_end <= end else "cross")
            if len(kinds) == len(_KINDS):
                return kinds
    return kinds


def conf_for(label_set: LabelSet | None, seen: Seen) -> Conf:
    """The conf that declares the label set and everything `seen` beyond it."""
    ls = label_set or LabelSet("", 0, "", ())
    conf = Conf()
    declared = [e.name for e in ls.entities]
    conf.entities = [Node(n) for n in [*declared, *sorted(seen.entities - set(declared))]]

    conf.relations = [Node(r.name, (Arg(r.head_role, r.heads), Arg(r.child_role, r.children)),
                           _rel_type(r.symmetric, r.transitive)) for r in ls.relations]
    extra: dict[tuple[str, str, str], tuple[set[str], set[str]]] = {}
    for label, head_role, child_role, head, child in sorted(seen.relations):
        if ls.relations and ls.why_not_relation(label, head, child) is None:
            continue
        heads, children = extra.setdefault((label, head_role, child_role), (set(), set()))
        heads.add(head)
        children.add(child)
    for (label, head_role, child_role), (heads, children) in extra.items():
        conf.relations.append(Node(label, (Arg(head_role, tuple(sorted(heads))), Arg(child_role, tuple(sorted(children))))))
    if seen.overlaps:
        conf.relations.append(Node(OVERLAP, (Arg("Arg1", (ANY_ENTITY,)), Arg("Arg2", (ANY_ENTITY,))),
                                   (("<OVL-TYPE>", tuple(k for k in _KINDS if k in seen.overlaps)),)))

    types = {ev.name: ev for ev in ls.events}
    for name in [*types, *sorted(set(seen.roles) - set(types))]:
        kind, args = types.get(name), []
        for role in kind.roles if kind else ():
            args.append(Arg(role.name, role.labels, int(role.required), _most(role.name, role.many)))
        for role, labels in sorted(seen.roles.get(name, {}).items()):
            if kind is None or kind.role(role) is None:
                args.append(Arg(role, tuple(sorted(labels)), 0, _most(role, True)))
            elif not all(ls.allows(kind.role(role).labels, label) for label in labels):
                i = next(i for i, a in enumerate(args) if a.role == role)
                more = tuple(sorted(label for label in labels if label not in args[i].types))
                args[i] = Arg(role, args[i].types + more, args[i].minimum, args[i].maximum)
        conf.events.append(Node(name, tuple(args)))

    attrs = {a.name: a for a in ls.attributes}
    for name in [*attrs, *sorted(set(seen.attributes) - set(attrs))]:
        declared_attr = attrs.get(name)
        targets, values = seen.attributes.get(name, (set(), set()))
        applies = list(declared_attr.applies_to if declared_attr else ())
        applies += sorted(t for t in targets if not ls.allows(tuple(applies), t))
        listed = list(declared_attr.values if declared_attr else ())
        listed += sorted(values - set(listed))
        conf.attributes.append(Node(name, (Arg("Arg", tuple(applies)),
                                           *([Arg("Value", tuple(listed))] if listed else []))))
    if SUGGESTED not in attrs:
        conf.attributes.append(Node(SUGGESTED, (Arg("Arg", (ANY_ENTITY,)),)))
    return conf


def _most(role: str, many: bool) -> int | None:
    """How often brat may see the role: a role ending in a digit cannot repeat in brat (its
    repeats are numbered Theme2, Theme3), and brat refuses a conf that says it may."""
    return MANY if many and not role[-1:].isdigit() else 1


def _rel_type(symmetric: bool, transitive: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    kinds = tuple(k for k, on in (("symmetric", symmetric), ("transitive", transitive)) if on)
    return (("<REL-TYPE>", kinds),) if kinds else ()



def write(folder: Path, label_set: LabelSet | None, seen: Seen) -> None:
    """Write FOLDER/annotation.conf for an export of the label set and the documents `seen`."""
    header = (f"Written by Spandesk from the schema {label_set.name!r}, version {label_set.version}."
              if label_set else "Written by Spandesk.")
    header += "\nType and role names: ':' is written '__'; see desktop/formats/brat_names.py."
    (Path(folder) / FILE).write_bytes(text(conf_for(label_set, seen), header).encode("utf-8"))


__all__ = ["FILE", "Seen", "conf_for", "overlap_kinds", "parse", "read", "to_label_set", "write"]
