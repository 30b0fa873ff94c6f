"""The GUI thread's side of background jobs: start one, show its progress, save what it hands
back, refresh what it changed, cancel it.

One job at a time besides the integrity check, so progress and Cancel are never ambiguous.
Pre-annotation results are saved here, on the GUI thread that owns the connection, one
batch per transaction (ops.save_suggestions), and appear in the list and the article as
soon as they are committed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop import ops
from desktop.core.model import Changes
from desktop.ui import workers
from desktop.ui.desk import Desk
from desktop.ui.dialogs import damage
from desktop.ui.guard import guarded
from desktop.ui.panels.status import StatusBar

FEED = 64  # documents handed to the model at a time; two lots are kept queued


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
        self.worker: workers.Worker | None = None
        self.checker: workers.CheckWorker | None = None
        self._import_report: ops.ImportReport | None = None
        self._damage_told = False
        self._writer: int | None = None  # the pre-annotation run's row in the project's writers
        status.job.cancelled.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def _begin(self, worker: workers.Worker, text: str) -> bool:
        if self.busy:
            self.desk.message.emit("Another job is running: wait for it, or Cancel it in the status bar.")
            return False
        self.worker = worker
        worker.failed.connect(lambda message: _dialogs().error(self.window, "Spandesk", message))
        worker.finished.connect(self._end)
        self.status.job.start(text)
        worker.start()
        return True

    def _end(self) -> None:
        worker, self.worker = self.worker, None
        self.status.job.hide()
        if worker is not None:
            worker.deleteLater()
        report, self._import_report = self._import_report, None
        if report is not None:
            self.imported.emit(report)  # now, with no job running, a next one may start

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.job.stopping()

    def shutdown(self) -> None:
        """Stop everything before the window closes; what was saved stays saved."""
        for worker in (self.worker, self.checker):
            if worker is not None:
                worker.cancel()
                worker.wait(10_000)

    # --- integrity check -------------------------------------------------------------------

    def check(self) -> None:
        """Check the file in the background; until it is found sound, nothing is written."""
        self.desk.set_writable(False, "Checking the project file… one moment.")
        self._damage_told = False  # a new project (File → Open) gets its own dialog
        self.status.showMessage(f"Checking {self.desk.path.name}… (changes wait until it is done)")
        self.checker = workers.CheckWorker(self.desk.path, self)
        self.checker.done.connect(self._checked)
        self.checker.start()

    @guarded()
    def _checked(self, problems: list) -> None:
        if problems:
            self.damaged(problems)
        else:
            self.desk.set_writable(True)
            self.status.clearMessage()
        self.checked.emit(not problems)

    def damaged(self, problems: list[str] | str) -> None:
        """The file is damaged (the check found it, or SQLite met a bad page): read-only for
        good, said once in a dialog and kept in the status bar."""
        problems = [problems] if isinstance(problems, str) else problems
        reason = f"{self.desk.path.name} is damaged: nothing will be written to it. Restore a backup."
        self.desk.set_writable(False, reason)
        self.status.showMessage(reason)
        if not self._damage_told:
            self._damage_told = True
            damage.damaged(self.window, self.desk.path, problems)

    # --- pre-annotation --------------------------------------------------------------------

    def preannotate(self, model: str) -> None:
        if not self.desk.writable:
            self.desk.message.emit(self.desk.read_only_reason)
            return
        worker = workers.PreannotateWorker(model, self)
        self._model, self._pending, self._report, self._writer = model, [], None, None
        worker.loaded.connect(self._model_loaded)
        worker.hungry.connect(self._feed)
        worker.batch.connect(self._save)
        worker.finished.connect(self._preannotated)
        self._begin(worker, f"Loading {Path(model).name}…")

    @guarded()
    def _model_loaded(self, model_id: str) -> None:
        store = self.desk.store
        # Registered as a writer, the run claims what it feeds, so a `spandesk preannotate`
        # beside it takes other documents; a busy file only means this run goes unclaimed.
        try:
            self._writer = ops.start_writing(store, f"pre-annotation with {model_id}", self.desk.annotator)
        except ops.Locked:
            self._writer = None
        self._pending = ops.pending_preannotation(store, model_id)  # none another run has claimed
        self._report = ops.PreannotateReport(model_id, total=len(self._pending))
        self.status.job.update_progress(0, len(self._pending), f"Pre-annotating with {model_id}")
        self._feed()
        self._feed()

    @guarded()
    def _feed(self) -> None:
        worker = self.worker
        if not isinstance(worker, workers.PreannotateWorker) or self._report is None:
            return
        ids = self._pending[:FEED]
        if self._writer is not None and ids:
            try:
                ids = ops.claim_preannotation(self.desk.store, self._report.model, self._writer, FEED,
                                              after=ids[0] - 1)
            except ops.Locked:
                pass  # fed unclaimed: the other run may repeat these few
        self._pending = [i for i in self._pending if i > ids[-1]] if ids else []
        worker.feed(ops.texts(self.desk.store, ids) if ids else None)

    @guarded()
    def _save(self, batch: list) -> None:
        if self._report is None or not self.desk.writable:
            return
        report = self._report
        # Through the desk's queue: a busy file delays the batch, never loses it.
        self.desk.write(lambda: self._save_now(report, batch))

    def _save_now(self, report: ops.PreannotateReport, batch: list) -> None:
        saved = ops.save_suggestions(self.desk.store, report, batch, annotator=self.desk.annotator)
        self.desk.announce(Changes.SPANS, saved)
        self.status.job.update_progress(report.documents, report.total)

    @guarded()
    def _preannotated(self) -> None:
        report = self._report
        if self._writer is not None:
            store, writer, self._writer = self.desk.store, self._writer, None
            self.desk.write(lambda: store.closed or ops.stop_writing(store, writer))
        if report is not None and report.documents:
            self.desk.write(lambda model=self._model: self._set_model(model))
            self.desk.message.emit(f"Pre-annotated {report.documents:,} documents: {report.spans:,} suggestions.")
        elif report is not None:
            self.desk.message.emit(f"Nothing left to pre-annotate with {report.model}.")

    def _set_model(self, model: str) -> None:
        ops.set_model(self.desk.store, model)
        self.modelChanged.emit()

    # --- import and export -----------------------------------------------------------------

    def import_seeds(self) -> None:
        """A new user's seed articles (ops.import_seeds: an annotated reference, not its duplicate)."""
        self.import_files([], seeds=True)

    def import_files(self, paths: list[str], *, seeds: bool = False) -> None:
        # The worker commits in short batches (store/batches.py): the window's changes
        # interleave with them, and wait in the desk's queue when the file is busy.
        worker = workers.ImportWorker(self.desk.path, paths, self.desk.annotator, self, seeds=seeds)
        worker.progress.connect(lambda n, total, file: self.status.job.update_progress(
            n, total, f"Importing {Path(file).name}" if file else "Importing"))
        worker.waiting.connect(lambda holder: self.desk.message.emit(f"The import waits for {holder}…"))
        worker.done.connect(self._imported)
        self._begin(worker, "Importing…")

    @guarded()
    def _imported(self, report: ops.ImportReport) -> None:
        self.desk.announce(Changes.DOCUMENTS | Changes.SPANS | Changes.DOC_STATUS, None)
        self.desk.message.emit(
            f"Imported {report.imported:,} documents ({report.spans:,} spans) from {report.files:,} files; "
            f"{len(report.duplicates)} duplicates, {len(report.refused)} refused.")
        if report.refused or report.skipped:
            _dialogs().refused(self.window, report)
        if self.desk.doc_id is None:
            self.desk.open_first()
        self._import_report = report

    def export(self, fmt: str, out: Path, everything: bool) -> None:
        worker = workers.ExportWorker(self.desk.path, fmt, out, everything, self)
        worker.progress.connect(lambda n, total: self.status.job.update_progress(n, total))
        worker.done.connect(lambda count: self.desk.message.emit(f"Exported {count:,} documents to {out}."))
        self._begin(worker, f"Exporting to {out.name}…")


def _dialogs():
    """The dialogs module, loaded when a job first has something to say (not at start-up)."""
    from desktop.ui.dialogs import messages as dialogs

    return dialogs
