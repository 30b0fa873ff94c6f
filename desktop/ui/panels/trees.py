"""The side panels' two-level trees (events; notes and relations): the frame they share, a
bold title over a one-column tree, and what the tree shows, as text (for tests and eyes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeWidget, QVBoxLayout, QWidget


class TreePanel(QWidget):
    """A bold title over a read-only one-column tree named `name` for screen readers."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(title)
        # Plain text: an article's "<b>" must show as written, and no rich-text engine is
        # loaded on the way to the first article.
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName(name)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tree.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 8, 8, 4)
        box.setSpacing(4)
        box.addWidget(self.title)
        box.addWidget(self.tree, 1)

    def rows(self) -> list[str]:
        """The rows' text, top to bottom (for tests and eyes): see tree_rows."""
        return tree_rows(self.tree)


def tree_rows(tree: QTreeWidget) -> list[str]:
    """Each top-level row's text, then its children's indented by two spaces, top to bottom."""
    out = []
    for i in range(tree.topLevelItemCount()):
        row = tree.topLevelItem(i)
        out.append(row.text(0))
        out += ["  " + row.child(j).text(0) for j in range(row.childCount())]
    return out
