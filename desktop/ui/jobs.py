"""The window's background jobs: the integrity check, import, export and pre-annotation,
each a runner.Job (an ops function run off the GUI thread on a connection of its own)
with what the window does with its progress, its result and its failure.

One job at a time besides the integrity check, so progress and Cancel are never ambiguous.
Jobs commit in short batches, so the window's own changes interleave with them; the views
refresh what each pre-annotation batch saved as soon as it is committed, and what an
import stored when it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop import ops
from desktop.core.model import Changes
from desktop.store import Store
from desktop.ui.desk import Desk
from desktop.ui.dialogs import damage
from desktop.ui.panels.status import StatusBar
from desktop.ui.runner import Cancelled, Job


class Jobs(QObject):
    # the integrity check is over: True when the file is sound
    checked = Signal(bool)
    # a pre-annotation saved its last batch (the model in use may have changed)
    modelChanged = Signal()
    # an import job is over (ops.ImportReport): the views show it and another job may start
    imported = Signal(object)

    def __init__(self, desk: Desk, status: StatusBar, window: QWidget):
        super().__init__(window)
        self.desk, self.status, self.window = desk, status, window
        self.job: Job | None = None
        self.checker: Job | None = None
        self._import_report: ops.ImportReport | None = None
        self._then: Callable[[], None] | None = None  # what starts once the running job has ended
        self._damage_told = False
        status.job.cancelled.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def _begin(self, text: str, op: Callable, **handlers) -> bool:
        """Start a job on the open project, unless one is running; its failure is a dialog."""
        if self.busy:
            self.desk.message.emit("Another job is running: wait for it, or Cancel it in the status bar.")
            return False
        handlers.setdefault("failure", self._failed)
        self.job = Job(op, path=self.desk.path, parent=self, **handlers)
        self.job.finished.connect(self._end)
        self.status.job.start(text)
        self.job.start()
        return True

    def _failed(self, message: str) -> None:
        _dialogs().error(self.window, "Spandesk", message)

    def _end(self) -> None:
        job, self.job = self.job, None
        self.status.job.hide()
        if job is not None:
            job.deleteLater()
        report, self._import_report = self._import_report, None
        if report is not None:
            self.imported.emit(report)  # now, with no job running, a next one may start
        then, self._then = self._then, None
        if then is not None and not self.busy and not self.desk.store.closed:
            then()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.job.stopping()

    def shutdown(self) -> None:
        """Stop everything before the window closes; what was saved stays saved."""
        for job in (self.job, self.checker):
            if job is not None:
                job.cancel()
                job.wait(10_000)

    # --- integrity check -------------------------------------------------------------------

    def check(self) -> None:
        """Check the file in the background; until it is found sound, nothing is written."""
        self.desk.set_writable(False, "Checking the project file… one moment.")
        self._damage_told = False  # a new project (File → Open) gets its own dialog
        self.status.showMessage(f"Checking {self.desk.path.name}… (changes wait until it is done)")
        self.checker = Job(check_and_back_up, path=self.desk.path, store=False, success=self._checked, parent=self)
        self.checker.start()

    def _checked(self, problems: list) -> None:
        if problems:
            self.damaged(problems)
        else:
            self.desk.set_writable(True)
            self.status.clearMessage()
        self.checked.emit(not problems)

    def damaged(self, problems: list[str] | str) -> None:
        """The file is damaged (the check found it, or SQLite met a bad page): read-only for
        good, said once in a dialog and kept in the status bar; a running job stops."""
        problems = [problems] if isinstance(problems, str) else problems
        reason = f"{self.desk.path.name} is damaged: nothing will be written to it. Restore a backup."
        self.desk.set_writable(False, reason)
        self.cancel()
        self.status.showMessage(reason)
        if not self._damage_told:
            self._damage_told = True
            damage.damaged(self.window, self.desk.path, problems)

    # --- pre-annotation --------------------------------------------------------------------

    def preannotate(self, model: str) -> None:
        if not self.desk.writable:
            self.desk.message.emit(self.desk.read_only_reason)
            return
        annotator = self.desk.annotator
        self._begin(f"Loading {Path(model).name}…",
                    lambda store, tick: preannotate(store, tick, model, annotator),
                    progress=self._batch_saved, success=lambda report: self._preannotated(model, report))

    def _batch_saved(self, report: ops.PreannotateReport) -> None:
        if self.desk.store.closed:
            return
        if report.saved:
            self.desk.announce(Changes.SPANS | (Changes.EVENTS if report.events else Changes.NONE), report.saved)
        self.status.job.update_progress(report.documents, report.total, f"Pre-annotating with {report.model}")

    def _preannotated(self, model: str, report: ops.PreannotateReport) -> None:
        if self.desk.store.closed:
            return
        if report.documents:
            self.desk.write(lambda: self._set_model(model))
            self.desk.message.emit(f"Pre-annotated {report.documents:,} documents: {report.spans:,} suggestions.")
        elif not report.interrupted:  # (cancelled before it began: nothing to say)
            self.desk.message.emit(f"Nothing left to pre-annotate with {report.model}.")

    def _set_model(self, model: str) -> None:
        ops.set_model(self.desk.store, model)
        self.modelChanged.emit()

    # --- import and export -----------------------------------------------------------------

    def import_seeds(self) -> None:
        """A new user's seed articles (ops.import_seeds: an annotated reference, not its duplicate)."""
        self.import_files([], seeds=True)

    def import_files(self, paths: list[str], *, seeds: bool = False) -> None:
        report, annotator = ops.ImportReport(), self.desk.annotator
        # Articles imported into an empty project get the model's suggestions straight
        # away, as a new user's seed articles do (seeds: app.py's first run does that).
        fresh = not seeds and ops.progress(self.desk.store).total == 0

        def failed(message: str) -> None:
            self._failed(message)
            self._imported(report)  # the files imported before the failure

        self._begin("Importing…",
                    (lambda store, tick: import_seeds(store, tick, report)) if seeds else
                    (lambda store, tick: import_files(store, tick, paths, annotator, report)),
                    progress=lambda n, total, file: self.status.job.update_progress(
                        n, total, f"Importing {Path(file).name}" if file else "Importing"),
                    waiting=lambda holder: self.desk.message.emit(f"The import waits for {holder}…"),
                    success=lambda done: self._imported(done, fresh=fresh), failure=failed)

    def _imported(self, report: ops.ImportReport, *, fresh: bool = False) -> None:
        if self.desk.store.closed:
            return
        self.desk.announce(Changes.DOCUMENTS | Changes.SPANS | Changes.DOC_STATUS, None)
        said = (f"Imported {report.imported:,} documents ({report.spans:,} spans) from {report.files:,} files; "
                f"{len(report.duplicates)} duplicates, {len(report.refused)} refused"
                + (f", {len(report.dropped):,} annotations not stored (spandesk import lists each one)."
                   if report.dropped else "."))
        model = ops.model_in_use(self.desk.store) if report.imported else None
        if report.imported and model is None:
            said += " Choose a spaCy model in File → Settings to have them pre-annotated."
        elif fresh and model is not None:
            said += f" Pre-annotating them with {Path(model).name}…"
            self._then = lambda: self.preannotate(model)
        elif model is not None:
            said += f" Ctrl+Shift+P pre-annotates them with {Path(model).name}."
        self.desk.message.emit(said)
        if report.refused or report.skipped:
            _dialogs().refused(self.window, report)
        if self.desk.doc_id is None:
            self.desk.open_first()
        self._import_report = report

    def export(self, fmt: str, out: Path, everything: bool) -> None:
        self._begin(f"Exporting to {out.name}…",
                    lambda store, tick: ops.export(store, fmt, out, everything=everything, progress=tick),
                    progress=self.status.job.update_progress, every=0.1,
                    success=lambda count: self.desk.message.emit(f"Exported {count:,} documents to {out}."))


