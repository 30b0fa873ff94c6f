"""The `spandesk` command: thin click commands over `desktop.ops`.

Everything it prints goes through `say`, which neutralises control characters
(`desktop.core.printable`): a title, label or file name cannot drive the terminal.
Every way a command ends maps to one exit status (`Spandesk.main`):

0 done; 1 the command failed for a reason it names (bad input, a refused file, a
problem found); 2 the command line is wrong (click's usage errors); 70 a defect in
Spandesk (one line, the traceback saved to a log file in the data folder); 130
interrupted (Ctrl+C).
"""

from __future__ import annotations

import functools
import io
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from desktop import __version__, crashlog, ops, paths
from desktop.core.model import SpandeskError
from desktop.core.printable import printable, safe_json

DB_HELP = "Project database (default: $SPANDESK_DB, else spandesk.db in your data folder)."
DB_PATH = click.Path(dir_okay=False, path_type=Path)
FAILED, INTERNAL, INTERRUPTED = 1, 70, 130  # 70 is EX_SOFTWARE (sysexits.h); click uses 2 for usage
_opened: list[Path] = []  # the projects this command opened, for messages about their contents
SHOWN = 20  # at most this many lines of each kind of import problem; the rest are counted


def say(text: str = "", *, err: bool = False, one_line: bool = False) -> None:
    """Print `text` (to stderr with `err`), control characters made visible; with
    `one_line`, a line feed inside `text` is shown too, so one item stays one line."""
    text = printable(text, one_line=one_line)
    stream = sys.stderr if err else sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if encoding.replace("-", "").lower() != "utf8":  # a terminal in another encoding shows "?" for the rest
        text = text.encode(encoding, "replace").decode(encoding)
    click.echo(text, err=err)


class Failed(click.ClickException):
    """A failure the user can act on: printed as `spandesk: message`, exit status 1 unless given."""

    def __init__(self, message: str, code: int = FAILED):
        super().__init__(message)
        self.exit_code = code

    def show(self, file=None) -> None:
        say(f"spandesk: {self.message}", err=True)


def fail(message: str, code: int = FAILED) -> NoReturn:
    """End the command with `spandesk: message` and exit status `code`."""
    raise Failed(message, code)


