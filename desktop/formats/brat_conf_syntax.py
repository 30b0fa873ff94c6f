"""The syntax of brat's annotation.conf, read and written as brat reads it
(server/src/projectconfig.py, https://brat.nlplab.org/configuration.html).

Four sections ([entities], alias [spans]; [relations]; [events]; [attributes]), one type a
line: its name, then comma-separated `KEY:TYPE|TYPE` arguments. What this reader follows:

- `#` comments, blank lines and lines of hyphens (display separators) are skipped;
- indentation is hierarchy (one character a level, as brat counts it); `!NAME` is a type
  for the hierarchy only, not for annotation; `<INHERIT>` repeats the parent's arguments;
- `<NAME>=A|B` defines a macro for the rest of its section;
- an argument key may end in `?` (optional), `*` (any number), `+` (one or more) or
  `{N}`/`{N-M}`; keys in angle brackets (`<REL-TYPE>:symmetric-transitive`,
  `<OVL-TYPE>:contain`, `<NORM>`) are settings, not arguments;
- `<OVERLAP>` and the older `ENTITY-NESTING` lines in [relations] say which entity spans
  may nest or cross;
- `NAME|alias|...`: the first term is the name; older tab-separated names with spaces
  get brat's storage form (spaces become "_").

Names go through brat_names (`Conflict__Attack` is `Conflict:Attack`), as .ann files do;
`<ENTITY>`, `<EVENT>`, `<ANY>`, `<RELATION>` stay as written. A line brat would refuse is a
BadInput naming FILE:LINE.

`parse` gives a `Conf` (the model); `text` writes one back (parse(text(c)) == c), and
desktop/formats/brat_conf.py turns a Conf into a label set and a label set (with what the
exported documents hold) into a Conf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core import files
from desktop.core.model import BadInput
from desktop.core.text import decode
from desktop.formats import brat_names

FILE = "annotation.conf"
SECTIONS = ("entities", "relations", "events", "attributes")
_ALIAS = {"spans": "entities"}
OVERLAP, NESTING = "<OVERLAP>", "ENTITY-NESTING"
# brat's reserved names (projectconfig.reserved_config_name): never macros, kept as written.
RESERVED = frozenset(f"<{n}>" for n in (
    "ANY", "ENTITY", "RELATION", "EVENT", "NONE", "EMPTY", "REL-TYPE", "URL", "URLBASE", "UNICODE",
    "GLYPH-POS", "DEFAULT", "NORM", "OVERLAP", "OVL-TYPE", "INHERIT"))
MANY = None  # an argument's maximum when it may repeat without limit
_MARK = {(1, 1): "", (0, 1): "?", (0, MANY): "*", (1, MANY): "+"}
_COUNT = {v: k for k, v in _MARK.items()}
_ARG = re.compile(r"(\S*?):(\S*)")
_KEY = re.compile(r"(\S+?)(\{\S+\}|\?|\*|\+|)")
_RANGE = re.compile(r"\{(\d+)(?:-(\d+))?\}")
_LINE = re.compile(r"(\s*)(\S+)(?:\s+(.*))?")
_MACRO = re.compile(r"<([a-zA-Z_-]+)>=\s*(.*?)\s*")
MAX_CONF_BYTES = 2_000_000  # brat's biggest shipped conf is ~60 kB


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a type: `role` may appear `minimum` to `maximum` (MANY: no limit)
    times, filled by one of `types` (names, or brat's <ENTITY>/<EVENT>/<ANY>)."""

    role: str
    types: tuple[str, ...]
    minimum: int = 1
    maximum: int | None = 1


@dataclass(frozen=True, slots=True)
class Node:
    """One line of a section: a type, where it sits in its hierarchy, its arguments and
    its settings (`<REL-TYPE>`: ("symmetric", "transitive"), `<OVL-TYPE>`: ("contain",)…)."""

    name: str
    args: tuple[Arg, ...] = ()
    settings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    abstract: bool = False
    depth: int = 0
    line: int = 0

    def setting(self, key: str) -> tuple[str, ...]:
        return next((values for k, values in self.settings if k == key), ())

    def arg(self, role: str) -> Arg | None:
        return next((a for a in self.args if a.role == role), None)


