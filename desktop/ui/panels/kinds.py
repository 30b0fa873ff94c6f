"""The notes and relations panel: what the open document holds beyond spans and events
(issue 10), listed for reading. Display only: relations ("Family: “Salinas” → “Raul”"),
notes (on the document, or on what they annotate, with their text), attributes and
normalisations, and equivalence sets, each under a heading with its count. A note's full
text is the row's tooltip. Editing them is for the keys to come; the window's
KindsFollower hands this panel each document's kinds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.core.annotations import Relation
from desktop.core.model import Event, Span

_EMPTY = "Notes and relations — none in this document"


class KindsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(_EMPTY)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # an article's "<b>" must show as written
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName("Notes and relations")
        self.tree.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 8, 8, 4)
        box.setSpacing(4)
        box.addWidget(self.title)
        box.addWidget(self.tree, 1)

    def show_kinds(self, kinds) -> None:
        """Show a document's kinds (a store.kinds.DocKinds, or None for no document)."""
        tree = self.tree
        tree.clear()
        groups = [] if kinds is None else [
            ("Relations", [(_relation(r), None) for _, r in kinds.relations]),
            ("Notes", [(f"{_target(n.target)}: {_short(n.text, 60)}", n.text) for _, n in kinds.notes]),
            ("Attributes", [(f"{_target(a.target)}: {a.name}" + ("" if a.value is None else f" = {a.value}"), None)
                            for _, a in kinds.attributes]),
            ("Normalisations", [(f"{_target(n.target)} → {n.resource}:{n.key}" + (f" ({n.name})" if n.name else ""),
                                 None) for _, n in kinds.normalisations]),
            ("Equivalences", [(f"{e.label}: " + ", ".join(_short(m.text) for m in e.members), None)
                              for _, e in kinds.equivalences]),
        ]
        total = 0
        for heading, rows in groups:
            if not rows:
                continue
            total += len(rows)
            group = QTreeWidgetItem([f"{heading} ({len(rows)})"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for text, tip in rows:
                row = QTreeWidgetItem([text])
                if tip:
                    row.setToolTip(0, tip)
                group.addChild(row)
            tree.addTopLevelItem(group)
        tree.expandAll()
        self.title.setText(f"Notes and relations ({total})" if total else _EMPTY)

    def rows(self) -> list[str]:
        """The rows' text, headings and their items, top to bottom (for tests and eyes)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out.append(group.text(0))
            out += ["  " + group.child(j).text(0) for j in range(group.childCount())]
        return out


def _target(thing) -> str:
    if thing is None:
        return "Document"
    if isinstance(thing, Span):
        return f"{_short(thing.text)} {thing.label}"
    if isinstance(thing, Event):
        return f"{thing.type} {_short(thing.trigger.text)}"
    if isinstance(thing, Relation):
        return f"relation {_relation(thing)}"
    return "?"


def _relation(rel: Relation) -> str:
    return f"{rel.label}: {_short(rel.head.text)} → {_short(rel.child.text)}"


def _short(text: str, most: int = 30) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= most else f"“{text[: most - 1]}…”"