# --- the jobs' functions, run in the job's thread on its own store -----------------------------

def check_and_back_up(path: Path, _tick) -> list[str]:
    """The integrity check ([] when the file is sound), then the daily backup: here because
    only a file found sound may push older backups out. Opens only what it reads."""
    try:
        problems = ops.check_project(path)
    except Exception as exc:  # noqa: BLE001 - an unreadable file is a finding, not a crash
        problems = [f"cannot be checked: {exc}"]
    if not problems:
        ops.backup_if_due(path)  # a connection of its own; it never raises
    return problems


def preannotate(store: Store, tick, model: str, annotator: str | None) -> ops.PreannotateReport:
    """ops.preannotation_batches, each committed batch reported; Cancel stops it between
    batches and keeps those committed."""
    with closing(ops.preannotation_batches(store, model, annotator=annotator)) as batches:
        for report in batches:
            try:
                tick(replace(report))  # a copy: the generator goes on updating its own
            except Cancelled:
                report.interrupted = True
                break
    return report


def import_files(store: Store, tick, paths: list[str], annotator: str | None,
                 report: ops.ImportReport) -> ops.ImportReport:
    """Import file by file into `report` (what is skipped or refused goes in it too);
    Cancel rolls back the file under way, all or nothing, and keeps those finished."""
    from desktop.ops.importing import expand

    files = [file for path in paths for file in expand([path], report)]
    try:
        for n, file in enumerate(files):
            tick(n, len(files), str(file))
            report.add(ops.import_paths(store, [file], annotator=annotator, progress=lambda *_: tick()))
        tick(len(files), len(files), "")
    except Cancelled:
        pass
    return report


def import_seeds(store: Store, tick, report: ops.ImportReport) -> ops.ImportReport:
    """The seed articles, as ops.import_seeds orders them (a reference before its text)."""
    try:
        tick(0, 1, "")
        report.add(ops.import_seeds(store, progress=lambda *_: tick()))
        tick(1, 1, "")
    except Cancelled:
        pass
    return report


def _dialogs():
    """The dialogs module, loaded when a job first has something to say (not at start-up)."""
    from desktop.ui.dialogs import messages as dialogs

    return dialogs