class Spandesk(click.Group):
    """The root command: one line and one exit status for every way a command can end."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            # Not standalone: click hands every exception up here instead of printing its own.
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - this is the one place that ends them all
            try:
                code = _ended(exc)
            except BaseException:  # noqa: BLE001 - stderr itself is gone: the status still tells
                code = INTERNAL
            sys.exit(code)
        sys.exit(code if isinstance(code, int) else 0)


def _ended(exc: BaseException) -> int:
    """Say how a command ended with `exc`; the exit status."""
    if isinstance(exc, Failed):
        exc.show()
        return exc.exit_code
    if isinstance(exc, click.ClickException):  # usage errors: click's text, made printable
        shown = io.StringIO()
        exc.show(file=shown)
        say(shown.getvalue().rstrip("\n"), err=True)
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt) or (isinstance(exc, click.Abort)
                                              and isinstance(exc.__context__, KeyboardInterrupt)):
        say("spandesk: interrupted", err=True)
        return INTERRUPTED
    if isinstance(exc, click.Abort):
        say("Aborted!", err=True)
        return FAILED
    if isinstance(exc, BrokenPipeError):  # `spandesk stats | head -1`: the reader has all it wants
        _silence_stdout()
        return FAILED
    if isinstance(exc, SpandeskError):
        say(f"spandesk: {exc}", err=True)
        return FAILED
    if isinstance(exc, sqlite3.OperationalError) and str(exc).startswith("Could not decode to UTF-8"):
        # Spandesk writes only UTF-8: such bytes come from damage or another program.
        where = f"{_opened[-1]}: " if _opened else ""
        hint = f"\n{ops.restore_hint(_opened[-1])}" if _opened else ""
        say(f"spandesk: {where}the project holds text that is not valid UTF-8 ({exc}); the file is damaged "
            f"and nothing was written{hint}", err=True)
        return FAILED
    if isinstance(exc, OSError):
        say(f"spandesk: {_os_reason(exc)}", err=True)
        return FAILED
    damaged = _damage_of_opened()
    if damaged:  # another program's edit, not a defect of ours: say where, and how to restore
        say(f"spandesk: {_opened[-1]}: the project is damaged ({'; '.join(damaged)}); the command stopped and "
            f"nothing was written\n{ops.restore_hint(_opened[-1])}", err=True)
        return FAILED
    log = crashlog.save(exc)
    where = f"details saved to {log}" if log else "the details could not be saved"
    message = printable(f"{type(exc).__name__}: {exc}", one_line=True)
    say(f"spandesk: internal error: {message[:300]}; {where}", err=True)
    return INTERNAL


def _damage_of_opened() -> list[str]:
    """The damaged rows of the project this command opened ([] when none, or nothing opened)."""
    try:
        return ops.row_damage(_opened[-1]) if _opened else []
    except Exception:  # noqa: BLE001 - only a better message is at stake; the internal error stands
        return []


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return reason
    name = os.fsdecode(exc.filename)
    if exc.filename2 is not None:
        name += f" -> {os.fsdecode(exc.filename2)}"
    return f"{name}: {reason}"


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit does not fail on the pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def db_option(command):
    """Every command takes --db; it means the same before the command (`spandesk --db X stats`)."""

    @click.option("--db", "db", type=DB_PATH, help=DB_HELP)
    @functools.wraps(command)
    def wrapper(*args, db: Path | None, **kwargs):
        return command(*args, store_path=_chosen_db(db), **kwargs)

    return wrapper


def _chosen_db(db: Path | None) -> Path | None:
    """The --db given after the command, or before it; both, naming two files, is a usage error."""
    ctx = click.get_current_context()
    outer = (ctx.find_root().obj or {}).get("db")
    if db is not None and outer is not None and os.path.abspath(db) != os.path.abspath(outer):
        raise click.UsageError(f"--db is given twice, as {outer} and as {db}; give it once", ctx=ctx)
    return db if db is not None else outer


def open_project_for(db: Path | None):
    """The project `db` names, else the default one (a new default project starts with the seeds)."""
    path = db or paths.default_db()
    store = ops.open_project(path, seed=db is None and not path.exists())
    _opened.append(path)
    told: list[str] = []

    def waiting(holder: str) -> None:
        """Say once that a write waits for another writer; it keeps waiting (Ctrl+C stops it)."""
        if not told:
            told.append(holder)
            say(f"spandesk: waiting for {holder}…", err=True)

    store.on_wait = waiting
    return store


@click.group(cls=Spandesk, invoke_without_command=True)
@click.version_option(__version__, prog_name="spandesk")
@click.option("--db", type=DB_PATH, help=DB_HELP)
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Annotate entities and events in news articles, offline.

    With no command, opens the annotation window. --db may stand before the command
    or after it.
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


@main.command()
@click.option("--order", type=click.Choice(ops.ORDERS), default="id", show_default=True,
              help="The document list's order, the window opening on its first open document "
              "(uncertain: least sure first; see `spandesk list`).")
@db_option
def gui(store_path: Path | None, order: str = "id") -> None:
    """Open the annotation window."""
    from desktop.ui.app import open_and_run  # also desktop.launch's, without click (a faster start)

    sys.exit(open_and_run(store_path, order))


@main.command("import")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(ops.IMPORT_FORMATS)),
              help="Read every file as this format (a .tsv file only with conll); default: by suffix, and for "
                   ".jsonl by the first line's keys.")
@click.option("--skip-bad-lines", is_flag=True, help="Import the good lines of a JSONL file (the good documents of a brat folder) and list the bad ones.")
@click.option("--annotator", help="Name recorded with the import.")
@click.option("--label-set-from-conf", "from_conf", is_flag=True,
              help="First add what a brat folder's annotation.conf declares to the label set (a conflict: nothing changes).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@db_option
def import_(store_path: Path | None, inputs: tuple[Path, ...], fmt: str | None, skip_bad_lines: bool,
            annotator: str | None, from_conf: bool, as_json: bool) -> None:
    """Import texts and annotated corpora: .txt and .md, Spandesk/Prodigy .jsonl, doccano and
    DyGIE++ .jsonl, spaCy .spacy, CoNLL .conll/.iob/.bio, Label Studio .json, brat folders;
    folders of them recursively.

    Each file is all-or-nothing: a bad file or line is reported as FILE:LINE: reason
    and nothing from that file is stored. The report ends with a table: documents stored,
    duplicate and refused, and per annotation kind how many were read, stored and dropped
    (each dropped one named by FILE:LINE). Exit status 0 only when everything read was
    stored; 1 when anything was refused or dropped.
    A brat folder is one input; with --skip-bad-lines its good documents are stored and
    each bad one is listed as a skipped document (exit status 1).
    Ctrl+C stops after discarding the file under way and says what was stored (exit 130).
    Another writer (the window, a second import) is waited for, not failed on.
    """
    with open_project_for(store_path) as store:
        conf = _conf_declarations(store, inputs, from_conf, annotator)  # brat's annotation.conf (h-conf)
        report = ops.import_paths(store, inputs, skip_bad_lines=skip_bad_lines, annotator=annotator, fmt=fmt)
    _conf_report(conf)
    # stored as spans with undeclared labels are: said, so the annotator can declare them
    _listed([f"the label set lacks document label {label!r} (stored on {n} document{'s' if n != 1 else ''}; declare"
             " it with `spandesk schema set FILE` to toggle it in the window, `spandesk validate` lists them)"
             for label, n in sorted(report.unknown_doc_labels.items())], "document labels the label set lacks")
    _listed([f"{bad} (nothing from this file was imported)" if bad.line else str(bad) for bad in report.refused],
            "refused files")
    _listed([f"skipped {bad}" for bad in report.skipped], "skipped lines")
    _listed([f"skipped document {bad}" for bad in report.skipped_documents], "skipped documents")
    _listed([f"duplicate {duplicate}" for duplicate in report.duplicates], "duplicates")
    _listed([f"not stored exactly: {what}" for what in report.dropped], "annotations not stored exactly")
    if as_json:
        say(safe_json(report.as_dict()))
    else:
        for line in _import_table(report):
            say(line)
        say(f"imported {report.imported} documents with {report.spans} spans from {report.files} files"
            f"; {len(report.duplicates)} duplicates, {len(report.skipped)} skipped, {len(report.refused)} refused"
            + (f", {len(report.skipped_documents)} documents skipped" if report.skipped_documents else "")
            + (f", {len(report.conflicts)} conflicting verdicts (the first kept)" if report.conflicts else "")
            + (f", {len(report.dropped)} annotations not stored exactly" if report.dropped else ""))
    if report.interrupted:
        say(f"interrupted while importing {report.interrupted}: nothing from it was stored", err=True)
    sys.exit(130 if report.interrupted else 0 if report.ok else 1)


def _import_table(report: ops.ImportReport) -> list[str]:
    """The import's counts as a small table: documents, then each annotation kind."""
    docs = report.as_dict()["documents"]
    rows = [f"documents    stored {docs['stored']}, duplicate {docs['duplicate']}, refused {docs['refused']}",
            f"{'annotations':<16}{'read':>8}{'stored':>8}{'dropped':>8}"]
    for kind in report.kinds():
        counts = (report.read[kind], report.stored_kinds[kind], report.dropped_kinds[kind])
        rows.append(f"  {kind.replace('_', ' '):<14}" + "".join(f"{n:>8}" for n in counts))
    return rows


