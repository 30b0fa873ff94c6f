"""The desk: one open project, the annotator, the list's order and the document on show.

Every change goes through `act`, which calls an `ops` function and only then announces
what it changed (`changed`, with the Outcome's flags and the documents touched), so each
view refreshes just what it shows and nothing appears done before it is committed. Views
listen to the desk; no widget refreshes another.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import ops
from desktop.core.model import Changes, SpandeskError
from desktop.core.schema import Schema
from desktop.store import Store
from desktop.store.documents import read_leniently
from desktop.ui.guard import guarded


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

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._read(store)
        self.annotator = annotator
        self.schema: Schema = ops.project_schema(store)
        self.query = ops.ListQuery()
        self.doc_id: int | None = None
        self.session = ops.session_start(store)
        # False while the background integrity check runs, and for good if it finds damage:
        # a damaged file is never written to.
        self.writable = True
        self.read_only_reason = ""

    # --- the project -------------------------------------------------------------------

    def set_project(self, store: Store) -> None:
        old, self.store = self.store, store
        if old is not store:
            old.close()
        self._read(store)
        self.schema = ops.project_schema(store)
        self.query = ops.ListQuery()
        self.doc_id = None
        self.session = ops.session_start(store)
        self.writable, self.read_only_reason = True, ""
        self.projectOpened.emit()

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
        """Run one ops action with the annotator's name; announce it once it is committed."""
        if not self.writable:
            self.message.emit(self.read_only_reason or "The project is read-only.")
            return None
        try:
            outcome = fn(self.store, *args, annotator=self.annotator)
        except (SpandeskError, KeyError) as exc:
            self.message.emit(str(exc).strip("'\""))
            return None
        except sqlite3.OperationalError as exc:  # the file is locked by a background import
            self.message.emit(f"Not saved, try again in a moment: {exc} (an import is writing).")
            return None
        if outcome.changes:
            self.announce(outcome.changes, [outcome.doc_id] if outcome.doc_id is not None else None)
        return outcome

    def announce(self, changes: Changes, doc_ids: list[int] | None) -> None:
        """Tell the views what changed; background jobs call this after saving their work."""
        self.changed.emit(changes, doc_ids)
