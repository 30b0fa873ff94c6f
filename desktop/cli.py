"""The `spandesk` command: thin click commands over `desktop.ops`."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from desktop import __version__, ops, paths
from desktop.core.model import SpandeskError

DB_HELP = "Project database (default: $SPANDESK_DB, else spandesk.db in your data folder)."


def db_option(command):
    """Every command takes --db; a new default database starts with the seed articles."""

    @click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), help=DB_HELP)
    @functools.wraps(command)
    def wrapper(*args, db: Path | None, **kwargs):
        return command(*args, store_path=db, **kwargs)

    return wrapper


def open_store(db: Path | None):
    path = db or paths.default_db()
    seed = db is None and not path.exists()
    try:
        return ops.open_project(path, seed=seed)
    except SpandeskError as exc:
        fail(str(exc))


def fail(message: str, code: int = 1):
    click.echo(f"spandesk: {message}", err=True)
    sys.exit(code)


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="spandesk")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=DB_HELP)
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Annotate entities and events in news articles, offline.

    With no command, opens the annotation window.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui, db=db)


@main.command()
@db_option
def gui(store_path: Path | None) -> None:
    """Open the annotation window."""
    from desktop.ui.app import run

    path = store_path or paths.default_db()
    first_run = store_path is None and not path.exists()
    try:
        # The window checks the file and, on a first run, imports the seed articles in the
        # background: a big file opens at once, and tokenizing (spaCy) never delays it.
        store = ops.open_project(path, check=False)
    except SpandeskError as exc:
        fail(str(exc))
    sys.exit(run(store, seed=first_run))


@main.command("import")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--skip-bad-lines", is_flag=True, help="Import the good lines of a JSONL file and list the bad ones.")
@click.option("--annotator", help="Name recorded with the import.")
@db_option
def import_(store_path: Path | None, inputs: tuple[Path, ...], skip_bad_lines: bool, annotator: str | None) -> None:
    """Import .txt, .md and .jsonl files, or folders of them (recursively).

    Each file is all-or-nothing: a bad file or line is reported as FILE:LINE: reason
    and nothing from that file is stored. Exit status 1 when anything was refused.
    """
    with open_store(store_path) as store:
        report = ops.import_paths(store, inputs, skip_bad_lines=skip_bad_lines, annotator=annotator)
    for bad in report.refused:
        click.echo(f"{bad} (nothing from this file was imported)" if bad.line else str(bad), err=True)
    for bad in report.skipped:
        click.echo(f"skipped {bad}", err=True)
    for duplicate in report.duplicates:
        click.echo(f"duplicate {duplicate}", err=True)
    click.echo(
        f"imported {report.imported} documents with {report.spans} spans from {report.files} files"
        f"; {len(report.duplicates)} duplicates, {len(report.skipped)} lines skipped, {len(report.refused)} refused"
    )
    sys.exit(0 if report.ok else 1)


@main.command()
@click.option("--model", help="spaCy pipeline: installed package name or folder path.")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10000), default=16, show_default=True, help="Texts per batch.")
@click.option("--force", is_flag=True, help="Run again on documents the model has seen (open suggestions are replaced).")
@db_option
def preannotate(store_path: Path | None, model: str | None, processes: int, batch_size: int, force: bool) -> None:
    """Store a spaCy model's entities as suggestions to review.

    Never touches an annotator's decision; running it twice changes nothing.
    Ctrl+C stops cleanly and keeps the finished documents.
    """
    import time

    from desktop.progress import Progress

    started = time.monotonic()  # words/s counts model loading too: it is the user's wait
    with open_store(store_path) as store:
        bar: list[Progress] = []

        def show(report: ops.PreannotateReport) -> None:
            if not bar:
                bar.append(Progress(report.total, started=started))
            bar[0].update(report.documents, report.words)

        try:
            report = ops.preannotate(store, model=model, processes=processes, batch_size=batch_size,
                                     force=force, progress=show)
        except SpandeskError as exc:
            fail(str(exc))
        if bar:
            bar[0].close()
    verb = "stopped after" if report.interrupted else "pre-annotated"
    click.echo(f"{verb} {report.documents} of {report.total} documents with {report.model}: {report.spans} suggestions")
    sys.exit(130 if report.interrupted else 0)


@main.command()
@click.option("--format", "fmt", type=click.Choice(ops.FORMATS), required=True, help="File format.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write (for brat, a folder).")
@click.option("--all", "everything", is_flag=True, help="Every document, not only those marked done.")
@click.option("--model", help="spaCy pipeline whose sentence boundaries the events format uses.")
@db_option
def export(store_path: Path | None, fmt: str, out: Path, everything: bool, model: str | None) -> None:
    """Write a corpus: Prodigy-compatible JSONL, a spaCy DocBin for `spacy train`, a brat
    folder, or event-extraction JSON lines (one sentence a line, OneIE's layout)."""
    with open_store(store_path) as store:
        try:
            count = ops.export(store, fmt, out, everything=everything, model=model)
        except (SpandeskError, OSError) as exc:
            fail(str(exc))
    click.echo(f"exported {count} documents to {out}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def stats(store_path: Path | None, as_json: bool) -> None:
    """Documents by status, spans by label and state, annotators, model suggestions' fate."""
    with open_store(store_path) as store:
        figures = ops.stats(store)
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    docs = figures["documents"]
    click.echo(f"documents: {docs['total']} ({', '.join(f'{k} {v}' for k, v in docs.items() if k != 'total')})")
    click.echo(f"spans: {figures['spans']['total']} " + json.dumps(figures["spans"]["by_state"]))
    for label, states in figures["spans"]["by_label"].items():
        click.echo(f"  {label:<12} " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())))
    click.echo("annotators: " + (", ".join(f"{k} ({v} actions)" for k, v in figures["annotators"].items()) or "none"))
    click.echo("model suggestions: " + ", ".join(f"{k} {v}" for k, v in figures["model_suggestions"].items()))