def _listed(lines: Sequence[str], what: str) -> None:
    """The first SHOWN lines on stderr, then how many more: a million bad lines stay readable."""
    for line in lines[:SHOWN]:
        say(line, err=True, one_line=True)
    if len(lines) > SHOWN:
        say(f"… and {len(lines) - SHOWN} more {what}", err=True)


@main.command()
@click.option("--model", help="spaCy pipeline: installed package name or folder path, or a trained version of "
              "the project: latest, v3 (see `spandesk models`).")
@click.option("--events/--no-events", default=None,
              help="Suggest events too (default: when the pipeline parses and a trigger lexicon or model exists).")
@click.option("--threshold", type=click.FloatRange(0, 1),
              help="Suggest only event triggers scored at least this (0-1; remembered for the project).")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10000), default=16, show_default=True, help="Texts per batch.")
@click.option("--force", is_flag=True, help="Run again on documents the model has seen (open suggestions are replaced).")
@db_option
def preannotate(store_path: Path | None, model: str | None, events: bool | None, threshold: float | None,
                processes: int, batch_size: int, force: bool) -> None:
    """Store a spaCy model's entities as suggestions to review.

    Never touches an annotator's decision; running it twice changes nothing.
    Ctrl+C stops cleanly and keeps the finished documents.
    """
    import time

    from desktop.progress import Progress

    started = time.monotonic()  # words/s counts model loading too: it is the user's wait
    with open_project_for(store_path) as store:
        bar: list[Progress] = []

        def show(report: ops.PreannotateReport) -> None:
            if not bar:
                bar.append(Progress(report.total, started=started))
            bar[0].update(report.documents, report.words)

        if threshold is not None:
            ops.set_suggestion_threshold(store, threshold)
        report = ops.preannotate(store, model=model, processes=processes, batch_size=batch_size,
                                 force=force, progress=show, events=events)
        if bar:
            bar[0].close()
    verb = "stopped after" if report.interrupted else "pre-annotated"
    say(f"{verb} {report.documents} of {report.total} documents with {report.model}: {report.spans} suggestions"
        + (f"; {report.events} events with {report.arguments} arguments suggested by {report.event_model}"
           if report.event_model else ""))
    sys.exit(130 if report.interrupted else 0)


@main.command()
@click.option("--format", "fmt", type=click.Choice(ops.EXPORT_CHOICES), required=True,
              help="File format (events: the same as dygiepp).")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write (for brat, a folder).")
@click.option("--all", "everything", is_flag=True, help="Every document, not only those marked done.")
@click.option("--model", help="spaCy pipeline whose sentence boundaries the dygiepp (events) format uses.")
@click.option("--include-suggestions", is_flag=True,
              help="Silver data (spacy and conll formats): write unreviewed suggestions as entities too, "
                   "never rejected ones.")
