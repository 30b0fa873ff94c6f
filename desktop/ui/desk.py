"""The desk: one open project, the annotator, the list's order and the document on show.

Every change goes through `act`, which calls an `ops` function and only then announces
what it changed (`changed`, with the Outcome's flags and the documents touched), so each
view refreshes just what it shows and nothing appears done before it is committed. Views
listen to the desk; no widget refreshes another.

The window never waits long for the file: another writer (an import, a second window)
holds it a fifth of a second at a time, so a write waits LOCK_PATIENCE for it; past that
the change is queued, the status bar says whom it waits for, and a timer retries the queue
in order while the window keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import ops
from desktop.core.model import Changes, SpandeskError
from desktop.store import Store
from desktop.store.documents import read_leniently
from desktop.ui.guard import guarded

if TYPE_CHECKING:
    from desktop.core.label_set import LabelSet

LOCK_PATIENCE = 0.3  # seconds: longer than one batch of another writer (store/batches.py)
RETRY_MS = 300
OTHERS_MS = 5000  # how often the window looks for other writers to show


class Desk(QObject):
    # (Changes, list of doc ids or None for "any document")
    changed = Signal(object, object)
    # ops.DocumentView of the document now on show
    documentOpened = Signal(object)
    # a new project file is open (the list, labels and status bar start over)
    projectOpened = Signal()
    # something to tell the annotator in the status bar
    message = Signal(str)
    # the project holds text that is not UTF-8 (damage): shown with U+FFFD; once per project
    undecodable = Signal()
    # who else has the project open for writing ("" when no one), for the title and status bar
    othersChanged = Signal(str)

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._read(store)
        self.annotator = annotator
        self._label_set: LabelSet | None = None  # read when first asked for (label_set)
        self.query = ops.ListQuery()
        self.doc_id: int | None = None
        self.session = ops.session_start(store)
        # False while the background integrity check runs, and for good if it finds damage:
        # a damaged file is never written to.
        self.writable = True
        self.read_only_reason = ""
        # Writes that found the file busy, oldest first, each retried until it lands.
        self._queued: list[Callable[[], None]] = []
        self._retry = QTimer(self, singleShot=True, timeout=self._drain)
        self._present = False  # this window is in the project's writers table
        self._others = ""
        self._watch = QTimer(self, interval=OTHERS_MS, timeout=self.look_for_others)
        ops.lock_wait(store, LOCK_PATIENCE)

    # --- the project -------------------------------------------------------------------

    def set_project(self, store: Store) -> None:
        if self._queued:
            self.message.emit(f"{len(self._queued)} changes to {self.store.path.name} were not saved: "
                              "the file stayed busy.")
            self._queued.clear()
        old, self.store = self.store, store
        ops.lock_wait(store, LOCK_PATIENCE)
        self._present = False
        if old is not store:
            old.close()
        self._read(store)
        self._label_set = None
        self.query = ops.ListQuery()
        self.doc_id = None
        self.session = ops.session_start(store)
        self.writable, self.read_only_reason = True, ""
        self.projectOpened.emit()

    @property
    def label_set(self) -> LabelSet:
        """The project's label set, read when first asked for: the window's first article
        is painted with its colours alone (ops.project_label_colours), and the window
        reads the rest straight after that paint (app.py's `_background`)."""
        if self._label_set is None:
            self._label_set = ops.project_label_set(self.store)
        return self._label_set

    def _read(self, store: Store) -> None:
        """Read damaged text as U+FFFD rather than fail (a model's data() would crash the
        window); say so once, from the event loop, never from inside the read."""
        told: list[bool] = []

        def noticed() -> None:
            if not told and store is self.store:
                told.append(True)
                QTimer.singleShot(0, self.undecodable.emit)

        read_leniently(store, noticed)

    @property
    def path(self) -> Path:
        return self.store.path

    def set_writable(self, writable: bool, reason: str = "") -> None:
        self.writable, self.read_only_reason = writable, reason
        if writable and not self._present:
            self.write(self._be_present)

    def _be_present(self) -> None:
        """Put this window in the project's writers, so other processes can say who it is."""
        if not self._present:
            ops.open_for_writing(self.store, self.annotator)
            self._present = True
            self.look_for_others()
            self._watch.start()

    def look_for_others(self) -> None:
        """Tell the views who else has the project open for writing, when that changes."""
        if self.store.closed:  # the window is going: nothing more to watch
            self._watch.stop()
            return
        others = ", ".join(ops.other_writers(self.store))
        if others != self._others:
            self._others = others
            self.othersChanged.emit(others)

    # --- documents -----------------------------------------------------------------------

    def open_doc(self, doc_id: int | None) -> None:
        """Show a document (None: nothing to show)."""
        self.doc_id = doc_id
        self.documentOpened.emit(ops.open_document(self.store, doc_id) if doc_id is not None else None)

    def open_first(self) -> None:
        """Where a session starts: the first document in the list not yet done."""
        self.open_doc(ops.first_open_document(self.store, self.query))

    def go(self, *, backwards: bool = False, open_only: bool = False) -> bool:
        """Open the neighbour in the list's order; False (and a message) at the end."""
        found = ops.next_document(self.store, self.query, self.doc_id, backwards=backwards,
                                  open_only=open_only, wrap=open_only)
        if found is None:
            if open_only:
                self.message.emit("Every document is done or skipped. Export with Ctrl+E.")
            else:
                self.message.emit("This is the " + ("first" if backwards else "last") + " document in the list.")
            return False
        self.open_doc(found)
        return True

    def set_query(self, query: ops.ListQuery) -> None:
        self.query = query

    def spans(self) -> list:
        return ops.document_spans(self.store, self.doc_id) if self.doc_id is not None else []

    # --- changes -------------------------------------------------------------------------

    @guarded(default=None)
    def act(self, fn: Callable[..., ops.Outcome], *args) -> ops.Outcome | None:
        """Run one ops action with the annotator's name; announce it once it is committed.
        None when it failed, or when the file is busy and it waits in the queue."""
        if not self.writable:
            self.message.emit(self.read_only_reason or "The project is read-only.")
            return None
        done: list[ops.Outcome | None] = []
        self.write(lambda: done.append(self._apply(fn, args)))
        return done[0] if done else None

    def _apply(self, fn: Callable[..., ops.Outcome], args: tuple) -> ops.Outcome | None:
        try:
            outcome = fn(self.store, *args, annotator=self.annotator)
        except ops.Locked:
            raise
        except SpandeskError as exc:  # the user's business; anything else is a bug (guard.py)
            self.message.emit(str(exc))
            return None
        if outcome.changes:
            self.announce(outcome.changes, [outcome.doc_id] if outcome.doc_id is not None else None)
        return outcome

    def write(self, change: Callable[[], None]) -> bool:
        """Run a write now, or queue it behind earlier ones when the file is busy (Locked);
        True when it ran now. Queued writes run in order as soon as the file is free."""
        # ops.Locked is looked up only when something is raised: no import at start-up.
        if not self._queued:
            try:
                change()
                return True
            except ops.Locked as exc:
                self._waiting(exc)
        self._queued.append(change)
        return False

    def _waiting(self, exc: ops.Locked) -> None:
        self.message.emit(f"Waiting for {exc.holder}… your changes are kept and saved in order.")
        self._retry.start(RETRY_MS)

    def flush(self, seconds: float = 10.0) -> int:
        """Before the window closes: wait up to `seconds` for the file to write what is
        queued. Returns how many changes could not be written."""
        if self._queued and not self.store.closed:
            ops.lock_wait(self.store, seconds)
            try:
                while self._queued:
                    self._queued[0]()
                    self._queued.pop(0)
            except ops.Locked:
                pass
            finally:
                ops.lock_wait(self.store, LOCK_PATIENCE)
        return len(self._queued)

    def _drain(self) -> None:
        if self.store.closed:  # the window closed with changes still waiting: nothing to write to
            self._queued.clear()
            return
        # A retry only tries (one short busy wait): the window stays responsive meanwhile.
        ops.lock_wait(self.store, 0)
        try:
            while self._queued:
                try:
                    self._queued[0]()
                except ops.Locked as exc:
                    self._waiting(exc)
                    return
                self._queued.pop(0)
        finally:
            ops.lock_wait(self.store, LOCK_PATIENCE)
        self.message.emit("Saved: the file is free again.")

    def announce(self, changes: Changes, doc_ids: list[int] | None) -> None:
        """Tell the views what changed; background jobs call this after saving their work."""
        self.changed.emit(changes, doc_ids)
