"""Which relations, notes, attributes, normalisations and equivalence sets the open
document holds (issue 10), read again when an action changes them (or the spans and
events they hang on); the window shows them in the notes and relations panel.

After a change they load on a zero timer (one load for a burst of changes); a document
opened loads them at once, after its text is shown (MainWindow._document_opened), so their
arcs' room is in its first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import ops
from desktop.core.model import Changes
from desktop.ui.desk import Desk
from desktop.ui.guard import guarded

_RELOAD = Changes.KINDS | Changes.SPANS | Changes.EVENTS


class KindsFollower(QObject):
    kindsChanged = Signal(object)  # a store.kinds.DocKinds, or None with no document open

    def __init__(self, desk: Desk, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self._load = QTimer(self, singleShot=True, interval=0)
        self._load.timeout.connect(self._reload)
        desk.changed.connect(self._changed)

    def stop(self) -> None:
        """The window is closing (its project may close next): load nothing more."""
        self._load.stop()

    def open_document(self) -> None:
        """The desk's document is on show (MainWindow._document_opened): its kinds, now."""
        self._load.stop()
        self._reload()

    @guarded()
    def _changed(self, changes: Changes, doc_ids) -> None:
        doc_id = self.desk.doc_id
        if changes & _RELOAD and doc_id is not None and (doc_ids is None or doc_id in doc_ids):
            self._load.start()

    @guarded()
    def _reload(self) -> None:
        doc_id = self.desk.doc_id
        self.kindsChanged.emit(ops.document_kinds(self.desk.store, doc_id) if doc_id is not None else None)