@click.option("--annotator", help="Export this merged annotator's annotations (default: the project's own, adjudicated ones).")
@db_option
def export(store_path: Path | None, fmt: str, out: Path, everything: bool, model: str | None,
           include_suggestions: bool, annotator: str | None) -> None:
    """Write a corpus: Prodigy-compatible JSONL, a spaCy DocBin for `spacy train`, a brat
    folder, CoNLL, doccano JSONL, DyGIE++ documents (what DyGIE++ trains event and relation
    extraction on; also called events), or Label Studio tasks. The DocBin and CoNLL hold
    accepted spans only; around them a document not marked done is "missing", not "O"."""
    with open_project_for(store_path) as store:
        count = ops.export(store, fmt, out, everything=everything, model=model,
                           warn=lambda message: say(message, err=True, one_line=True),
                           include_suggestions=include_suggestions, annotator=annotator)
    say(f"exported {count} documents to {out}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def stats(store_path: Path | None, as_json: bool) -> None:
    """Documents by status, spans by label and state, annotators, model suggestions' fate
    (those pre-annotated here; a model's spans in imported files are counted apart), events
    by type and document labels."""
    with open_project_for(store_path) as store:
        figures = ops.stats(store)
    if as_json:
        say(safe_json(figures, indent=2))
        return
    docs = figures["documents"]
    say(f"documents: {docs['total']} ({', '.join(f'{k} {v}' for k, v in docs.items() if k != 'total')})")
    say(f"spans: {figures['spans']['total']} " + safe_json(figures["spans"]["by_state"]))
    for label, states in figures["spans"]["by_label"].items():
        say(f"  {label:<12} " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())), one_line=True)
    say("annotators: " + (", ".join(f"{k} ({v} actions)" for k, v in figures["annotators"].items()) or "none"),
        one_line=True)
    say("model suggestions: " + ", ".join(f"{k} {v}" for k, v in figures["model_suggestions"].items())
        + (f" (and {figures['imported_model_spans']} model spans that came with imported files)"
           if figures["imported_model_spans"] else ""), one_line=True)
    events = figures["events"]
    say(f"events: {events['total']} with {events['arguments']} arguments")
    for kind, n in events["by_type"].items():
        say(f"  {kind:<28} {n}", one_line=True)
    say("document labels: " + (", ".join(f"{k} {v}" for k, v in figures["doc_labels"].items()) or "none"),
        one_line=True)
    _per_annotator(figures["per_annotator"])


@main.command()
@click.option("--doc", "doc_ref", required=True, help="Document id as export writes it: its own id, doc-N or the row number.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write: .png or .svg (drawn as the app shows it) or .html (a standalone page).")
@db_option
def render(store_path: Path | None, doc_ref: str, out: Path) -> None:
    """Draw one document with its entity spans and events, as the annotation window shows them.

    Accepted spans are filled, suggestions outlined; rejected spans are left out. Every
    event's arcs run from its trigger to its arguments, labelled with their roles (in
    .html, the events are listed under the text).
    """
    import os

    from desktop.ui.look.colours import label_colours

    if out.suffix.lower() not in (".png", ".svg", ".html"):
        fail(f"{out}: cannot render to {out.suffix or 'a file without a suffix'}; use .png, .svg or .html")
    with open_project_for(store_path) as store:
        doc_id = store.documents.find(doc_ref)
        if doc_id is None:
            fail(f"no document {doc_ref!r} in {store.path}")
        text = store.documents.text(doc_id)
        spans = store.spans.for_doc(doc_id, rejected=False)
        events = ops.events(store, doc_id)
        colours = label_colours(ops.project_label_set(store))
        relations = [r for _, r in ops.relations(store, doc_id)]  # issue 10 (h-arcs): drawn as arcs
        bad = ops.damaged_span(text, ops.span_ends(spans, events, relations))
        if bad is not None:
            raise ops.damage_refusal(store.path, f"document {doc_ref!r}", bad)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed to draw a picture
    from desktop.ui.article.render import render as draw

    draw(text, spans, colours, out, events=events, relations=relations)
    say(f"rendered {doc_ref} with {len(spans)} spans, {len(events)} events and {len(relations)} relations to {out}")


@main.command()
@db_option
def validate(store_path: Path | None) -> None:
    """Check the annotations: events missing a required role, arguments in a role their
    label may not fill, spans whose text no longer matches the document.

    Prints one problem a line; exit status 1 when there is any.
    """
    with open_project_for(store_path) as store:
        problems = ops.validate(store)
        count = store.documents.count()
    for problem in problems:
        say(problem, one_line=True)
    say(f"{len(problems)} problems in {count} documents", err=bool(problems))
    sys.exit(1 if problems else 0)


