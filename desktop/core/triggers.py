"""The trigger lexicon: the words that evoke each event type, so events are suggested before
any model is trained.

A lexicon is a TOML file (layout at the top of `resources/schemas/ace-triggers.toml`) that
names the label set its event types come from. This module reads and checks it against a
Schema; desktop/nlp/events.py matches it on spaCy's lemmas. Every problem is reported as
`FILE:LINE: reason`, so a user can fix the file from the message alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.model import BadInput
from desktop.core.label_set import LabelSet, _close, _either, _toml_position  # one wording for all files

# Scores a match gets before being shared among the types its words evoke.
STRONG, WEAK = 1.0, 0.5

# spaCy's Universal POS tags (spacy.glossary); a lexicon entry may restrict its first word to one.
POS_TAGS = frozenset({
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
    "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
})

_FIELDS = {
    "top": ("lexicon", "event"),
    "lexicon": ("name", "version", "schema", "description"),
    "event": ("type", "lemmas", "weak"),
}
# A lemma: lowercase words of letters, digits, apostrophes and inner hyphens, one space apart.
_WORDS = re.compile(r"[a-z0-9'’]+(?:-[a-z0-9'’]+)*(?: [a-z0-9'’]+(?:-[a-z0-9'’]+)*)*")
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_TABLE = re.compile(r"^\s*\[\[\s*event\s*\]\]", re.M)

# A lexicon is a few kilobytes; the limit keeps /dev/zero-like input from filling memory.
MAX_LEXICON_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Trigger:
    """One entry: the lemmas of a word or phrase that evokes `event_type`."""

    words: tuple[str, ...]  # ("open", "fire"); a hyphenated word stays one word: ("sit-in",)
    event_type: str
    pos: str = ""  # the first word's Universal POS tag, "" for any
    weak: bool = False
    line: int | None = None

    @property
    def key(self) -> tuple[tuple[str, ...], str]:
        """What a match is: the same words with the same POS restriction match the same tokens."""
        return self.words, self.pos


@dataclass(frozen=True, slots=True)
class Lexicon:
    name: str
    version: int
    label_set: str
    description: str
    triggers: tuple[Trigger, ...]

    def for_type(self, event_type: str) -> list[Trigger]:
        return [t for t in self.triggers if t.event_type == event_type]

    def types(self) -> list[str]:
        return list(dict.fromkeys(t.event_type for t in self.triggers))


class BadLexicon(BadInput):
    """A lexicon file with problems; `problems` holds every one as (line, reason)."""

    def __init__(self, problems: list[tuple[int | None, str]], file: str):
        self.problems = list(problems)
        (line, reason), rest = problems[0], problems[1:]
        # One `FILE:LINE: reason` a line, as compilers write them.
        more = "".join(f"\n{':'.join(str(p) for p in (file, n) if p is not None)}: {r}"
                       for n, r in rest)
        super().__init__(reason + more, file, line)


def load(path: str | Path, label_set: LabelSet) -> Lexicon:
    """Read a lexicon file and check it against `schema`; raises BadInput naming FILE:LINE."""
    from desktop.core import files

    data = files.read_bytes(path, limit=MAX_LEXICON_BYTES)
    name = files.display(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadInput(f"not UTF-8 text ({e.reason} at byte {e.start})", name) from None
    return loads(text, label_set, source=name)


def loads(toml_text: str, label_set: LabelSet, source: str = "<lexicon>") -> Lexicon:
    """Parse lexicon TOML and check it against `schema`; `source` names it in messages."""
    import tomllib

    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as e:
        reason, line = _toml_position(str(e), toml_text)
        raise BadInput(f"TOML syntax error: {reason}", source, line) from None
    reader = _Reader(toml_text)
    lexicon = reader.lexicon(data, label_set)
    if reader.problems:
        raise BadLexicon(sorted(reader.problems, key=lambda p: p[0] or 0), source)
    return lexicon


@functools.cache
def default_lexicon() -> Lexicon:
    """The ACE trigger lexicon shipped with the app, for the default label set."""
    from desktop.core.label_set import default_label_set
    from desktop.paths import resource

    return load(resource("schemas", "ace-triggers.toml"), default_label_set())


def parse_entry(entry: str) -> tuple[tuple[str, ...], str] | str:
    """("words", "POS") from `"lemma words/POS"`, or why the entry is malformed."""
    words, _, pos = entry.partition("/")
    if pos and pos not in POS_TAGS:
        return f'"{entry}": unknown part of speech "{pos}"; use a Universal POS tag such as VERB or NOUN.'
    if not _WORDS.fullmatch(words):
        return (f'"{entry}": a lemma is lowercase words one space apart '
                '(letters, digits, apostrophes and inner hyphens).')
    return tuple(words.split(" ")), pos


def _without_comment(line: str) -> str:
    """The line up to its comment, so a word quoted in a comment is not taken for an entry."""
    blanked = _STRING.sub(lambda m: " " * len(m.group(0)), line)
    cut = blanked.find("#")
    return line if cut < 0 else line[:cut]


class _Reader:
    """Turns parsed TOML into a Lexicon, collecting every problem with the line it is on."""

    def __init__(self, text: str) -> None:
        self.lines = [_without_comment(line) for line in text.splitlines()]
        self.problems: list[tuple[int | None, str]] = []
        # Where each [[event]] table starts (0-based line) and ends, in file order.
        starts = [text.count("\n", 0, m.start()) for m in _TABLE.finditer(text)]
        self.blocks = list(zip(starts, [*starts[1:], len(self.lines)]))

    def say(self, line: int | None, reason: str) -> None:
        self.problems.append((line, reason))

    def find(self, pattern: str, block: tuple[int, int] | None = None, nth: int = 0) -> int | None:
        """The 1-based line of the nth match of `pattern` in a block (or the head of the file)."""
        lo, hi = block or (0, self.blocks[0][0] if self.blocks else len(self.lines))
        found = re.compile(pattern)
        for i in range(lo, hi):
            for _ in found.finditer(self.lines[i]):
                if nth == 0:
                    return i + 1
                nth -= 1
        return lo + 1 if block else None

    def lexicon(self, data: dict[str, Any], label_set: LabelSet) -> Lexicon:
        self.unknown(data, "top", None, "table")
        head = data.get("lexicon")
        if not isinstance(head, dict):
            self.say(1, "The [lexicon] table (name, version, schema, description) is missing.")
            # Everything else in it would be reported missing too: say it once.
            head = {"name": "", "version": 1, "schema": label_set.name, "description": ""}
        self.unknown(head, "lexicon", None)
        name = self.text(head, "name", None, "")
        version = head.get("version", 0)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.say(self.find(r"^\s*version\s*=") or 1,
                     f"version must be a whole number from 1 up, not {version!r}.")
            version = 0
        for_label_set = self.text(head, "schema", None)
        if for_label_set and for_label_set != label_set.name:
            self.say(self.find(r"^\s*schema\s*="),
                     f'This lexicon is for the label set "{for_label_set}", not "{label_set.name}".')
        events = data.get("event", [])
        if not isinstance(events, list) or len(events) != len(self.blocks):
            self.say(self.find(r"^\s*\[?\s*event\b") or 1, "Write each event type as an [[event]] table.")
            events = []
        elif not events:
            self.say(len(self.lines) or 1, "The lexicon lists no event types; add an [[event]] table.")
        triggers: list[Trigger] = []
        seen_types: set[str] = set()
        for table, block in zip(events, self.blocks):
            triggers += self.event(table, block, label_set, seen_types)
        return Lexicon(name, version, for_label_set, self.text(head, "description", None, ""),
                       tuple(triggers))

    def event(self, table: dict, block: tuple[int, int], label_set: LabelSet, seen: set[str]) -> list[Trigger]:
        told = len(self.problems)
        self.unknown(table, "event", block)
        misspelt = len(self.problems) > told  # "lemma = [...]" lists lemmas, under a wrong name
        event_type = self.text(table, "type", block)
        where = self.find(r"^\s*type\s*=", block)
        if event_type in seen:
            self.say(where, f'Event type "{event_type}" has a second [[event]] table; merge the two.')
        elif event_type and label_set.event(event_type) is None:
            hint = _close(event_type, [e.name for e in label_set.events])
            self.say(where, f'Label set "{label_set.name}" has no event type "{event_type}"'
                     + (f'; did you mean "{hint[0]}"?' if hint else "."))
        seen.add(event_type)
        triggers: list[Trigger] = []
        listed: dict[tuple, str] = {}
        count: dict[str, int] = {}
        for field, weak in (("lemmas", False), ("weak", True)):
            entries = table.get(field, [])
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                self.say(self.find(rf"^\s*{field}\s*=", block),
                         f"{field} must be a list of lemmas in quotes.")
                continue
            for entry in entries:
                # The nth time this literal appears in the table is the line this entry is on.
                line = self.find(rf'"{re.escape(entry)}"', block, count.get(entry, 0))
                count[entry] = count.get(entry, 0) + 1
                parsed = parse_entry(entry)
                if isinstance(parsed, str):
                    self.say(line, parsed)
                    continue
                words, pos = parsed
                if (words, pos) in listed:
                    also = listed[words, pos]
                    self.say(line, f'"{entry}" is listed twice for {event_type} (also in {also}).')
                    continue
                listed[(words, pos)] = field
                triggers.append(Trigger(words, event_type, pos, weak, line))
        if not table.get("lemmas") and not table.get("weak") and not misspelt:
            self.say(block[0] + 1, f"{event_type or 'This event type'} lists no lemmas.")
        return triggers

    def unknown(self, table: dict, kind: str, block: tuple[int, int] | None, word: str = "field") -> None:
        for name in table:
            if name not in _FIELDS[kind]:
                hint = _close(name, _FIELDS[kind])
                also = f'did you mean "{hint[0]}"?' if hint else f"expected {_either(_FIELDS[kind], 'or')}."
                line = self.find(rf"^\s*(\[+\s*)?{re.escape(name)}\b", block)
                self.say(line, f'unknown {word} "{name}"; {also}')

    def text(self, table: dict, field: str, block: tuple[int, int] | None, default: str | None = None) -> str:
        value = table.get(field, default)
        if isinstance(value, str) and (value.strip() or default is not None):
            return value
        line = self.find(rf"^\s*{field}\s*=", block) if field in table else (block[0] + 1 if block else 1)
        self.say(line, f"{field} must be text, not {value!r}." if field in table else f"{field} is missing.")
        return ""
