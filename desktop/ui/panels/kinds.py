"""The notes and relations panel: what the open document holds beyond spans and events
(issue 10), listed for reading. Display only: relations ("Family: “Salinas” → “Raul”"),
notes (on the document, or on what they annotate, with their text), attributes and
normalisations, and equivalence sets, each under a heading with its count. A note's full
text is the row's tooltip. The window's KindsFollower hands this panel each document's kinds.

Keys while the list has the focus (Ctrl+Shift+K moves it there): Delete removes the
relation, note, attribute or normalisation on the row, Enter on a note edits it, Esc goes
back to the article. The panel only asks (its signals); ui/commands/relations acts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from desktop.core.annotations import Relation
from desktop.core.model import Event, Span
from desktop.ui.guard import guarded
from desktop.ui.panels.tree_keys import TreeKeys
from desktop.ui.panels.trees import TreePanel

_EMPTY = "Notes and relations — none in this document"
ROW = Qt.ItemDataRole.UserRole  # (table, row id) of what a row shows


class KindsPanel(TreePanel):
    deleteRow = Signal(str, int)  # table ("relations", "notes", "attributes", "normalisations"), row id
    editNote = Signal(int)  # a note's row id
    done = Signal()  # Esc: back to the article

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_EMPTY, "Notes and relations", parent)
        self.keys = TreeKeys(self.tree, enter=self._activated, delete=self._delete, escape=lambda _row: self.done.emit())
        self.tree.itemActivated.connect(self._activated)

    def show_kinds(self, kinds) -> None:
        """Show a document's kinds (a store.kinds.DocKinds, or None for no document)."""
        tree = self.tree
        tree.clear()
        groups = [] if kinds is None else [
            ("Relations", [(_relation(r), None, ("relations", i)) for i, r in kinds.relations]),
            ("Notes", [(f"{_target(n.target)}: {_short(n.text, 60)}", n.text, ("notes", i)) for i, n in kinds.notes]),
            ("Attributes", [(f"{_target(a.target)}: {a.name}" + ("" if a.value is None else f" = {a.value}"), None,
                             ("attributes", i)) for i, a in kinds.attributes]),
            ("Normalisations", [(f"{_target(n.target)} → {n.resource}:{n.key}" + (f" ({n.name})" if n.name else ""),
                                 None, ("normalisations", i)) for i, n in kinds.normalisations]),
            ("Equivalences", [(f"{e.label}: " + ", ".join(_short(m.text) for m in e.members), None,
                               ("equivalences", i)) for i, e in kinds.equivalences]),
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
            for text, tip, what in rows:
                row = QTreeWidgetItem([text])
                row.setData(0, ROW, what)
                if tip:
                    row.setToolTip(0, tip)
                group.addChild(row)
            tree.addTopLevelItem(group)
        tree.expandAll()
        self.title.setText(f"Notes and relations ({total})" if total else _EMPTY)

    def focus(self) -> None:
        """Take the keyboard, on the first relation or note."""
        self.tree.setFocus()
        current = self.tree.currentItem()
        if (current is None or current.childCount()) and self.tree.topLevelItemCount():  # none, or a heading
            first = self.tree.topLevelItem(0)
            self.tree.setCurrentItem(first.child(0) if first.childCount() else first)

    def select(self, table: str, row_id: int) -> bool:
        """Make the row showing (table, row id) current; False if none does."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, ROW) == (table, row_id):
                    self.tree.setCurrentItem(group.child(j))
                    return True
        return False

    @guarded()
    def _activated(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        what = item.data(0, ROW) if item is not None else None
        if what and what[0] == "notes":
            self.editNote.emit(what[1])

    def _delete(self, item: QTreeWidgetItem | None) -> None:
        what = item.data(0, ROW) if item is not None else None
        if what and what[0] != "equivalences":  # an equivalence set is shown, not deleted here
            self.deleteRow.emit(*what)


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