@main.group()
def schema() -> None:
    """Show, check or change the project's label schema (entity labels, event types, roles,
    relations, attributes, document labels), or add what a brat annotation.conf declares."""


@schema.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the schema as JSON, in the TOML file's layout.")
@db_option
def schema_show(store_path: Path | None, as_json: bool) -> None:
    """Print the project's schema."""
    from desktop.core.label_set import to_json

    with open_project_for(store_path) as store:
        current = ops.project_label_set(store)
    say(safe_json(json.loads(to_json(current)), indent=2) if as_json else ops.label_set_text(current))


@schema.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def schema_check(store_path: Path | None, file: Path) -> None:
    """Check a schema file (TOML) and list every problem as FILE: reason; exit status 1 if any.

    With --db, also list what in that project would not fit the file (what `schema set`
    would refuse), changing nothing.
    """
    problems = ops.check_label_set_file(file)
    if not problems and store_path is not None:
        from desktop.core import label_set as label_set_mod

        with open_project_for(store_path) as store:
            problems = [f"{file}: {c}" for c in ops.label_set_conflicts(store, label_set_mod.load(file))]
    for problem in problems:
        say(problem, err=True, one_line=True)
    if problems:
        sys.exit(1)
    say(f"{file}: no problems")


@schema.command("set")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotator", help="Name recorded with the change.")
@db_option
def schema_set(store_path: Path | None, file: Path, annotator: str | None) -> None:
    """Make a schema file the project's schema.

    The file is checked, then every existing annotation is checked against it; any
    conflict (a label, event type, role or document label the file lacks) is listed and
    nothing changes. A label declared with renamed_from = ["OLD"] renames OLD's annotations.
    """
    with open_project_for(store_path) as store:
        try:
            renamed = ops.set_label_set(store, file, annotator)
        except ops.LabelSetConflicts as exc:
            for conflict in exc.conflicts:
                say(f"{file}: {conflict}", err=True, one_line=True)
            fail(f"{len(exc.conflicts)} conflicts with the project's annotations; nothing was changed")
        except SpandeskError as exc:
            fail(f"{exc}\nnothing was changed")
        current = ops.project_label_set(store)
    for what, n in renamed.items():
        say(f"renamed {what}: {n}", one_line=True)
    say(f"the project's schema is now {current.name} (version {current.version})")


@main.command()
@db_option
def backup(store_path: Path | None) -> None:
    """Back up the project now, into PROJECT.backups/ beside it; prints the new file.

    The copy is consistent even while the window has the project open. The newest
    backups are kept (see README); a damaged project is refused, not copied.
    """
    path = store_path or paths.default_db()
    say(str(ops.backup_project(path)))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (needed without a terminal).")
@db_option
def restore(store_path: Path | None, file: Path, yes: bool) -> None:
    """Replace the project with FILE, a backup of it.

    FILE must be a sound Spandesk project. The project must be closed everywhere (the
    window, imports); it is backed up first, so a restore can itself be undone.
    """
    path = store_path or paths.default_db()
    plan = ops.plan_restore(file, path)
    if not yes:
        if not sys.stdin.isatty():
            fail(f"{plan.question()}\nnot restored: no terminal to confirm on; add --yes to restore")
        if not click.confirm(printable(plan.question()), default=False):
            fail("not restored; nothing was changed")
    before = ops.restore_project(file, path)
    say(f"restored {path} from {file}" + (f"; the project as it was is in {before}" if before else ""))


# --- Teams (issue 11): assign, merge, agreement ------------------------------------------


def _per_annotator(rows: dict) -> None:
    """`stats`' per-annotator table: documents done, median seconds, suggestions' fate."""
    if not rows:
        return
    say(f"{'annotator':<16} {'done':>6} {'median s/doc':>13} {'accepted':>9} {'corrected':>10} {'rejected':>9}")
    for name, row in rows.items():
        seconds = row["median_seconds_per_document"]
        s = row["suggestions"]
        say(f"{name:<16} {row['documents_done']:>6} {'-' if seconds is None else seconds:>13} "
            f"{s['accepted']:>9} {s['corrected']:>10} {s['rejected']:>9}", one_line=True)


def _names(value: str | None) -> list[str] | None:
    return [n.strip() for n in value.split(",") if n.strip()] if value else None


@main.command()
@click.option("--annotators", required=True, help="Comma-separated names: one project file each, DIR/<name>.db.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the annotators' files into.")
@click.option("--overlap", type=click.FloatRange(0, 1), help="Fraction of the documents everyone gets (default 0.2).")
@click.option("--overlap-docs", type=click.IntRange(0), help="Number of documents everyone gets (instead of --overlap).")
@click.option("--seed", type=int, default=0, show_default=True, help="Shuffle seed: the same seed hands out the same shares.")
@click.option("--status", type=click.Choice(["todo", "in_progress", "done", "skipped"]),
              help="Hand out only documents with this status.")
