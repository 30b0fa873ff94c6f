"""The events panel: the document's events, each with its trigger and its arguments in roles.

An event's row reads "Conflict:Attack · clashes"; its arguments hang below it ("Place ·
Almaty  GPE"), and a required role nobody fills yet is flagged on the row and below it.
The model's suggested events and arguments are grey and italic, marked "?" with their score
("? 0.42"): a suggestion is not a decision, so only an accepted event is flagged incomplete.
The current event's row is selected. Keyboard, once the panel has the focus (Ctrl+Shift+E,
or a click): Up/Down move between rows (picking a row makes its event current), Enter
goes to the trigger in the article, Delete removes the event or the argument on the row,
Esc goes back to the article. The panel asks; the window's Eventing acts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from desktop import ops
from desktop.core.model import Event, State
from desktop.core.label_set import LabelSet
from desktop.ui.guard import guarded
from desktop.ui.look.colours import palette_colours, readable
from desktop.ui.panels.tree_keys import TreeKeys
from desktop.ui.panels.trees import TreePanel

WARNING = "#c62828"
KIND = Qt.ItemDataRole.UserRole  # ("event", event id) | ("argument", event id, span id, role) | ("missing", event id)


class EventsPanel(TreePanel):
    picked = Signal(object)  # an event id: the annotator picked its row
    activated = Signal(int)  # Enter on a row: go to that event's trigger
    deleteEvent = Signal(int)
    deleteArgument = Signal(int, int, str)  # event id, span id, role
    done = Signal()  # Esc: back to the article

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Events — select words and press E to mark one", "Events", parent)
        self.keys = TreeKeys(self.tree, enter=self._activate, delete=self._delete, escape=lambda _row: self.done.emit())
        self.tree.currentItemChanged.connect(self._row_changed)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._activate(item))
        self._label_set: LabelSet | None = None
        self._current: int | None = None

    def set_label_set(self, label_set: LabelSet) -> None:
        self._label_set = label_set

    # --- following Eventing -----------------------------------------------------------------

    def show_events(self, events: list[Event]) -> None:
        tree = self.tree
        tree.blockSignals(True)
        tree.clear()
        warn = QBrush(readable(QColor(WARNING), palette_colours(self.palette())[1]))
        grey = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        incomplete = suggested = 0
        for event in events:
            # A suggestion is not a decision: its missing roles are not the annotator's to fix yet,
            # so it is drawn grey and italic with its score, and only an accepted event warns.
            offered = event.state == State.SUGGESTED
            missing = ops.missing_roles(self._label_set, event) if self._label_set and not offered else []
            incomplete += bool(missing)
            suggested += offered
            row = QTreeWidgetItem([f"{event.type} · {_short(event.trigger.text)}" + ("  ⚠" if missing else "")
                                   + (_suggested(event.score) if offered else "")])
            row.setData(0, KIND, ("event", event.id))
            _look(row, bold=not offered, grey=grey if offered else None)
            row.setToolTip(0, f"{event.type} on “{event.trigger.text}” ({len(event.arguments)} arguments)"
                              + (f" — suggested by the model{_score(event.score)}; Enter on its trigger accepts it"
                                 if offered else ""))
            for arg in event.arguments:
                maybe = arg.state == State.SUGGESTED
                child = QTreeWidgetItem([f"{arg.role} · {_short(arg.span.text)}   {arg.span.label}"
                                         + (_suggested(arg.score) if maybe else "")])
                child.setData(0, KIND, ("argument", event.id, arg.span.id, arg.role))
                if maybe:
                    child.setToolTip(0, f"{arg.role}, suggested by the model{_score(arg.score)}")
                _look(child, bold=False, grey=grey if maybe else None)
                row.addChild(child)
            for role in missing:
                child = QTreeWidgetItem([f"⚠ missing required {role}"])
                child.setData(0, KIND, ("missing", event.id))
                child.setForeground(0, warn)
                row.addChild(child)
            if missing:
                row.setForeground(0, warn)
            tree.addTopLevelItem(row)
        tree.expandAll()
        tree.blockSignals(False)
        count = len(events)
        text = f"Events ({count})" if count else "Events — select words and press E to mark one"
        self.title.setText(text + (f" · {incomplete} incomplete ⚠" if incomplete else "")
                           + (f" · {suggested} suggested ?" if suggested else ""))
        self.show_current(self._current)

    def show_current(self, event_id: int | None) -> None:
        """Select the current event's row (or none), without asking for anything."""
        self._current = event_id
        tree = self.tree
        tree.blockSignals(True)
        row = self._row_of(event_id)
        current = tree.currentItem()
        if row is None:
            tree.clearSelection()
            tree.setCurrentItem(None)
        elif current is None or _event_of(current) != event_id:
            tree.setCurrentItem(row)
            tree.scrollToItem(row)
        tree.blockSignals(False)
        tree.viewport().update()

    def focus(self) -> None:
        self.tree.setFocus()
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    # --- the annotator's keys -----------------------------------------------------------------

    def _row_of(self, event_id: int | None) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            if _event_of(self.tree.topLevelItem(i)) == event_id:
                return self.tree.topLevelItem(i)
        return None

    @guarded()
    def _row_changed(self, current, _previous) -> None:
        event_id = _event_of(current) if current is not None else None
        if event_id is not None and event_id != self._current:
            self._current = event_id
            self.picked.emit(event_id)

    @guarded()
    def _activate(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.activated.emit(_event_of(item))

    def _delete(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        kind = item.data(0, KIND)
        if kind[0] == "event":
            self.deleteEvent.emit(kind[1])
        elif kind[0] == "argument":
            self.deleteArgument.emit(kind[1], kind[2], kind[3])


def _suggested(score: float | None) -> str:
    # "?" as the document list counts suggestions; short, so the score survives a narrow panel.
    return "  ?" + ("" if score is None else f" {score:.2f}")


def _score(score: float | None) -> str:
    return "" if score is None else f", score {score:.2f}"


def _look(item: QTreeWidgetItem, *, bold: bool, grey: QBrush | None) -> None:
    """Accepted rows in the text's colour (events bold); suggested ones grey and italic."""
    font = item.font(0)
    font.setBold(bold)
    font.setItalic(grey is not None)
    item.setFont(0, font)
    if grey is not None:
        item.setForeground(0, grey)


def _event_of(item: QTreeWidgetItem) -> int | None:
    kind = item.data(0, KIND)
    return kind[1] if kind else None


def _short(text: str, most: int = 36) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= most else f"“{text[: most - 1]}…”"

