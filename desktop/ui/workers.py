"""Background work, each in a QThread: pre-annotation, import, export, the integrity check.

The GUI thread owns the project's connection. The pre-annotation worker never touches the
database: it is fed (doc id, text) items and hands back plain (doc id, spans) batches for
the GUI thread to save. Import, export and the check open connections of their own to the
same file (SQLite connections are per thread; WAL lets the GUI keep reading meanwhile),
and the GUI refreshes when they finish. spaCy is imported here, in the worker, never on
the way to the first article. Cancel is a flag, looked at between documents or files.
"""

from __future__ import annotations

import queue
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from desktop import ops
from desktop.core.model import SpandeskError
from desktop.ui.guard import is_damage

BATCH_SECONDS = 0.5  # a batch goes to the GUI at least this often, so progress moves
BATCH_DOCS = 16


class Cancelled(Exception):
    """Raised from a progress callback to stop an ops call; its transaction rolls back."""


def unreadable(db: Path, exc: sqlite3.DatabaseError) -> str | None:
    """What to say when SQLite cannot read the project (damage, or text that is not UTF-8);
    None for any other database error (a lock), which is not damage."""
    if "Could not decode to UTF-8" in str(exc):
        # (sqlite3's own words go on to quote up to 1 KB of the broken text: leave it out)
        what = "some of its text is not valid UTF-8"
    elif is_damage(exc):
        what = f"SQLite cannot read parts of it ({exc})"
    else:
        return None
    return f"{db}: the project file is damaged: {what}. Nothing was changed. Put back a backup copy of it."


class Worker(QThread):
    failed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    @property
    def cancelled(self) -> bool:
        return self._cancel


class PreannotateWorker(Worker):
    loaded = Signal(str)  # the model's id ("en_core_web_sm@3.8.0"): the GUI finds what is pending
    batch = Signal(list)  # [(doc_id, [Span, ...]), ...]
    hungry = Signal()  # fed items are running out: feed more

    def __init__(self, model: str, parent=None):
        super().__init__(parent)
        self.model = model
        self._items: queue.Queue = queue.Queue()

    def feed(self, items: list[tuple[int, str]] | None) -> None:
        """Items to annotate; None says there are no more."""
        self._items.put(items)

    def run(self) -> None:
        try:
            from desktop.nlp.annotate import annotate
            from desktop.nlp.models import load, model_id

            nlp = load(self.model)
            self.loaded.emit(model_id(nlp))
            while not self._cancel:
                try:
                    items = self._items.get(timeout=0.2)
                except queue.Empty:
                    continue
                if items is None:
                    break
                if self._items.empty():
                    self.hungry.emit()
                self._annotate(annotate, nlp, items)
        except SpandeskError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a broken pipeline must not take the window down
            self.failed.emit(f"pre-annotation stopped: {exc!r}")

    def _annotate(self, annotate, nlp, items) -> None:
        buffer, last = [], time.monotonic()
        for doc_id, spans in annotate(nlp, items):
            buffer.append((doc_id, spans))
            if len(buffer) >= BATCH_DOCS or time.monotonic() - last > BATCH_SECONDS:
                self.batch.emit(buffer)
                buffer, last = [], time.monotonic()
            if self._cancel:
                break
        if buffer:
            self.batch.emit(buffer)


class ImportWorker(Worker):
    progress = Signal(int, int, str)  # files done, files in all, the current file
    done = Signal(object)  # ops.ImportReport
    waiting = Signal(str)  # another process holds the file: who ("import (ana, pid 42)")

    def __init__(self, db: Path, paths: list[str], annotator: str | None, parent=None, *, seeds: bool = False):
        super().__init__(parent)
        self.db, self.paths, self.annotator, self.seeds = db, paths, annotator, seeds

    def run(self) -> None:
        from desktop.ops.importing import expand

        report = ops.ImportReport()
        if self.seeds:
            self._import_seeds(report)
            return
        try:
            files = []
            for path in self.paths:
                files += list(expand([path], report))  # what is skipped or refused goes in the report
            with ops.open_project(self.db, check=False) as store:
                store.on_wait = self.waiting.emit
                for n, file in enumerate(files):
                    if self._cancel:
                        break
                    self.progress.emit(n, len(files), str(file))
                    try:
                        part = ops.import_paths(store, [file], annotator=self.annotator, progress=self._check)
                    except Cancelled:
                        break  # this file's transaction rolled back: all or nothing
                    report.add(part)
                self.progress.emit(len(files), len(files), "")
        except (SpandeskError, OSError) as exc:
            self.failed.emit(str(exc))
        except sqlite3.DatabaseError as exc:
            if (message := unreadable(self.db, exc)) is None:
                raise
            self.failed.emit(message)
        self.done.emit(report)

    def _import_seeds(self, report: ops.ImportReport) -> None:
        """The seed articles, as ops.import_seeds orders them (a reference before its text)."""
        try:
            with ops.open_project(self.db, check=False) as store:
                store.on_wait = self.waiting.emit
                self.progress.emit(0, 1, "")
                report.add(ops.import_seeds(store, progress=self._check))
                self.progress.emit(1, 1, "")
        except Cancelled:
            pass
        except (SpandeskError, OSError) as exc:
            self.failed.emit(str(exc))
        self.done.emit(report)

    def _check(self, _file, _count) -> None:
        if self._cancel:
            raise Cancelled



class ExportWorker(Worker):
    progress = Signal(int, int)
    done = Signal(int)  # documents written

    def __init__(self, db: Path, fmt: str, out: Path, everything: bool, parent=None):
        super().__init__(parent)
        self.db, self.fmt, self.out, self.everything = db, fmt, out, everything
        self._shown = 0.0

    def run(self) -> None:
        try:
            with ops.open_project(self.db, check=False) as store:
                count = ops.export(store, self.fmt, self.out, everything=self.everything, progress=self._progress)
        except Cancelled:
            return  # export writes a .part file and renames it only when complete
        except (SpandeskError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        except sqlite3.DatabaseError as exc:
            if (message := unreadable(self.db, exc)) is None:
                raise
            self.failed.emit(message)
            return
        self.done.emit(count)

    def _progress(self, done: int, total: int) -> None:
        if self._cancel:
            raise Cancelled
        # One signal per document would flood the GUI's event queue on a big corpus.
        if done == total or time.monotonic() - self._shown > 0.1:
            self._shown = time.monotonic()
            self.progress.emit(done, total)


class CheckWorker(Worker):
    done = Signal(list)  # the problems found; [] when the file is sound

    def __init__(self, db: Path, parent=None):
        super().__init__(parent)
        self.db = db

    def run(self) -> None:
        try:
            problems = ops.check_project(self.db)
        except Exception as exc:  # an unreadable file is a finding, not a crash
            problems = [f"cannot be checked: {exc}"]
        if not problems:
            # The daily backup, here because only a file found sound may push older
            # backups out; its own connection, and it never raises.
            ops.backup_if_due(self.db)
        self.done.emit(problems)