@db_option
def assign(store_path: Path | None, annotators: str, out_dir: Path, overlap: float | None, overlap_docs: int | None,
           seed: int, status: str | None) -> None:
    """Hand out the documents: one project file per annotator, each with an overlap set given
    to everyone (for agreement) and a disjoint part of the rest, the label set, the model's
    suggestions, and the annotator preset (the window opens as that annotator).

    Running it again hands out only documents never handed out. An existing target file is
    never overwritten: nothing is written then (exit status 1).
    """
    if overlap is not None and overlap_docs is not None:
        raise click.UsageError("give --overlap or --overlap-docs, not both")
    with open_project_for(store_path) as store:
        report = ops.assign(store, _names(annotators) or [], out_dir, overlap=overlap, overlap_docs=overlap_docs,
                         seed=seed, status=status)
    if not report.documents:
        say(f"no documents{f' with status {status}' if status else ''} in {store.path}; nothing was written")
        return
    if not report.handed_out:
        say("no documents left to hand out (every one was handed out before); nothing was written")
        return
    for name, path in report.files.items():
        say(f"{path}: {report.shares[name]} documents for {name}", one_line=True)
    say(f"handed out {report.handed_out} documents; {report.overlap} to everyone (seed {seed})")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotator", help="Whose work the files are (default: the name `assign` wrote into each file, "
                                  "else whoever last changed each document in it).")
@click.option("--force", is_flag=True, help="Merge a file even if it belongs to another project.")
@db_option
def merge(store_path: Path | None, files: tuple[Path, ...], annotator: str | None, force: bool) -> None:
    """Bring annotators' project files into the project, each as that annotator's layer,
    next to the others' (never over them). Merging a file twice changes nothing; a later copy
    updates that annotator's documents. Each file is one action in history (undo takes it
    back). A file of another project or of a newer Spandesk is refused, and never written.
    Exit status 1 when any file was refused.
    """
    refusals: list[str] = []
    reports: list = []
    interrupted: Path | None = None
    with open_project_for(store_path) as store:
        for path in files:  # one at a time, so Ctrl+C can say which were merged (each is one transaction)
            try:
                reports += ops.merge_files(store, [path], annotator=annotator, force=force,
                                           refused=lambda path, exc: refusals.append(str(exc)))
            except KeyboardInterrupt:
                interrupted = path
                break
    for report in reports:
        say(report.summary(), one_line=True)
    for refusal in refusals:
        say(f"spandesk: {refusal}", err=True)
    say(f"merged {len(reports)} of {len(files)} files" + (f"; {len(refusals)} refused" if refusals else ""))
    if interrupted is not None:
        say(f"spandesk: interrupted while merging {interrupted}: nothing from it was merged", err=True)
        sys.exit(130)
    sys.exit(1 if refusals else 0)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--annotators", help="Comma-separated annotators to compare (default: every merged one).")
@click.option("--labels", help="Comma-separated entity labels to compare (default: all).")
@click.option("--docs", type=click.Choice(["done", "all"]), default="done", show_default=True,
              help="done: documents at least two of them marked done; all: that two have worked on.")
@db_option
def agreement(store_path: Path | None, as_json: bool, annotators: str | None, labels: str | None, docs: str) -> None:
    """Inter-annotator agreement over the merged annotators' work: entity P/R/F1 per pair
    (exact and overlapping), per label, token-level Cohen's and Fleiss' kappa and
    Krippendorff's alpha, unitizing alpha, event trigger and argument F1, document-label
    kappa, and the documents to review first."""
    with open_project_for(store_path) as store:
        report = ops.measure_agreement(store, annotators=_names(annotators), labels=_names(labels), docs=docs)
    if as_json:
        say(safe_json(report, indent=2))
        return
    _agreement_text(report)