@dataclass(slots=True)
class Conf:
    """An annotation.conf: each section's nodes in file order (depth gives the hierarchy)."""

    entities: list[Node] = field(default_factory=list)
    relations: list[Node] = field(default_factory=list)
    events: list[Node] = field(default_factory=list)
    attributes: list[Node] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # "FILE:LINE: reason" for what brat also ignores

    def section(self, name: str) -> list[Node]:
        return getattr(self, name)

    def __eq__(self, other: object) -> bool:  # by content: line numbers and notes differ between copies
        return isinstance(other, Conf) and all(
            [_plain(n) for n in self.section(s)] == [_plain(n) for n in other.section(s)] for s in SECTIONS)


def _plain(node: Node) -> tuple:
    return node.name, node.args, node.settings, node.abstract, node.depth


def read(path: str | Path) -> Conf:
    """Parse the annotation.conf at `path`; raises BadInput naming FILE:LINE."""
    name = files.display(path)
    return parse(decode(files.read_bytes(path, limit=MAX_CONF_BYTES), name, lines=True), name)


def parse(text: str, source: str = FILE) -> Conf:
    conf, section, macros = Conf(), None, {}
    parents: dict[int, list[str]] = {}  # depth → the arguments last written at it, for <INHERIT>
    for number, line in enumerate(text.splitlines(), 1):
        m = re.fullmatch(r"\s*\[(.*)\]\s*", line)
        if m:
            section = _ALIAS.get(m.group(1), m.group(1))
            macros, parents = {}, {}  # macros are per section in brat
            if section not in SECTIONS:
                conf.ignored.append(f"{source}:{number}: section [{m.group(1)}] is not one brat reads; ignored")
            continue
        if not line.strip() or re.match(r"\s*#", line) or re.fullmatch(r"\s*-+\s*", line):
            continue
        if section is None or section not in SECTIONS:
            if section is None:
                conf.ignored.append(f"{source}:{number}: a line before any [section]; ignored")
            continue
        m = _MACRO.fullmatch(line)
        if m:
            if f"<{m.group(1)}>" in RESERVED:
                raise BadInput(f"<{m.group(1)}> is brat's own name and cannot be a macro", source, number)
            macros[f"<{m.group(1)}>"] = m.group(2)
            continue
        node, args = _node(_expand(line, macros, source, number), parents, section, source, number)
        parents[node.depth] = args
        conf.section(section).append(node)
    return conf


def _expand(line: str, macros: dict[str, str], source: str, number: int) -> str:
    for name, value in macros.items():
        line = line.replace(name, value)
    for m in re.finditer(r"<.*?>", line):
        if m.group() not in RESERVED:
            raise BadInput(f"undefined macro {m.group()} (macros hold only in their own section)", source, number)
    return line


