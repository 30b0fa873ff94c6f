"""brat standoff: a folder with NAME.txt and NAME.ann per document and an annotation.conf,
so the folder opens in brat as it is (https://brat.nlplab.org/standoff.html).

Writing. NAME is the document's id as JSONL writes it, with anything but letters,
digits, ".", "-" and "_" turned into "_", made unique (case-insensitively, for the file
systems that ignore case) with "-2", "-3"… `.ann` lines, in this order:

    T1<TAB>PERSON 10 17<TAB>Tokayev               entity spans, then triggers
    E1<TAB>Conflict__Attack:T5 Attacker:T1 Attacker2:T2 Place:T3
    A1<TAB>Suggested T2                            an entity span still to review
    R1<TAB>Located Arg1:T1 Arg2:T2                  relations, attributes, notes,
    A2<TAB>Confidence E1 High                       normalisations and equivalence
    #1<TAB>AnnotatorNotes T1<TAB>text               sets (brat_kinds.py)
    N1<TAB>Reference T1 Wikipedia:64488<TAB>name
    *<TAB>Equiv T1 T3

Type and role names go through the reversible mapping in brat_names.py (":" → "__").
A repeated role is numbered as brat numbers it: Attacker, Attacker2, Attacker3.
Suggested (not yet accepted) entity spans carry the `Suggested` attribute, declared in
annotation.conf; accepted spans carry none. A span crossing a line break is written as
brat writes it, one fragment per line (`T1<TAB>X 0 5;6 11<TAB>first second`).
annotation.conf is written by brat_conf.py: everything the label set declares plus what
the data uses beyond it, and the `<OVERLAP>` rule the documents' nested spans need. brat has no document-level annotation, so document labels
are not written.

Reading pairs NAME.txt with NAME.ann (a .txt alone is a document without annotations)
in the folder and its subfolders (see `read` for which names) and parses T, E, R, A, M (as
A), #, N and `*` lines; each line may name ids defined after it. What the project cannot
hold is read and listed in `Record.dropped` with its line: a relation or equivalence with
an event among its ends, a note, attribute or normalisation on an annotation it cannot
have. Spans are import spans, accepted unless marked Suggested. An event's
argument may be another event (`E2<TAB>Regulation:T5 Theme:E1`, E1 defined before or after):
it is stored as a reference to that event (its span is the event's trigger, trigger
layer, labelled with its type) and written back as `Theme:E1`, naming that very event even
when others share its trigger and type; events that are arguments of each other (a
cycle) are refused. A bad line is
reported as FILE:LINE: reason and the document is not read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.model import BadInput, Layer, Record, State
from desktop.core.label_set import LabelSet
from desktop.formats import brat_kinds, brat_names, event_dicts
from desktop.formats.brat_read import SUGGESTED, read_document
from desktop.formats.jsonl import export_id
from desktop.formats import brat_conf  # writes annotation.conf (after the others: merges apart from them)

CONF = "annotation.conf"
# Where brat (Python's universal newlines) would end a line inside a span's text.
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_UNSAFE = re.compile(r"[^\w.-]+")


def is_folder(path: str | Path) -> bool:
    """A folder brat would open: it holds an annotation.conf or .ann files."""
    path = Path(path)
    return path.is_dir() and ((path / CONF).is_file() or any(path.glob("*.ann")))


def read(folder: Path) -> Iterator[Record | BadInput]:
    """Yield a Record per NAME.txt (sorted by path), or a BadInput for a bad document.

    NAME is everything before the last ".txt" or ".ann", dots included (`esp.testa.1`),
    and may start with a dot. Hidden subfolders (`.git`, `.ipynb_checkpoints`) are not
    read, as a folder import skips them, nor are the `._NAME` AppleDouble files macOS
    leaves on other file systems (they are not text).
    """
    folder = Path(folder)
    if not folder.is_dir():  # `import --format brat` names the file: say so rather than read nothing
        yield BadInput("brat is read as a folder of NAME.txt and NAME.ann files; give the folder, not a file",
                       str(folder))
        return
    for name, (txt, ann) in sorted(_listing(str(folder)).items()):
        yield read_document(name + ".txt", name + ".ann", found=(txt, ann))


def _listing(root: str) -> dict[str, tuple[bool, bool | None]]:
    """NAME → whether NAME.txt and NAME.ann are files (None: an .ann that is no file), for every name either ends with in
    the folder and its subfolders, as `folder.rglob` finds them (symbolic links to folders
    not followed, unreadable subfolders passed over), minus hidden subfolders and
    AppleDouble files. One directory listing per folder, whose entries know their type:
    no stat or exists check per file (half of reading a brat folder's time was those)."""
    found: dict[str, list[bool]] = {}
    folders = [root]
    while folders:
        top = folders.pop()
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except PermissionError:  # as rglob: a folder we may not list has nothing for us
            continue
        for entry in entries:
            name = entry.name
            if name.endswith((".txt", ".ann")) and not (name.startswith("._") and _apple_double(Path(entry.path))):
                is_ann = name.endswith(".ann")
                # an .ann that is no file is None: its document is refused, not read without annotations
                found.setdefault(entry.path[:-4], [False, False])[is_ann] = _is_file(entry) or (None if is_ann else False)
            if not name.startswith(".") and _is_dir(entry) and not entry.is_symlink():
                folders.append(entry.path)
    return {name: (txt, ann) for name, (txt, ann) in found.items()}


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _apple_double(path: Path) -> bool:
    if not path.name.startswith("._"):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x00\x05\x16\x07"
    except OSError:
        return False


def write(records: Iterable[Record], folder: Path, label_set: LabelSet | None = None) -> int:
    """Write each record as NAME.txt and NAME.ann, then annotation.conf; returns how many."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    base = os.path.join(folder, "")  # names joined as strings: a Path per file cost more than writing it
    taken: set[str] = set()
    seen = brat_conf.Seen()  # what annotation.conf must declare beyond the label set
    count = 0
    for record in records:
        name = _unique(_UNSAFE.sub("_", export_id(record.doc) or "doc")[:100].strip("._") or "doc", taken)
        _write(f"{base}{name}.txt", record.doc.text.encode("utf-8"))
        _write(f"{base}{name}.ann", ann(record).encode("utf-8"))
        seen.add(record)
        count += 1
    brat_conf.write(folder, label_set, seen)
    return count


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


def ann(record: Record) -> str:
    """The .ann text of one record."""
    text, lines = record.doc.text, []
    events = event_dicts.sorted_events(record)
    # An argument whose span is a trigger is an event (brat's `Theme:E1`), not a mention.
    kinds = {(e.trigger.start, e.trigger.end, e.type) for e in events}
    entities = {key: span for key, span in event_dicts.entities(record, events).items()
                if not (span.layer == Layer.TRIGGER and key in kinds)}
    first = {}  # (start, end, type) → the E id of the first event with that trigger
    for n, event in enumerate(events, 1):
        first.setdefault((event.trigger.start, event.trigger.end, event.type), f"E{n}")
    # an argument that is an event names that event (Argument.event), whichever shares its trigger
    named = {event: f"E{n + 1}" for event, n in event_dicts.positions(record).items()}
    ids: dict[tuple, str] = {}
    for key in sorted(entities):
        ids[key] = f"T{len(ids) + 1}"
        lines.append(_textbound(ids[key], key, text))
    triggers: dict[tuple, str] = {}
    for event in events:
        key = (event.trigger.start, event.trigger.end, event.type)
        if key not in triggers:
            triggers[key] = f"T{len(ids) + len(triggers) + 1}"
            lines.append(_textbound(triggers[key], key, text))
    for n, event in enumerate(events, 1):
        t = event.trigger
        parts = [f"{brat_names.encode(event.type)}:{triggers[(t.start, t.end, event.type)]}"]
        used: dict[str, int] = {}
        for arg in event.arguments:
            used[arg.role] = used.get(arg.role, 0) + 1
            number = "" if used[arg.role] == 1 else str(used[arg.role])
            key = (arg.span.start, arg.span.end, arg.span.label)
            if arg.event is not None and arg.event in named:
                target = named[arg.event]
            else:
                target = first[key] if arg.span.layer == Layer.TRIGGER and key in first else ids[key]
            parts.append(f"{brat_names.encode(arg.role)}{number}:{target}")
        lines.append(f"E{n}\t{' '.join(parts)}")
    suggested = [key for key in sorted(entities) if entities[key].state == State.SUGGESTED]
    lines += [f"A{n}\t{SUGGESTED} {ids[key]}" for n, key in enumerate(suggested, 1)]
    lines += brat_kinds.lines(record, events, ids, triggers, first_attribute=len(suggested) + 1)
    return "".join(line + "\n" for line in lines)


def _textbound(ident: str, key: tuple[int, int, str], text: str) -> str:
    start, end, label = key
    pieces, pos = [], start
    for m in _BREAKS.finditer(text, start, end):
        if m.start() > pos:
            pieces.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        pieces.append((pos, end))
    offsets = ";".join(f"{a} {b}" for a, b in pieces)
    return f"{ident}\t{brat_names.encode(label)} {offsets}\t{' '.join(text[a:b] for a, b in pieces)}"


def _unique(name: str, taken: set[str]) -> str:
    chosen, n = name, 1
    while chosen.lower() in taken:
        n += 1
        chosen = f"{name}-{n}"
    taken.add(chosen.lower())
    return chosen