def _f(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def _agreement_text(r: dict) -> None:
    say(f"documents: {r['documents']}   annotators: {', '.join(r['annotators'])}", one_line=True)
    if not r["documents"]:
        say("no document that two of these annotators marked done: nothing to measure")
        return
    e = r["entities"]
    say("entities, pairwise (exact):  precision  recall  f1  f1_overlap")
    for p in e["pairwise"]:
        say(f"  {p['a']} / {p['b']}: {_f(p['precision'])}  {_f(p['recall'])}  {_f(p['f1'])}  {_f(p['f1_overlap'])}",
            one_line=True)
    for label, row in e["per_label"].items():
        say(f"  {label:<14} f1 {_f(row['f1'])}  overlap {_f(row['f1_overlap'])}  ({row['spans']} spans)", one_line=True)
    for p in e["cohen_kappa"]:
        say(f"  Cohen's kappa {p['a']} / {p['b']}: {_f(p['kappa'])} over {p['tokens']} tokens", one_line=True)
    say(f"  Fleiss' kappa {_f(e['fleiss_kappa'])}; Krippendorff's alpha {_f(e['krippendorff_alpha'])}; "
        f"unitizing alpha {_f(e['unitized_alpha'])}")
    ev = r["events"]
    say(f"events: trigger f1 {_f(ev['trigger_f1'])}; argument f1 {_f(ev['argument_f1'])}; "
        f"relations f1 {_f(r['relations']['f1'])}")
    if r["doc_labels"]["kappa"]:
        say("document labels: " + ", ".join(f"{k} {_f(v)}" for k, v in r["doc_labels"]["kappa"].items()),
            one_line=True)
    say("review first:")
    for w in r["worst_documents"]:
        say(f"  {w['id']}  f1 {_f(w['f1'])} ({w['a']} / {w['b']})  {w['title']}", one_line=True)
# --- h-conf (issue 10, defect 9): brat's annotation.conf and the label set ----------------------

def _conf_declarations(store, inputs: Sequence[Path], merge: bool, annotator: str | None):
    """Compare the brat folders' annotation.conf with the label set; with `merge`, merge it
    first, or list the conflicts and stop with nothing changed."""
    confs = ops.brat_confs(inputs)
    if not confs:
        if merge:  # asked for, and nothing to add: said, not passed over
            say("spandesk: --label-set-from-conf: no annotation.conf in the brat folders given; "
                "the label set is unchanged", err=True)
        return None
    found = ops.label_set_from_conf(store, confs, apply=merge, annotator=annotator)
    if merge and found.conflicts:
        _listed(found.conflicts, "conflicts")
        fail(f"{len(found.conflicts)} conflicts between annotation.conf and the project's label set; "
             "nothing was imported or changed")
    return found


def _conf_report(found) -> None:
    """What the confs declare that the label set lacks, or what was added to it."""
    if found is None or not (found.missing or found.conflicts or found.applied):
        return
    if found.applied:
        _listed([f"added to the label set: {line}" for line in found.missing], "additions")
        _listed(found.notes, "notes")
        say(f"the label set now holds what {len(found.confs)} annotation.conf files declare "
            f"(version {found.merged.version})", err=True)
        return
    _listed([f"the label set lacks: {line}" for line in found.missing], "declarations")
    _listed([f"conflict: {line}" for line in found.conflicts], "conflicts")
    say(f"annotation.conf declares {len(found.missing)} things the project's label set lacks; "
        "import again with --label-set-from-conf to add them (see also: spandesk schema from-conf)", err=True)


@schema.command("from-conf")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="List what would be added, change nothing.")
@click.option("--annotator", help="Name recorded with the change.")
@db_option
def schema_from_conf(store_path: Path | None, path: Path, dry_run: bool, annotator: str | None) -> None:
    """Add what brat's annotation.conf declares to the project's label set.

    PATH is an annotation.conf or a brat folder (its confs, subfolders included). Each
    addition is listed; a conflict (a role or attribute declared differently, a label the
    label set refuses) is listed and nothing is changed (exit status 1).
    """
    if not path.is_file() and not path.is_dir():  # a pipe or a device: never read, never waited on
        fail(f"{path}: not a regular file; give an annotation.conf or a brat folder")
    confs = [path] if path.is_file() else ops.brat_confs([path])
    if not confs:
        fail(f"{path}: no annotation.conf found")
    with open_project_for(store_path) as store:
        found = ops.label_set_from_conf(store, confs, apply=not dry_run, annotator=annotator)
    for line in found.conflicts:
        say(f"conflict: {line}", err=True, one_line=True)
    for line in found.missing:
        say(f"{'would add' if dry_run else 'added'}: {line}", one_line=True)
    for line in found.notes:
        say(f"note: {line}", err=True, one_line=True)
    if found.conflicts:
        fail(f"{len(found.conflicts)} conflicts; nothing was changed")
    if not found.missing:
        say("the label set already holds everything the conf declares")
    elif found.applied:
        say(f"the label set is now {found.merged.name} (version {found.merged.version})")
# --- issue 13 (h-learn): training and model versions ----------------------------------------


@main.command()
@click.option("--base", help="Pipeline to start from (default: the project's model): a package, a folder, "
              "latest or a version.")
@click.option("--components", default="ner,triggers,doc_labels", show_default=True,
              help="What to train, comma-separated: ner, triggers, doc_labels.")
@click.option("--eval-split", type=click.FloatRange(0, 1, max_open=True), default=0.2, show_default=True,
              help="Share of the done documents held out to score base and trained models.")
