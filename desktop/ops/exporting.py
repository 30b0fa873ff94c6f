"""Export: one writer per format, shared by the CLI and the GUI.

The corpus is written to a temporary file (or folder, for brat) beside the target and
renamed into place, so a failed or cancelled export never leaves half a corpus behind.
The part is named `<target>.<pid>.part`: a process killed mid-export leaves its part,
and the next export to the same target removes every part whose process is gone, never
one another running export is writing.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from desktop import formats
from desktop.core.atomic import check_target
from desktop.core.annotations import Equivalence, Relation
from desktop.core.model import Event, Layer, Record, Span, SpandeskError, State
from desktop.formats import WriteContext
from desktop.ops.damage import checked_records
from desktop.ops.project import project_label_set
from desktop.ops.reading import document_tokens
from desktop.store import Store

# The formats export writes, by name, in the order the CLI and the export dialog offer them.
FORMATS = formats.exporters()
# What `export --format` takes: the formats, then the names kept for renamed ones ("events").
EXPORT_CHOICES = [*FORMATS, *formats.ALIASES]


def record(store: Store, doc_id: int, rejected: bool = False) -> Record:
    """A document with its tokens and current annotations (rejected suggestions left out,
    and the relations, attributes, notes, normalisations and set members on them).
    `rejected` adds the rejected entity spans themselves, for a format that writes their
    state (`Format.rejected`); what hangs on them stays out."""
    doc = store.documents.get(doc_id)
    tokens = document_tokens(store, doc_id, doc.text)
    every = store.spans.for_doc(doc_id)
    spans = [s for s in every if s.state != State.REJECTED
             and not (s.layer == Layer.TRIGGER and s.state == State.SUGGESTED)]  # suggested events are not gold
    every_event = store.events.for_doc(doc_id)
    events = _gold_events(every_event)
    kinds = store.kinds.for_doc(doc_id, spans=every, events=every_event)
    kept, gold = {s.id for s in spans}, {e.id for e in events}

    def live(thing) -> bool:
        if isinstance(thing, Span):
            return thing.id in kept
        if isinstance(thing, Event):
            return thing.id in gold
        if isinstance(thing, Relation):
            return live(thing.head) and live(thing.child)
        return True

    relations = [r for _, r in kinds.relations if live(r)]
    equivalences = [Equivalence(e.label, tuple(m for m in e.members if live(m))) for _, e in kinds.equivalences]
    if rejected:
        spans = [s for s in every if s.id in kept or (s.state == State.REJECTED and s.layer == Layer.ENTITY)]
    return Record(doc=doc, spans=spans, events=events, doc_labels=store.doc_labels.for_doc(doc_id),
                  rejected_doc_labels=store.doc_labels.rejected(doc_id), tokens=tokens,
                  relations=relations, attributes=[a for _, a in kinds.attributes if live(a.target)],
                  notes=[n for _, n in kinds.notes if live(n.target)],
                  normalisations=[n for _, n in kinds.normalisations if live(n.target)],
                  equivalences=[e for e in equivalences if e.members])


def _gold_events(events: list[Event]) -> list[Event]:
    """The accepted events with their accepted arguments: a model's suggestions are not gold."""
    return [replace(e, arguments=tuple(a for a in e.arguments if a.state == State.ACCEPTED))
            for e in events if e.state == State.ACCEPTED]


def records(store: Store, ids: list[int], progress: Callable[[int, int], None] | None = None,
            rejected: bool = False) -> Iterator[Record]:
    for n, doc_id in enumerate(ids, 1):
        yield record(store, doc_id, rejected)
        if progress:
            progress(n, len(ids))


def export(
    store: Store,
    fmt: str,
    out: str | Path,
    *,
    everything: bool = False,
    progress: Callable[[int, int], None] | None = None,
    model: str | None = None,
    warn: Callable[[str], None] | None = None,
    include_suggestions: bool = False,
    annotator: str | None = None,
) -> int:
    """Write the done documents (or all, with `everything`) to `out`; returns how many.

    `out` is a file, or for brat a folder (a folder brat export wrote before is replaced;
    any other non-empty folder is refused). The events format finds sentences with a spaCy
    pipeline: `model`, else the project's, else the first one installed. `warn` is told
    what a format had to change to write strict data (NaN in an old project's meta).
    A format that writes gold (the DocBin) writes accepted spans only; `include_suggestions`
    makes it silver data, unreviewed suggestions included (refused for the other formats,
    which keep each span's state or have none to give). `annotator` writes that merged
    annotator's layer (ops/team_export.py) instead of the project's own (adjudicated) one.
    """
    entry = formats.exporter(fmt)
    if include_suggestions and not entry.gold:
        golds = " and ".join(name for name, f in FORMATS.items() if f.gold)
        raise SpandeskError(f"--include-suggestions is for the {golds} formats only, not {fmt} (nothing was written)")
    out = Path(out)
    # A rename onto a device or a FIFO would put a file in its place (root can, even in /dev).
    check_target(out, folder=entry.folder)
    if entry.folder:
        _check_folder(out)
    if annotator is not None:
        from desktop.ops.team_export import annotator_ids, annotator_records

        ids = annotator_ids(store, annotator, everything)
        chosen = annotator_records(store, annotator, ids, progress)
    else:
        ids = store.documents.ids(None if everything else "done")
        chosen = records(store, ids, progress, rejected=entry.rejected)
    chosen = checked_records(chosen, store.path)  # a damaged span is refused by name, not met by a writer
    if "equivalences" not in entry.carries:
        chosen = map(_without_mentions, chosen)
    if "events" in entry.carries and entry.name not in NAMES_EVENT_ARGUMENTS and warn is not None:
        chosen = _said_event_arguments(chosen, entry.name, warn)
    _remove_stale_parts(out)
    part = out.with_name(f"{out.name}.{os.getpid()}.part")
    context = WriteContext(labels=lambda: project_label_set(store), sentences=_sentence_finder(store, model), warn=warn,
                           include_suggestions=include_suggestions)
    try:
        if entry.folder:
            shutil.rmtree(part, ignore_errors=True)
        try:
            count = entry.write(chosen, part, context)
        except OSError as exc:  # the part is ours, unknown to the user: name the file they asked for
            if exc.filename is None or Path(os.fsdecode(exc.filename)) != part:
                raise
            raise SpandeskError(f"{out}: {exc.strerror or exc}; nothing was written") from exc
        except ValueError as exc:  # a writer's word for a document it cannot write (it names it)
            raise SpandeskError(f"{out}: {exc}; nothing was written") from exc
        if entry.folder:
            _swap_folder(part, out)
        elif part.exists():
            os.replace(part, out)
    finally:
        if part.is_dir():
            shutil.rmtree(part, ignore_errors=True)
        elif part.exists() or part.is_symlink():  # a read-only file system refuses to unlink even a missing file
            part.unlink()
    return count


