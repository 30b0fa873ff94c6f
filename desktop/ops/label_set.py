"""The project's label set: show it, check a file, and replace it safely.

`set_label_set` checks the file, then checks that every existing annotation fits the new
label set (entity labels, event types, roles and the labels filling them, relations and
their ends, attributes and their values, document labels)
and refuses with the full list of conflicts before changing anything. Renames are
declared in the new file with `renamed_from = ["OLD"]` (see desktop/core/label_set.py);
the annotations carrying OLD are renamed, in history, in the same transaction that
stores the new label set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core import label_set as label_set_mod
from desktop.core.model import BadInput, Layer, SpandeskError
from desktop.core.label_set import BadLabelSet, LabelSet
from desktop.formats.jsonl import export_id
from desktop.store import Store, usage

SHOWN_DOCS = 3  # documents named per conflict; the count says how many more


class LabelSetConflicts(SpandeskError):
    """The new schema does not fit the annotations; `conflicts` lists every misfit."""

    def __init__(self, conflicts: list[str], file: str):
        self.conflicts = conflicts
        listed = "\n".join(f"  - {c}" for c in conflicts)
        super().__init__(f"{file}: {len(conflicts)} annotations do not fit the new schema; "
                         f"nothing was changed:\n{listed}")


@dataclass
class Renames:
    """Old name → new name, by kind; roles by the new event type's name."""

    entities: dict[str, str] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)
    roles: dict[str, dict[str, str]] = field(default_factory=dict)
    doc_labels: dict[str, str] = field(default_factory=dict)


def check_label_set_file(path: str | Path) -> list[str]:
    """Every problem with a schema file, each naming the file; [] when it is sound."""
    try:
        label_set_mod.load(path)
    except BadLabelSet as bad:
        return [f"{path}: {p}" for p in bad.problems]
    except BadInput as bad:
        return [str(bad)]
    return []


def renames(label_set: LabelSet) -> Renames:
    def table(items) -> dict[str, str]:
        return {old: item.name for item in items for old in item.renamed_from}

    return Renames(
        table(label_set.entities), table(label_set.events),
        {ev.name: table(ev.roles) for ev in label_set.events if table(ev.roles)},
        table(label_set.doc_labels),
    )


def label_set_conflicts(store: Store, new: LabelSet) -> list[str]:
    """How the project's annotations misfit `new` (after its renames); [] when all fit."""
    r = renames(new)
    out: list[str] = []
    for label, use in sorted(usage.entity_labels(store).items()):
        if new.entity(r.entities.get(label, label)) is None:
            out.append(f'entity label "{label}" is not in the new schema: {_where(store, use, "span")}')
    for kind, use in sorted(usage.event_types(store).items()):
        if new.event(r.events.get(kind, kind)) is None:
            out.append(f'event type "{kind}" is not in the new schema: {_where(store, use, "event")}')
    for (kind, role, label), use in sorted(usage.arguments(store).items()):
        event = new.event(r.events.get(kind, kind))
        if event is None:
            continue  # reported with its type
        new_role = r.roles.get(event.name, {}).get(role, role)
        reason = new.why_not(event.name, new_role, r.entities.get(label, label))
        if reason:
            out.append(f"{kind} argument {role} filled by {label}: {reason} {_where(store, use, 'argument')}")
    for (label, head, child), use in sorted(usage.relations(store).items()):
        # The ends' labels follow the renames; relation names have none yet.
        reason = new.why_not_relation(label, r.entities.get(head, r.events.get(head, head)),
                                      r.entities.get(child, r.events.get(child, child)))
        if reason:
            out.append(f"relation {label} from {head} to {child}: {reason} {_where(store, use, 'relation')}")
    for (name, target, value), use in sorted(usage.attributes(store).items(), key=lambda kv: repr(kv[0])):
        reason = new.why_not_attribute(name, r.entities.get(target, r.events.get(target, target)), value)
        if reason:
            shown = name if value is None else f"{name}={value}"
            out.append(f"attribute {shown} on {target}: {reason} {_where(store, use, 'attribute')}")
    names = {d.name for d in new.doc_labels}
    for label, use in sorted(usage.doc_labels(store).items()):
        if r.doc_labels.get(label, label) not in names:
            out.append(f'document label "{label}" is not in the new schema: {_where(store, use, "document")}')
    return out


