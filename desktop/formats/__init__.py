"""File formats: one module per format, and the one table that names them (`FORMATS`).

Each module converts between files and core Records. Readers take a path and yield a
`Record` per document, or a `BadInput` for each part of the file that could not be read,
so an import can report every bad line and go on; a folder format (brat) is read whole.

The table pairs each format with its reader and writer, the files it reads or writes and
the annotation kinds it carries, the way displaCy pairs a style with its renderer. `import`
finds readers in it, `export --format`, the export dialog and README's table of formats
list its entries. Writers differ (a stream, a file written whole, a folder); each entry's
`write(records, target, context)` hides that: `target` is the path to write, `context`
what some formats need from the project (`WriteContext`).

An entry with `ready=False` has a module that reads and writes its files but is not yet
wired to the store: import and export do not offer it.

Several formats share a suffix (`.jsonl`: Spandesk/Prodigy, doccano, DyGIE++; `.json`:
Label Studio, DyGIE++). Import
takes the format it is told (`import --format`), else the one the suffix names, else,
for a shared suffix, the one the file's first JSON value looks like (desktop/formats/
sniff.py). A suffix in `explicit` (CoNLL's `.tsv`) is read only when the format is named.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.model import SpandeskError

if TYPE_CHECKING:
    from desktop.core.model import BadInput, Record
    from desktop.core.label_set import LabelSet

# The annotation kinds a format can carry (core.model and core.annotations).
KINDS = ("spans", "events", "doc_labels", "relations", "attributes", "notes", "normalisations", "equivalences")


@dataclass(frozen=True)
class WriteContext:
    """What a writer may need beyond the records: the project's label set (brat's
    annotation.conf, the DocBin's document labels), sentence ranges of a text (the
    events format), and where to say what a writer changed to write strict data.
    `labels` and `sentences` are called only by the formats that need them.
    `include_suggestions` asks a format that writes gold (`Format.gold`) for silver data:
    unreviewed suggestions written as if accepted (never rejected spans)."""

    labels: Callable[[], LabelSet] | None = None
    sentences: Callable[[str], list[tuple[int, int]]] | None = None
    warn: Callable[[str], None] | None = None
    include_suggestions: bool = False


@dataclass(frozen=True)
class Format:
    """One file format: its module (desktop.formats.<name>, loaded on first use), whether it
    reads, how it writes (None: it does not), its files and what it carries."""

    name: str
    reads: bool
    writer: Callable[..., int] | None  # (module, records, target, context) -> how many written
    suffixes: tuple[str, ...]  # the files it reads or writes; () for a folder format
    carries: tuple[str, ...]  # a subset of KINDS, in KINDS' order
    description: str  # one line: what the export dialog offers
    default_name: str = ""  # the export's default file name (a folder's has no suffix)
    ready: bool = True  # wired to the store: import and export offer it
    # Writes gold for training: accepted spans only, unless asked for silver data
    # (WriteContext.include_suggestions). Formats that keep each span's state need not.
    gold: bool = False
    # Read only when the format is named (`import --format conll` for a .tsv file): a
    # suffix too common to claim from its name alone.
    explicit: tuple[str, ...] = ()
    # Writes rejected spans with their state (JSONL), so a round trip keeps the annotator's
    # verdicts; export gives the others records without them.
    rejected: bool = False

    @property
    def folder(self) -> bool:
        return not self.suffixes

    @property
    def writes(self) -> bool:
        return self.writer is not None

    def _load(self):
        # Loaded here, not at the top: the CLI builds its choices from this table at every
        # start, and the format modules are ~20 ms (python -X importtime) no command needs.
        return importlib.import_module(f"desktop.formats.{self.name}")

    def reader(self) -> Callable[[Path], Iterator[Record | BadInput]]:
        if not self.reads:
            raise SpandeskError(f"Spandesk cannot import {self.name} files")
        return self._load().read

    def claims(self, folder: Path) -> bool:
        """Whether a folder format reads this folder (brat: NAME.txt beside NAME.ann)."""
        return self.folder and self.reads and self._load().is_folder(folder)

    def write(self, records: Iterable[Record], target: Path, context: WriteContext = WriteContext()) -> int:
        """Write `records` to `target` (a file, or a folder for a folder format); how many."""
        if self.writer is None:
            raise SpandeskError(f"Spandesk cannot export {self.name} files")
        return self.writer(self._load(), records, target, context)


def _to_stream(write: Callable[..., int], records, target: Path, *args, **kwargs) -> int:
    with target.open("w", encoding="utf-8", newline="\n") as out:
        return write(records, out, *args, **kwargs)


def _labels(context: WriteContext) -> LabelSet | None:
    return context.labels() if context.labels else None


def _doc_labels(context: WriteContext) -> list[str]:
    labels = _labels(context)
    return [d.name for d in labels.doc_labels] if labels else []


# Each module's own `write` signature, behind the one `Format.write(records, target, context)`.
def _stream(m, records, target: Path, context: WriteContext) -> int:
    return _to_stream(m.write, records, target)


def _gold_stream(m, records, target: Path, context: WriteContext) -> int:
    return _to_stream(m.write, records, target, suggestions=context.include_suggestions)


def _jsonl(m, records, target: Path, context: WriteContext) -> int:
    return _to_stream(m.write, records, target, context.warn)


def _dygiepp(m, records, target: Path, context: WriteContext) -> int:
    return _to_stream(m.write, records, target, sentences=_sentences_or_lines(context))


def _sentences_or_lines(context: WriteContext) -> Callable[[str], list[tuple[int, int]]] | None:
    """The pipeline's sentence finder; without a pipeline, None (sentences end at line
    breaks), said once through `context.warn`."""
    if context.sentences is None:
        return None
    failed: list[str] = []

    def sentences(text: str) -> list[tuple[int, int]] | None:
        if failed:
            return None
        try:
            return context.sentences(text)
        except SpandeskError as err:
            failed.append(str(err))
            if context.warn:
                context.warn(f"{err} Sentences end at line breaks instead.")
            return None

    return sentences


def _spacy(m, records, target: Path, context: WriteContext) -> int:
    return m.write(records, target, _doc_labels(context), include_suggestions=context.include_suggestions)


def _brat(m, records, target: Path, context: WriteContext) -> int:
    return m.write(records, target, _labels(context))


def _labelstudio(m, records, target: Path, context: WriteContext) -> int:
    labels = _labels(context)  # a symmetric relation is written two-way
    return _to_stream(m.write, records, target, symmetric={r.name for r in labels.relations if r.symmetric}
                      if labels else ())


_ALL = (
    Format("text", True, None, (".txt", ".md"), (),
           "Plain text: one document per file, the title is its first non-empty line"),
    Format("jsonl", True, _jsonl, (".jsonl",), KINDS,
           "Prodigy-compatible JSONL (entities, events, document labels, relations and the other kinds)",
           "corpus.jsonl", rejected=True),
    Format("spacy", True, _spacy, (".spacy",), ("spans", "events", "doc_labels"),
           "spaCy DocBin (for spacy train)", "corpus.spacy", gold=True),
    Format("brat", True, _brat, (), ("spans", "events", "relations", "attributes", "notes", "normalisations",
                                     "equivalences"),
           "brat standoff: a folder of .txt and .ann files with annotation.conf", "corpus-brat"),
    Format("conll", True, _gold_stream, (".conll", ".iob", ".bio"), ("spans",),
           "CoNLL token-per-line with IOB, IOB2, BILUO or IOBES tags (accepted entities)", "corpus.conll",
           gold=True, explicit=(".tsv",)),
    Format("doccano", True, _stream, (".jsonl",), ("spans", "doc_labels", "relations", "notes"),
           "doccano JSONL (sequence labelling, relations, text classification)", "corpus-doccano.jsonl"),
    Format("dygiepp", True, _dygiepp, (".jsonl", ".json"), ("spans", "events", "relations", "equivalences"),
           "DyGIE++ documents: sentences of tokens with entities, relations, events, coreference "
           "(event extraction)", "corpus-dygiepp.jsonl"),
    Format("labelstudio", True, _labelstudio, (".json",),
           ("spans", "doc_labels", "relations", "attributes", "notes"),
           "Label Studio JSON tasks (accepted spans as annotations, suggestions as predictions)",
           "corpus-labelstudio.json"),
)

# Every format Spandesk knows, by name, ready or not.
FORMATS: dict[str, Format] = {f.name: f for f in _ALL}

# Names kept for formats renamed: "events" was an event-extraction JSON that claimed OneIE's
# layout but did not load in OneIE; DyGIE++'s documents carry the same and load in DyGIE++.
ALIASES = {"events": "dygiepp"}


def exporters() -> dict[str, Format]:
    """The formats `export` writes, in the order the CLI and the export dialog offer them."""
    return {f.name: f for f in _ALL if f.ready and f.writes}


def importers() -> dict[str, Format]:
    return {f.name: f for f in _ALL if f.ready and f.reads}


def exporter(name: str) -> Format:
    """The export format called `name` (or an alias of it); an unknown one is one error
    naming the choices."""
    found = exporters().get(ALIASES.get(name, name))
    if found is None:
        raise SpandeskError(f"unknown export format {name!r}; choose one of {', '.join(exporters())}")
    return found


def importer(name: str) -> Format:
    """The import format called `name` (or an alias of it); an unknown one is one error."""
    found = importers().get(ALIASES.get(name, name))
    if found is None:
        raise SpandeskError(f"unknown import format {name!r}; choose one of {', '.join(importers())}")
    return found


def reader_for(path: str | Path, fmt: str | None = None) -> Callable | None:
    """The reader for a file: the format `fmt` when given (any file, or a folder for a
    folder format), else by its suffix (case-insensitive), or for a folder a folder
    format claims (brat); None when no format reads it. A suffix several formats share
    gets a reader that looks at the file's first JSON value when it is read (sniff.py).
    Never opens the path, so it is safe on a pipe or a device; a path whose status cannot
    be read goes by its suffix (opening it will say why)."""
    if fmt is not None:
        return importer(fmt).reader()
    path = Path(path)
    try:
        if path.is_dir():
            return next((f.reader() for f in importers().values() if f.claims(path)), None)
    except OSError:  # permission denied on the way to it, a link loop: not a folder we can read
        pass
    suffix = path.suffix.lower()
    found = [f for f in importers().values() if suffix in f.suffixes]
    if len(found) > 1:
        from desktop.formats.sniff import sniffing_reader

        return sniffing_reader(tuple(f.name for f in found))
    return found[0].reader() if found else None


def import_choices() -> str:
    """What import reads, for a refusal: ".txt, .md, .jsonl, … or a brat folder"."""
    files = list(dict.fromkeys(s for f in importers().values() for s in f.suffixes))
    named = [f"{s} with --format {f.name}" for f in importers().values() for s in f.explicit]
    folders = [f"a {f.name} folder" for f in importers().values() if f.folder]
    return ", ".join(files + named) + " or " + " or ".join(folders)


def file_filter() -> str:
    """The import dialog's file filter: every suffix import reads, then all files."""
    files = dict.fromkeys(s for f in importers().values() for s in (*f.suffixes, *f.explicit))
    return f"Annotated or plain texts ({' '.join('*' + s for s in files)});;All files (*)"


def markdown_table() -> str:
    """README's table of formats, made from `FORMATS` (a test keeps the two the same)."""
    rows = ["| Format | Import | Export | Files | Carries |", "|---|---|---|---|---|"]
    aliases = {new: old for old, new in ALIASES.items()}
    for f in _ALL:
        def can(able: bool) -> str:
            return ("yes" if f.ready else "not yet") if able else "—"
        where = ", ".join([f"`{s}`" for s in f.suffixes] + [f"`{s}` with `--format {f.name}`" for s in f.explicit])
        carries = ", ".join(k.replace("_", " ") for k in f.carries) or "text only"
        name = f"`{f.name}`" + (f" (also `{aliases[f.name]}`)" if f.name in aliases else "")
        rows.append(f"| {name}: {f.description} | {can(f.reads)} | {can(f.writes)} | {where or 'a folder'} | {carries} |")
    return "\n".join(rows)