def _node(line: str, parents: dict[int, list[str]], section: str, source: str,
          number: int) -> tuple[Node, list[str]]:
    indent, terms, rest = _LINE.fullmatch(line).groups()
    args = [a.strip() for a in (rest or "").split(",") if a.strip()]
    if any(re.search(r"\s", a) for a in args) and "\t" in line:
        # brat's older layout: a name with spaces, then a tab (brat stores it with "_")
        indent, terms, rest = re.fullmatch(r"(\s*)([^\t]+)(?:\t(.*))?", line).groups()
        terms = terms.strip().replace(" ", "_")
        args = [a.strip() for a in (rest or "").split(",") if a.strip()]
    depth = len(indent)
    if depth and depth - 1 not in parents:
        raise BadInput(f"indented {depth} but no type above it at depth {depth - 1}", source, number)
    first = next((t.strip() for t in terms.split("|") if t.strip()), "")
    abstract = first.startswith("!")
    name = first[1:] if abstract else first
    if not name:
        raise BadInput("a type with an empty name", source, number)
    if "<INHERIT>" in args:
        i = args.index("<INHERIT>")
        args[i:i + 1] = parents[depth - 1] if depth else []
    parsed, settings = [], []
    for a in args:
        m = _ARG.fullmatch(a)
        if not m:
            raise BadInput(f"argument {a!r} is not KEY:TYPE", source, number)
        key, types = m.groups()
        if key in RESERVED:
            settings.append((key, tuple(types.split("-") if key == "<REL-TYPE>" else types.split("|"))))
            continue
        parsed.append(_arg(key, types, section, source, number))
    roles = [p.role for p in parsed]
    if len(set(roles)) != len(roles):
        raise BadInput(f"{name}: an argument appears twice", source, number)
    node = Node(name if name in RESERVED or name == NESTING else _name(name, source, number),
                tuple(parsed), tuple(settings), abstract, depth, number)
    return node, args


def _arg(key: str, types: str, section: str, source: str, number: int) -> Arg:
    m = _KEY.fullmatch(key)
    if not m:
        raise BadInput(f"argument key {key!r} cannot be read", source, number)
    role, mark = m.groups()
    if mark.startswith("{"):
        r = _RANGE.fullmatch(mark)
        low, high = (int(r.group(1)), int(r.group(2) or r.group(1))) if r else (0, 0)
        if not r or high == 0 or low > high:
            raise BadInput(f"{key}: a count is {{N}} or {{N-M}} with 0 < N <= M", source, number)
        minimum, maximum = low, high
    else:
        minimum, maximum = _COUNT[mark]
    if (maximum is MANY or maximum > 1) and role[-1].isdigit():
        raise BadInput(f"{key}: a role ending in a digit cannot repeat (brat numbers repeats)", source, number)
    listed = [t.strip() for t in types.split("|")]
    if any(not t for t in listed):
        raise BadInput(f"{key}: an empty type", source, number)
    # Attribute values are free text; everything else names types.
    values = section == "attributes" and role == "Value"
    return Arg(role if values or section == "attributes" else _name(role, source, number),
               tuple(t if values or t in RESERVED else _name(t, source, number) for t in listed),
               minimum, maximum)


def _name(stored: str, source: str, number: int) -> str:
    try:
        return brat_names.decode(stored)
    except ValueError as err:
        raise BadInput(str(err), source, number) from None


# --- writing ----------------------------------------------------------------------------------


def text(conf: Conf, header: str = "") -> str:
    """The annotation.conf for `conf`; `header` (lines without "#") opens it as comments."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    for section in SECTIONS:
        out += [*([""] if out else []), f"[{section}]"]
        for node in conf.section(section):
            name = node.name if node.name in RESERVED or node.name == NESTING else brat_names.encode(node.name)
            args = ", ".join(_written_args(node, section))
            out.append("\t" * node.depth + ("!" if node.abstract else "") + name + (f"\t{args}" if args else ""))
    return "\n".join(out) + "\n"


def _written_args(node: Node, section: str) -> list[str]:
    out = []
    for a in node.args:
        mark = _MARK.get((a.minimum, a.maximum))
        if mark is None:
            mark = f"{{{a.minimum}}}" if a.minimum == a.maximum else f"{{{a.minimum}-{a.maximum}}}"
        attribute = section == "attributes"
        role = a.role if attribute else brat_names.encode(a.role)
        types = a.types if attribute and a.role == "Value" else [
            t if t in RESERVED else brat_names.encode(t) for t in a.types]
        out.append(f"{role}{mark}:{'|'.join(types)}")
    for key, values in node.settings:
        out.append(f"{key}:{('-' if key == '<REL-TYPE>' else '|').join(values)}")
    return out