@click.option("--max-steps", type=click.IntRange(1), help="Stop after this many updates (default: 10 passes).")
@click.option("--max-seconds", type=click.FloatRange(0, min_open=True), help="Stop after this long, keeping what was learnt.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (split, sampling, weights).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the pipeline to this new folder instead of as the project's next version.")
@db_option
def train(store_path: Path | None, base: str | None, components: str, eval_split: float, max_steps: int | None,
          max_seconds: float | None, seed: int, out: Path | None) -> None:
    """Train a model from the accepted annotations of documents marked done.

    Fine-tunes the base model's entities (mixing in its own predictions on other documents
    so it does not forget), learns event triggers and document labels, and prints
    precision, recall and F1 per label on held-out documents for the base model and the
    trained one. The model becomes the project's next version (`spandesk models`);
    use it with `spandesk preannotate --model latest`. Ctrl+C stops training and keeps it.
    """
    wanted = tuple(c.strip() for c in components.split(",") if c.strip())
    with open_project_for(store_path) as store:
        say("training… (Ctrl+C stops and keeps what was learnt)", err=True)
        report = ops.train_model(store, base=base, components=wanted, eval_split=eval_split, max_steps=max_steps,
                                 max_seconds=max_seconds, seed=seed, out=out)
    for line in ops.score_lines(report.scores):
        say(line, one_line=True)
    for note in report.notes:
        say(f"note: {note}", err=True, one_line=True)
    what = f"version v{report.version}" if report.version else "pipeline"
    stopped = {"time": " (stopped at --max-seconds)", "interrupted": " (stopped early)"}.get(report.stopped, "")
    say(f"trained {what} in {report.path} from {report.base} on {report.documents} documents "
        f"({report.held_out} held out, {report.rehearsal} rehearsed), {report.steps} steps, "
        f"{report.seconds:.0f} s{stopped}")
    sys.exit(130 if report.stopped == "interrupted" else 0)  # Ctrl+C: kept, but the run was cut short


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def models(store_path: Path | None, as_json: bool) -> None:
    """The project's trained model versions: version, base, documents, held-out F1, date."""
    with open_project_for(store_path) as store:  # a damaged, foreign or newer file is refused by name
        path = store.path
    versions = ops.list_models(path)
    if as_json:
        say(safe_json([{**m.info, "version": m.name, "path": str(m.path)} for m in versions], indent=2))
        return
    if not versions:
        say(f"no trained models yet for {path}; run `spandesk train`")
        return
    say("version  base                    docs  entities F1 base→trained  triggers F1  date")
    for m in versions:
        def pair(what: str) -> str:
            base_f, trained_f = m.f1(what)
            return "—" if trained_f is None else f"{base_f or 0:.2f}→{trained_f:.2f}"
        say(f"{m.name:<8} {str(m.info.get('base', '?'))[:23]:<23} {str(m.info.get('documents', '?')):>4}  "
            f"{pair('entities'):<24} {pair('triggers'):<12} {m.info.get('date', '?')}", one_line=True)


# --- issue 13 (h-news): the document list's orders, least sure first -----------------------


def _statuses(_ctx, _param, values: tuple[str, ...]) -> tuple[str, ...]:
    """--status, given more than once or comma-separated; a wrong one is a usage error."""
    found = tuple(s.strip() for value in values for s in value.split(",") if s.strip())
    wrong = [s for s in found if s not in ops.STATUSES]
    if wrong:
        raise click.BadParameter(f"{wrong[0]!r} is not one of {', '.join(ops.STATUSES)}")
    return found


@main.command("list")
@click.option("--status", "statuses", multiple=True, callback=_statuses, metavar="STATUS[,STATUS]",
              help="Only documents with these statuses: todo, in_progress, done, skipped (default: all).")
@click.option("--order", type=click.Choice(ops.ORDERS), default="id", show_default=True,
              help="id (imported order), title, changed (last change first), or uncertain: first the "
              "documents whose open suggestions the model is least sure of.")
@click.option("--limit", type=click.IntRange(1), help="Print at most this many documents.")
@db_option
def list_(store_path: Path | None, statuses: tuple[str, ...], order: str, limit: int | None) -> None:
    """List documents in one of the window's orders: id, status, least-sure score, title.

    The score is the open suggestion's confidence nearest 0.5 (— when none is scored);
    `spandesk gui --order uncertain` opens the window on the same order.
    """
    query = ops.order_query(order, statuses)
    with open_project_for(store_path) as store:
        shown = 0
        for doc in ops.list_documents(store, query, limit):
            score = "—" if doc.least_sure is None else f"{doc.least_sure:.2f}"
            say(f"{doc.id:>7}  {doc.status:<11}  {score:>5}  {doc.title}", one_line=True)
            shown += 1
    if not shown:
        say("no documents" + (f" with status {', '.join(statuses)}" if statuses else ""), err=True)
