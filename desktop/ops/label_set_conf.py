"""brat's annotation.conf as a source of label-set declarations (issue 10, defect 9).

A brat folder carries its label set in annotation.conf. `label_set_from_conf` compares what
the folder's confs declare with the project's label set: what the project lacks (entity
labels, event types, roles and the labels filling them, relations, attributes and their
values) is listed one line each, and with `apply` merged into the label set in one action,
unless a declaration clashes with the project's (a role that is required in one and
optional in the other, an attribute that is binary in one and valued in the other, the
merged label set failing its checks, stored annotations not fitting): then every conflict
is listed and nothing changes. Merging only adds, so what the project already holds fits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.core import label_set as label_set_mod
from desktop.core.label_set import AttributeType, LabelSet, RelationType
from desktop.core.model import BadInput
from desktop.formats import brat, brat_conf
from desktop.ops.label_set import label_set_conflicts
from desktop.ops.project import project_label_set
from desktop.store import Store


@dataclass
class ConfMerge:
    """What a folder's annotation.conf files declare beyond the project's label set."""

    confs: list[str] = field(default_factory=list)  # the files read
    missing: list[str] = field(default_factory=list)  # one declaration the project lacks a line
    conflicts: list[str] = field(default_factory=list)  # why the merge cannot be made
    notes: list[str] = field(default_factory=list)  # FILE:LINE: what a label set cannot carry
    merged: LabelSet | None = None  # the label set with the confs' declarations added
    applied: bool = False  # the project's label set is now `merged`


def brat_confs(inputs: Iterable[str | Path]) -> list[Path]:
    """The annotation.conf files of the brat folders among `inputs` (and their subfolders,
    as brat looks a document's conf up from its folder), in a stable order."""
    found: list[Path] = []
    for path in map(Path, inputs):
        if path.is_dir() and brat.is_folder(path):
            # A conf that is no file (a folder, a FIFO) is kept: reading it says so, where leaving
            # it out would import the folder as if it had no conf at all.
            found += sorted(p for p in path.rglob(brat_conf.FILE) if not any(
                part.startswith(".") for part in p.relative_to(path).parts[:-1]))
    return found


def label_set_from_conf(store: Store, confs: Iterable[str | Path], apply: bool = False,
                        annotator: str | None = None) -> ConfMerge:
    """Compare the confs with the project's label set; with `apply`, merge them into it
    (one action, not undoable, like `schema set`) unless there is a conflict."""
    out = ConfMerge()
    current = merged = project_label_set(store)
    for path in confs:
        out.confs.append(str(path))
        try:
            declared, notes = brat_conf.to_label_set(brat_conf.read(path), current.name, str(path))
        except BadInput as bad:
            out.conflicts.append(f"{bad} (the conf cannot be read)")
            continue
        out.notes += notes
        merged = _merge(merged, declared, str(path), out)
    if merged == current:
        return out
    out.conflicts += label_set_mod.check(merged)
    if not out.conflicts:
        out.conflicts += label_set_conflicts(store, merged)
    out.merged = merged = replace(merged, version=current.version + 1)
    if apply and not out.conflicts:
        detail = json.dumps({"confs": out.confs, "schema": merged.name, "version": merged.version},
                            ensure_ascii=False)
        with store.action("change schema", annotator=annotator, undoable=False, detail=detail):
            store.project.set("schema", label_set_mod.to_json(merged))
        out.applied = True
    return out


def _merge(base: LabelSet, conf: LabelSet, source: str, out: ConfMerge) -> LabelSet:
    lack, clash = out.missing.append, out.conflicts.append
    entities = list(base.entities)
    for e in conf.entities:
        if base.entity(e.name) is None:
            lack(f'{source}: entity label "{e.name}"')
            entities.append(e)
    events = {ev.name: ev for ev in base.events}
    for ev in conf.events:
        have = events.get(ev.name)
        if have is None:
            lack(f'{source}: event type "{ev.name}" ({_either(r.name for r in ev.roles) or "no roles"})')
            events[ev.name] = ev
            continue
        roles = list(have.roles)
        for role in ev.roles:
            mine = have.role(role.name)
            if mine is None:
                lack(f'{source}: role "{role.name}" of event type "{ev.name}"')
                roles.append(role)
                continue
            if (mine.required, mine.many) != (role.required, role.many):
                clash(f'{source}: {ev.name} role {role.name} is {_count(role)} in the conf, '
                      f'{_count(mine)} in the project')
            more = tuple(label for label in role.labels if label not in mine.labels)
            if more:
                lack(f'{source}: {ev.name} role {role.name} filled by {_either(more)}')
                roles[roles.index(mine)] = replace(mine, labels=mine.labels + more)
        events[ev.name] = replace(have, roles=tuple(roles))
    relations = list(base.relations)
    for rel in conf.relations:
        same = [r for r in relations if r.name == rel.name]
        if same and _kind(same[0]) != _kind(rel):
            clash(f"{source}: relation {rel.name} is {_relation_kind(rel)} in the conf, "
                  f"{_relation_kind(same[0])} in the project")
        elif not any((set(r.heads), set(r.children)) == (set(rel.heads), set(rel.children)) for r in same):
            lack(f'{source}: relation "{rel.name}" from {_either(rel.heads)} to {_either(rel.children)}')
            relations.append(rel)
    attributes = {a.name: a for a in base.attributes}
    for attr in conf.attributes:
        have = attributes.get(attr.name)
        if have is None:
            lack(f'{source}: attribute "{attr.name}" on {_either(attr.applies_to)}'
                 + (f" ({_either(attr.values)})" if attr.values else ""))
            attributes[attr.name] = attr
            continue
        if bool(have.values) != bool(attr.values):
            clash(f"{source}: attribute {attr.name} is {_attr_kind(attr)} in the conf, "
                  f"{_attr_kind(have)} in the project")
            continue
        targets = tuple(t for t in attr.applies_to if t not in have.applies_to)
        values = tuple(v for v in attr.values if v not in have.values)
        if targets or values:
            lack(f'{source}: attribute "{attr.name}"'
                 + (f" on {_either(targets)}" if targets else "") + (f" valued {_either(values)}" if values else ""))
            attributes[attr.name] = replace(have, applies_to=have.applies_to + targets, values=have.values + values)
    return replace(base, entities=tuple(entities), events=tuple(events.values()), relations=tuple(relations),
                   attributes=tuple(attributes.values()))


def _kind(rel: RelationType) -> tuple:
    return rel.head_role, rel.child_role, rel.symmetric, rel.transitive


def _relation_kind(rel: RelationType) -> str:
    marks = [k for k, on in (("symmetric", rel.symmetric), ("transitive", rel.transitive)) if on]
    return f"{rel.head_role} -> {rel.child_role}" + (f" ({', '.join(marks)})" if marks else "")


def _attr_kind(attr: AttributeType) -> str:
    return f"valued ({_either(attr.values)})" if attr.values else "binary"


def _count(role) -> str:
    return f"{'required' if role.required else 'optional'}, {'many' if role.many else 'one'}"


def _either(items: Iterable[str]) -> str:
    return " | ".join(items)
