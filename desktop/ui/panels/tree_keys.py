"""Enter, Delete and Esc on a side panel's tree (events, notes and relations): one filter
that claims them while the tree has the focus and hands each to the panel's own action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desktop.ui.guard import guarded

Act = Callable[[QTreeWidgetItem | None], None]  # called with the tree's current row, or None


class TreeKeys(QObject):
    """Installed on `tree` (and owned by it): Enter calls `enter`, Delete `delete`, Esc
    `escape`, each with the current row."""

    def __init__(self, tree: QTreeWidget, *, enter: Act, delete: Act, escape: Act):
        super().__init__(tree)
        self._tree = tree
        self._acts = {Qt.Key.Key_Return: enter, Qt.Key.Key_Enter: enter, Qt.Key.Key_Delete: delete,
                      Qt.Key.Key_Escape: escape}
        tree.installEventFilter(self)

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter, Delete and Esc mean something here while the tree has the focus: they are
        # claimed before the window's shortcuts (accept, delete span, clear) see them.
        if watched is self._tree and isinstance(event, QKeyEvent) and event.key() in self._acts:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress:
                self._acts[event.key()](self._tree.currentItem())
                return True
        return super().eventFilter(watched, event)
