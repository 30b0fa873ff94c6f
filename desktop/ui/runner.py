"""One way to run work off the GUI thread, in the spirit of Anki's QueryOp/CollectionOp.

A job is one expression: the ops function to run, what to do with its progress, with its
result and with its failure; `start()` runs it on a QThread of its own:

    Job(lambda store, tick: ops.export(store, fmt, out, progress=tick), path=desk.path,
        progress=lambda done, total: bar.update_progress(done, total),
        success=lambda count: say(f"Exported {count:,} documents to {out}."),
        failure=show_error).start()

The function gets the project's store, opened in the job's thread (an sqlite3 connection
belongs to the thread that opened it; WAL lets the window read meanwhile, and writes
commit in short batches so the window's own interleave), and `tick`, which reports
progress and is where Cancel takes effect: once `cancel()` is called, the next `tick`
raises Cancelled, rolling back the ops call's open transaction. A Cancelled the function
lets out ends the job quietly; one it catches ends it with what it returns (an import
keeps the files it finished).

Errors are sorted here, once: a SpandeskError, an OSError (a file the user named, a full
disk) or a project SQLite cannot read is the user's business and goes to `failure`;
anything else is a bug, for guard.report (logged, one dialog). Handlers run on the GUI
thread, in order: progress…, then success or failure, then the thread's `finished`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox

from desktop import ops
from desktop.core.model import SpandeskError
from desktop.ui import guard


class Cancelled(Exception):
    """Raised by a job's `tick` once it is cancelled, to stop the ops call under way."""


def user_message(db: Path, exc: Exception) -> str | None:
    """What the user is told about a job's error; None when it is a bug."""
    if isinstance(exc, (SpandeskError, OSError)):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):
        return unreadable(db, exc)
    return None


def unreadable(db: Path, exc: sqlite3.DatabaseError) -> str | None:
    """What to say when SQLite cannot read the project (damage, or text that is not UTF-8);
    None for any other database error, which is not the user's to fix."""
    if "Could not decode to UTF-8" in str(exc):
        # (sqlite3's own words go on to quote up to 1 KB of the broken text: leave it out)
        what = "some of its text is not valid UTF-8"
    elif guard.is_damage(exc):
        what = f"SQLite cannot read parts of it ({exc})"
    else:
        return None
    return f"{db}: the project file is damaged: {what}. Nothing was changed. Put back a backup copy of it."


class Job(QThread):
    """One background job (see the module). `store=False`: the function gets the project's
    path instead and opens what it needs itself (the integrity check reads the raw file).
    `every`: at most one progress report per that many seconds (a report per document
    would flood the GUI's event queue)."""

    _progressed = Signal(tuple)
    _succeeded = Signal(object)
    _failed = Signal(str)
    _waiting = Signal(str)

    def __init__(self, op: Callable[..., Any], *, path: str | Path,
                 success: Callable[[Any], None] | None = None,
                 failure: Callable[[str], None] | None = None,
                 progress: Callable[..., None] | None = None,
                 waiting: Callable[[str], None] | None = None,
                 every: float = 0.0, store: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.op, self.path, self.every, self.opens = op, Path(path), every, store
        self.handlers = {"success": success, "failure": failure, "progress": progress, "waiting": waiting}
        self._cancel = False
        self._shown = 0.0
        # Bound methods of this object, which lives in the GUI thread: Qt queues the
        # signals from the job's thread and runs the handlers on the GUI thread.
        self._progressed.connect(self._on_progress)
        self._succeeded.connect(self._on_success)
        self._failed.connect(self._on_failure)
        self._waiting.connect(self._on_waiting)

    def cancel(self) -> None:
        self._cancel = True

    @property
    def cancelled(self) -> bool:
        return self._cancel

    def tick(self, *args) -> None:
        """For the ops function: report progress (`args` go to the progress handler; none:
        only look at Cancel). Raises Cancelled once the job is cancelled."""
        if self._cancel:
            raise Cancelled
        if args and self.handlers["progress"] is not None:
            now = time.monotonic()
            if not self.every or now - self._shown >= self.every:
                self._shown = now
                self._progressed.emit(args)

    def run(self) -> None:
        try:
            if self.opens:
                with ops.open_project(self.path, check=False) as store:
                    store.on_wait = self._waiting.emit
                    result = self.op(store, self.tick)
            else:
                result = self.op(self.path, self.tick)
        except Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - sorted once, here (see the module)
            message = user_message(self.path, exc)
            if message is None:
                guard.report(exc)
            else:
                self._failed.emit(message)
            return
        self._succeeded.emit(result)

    # --- on the GUI thread ---------------------------------------------------------------

    def _call(self, kind: str, *args) -> None:
        handler = self.handlers[kind]
        if handler is None and kind == "failure":
            guard.show_box(QMessageBox.Icon.Warning, "Spandesk", *args)
        elif handler is not None:
            _guarded_call(handler, *args)

    def _on_progress(self, args: tuple) -> None:
        self._call("progress", *args)

    def _on_success(self, result: object) -> None:
        self._call("success", result)

    def _on_failure(self, message: str) -> None:
        self._call("failure", message)

    def _on_waiting(self, holder: str) -> None:
        self._call("waiting", holder)


@guard.guarded()
def _guarded_call(handler: Callable[..., None], *args) -> None:
    """A handler's own error is a bug report, never an exception into Qt."""
    handler(*args)
