"""The label set: entity labels, event types with their roles, relations, attributes and
document labels.

"Schema" in this code means the database's tables (store/migrations.py); what annotators
choose from is the label set. The CLI keeps its word for it (`spandesk schema show|check|set`)
and the files keep their folder (`resources/schemas/`), as users already know them.

Labels are data (brat's `annotation.conf`): a project's label set is read from a TOML file
under `resources/schemas/` and stored in the database as JSON. This module reads, checks
and answers questions about a label set; the TOML layout is described at the top of
`resources/schemas/news-events.toml`.

Renames are declared in the new label set: `renamed_from = ["OLD"]` on an entity label, event
type, role or document label says that annotations carrying OLD now carry this name.
`spandesk schema set` applies them; a name may be claimed by one label of its kind only.

Relations and attributes name what they may join or apply to by entity label or event type,
or by brat's wildcards: `<ENTITY>` (any entity label), `<EVENT>` (any event type), `<ANY>`.
Event roles may use them too (brat's `Theme:<EVENT>|Protein`). A relation may be declared
more than once under one name, each declaration one allowed pairing (brat's `Equiv` per
entity type); a pairing is allowed when any declaration allows it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.core import label_colours
from desktop.core.model import BadInput

# Keys the app binds to actions (Prodigy's a, x, space, backspace, and the app's own), so
# a label pressed alone may not use them. The actions table in the UI must agree.
RESERVED_KEYS = frozenset({"a", "x", "space", "backspace", "e", "r", "d", "n", "p", "z", "s", ";"})

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

# brat's wildcards, kept in its spelling so an annotation.conf reads and writes unchanged.
ANY_ENTITY, ANY_EVENT, ANYTHING = "<ENTITY>", "<EVENT>", "<ANY>"
WILDCARDS = (ANY_ENTITY, ANY_EVENT, ANYTHING)


@dataclass(frozen=True, slots=True)
class EntityLabel:
    name: str
    colour: str
    key: str = ""
    description: str = ""
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    labels: tuple[str, ...]
    required: bool = False
    many: bool = True
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    key: str = ""
    description: str = ""
    roles: tuple[Role, ...] = ()
    renamed_from: tuple[str, ...] = ()

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)


@dataclass(frozen=True, slots=True)
class DocLabel:
    name: str
    key: str = ""
    description: str = ""
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RelationType:
    """One allowed pairing for relation `name`: a head labelled with one of `heads`, a child
    with one of `children`. `head_role`/`child_role` are brat's argument names; a symmetric
    relation also allows the pairing reversed (brat's `<REL-TYPE>:symmetric`)."""

    name: str
    heads: tuple[str, ...]
    children: tuple[str, ...]
    head_role: str = "Arg1"
    child_role: str = "Arg2"
    symmetric: bool = False
    transitive: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class AttributeType:
    """An attribute of spans or events: binary (set or not) when `values` is empty, else
    one of `values`. `applies_to` names entity labels, event types or wildcards."""

    name: str
    applies_to: tuple[str, ...]
    values: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class LabelSet:
    name: str
    version: int
    description: str
    entities: tuple[EntityLabel, ...]
    events: tuple[EventType, ...] = ()
    doc_labels: tuple[DocLabel, ...] = ()
    relations: tuple[RelationType, ...] = ()
    attributes: tuple[AttributeType, ...] = ()

    def entity(self, name: str) -> EntityLabel | None:
        return next((e for e in self.entities if e.name == name), None)

    def event(self, name: str) -> EventType | None:
        return next((e for e in self.events if e.name == name), None)

    def label_for_key(self, key: str) -> EntityLabel | None:
        """The entity label a key press applies; letters match in either case."""
        if not key:
            return None
        return next((e for e in self.entities if e.key and _key_id(e.key) == _key_id(key)), None)

    def roles_for(self, event_type: str, entity_label: str) -> list[Role]:
        """The roles of `event_type` that a span labelled `entity_label` may fill."""
        event = self.event(event_type)
        return [r for r in event.roles if self.allows(r.labels, entity_label)] if event else []

    def allows(self, allowed: tuple[str, ...], label: str) -> bool:
        """Whether `label` (an entity label, or an event type for an event) is one of
        `allowed` or matches one of its wildcards."""
        return (label in allowed or ANYTHING in allowed
                or (ANY_ENTITY in allowed and self.entity(label) is not None)
                or (ANY_EVENT in allowed and self.event(label) is not None))

    def relation(self, name: str) -> tuple[RelationType, ...]:
        """Every declaration of relation `name` (one per allowed pairing)."""
        return tuple(r for r in self.relations if r.name == name)

    def attribute(self, name: str) -> AttributeType | None:
        return next((a for a in self.attributes if a.name == name), None)

    def why_not(self, event_type: str, role: str, entity_label: str) -> str | None:
        """Why a span labelled `entity_label` cannot fill `role`, or None when it can."""
        event = self.event(event_type)
        if event is None:
            return f'Schema "{self.name}" has no event type "{event_type}".'
        found = event.role(role)
        if found is None:
            roles = _either([r.name for r in event.roles], "and") or "none"
            return f'{event_type} has no role "{role}"; its roles are {roles}.'
        if self.allows(found.labels, entity_label):
            return None
        return f"{role} takes {_either(found.labels, 'or')}, not {entity_label}."

    def why_not_relation(self, label: str, head: str, child: str) -> str | None:
        """Why relation `label` cannot link a head labelled `head` to a child labelled
        `child` (entity labels, or event types for events), or None when it can. A label
        set that declares no relations leaves them free, as label sets did before they
        could declare any (a project keeps the label set it was created with)."""
        if not self.relations:
            return None
        found = self.relation(label)
        if not found:
            names = sorted({r.name for r in self.relations})
            listed = _either(names, "and") if len(names) <= 6 else f"{', '.join(names[:5])} and {len(names) - 5} more"
            return f'Schema "{self.name}" has no relation "{label}"; its relations are {listed}.'
        for r in found:
            if self.allows(r.heads, head) and self.allows(r.children, child):
                return None
            if r.symmetric and self.allows(r.heads, child) and self.allows(r.children, head):
                return None
        pairings = "; ".join(f"{_either(r.heads, 'or')} to {_either(r.children, 'or')}" for r in found)
        return f"{label} links {pairings}, not {head} to {child}."

    def why_not_attribute(self, name: str, target: str, value: str | None = None) -> str | None:
        """Why attribute `name` with `value` (None: a binary attribute set) cannot go on an
        annotation labelled `target` (entity label, or event type), or None when it can.
        Free, like relations, when the label set declares no attributes."""
        if not self.attributes:
            return None
        found = self.attribute(name)
        if found is None:
            names = _either([a.name for a in self.attributes], "and") or "none"
            return f'Schema "{self.name}" has no attribute "{name}"; its attributes are {names}.'
        if not self.allows(found.applies_to, target):
            return f"{name} applies to {_either(found.applies_to, 'or')}, not {target}."
        if not found.values:
            return None if value is None else f'{name} is set or not; it takes no value ("{value}").'
        if value is None:
            return f"{name} needs a value: {_either(found.values, 'or')}."
        if value not in found.values:
            return f'{name} takes {_either(found.values, "or")}, not "{value}".'
        return None


class BadLabelSet(BadInput):
    """A schema file with problems; `problems` lists every one, each a sentence."""

    def __init__(self, problems: list[str], file: str | None = None):
        self.problems = list(problems)
        if len(problems) == 1:
            reason = problems[0]
        else:
            listed = "\n".join(f"  - {p}" for p in problems)
            reason = f"{len(problems)} problems in the schema:\n{listed}"
        super().__init__(reason, file)


# --- reading and writing --------------------------------------------------------------------


# A schema is a few kilobytes; the limit keeps /dev/zero-like input from filling memory.
MAX_LABEL_SET_BYTES = 1_000_000


def load(path: str | Path) -> LabelSet:
    """Read and check a schema file; raises BadInput naming the file (and line, if known).

    Only a regular file of at most MAX_SCHEMA_BYTES is read (see desktop/core/files.py)."""
    from desktop.core import files

    data = files.read_bytes(path, limit=MAX_LABEL_SET_BYTES)
    name = files.display(path)
    try:
        text = data.decode("utf-8-sig")  # -sig: editors on Windows may add a BOM
    except UnicodeDecodeError as e:
        raise BadInput(f"not UTF-8 text ({e.reason} at byte {e.start})", name) from None
    return loads(text, source=name)


def loads(toml_text: str, source: str = "<schema>") -> LabelSet:
    """Parse and check schema TOML; `source` names it in error messages."""
    import tomllib  # only when a TOML file is read: projects keep their schema as JSON

    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as e:
        reason, line = _toml_position(str(e), toml_text)
        raise BadInput(f"TOML syntax error: {reason}", source, line) from None
    except RecursionError:  # tomllib recurses once per level of arrays and inline tables
        raise BadInput("arrays or inline tables nested too deeply to read", source) from None
    label_set, problems = _from_dict(data)
    if not problems:
        problems = check(label_set)
    if problems:
        raise BadLabelSet(problems, source)
    return label_set


@functools.cache
def default_label_set() -> LabelSet:
    """The "news-events" schema shipped with the app."""
    from desktop.paths import resource  # finds resources/ inside a PyInstaller bundle too

    return load(resource("schemas", "news-events.toml"))


def to_json(label_set: LabelSet) -> str:
    """The schema as JSON, in the same layout as the TOML file, for project metadata."""
    data = {
        "schema": {
            "name": label_set.name, "version": label_set.version, "description": label_set.description,
        },
        "entity": [_plain(e) for e in label_set.entities],
        "event": [_plain(e) for e in label_set.events],
        "doc_label": [_plain(d) for d in label_set.doc_labels],
    }
    # Only when declared, so a label set without them keeps its JSON (and TOML) as it was.
    if label_set.relations:
        data["relation"] = [_plain(r) for r in label_set.relations]
    if label_set.attributes:
        data["attribute"] = [_plain(a) for a in label_set.attributes]
    return json.dumps(data, ensure_ascii=False)


def _plain(item) -> dict[str, Any]:
    """A label as a dict; an empty `renamed_from` is left out, as the TOML files leave it out."""
    data = asdict(item)
    for role in data.get("roles", []):
        if not role["renamed_from"]:
            del role["renamed_from"]
    if not data.get("renamed_from", True):
        del data["renamed_from"]
    return data


def from_json(s: str, source: str = "project metadata") -> LabelSet:
    """The schema `to_json` wrote. Only the structure is checked, not `check()`'s rules,
    so a project keeps opening if a later version of the app reserves another key."""
    label_set, problems = _from_dict(label_colours.parse(s, source))
    if problems:
        raise BadLabelSet(problems, source)
    return label_set


def _toml_position(message: str, text: str) -> tuple[str, int | None]:
    """Split tomllib's "reason (at line L, column C)" into a reason and a line number."""
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if m:
        return f"{message[: m.start()]} at column {m.group(2)}", int(m.group(1))
    m = re.search(r"\s*\(at end of document\)$", message)
    if m:
        return f"{message[: m.start()]} at the end of the file", text.count("\n") + 1
    return message, None


# --- structure: from parsed TOML or JSON to dataclasses ------------------------------------

_FIELDS = {
    "top": ("schema", "entity", "event", "doc_label", "relation", "attribute"),
    "schema": ("name", "version", "description"),
    "entity": ("name", "colour", "key", "description", "renamed_from"),
    "event": ("name", "key", "description", "roles", "renamed_from"),
    "role": ("name", "labels", "required", "many", "renamed_from"),
    "doc_label": ("name", "key", "description", "renamed_from"),
    # No renamed_from yet: renaming stored relations and attributes is not offered yet.
    "relation": ("name", "heads", "children", "head_role", "child_role", "symmetric", "transitive",
                 "description"),
    "attribute": ("name", "applies_to", "values", "description"),
}
_KINDS = {str: "text", bool: "true or false", int: "a whole number", list: "a list of label names"}
_NEEDED = object()


class _Reader:
    """Pulls typed fields out of parsed tables, collecting every problem on the way."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def unknown(self, table: dict, kind: str, where: str, word: str = "field") -> None:
        for name in table:
            if name not in _FIELDS[kind]:
                hint = _close(name, _FIELDS[kind])
                also = f'did you mean "{hint[0]}"?' if hint else f"expected {_either(_FIELDS[kind], 'or')}."
                self.problems.append(f'{where}: unknown {word} "{name}"; {also}')

    def tables(self, value: Any, kind: str, label: str) -> Iterator[tuple[dict, str, str]]:
        """Each table of a `[[kind]]` list as (table, where, name); anything else is reported."""
        if not isinstance(value, list):
            self.problems.append(f"{label}s must be a list of tables, not {_shown(value)}.")
            return
        for i, table in enumerate(value, 1):
            where = f"{label} #{i}"
            if not isinstance(table, dict):
                self.problems.append(f"{where} must be a table, not {_shown(table)}.")
                continue
            if isinstance(table.get("name"), str) and table["name"]:
                where = f'{where} "{table["name"]}"'
            self.unknown(table, kind, where)
            yield table, where, self.get(table, "name", str, where)

    def get(self, table: dict, field: str, kind: type, where: str, default: Any = _NEEDED) -> Any:
        if field not in table:
            if default is _NEEDED:
                self.problems.append(f"{where} has no {field}.")
                return kind()
            return default
        value = table[field]
        if kind is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = isinstance(value, kind)
        if not ok:
            self.problems.append(f"{where}: {field} must be {_KINDS[kind]}, not {_shown(value)}.")
            return kind()
        return value


def _from_dict(data: Any) -> tuple[LabelSet, list[str]]:
    r = _Reader()
    if not isinstance(data, dict):
        return LabelSet("", 0, "", ()), [f"A schema must be a table of tables, not {_shown(data)}."]
    r.unknown(data, "top", "The schema file", word="table")
    head = data.get("schema", {})
    if "schema" not in data:
        r.problems.append("The [schema] table (name, version, description) is missing.")
    elif not isinstance(head, dict):
        r.problems.append(f"[schema] must be a table, not {_shown(head)}.")
        head = {}
    r.unknown(head, "schema", "[schema]")

    def renamed(t: dict, where: str) -> tuple[str, ...]:
        return tuple(r.get(t, "renamed_from", list, where, []))

    entities = tuple(
        EntityLabel(name, r.get(t, "colour", str, where), r.get(t, "key", str, where, ""),
                    r.get(t, "description", str, where, ""), renamed(t, where))
        for t, where, name in r.tables(data.get("entity", []), "entity", "Entity label")
    )
    events = tuple(
        EventType(
            name, r.get(t, "key", str, where, ""), r.get(t, "description", str, where, ""),
            tuple(
                Role(rname, tuple(r.get(rt, "labels", list, rwhere)),
                     r.get(rt, "required", bool, rwhere, False), r.get(rt, "many", bool, rwhere, True),
                     renamed(rt, rwhere))
                for rt, rwhere, rname in r.tables(t.get("roles", []), "role", f"{where}, role")
            ),
            renamed(t, where),
        )
        for t, where, name in r.tables(data.get("event", []), "event", "Event type")
    )
    doc_labels = tuple(
        DocLabel(name, r.get(t, "key", str, where, ""), r.get(t, "description", str, where, ""),
                 renamed(t, where))
        for t, where, name in r.tables(data.get("doc_label", []), "doc_label", "Document label")
    )
    relations = tuple(
        RelationType(name, tuple(r.get(t, "heads", list, where)), tuple(r.get(t, "children", list, where)),
                     r.get(t, "head_role", str, where, "Arg1"), r.get(t, "child_role", str, where, "Arg2"),
                     r.get(t, "symmetric", bool, where, False), r.get(t, "transitive", bool, where, False),
                     r.get(t, "description", str, where, ""))
        for t, where, name in r.tables(data.get("relation", []), "relation", "Relation")
    )
    attributes = tuple(
        AttributeType(name, tuple(r.get(t, "applies_to", list, where)), tuple(r.get(t, "values", list, where, [])),
                      r.get(t, "description", str, where, ""))
        for t, where, name in r.tables(data.get("attribute", []), "attribute", "Attribute")
    )
    label_set = LabelSet(
        r.get(head, "name", str, "[schema]", ""), r.get(head, "version", int, "[schema]", 0),
        r.get(head, "description", str, "[schema]", ""), entities, events, doc_labels, relations, attributes,
    )
    return label_set, r.problems


# --- rules ----------------------------------------------------------------------------------


def check(label_set: LabelSet) -> list[str]:
    """Every problem with the schema, each a sentence a user can act on; [] when sound."""
    problems: list[str] = []
    say = problems.append
    if not label_set.name.strip():
        say("The schema has no name ([schema] name).")
    if label_set.version < 1:
        say(f"The schema version must be a whole number from 1 up, not {label_set.version}.")
    if not label_set.entities:
        say("The schema has no entity labels; add at least one [[entity]].")

    known = {e.name for e in label_set.entities}
    fillers = known | {ev.name for ev in label_set.events} | set(WILDCARDS)
    # Entity and event keys are pressed alone in the same window, so they share one space.
    pressed: dict[str, str] = {}
    for e in label_set.entities:
        what = f'Entity label "{e.name}"'
        _check_name(e.name, what, "An entity label has an empty name.", say, spaces=False)
        if not _COLOUR.fullmatch(e.colour):
            say(f'{what} has colour "{e.colour}"; write colours as "#rrggbb", e.g. "#aa9cfc".')
        _check_key(e.key, what, pressed, say, reserved=True)
    _check_unique([e.name for e in label_set.entities], "Entity label", say)

    for ev in label_set.events:
        what = f'Event type "{ev.name}"'
        _check_name(ev.name, what, "An event type has an empty name.", say, spaces=True)
        _check_key(ev.key, what, pressed, say, reserved=True)
        for role in ev.roles:
            rwhat = f'{what}, role "{role.name}"'
            _check_name(role.name, rwhat, f"{what} has a role with an empty name.", say, spaces=False)
            if not role.labels:
                say(f"{rwhat} lists no entity labels that may fill it.")
            for label in role.labels:
                if label not in fillers:
                    hint = _close(label, sorted(known))
                    say(f'{rwhat} takes "{label}", which is not an entity label in this schema'
                        + (f' (did you mean "{hint[0]}"?).' if hint else "."))
            _check_unique(list(role.labels), f"{rwhat}: label", say)
        _check_unique([r.name for r in ev.roles], f"{what}: role", say)
    _check_unique([ev.name for ev in label_set.events], "Event type", say)

    # Document-label keys are pressed with a modifier, so only clashes among them matter.
    doc_keys: dict[str, str] = {}
    for d in label_set.doc_labels:
        what = f'Document label "{d.name}"'
        _check_name(d.name, what, "A document label has an empty name.", say, spaces=True)
        _check_key(d.key, what, doc_keys, say, reserved=False)
    _check_unique([d.name for d in label_set.doc_labels], "Document label", say)

    _check_renames(label_set.entities, "Entity label", say)
    _check_renames(label_set.events, "Event type", say)
    for ev in label_set.events:
        _check_renames(ev.roles, f'Event type "{ev.name}": role', say)
    _check_renames(label_set.doc_labels, "Document label", say)
    _check_relations(label_set, fillers, say)
    _check_attributes(label_set, fillers, say)
    return problems


def _check_relations(label_set: LabelSet, fillers: set[str], say) -> None:
    """A relation's ends must be labels of the set; declarations sharing a name are
    pairings of one relation, so they must agree on its roles and kind."""
    first: dict[str, RelationType] = {}
    pairings: set[tuple] = set()
    for rel in label_set.relations:
        what = f'Relation "{rel.name}"'
        _check_name(rel.name, what, "A relation has an empty name.", say, spaces=False)
        for end, labels in (("heads", rel.heads), ("children", rel.children)):
            if not labels:
                say(f"{what} lists no {end}.")
            _check_known(labels, f"{what}, {end}", fillers, say)
        for role in (rel.head_role, rel.child_role):
            _check_name(role, f'{what}, role "{role}"', f"{what} has an empty role name.", say, spaces=False)
        if rel.head_role == rel.child_role and rel.head_role.strip():
            say(f'{what} names both ends "{rel.head_role}"; the head and child roles must differ.')
        seen = first.setdefault(rel.name, rel)
        if (seen.head_role, seen.child_role, seen.symmetric, seen.transitive) != (
                rel.head_role, rel.child_role, rel.symmetric, rel.transitive):
            say(f"{what} is declared more than once with different roles or symmetry.")
        pairing = (rel.name, frozenset(rel.heads), frozenset(rel.children))
        if pairing in pairings and rel.name.strip():
            say(f"{what} is declared twice with the same heads and children.")
        pairings.add(pairing)


def _check_attributes(label_set: LabelSet, fillers: set[str], say) -> None:
    for attr in label_set.attributes:
        what = f'Attribute "{attr.name}"'
        _check_name(attr.name, what, "An attribute has an empty name.", say, spaces=False)
        if not attr.applies_to:
            say(f"{what} applies to nothing; list entity labels, event types or <ENTITY>/<EVENT>/<ANY>.")
        _check_known(attr.applies_to, f"{what}, applies_to", fillers, say)
        for value in attr.values:
            _check_name(value, f'{what}, value "{value}"', f"{what} has an empty value.", say, spaces=False)
        _check_unique(list(attr.values), f"{what}: value", say)
    _check_unique([a.name for a in label_set.attributes], "Attribute", say)


def _check_known(labels, what: str, fillers: set[str], say) -> None:
    for label in labels:
        if label not in fillers:
            hint = _close(label, sorted(fillers))
            say(f'{what}: "{label}" is not an entity label, event type or wildcard in this schema'
                + (f' (did you mean "{hint[0]}"?).' if hint else "."))


def _check_renames(items, what: str, say) -> None:
    """An old name must be gone from the schema and claimed by one label only, or a
    rename would be ambiguous."""
    names = {item.name for item in items}
    claimed: dict[str, str] = {}
    for item in items:
        for old in item.renamed_from:
            if not old.strip():
                say(f'{what} "{item.name}" is renamed from an empty name.')
            elif old in names:
                say(f'{what} "{item.name}" is renamed from "{old}", which is still in the schema.')
            elif old in claimed and claimed[old] != item.name:
                say(f'{what} "{old}" is renamed to both "{claimed[old]}" and "{item.name}".')
            else:
                claimed[old] = item.name


def _check_name(name: str, what: str, if_empty: str, say, *, spaces: bool) -> None:
    if not name.strip():
        say(if_empty)
    elif name != name.strip():
        say(f"{what} starts or ends with a space.")
    elif not spaces and any(c.isspace() for c in name):
        # CoNLL columns and brat .ann lines are split on whitespace.
        say(f'{what} contains a space; use "_" or "-" instead.')


def _check_key(key: str, what: str, taken: dict[str, str], say, *, reserved: bool) -> None:
    if not key:
        return
    kid = _key_id(key)
    if reserved and kid in RESERVED_KEYS:
        say(f'{what} uses key "{key}", which the app reserves for an action '
            f"({', '.join(sorted(RESERVED_KEYS))}).")
        return
    if len(key) != 1 or key.isspace():
        say(f'{what} has key "{key}"; a key is one letter, digit or sign, or "" for none.')
        return
    if kid in taken:
        say(f'{what} uses key "{key}", already used by {taken[kid]}.')
    else:
        taken[kid] = what


def _check_unique(names: list[str], what: str, say) -> None:
    seen: set[str] = set()
    told: set[str] = set()
    for name in names:
        if name in seen and name not in told and name.strip():
            say(f'{what} "{name}" appears more than once.')
            told.add(name)
        seen.add(name)


def _shown(value: Any, limit: int = 60) -> str:
    """A value from the file as a message shows it: a scalar's repr, cut to about `limit`
    characters; a list or table by its kind only (its repr may be huge or too deep)."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _key_id(key: str) -> str:
    """One spelling per physical key: letters in either case are the same key."""
    return "space" if key == " " else key.lower()


def _either(items, last: str) -> str:
    """"A, B or C" (last="or") or "A, B and C"; "" for no items."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _close(name: str, candidates) -> list[str]:
    """The nearest candidate, for "did you mean" hints (difflib loads only when needed)."""
    import difflib

    return difflib.get_close_matches(name, candidates, n=1)