def set_label_set(store: Store, path: str | Path, annotator: str | None = None) -> dict[str, int]:
    """Replace the project's schema with the file's; returns how many annotations each
    rename touched ("entity PER -> PERSON": 3). Raises BadInput for a bad file and
    SchemaConflicts when annotations do not fit; either way nothing is changed."""
    new = label_set_mod.load(path)
    conflicts = label_set_conflicts(store, new)
    if conflicts:
        raise LabelSetConflicts(conflicts, str(path))
    r, done = renames(new), {}
    detail = json.dumps({"file": str(path), "schema": new.name, "version": new.version}, ensure_ascii=False)
    with store.action("change schema", annotator=annotator, undoable=False, detail=detail):
        for old, name in r.entities.items():
            done[f"entity {old} -> {name}"] = store.events.rename_span_label(old, name, Layer.ENTITY)
        for old, name in r.events.items():
            done[f"event type {old} -> {name}"] = store.events.rename_type(old, name)
            store.events.rename_span_label(old, name, Layer.TRIGGER)
        for kind, roles in r.roles.items():
            for old, name in roles.items():
                done[f"role {kind} {old} -> {name}"] = store.events.rename_role(kind, old, name)
        for old, name in r.doc_labels.items():
            done[f"document label {old} -> {name}"] = store.doc_labels.rename(old, name)
        store.project.set("schema", label_set_mod.to_json(new))
    return {k: n for k, n in done.items() if n}


def why_not_relation(labels: LabelSet, head, child, label: str) -> str | None:
    """Why relation `label` may not link `head` to `child` under the label set `labels`,
    or None when it may. The ends are spans (an event's trigger span stands for its event)
    or their labels; for ops.check_relation (ops/kind_actions.py) to refuse with."""
    return labels.why_not_relation(label, getattr(head, "label", head), getattr(child, "label", child))


def why_not_attribute(labels: LabelSet, target, name: str, value: str | None = None) -> str | None:
    """Why attribute `name` with `value` (None: binary, set) may not go on `target` (a
    span, an event, or its label or type), or None when it may."""
    kind = getattr(target, "type", None) or getattr(target, "label", target)
    return labels.why_not_attribute(name, kind, value)


def label_set_text(label_set: LabelSet) -> str:
    """The schema as a person reads it: labels with keys, event types with their roles."""
    lines = [f"{label_set.name} (version {label_set.version})"]
    if label_set.description:
        lines.append(label_set.description)
    lines += ["", f"Entity labels ({len(label_set.entities)}):"]
    width = max((len(e.name) for e in label_set.entities), default=0)
    for e in label_set.entities:
        lines.append(f"  {e.name:<{width}}  {_key(e.key)}  {e.colour}  {e.description}{_was(e)}".rstrip())
    lines += ["", f"Event types ({len(label_set.events)}):"]
    for ev in label_set.events:
        lines.append(f"  {ev.name}{'  ' + _key(ev.key) if ev.key else ''}  {ev.description}{_was(ev)}".rstrip())
        rwidth = max((len(r.name) for r in ev.roles), default=0)
        for role in ev.roles:
            how = ("required" if role.required else "optional") + (", many" if role.many else ", one")
            lines.append(f"      {role.name:<{rwidth}}  {' | '.join(role.labels)}  ({how}){_was(role)}")
    lines += ["", f"Relations ({len(label_set.relations)}):"]
    for rel in label_set.relations:
        kind = ", ".join(k for k, on in (("symmetric", rel.symmetric), ("transitive", rel.transitive)) if on)
        roles = "" if (rel.head_role, rel.child_role) == ("Arg1", "Arg2") else f"  [{rel.head_role} -> {rel.child_role}]"
        lines.append(f"  {rel.name}  {' | '.join(rel.heads)} -> {' | '.join(rel.children)}{roles}"
                     f"{f'  ({kind})' if kind else ''}  {rel.description}".rstrip())
    lines += ["", f"Attributes ({len(label_set.attributes)}):"]
    for attr in label_set.attributes:
        values = " | ".join(attr.values) if attr.values else "(set or not)"
        lines.append(f"  {attr.name}  on {' | '.join(attr.applies_to)}  {values}  {attr.description}".rstrip())
    lines += ["", f"Document labels ({len(label_set.doc_labels)}):"]
    for d in label_set.doc_labels:
        lines.append(f"  {d.name}  {_key(d.key)}  {d.description}{_was(d)}".rstrip())
    return "\n".join(lines)


def _key(key: str) -> str:
    return f"key {key}" if key else "no key"


def _was(item) -> str:
    return f"  (renamed from {', '.join(item.renamed_from)})" if item.renamed_from else ""


def _where(store: Store, use: tuple[int, list[int]], noun: str) -> str:
    count, docs = use
    named = ", ".join(export_id(store.documents.get(d)) or str(d) for d in docs[:SHOWN_DOCS])
    more = f" and {len(docs) - SHOWN_DOCS} more" if len(docs) > SHOWN_DOCS else ""
    return f"{count} {noun}{'s' if count != 1 else ''} in {named}{more}"