@main.command()
@click.option("--doc", "doc_ref", required=True, help="Document id as export writes it: its own id, doc-N or the row number.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write: .png or .svg (drawn as the app shows it) or .html (a standalone page).")
@db_option
def render(store_path: Path | None, doc_ref: str, out: Path) -> None:
    """Draw one document with its entity spans, as the annotation window shows them.

    Accepted spans are filled, suggestions outlined; rejected spans are left out.
    """
    import os

    from desktop.ui.colours import schema_colours

    if out.suffix.lower() not in (".png", ".svg", ".html"):
        fail(f"{out}: cannot render to {out.suffix or 'a file without a suffix'}; use .png, .svg or .html")
    with open_store(store_path) as store:
        doc_id = store.documents.find(doc_ref)
        if doc_id is None:
            fail(f"no document {doc_ref!r} in {store.path}")
        text = store.documents.text(doc_id)
        spans = store.spans.for_doc(doc_id, rejected=False)
        colours = schema_colours(ops.project_schema(store))
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed to draw a picture
    from desktop.ui.render import render as draw

    try:
        draw(text, spans, colours, out)
    except (SpandeskError, OSError) as exc:
        fail(str(exc))
    click.echo(f"rendered {doc_ref} with {len(spans)} spans to {out}")


@main.command()
@db_option
def validate(store_path: Path | None) -> None:
    """Check the annotations: events missing a required role, arguments in a role their
    label may not fill, spans whose text no longer matches the document.

    Prints one problem a line; exit status 1 when there is any.
    """
    with open_store(store_path) as store:
        problems = ops.validate(store)
        count = store.documents.count()
    for problem in problems:
        click.echo(problem)
    click.echo(f"{len(problems)} problems in {count} documents", err=bool(problems))
    sys.exit(1 if problems else 0)


@main.group()
def schema() -> None:
    """Show, check or change the project's label schema (entity labels, event types, roles,
    document labels)."""


@schema.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the schema as JSON, in the TOML file's layout.")
@db_option
def schema_show(store_path: Path | None, as_json: bool) -> None:
    """Print the project's schema."""
    from desktop.core.schema import to_json

    with open_store(store_path) as store:
        current = ops.project_schema(store)
    click.echo(json.dumps(json.loads(to_json(current)), indent=2, ensure_ascii=False) if as_json
               else ops.schema_text(current))


@schema.command("check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def schema_check(store_path: Path | None, file: Path) -> None:
    """Check a schema file (TOML) and list every problem as FILE: reason; exit status 1 if any.

    With --db, also list what in that project would not fit the file (what `schema set`
    would refuse), changing nothing.
    """
    problems = ops.check_schema_file(file)
    if not problems and store_path is not None:
        from desktop.core import schema as schema_mod

        with open_store(store_path) as store:
            problems = [f"{file}: {c}" for c in ops.schema_conflicts(store, schema_mod.load(file))]
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{file}: no problems")


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
    with open_store(store_path) as store:
        try:
            renamed = ops.set_schema(store, file, annotator)
        except ops.SchemaConflicts as exc:
            for conflict in exc.conflicts:
                click.echo(f"{file}: {conflict}", err=True)
            fail(f"{len(exc.conflicts)} conflicts with the project's annotations; nothing was changed")
        except SpandeskError as exc:
            fail(f"{exc}\nnothing was changed")
        current = ops.project_schema(store)
    for what, n in renamed.items():
        click.echo(f"renamed {what}: {n}")
    click.echo(f"the project's schema is now {current.name} (version {current.version})")


@main.command()
@db_option
def backup(store_path: Path | None) -> None:
    """Back up the project now, into PROJECT.backups/ beside it; prints the new file.

    The copy is consistent even while the window has the project open. The newest
    backups are kept (see README); a damaged project is refused, not copied.
    """
    path = store_path or paths.default_db()
    try:
        made = ops.backup_project(path)
    except SpandeskError as exc:
        fail(str(exc))
    click.echo(str(made))


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
    try:
        plan = ops.plan_restore(file, path)
        if not yes:
            if not sys.stdin.isatty():
                fail(f"{plan.question()}\nnot restored: no terminal to confirm on; add --yes to restore")
            if not click.confirm(plan.question(), default=False):
                fail("not restored; nothing was changed")
        before = ops.restore_project(file, path)
    except SpandeskError as exc:
        fail(str(exc))
    click.echo(f"restored {path} from {file}" + (f"; the project as it was is in {before}" if before else ""))