# The formats that write an argument that is another event as that event (brat's `Theme:E1`,
# JSONL's and the DocBin's `"event": i`); the others carrying events write its trigger.
NAMES_EVENT_ARGUMENTS = frozenset({"jsonl", "spacy", "brat"})


def _without_mentions(rec: Record) -> Record:
    """The record without the spans that exist only as members of its coreference sets
    (DyGIE++'s Mention: no entity), for a format that writes no sets: there they would
    read as entities (a DocBin would train a Mention label)."""
    from desktop.formats.dygiepp import MENTION  # here: the CLI loads this module at every start

    members = {m for e in rec.equivalences for m in e.members if m.label == MENTION}
    if not members:
        return rec
    used = {a.span for e in rec.events for a in e.arguments} | {x for r in rec.relations for x in (r.head, r.child)}
    return replace(rec, spans=[s for s in rec.spans if s not in members or s in used], equivalences=[])


def _said_event_arguments(chosen: Iterator[Record], fmt: str, warn: Callable[[str], None]) -> Iterator[Record]:
    """The records, telling `warn` of each document whose event arguments that are events
    the format writes as their trigger only (it cannot say which event)."""
    from desktop.formats.jsonl import describe  # here: the CLI loads this module at every start

    for rec in chosen:
        count = sum(a.event is not None for e in rec.events for a in e.arguments)
        if count:
            warn(f"{describe(rec.doc)}: {count} event argument{'s' if count != 1 else ''} that "
                 f"{'are events are' if count != 1 else 'is an event is'} written as the trigger's tokens:"
                 f" {fmt} cannot say which event (brat, JSONL and spaCy DocBin exports can)")
        yield rec


def _remove_stale_parts(out: Path) -> None:
    """Remove the parts a killed export of `out` left (their process is gone)."""
    pattern = re.compile(re.escape(out.name) + r"\.(\d+)\.part")
    try:
        siblings = list(out.parent.iterdir())
    except OSError:
        return  # writing the part will say what is wrong with the folder
    for found in siblings:
        m = pattern.fullmatch(found.name)
        if m and not _alive(int(m.group(1))):
            if found.is_dir() and not found.is_symlink():
                shutil.rmtree(found, ignore_errors=True)
            else:
                found.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Whether process `pid` runs. On Windows we cannot ask without risk (os.kill there
    ends the process), so every part counts as another export's and is kept."""
    if pid == os.getpid() or os.name != "posix":
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def _sentence_finder(store: Store, model: str | None) -> Callable[[str], list[tuple[int, int]]]:
    """Sentence ranges from the pipeline's sentence component, loaded at the first text."""
    loaded: list = []

    def sentences(text: str) -> list[tuple[int, int]]:
        # Imported here: the CLI loads this module at every start for `export --format`'s
        # choices, and only the events format needs a pipeline.
        from desktop.nlp.models import NO_MODEL_HELP, find_model, load
        from desktop.nlp.tokenize import sentences as split

        if not loaded:
            name = find_model(model or store.project.get("model"))
            if name is None:
                raise SpandeskError(NO_MODEL_HELP + " The events format needs one for sentence boundaries.")
            loaded.append(load(name, sentences=True))
        return split(loaded[0], text)

    return sentences


_BRAT_FILES = (".txt", ".ann")


def _check_folder(out: Path) -> None:
    """A brat export replaces only a folder a brat export wrote (or an empty one)."""
    if out.exists() and not out.is_dir():
        raise SpandeskError(f"{out}: is a file; brat export writes a folder (nothing was written)")
    if out.is_dir():
        strange = [p.name for p in out.iterdir()
                   if not (p.is_file() and (p.suffix in _BRAT_FILES or p.name == "annotation.conf"))]
        if strange:
            raise SpandeskError(f"{out}: the folder holds {strange[0]!r}, which a brat export does not write; "
                                "choose a new or empty folder (nothing was written)")


def _swap_folder(part: Path, out: Path) -> None:
    if out.is_dir():
        old = out.with_name(out.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
        os.replace(part, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(part, out)
