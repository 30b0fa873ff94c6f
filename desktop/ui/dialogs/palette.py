"""The palettes that E and R open: a small popup with type-ahead over a list of choices.

E lists the schema's event types ("Conflict:Attack", with its description); typing keeps
the types whose name or description holds every typed word, anywhere, in any case
("attack", "arrest", "die"), names matching first. R lists the roles of the current event's
type: those the focused entity may fill are offered, the others stay in the list, greyed,
each with the reason it is not offered. Up/Down move, Enter chooses, Esc closes; a digit
1-9 chooses the row it numbers at once (one key), unless a choice's name holds digits (then
digits filter, as letters do). R on the current event's trigger lists (entity, role) pairs
instead: the entities around the trigger with each role their label can fill, nearest first;
there digits always choose (`digits=True`): an entity's words often hold a number ("2,000
soldiers", a date) and the entity is found by its letters, so one such row must not cost
every other row its one-key choice.

The palette only gathers a choice: whoever opened it reads `choice()` once it is accepted
and makes the ops call.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.core.label_set import Role, LabelSet
from desktop.ui.guard import guarded


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    detail: str  # a description, or why it is not offered
    offered: bool = True


def event_type_choices(label_set: LabelSet) -> list[Choice]:
    return [Choice(e.name, e.description) for e in label_set.events]


def role_choices(choices: list[tuple[Role, str | None]]) -> list[Choice]:
    """ops.role_choices' answer as palette rows: what a role takes, or why it is not offered."""
    out = []
    for role, why in choices:
        if why is None:
            what = ("required, " if role.required else "") + ("one or more" if role.many else "one")
            out.append(Choice(role.name, f"{what}: {', '.join(role.labels)}"))
        else:
            out.append(Choice(role.name, why, offered=False))
    return out


def matches(choice: Choice, typed: str) -> int | None:
    """How well `typed` fits: 0 for a name starting with it (or with its part after ":"),
    1 for a name holding every word, 2 for the description holding them; None for no fit."""
    words = typed.lower().split()
    name = choice.name.lower()
    if not words:
        return 1
    if name.startswith(typed.lower().strip()) or name.split(":")[-1].startswith(typed.lower().strip()):
        return 0
    if all(w in name for w in words):
        return 1
    if all(w in name or w in choice.detail.lower() for w in words):
        return 2
    return None


def rank(choices: list[Choice], recent: list[str], typed: str) -> list[Choice]:
    """The rows `typed` leaves, in the order a palette shows them: offered first, then by fit,
    then the recently chosen (`recent`, latest first), then the given order."""
    order = {name: n for n, name in enumerate(recent)}
    fits = [(fit, i, c) for i, c in enumerate(choices) if (fit := matches(c, typed)) is not None]
    fits.sort(key=lambda r: (not r[2].offered, r[0], order.get(r[2].name, len(order)), r[1]))
    return [c for _fit, _i, c in fits]


def digits_choose(choices: list[Choice]) -> bool:
    """Whether digits choose rows (True) or filter them (a name holds a digit)."""
    return not any(ch.isdigit() for c in choices for ch in c.name)


class Palette(QDialog):
    """A popup list with a filter line; Enter accepts the current row, Esc rejects."""

    def __init__(self, title: str, choices: list[Choice], parent: QWidget | None = None,
                 recent: list[str] = (), digits: bool | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        # Names chosen lately, latest first: among rows that fit equally well they come
        # first, so the type or role used a moment ago is one Enter away.
        self.recent = list(recent)
        self.setObjectName("palette")
        # A popup has no window frame: a border keeps it apart from the article under it.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QDialog#palette { border: 1px solid palette(highlight); }")
        self.choices = choices
        # Digits choose rows; when a name holds digits, typing them must filter instead
        # (unless the caller says digits choose anyway).
        self.digits = digits_choose(choices) if digits is None else digits
        self.edit = QLineEdit(placeholderText="type to filter")
        self.edit.setAccessibleName(title)
        self.title = QLabel(f"<b>{_escape(title)}</b>", textFormat=Qt.TextFormat.RichText)
        self.list = QTreeWidget()
        self.list.setHeaderHidden(True)
        self.list.setColumnCount(2)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the filter line
        self.list.setWordWrap(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.setSpacing(6)
        for widget in (self.title, self.edit, self.list, self.note):
            box.addWidget(widget)
        self.edit.textChanged.connect(self._filter)
        self.edit.installEventFilter(self)
        self.list.itemDoubleClicked.connect(lambda item, _col: self._accept_item(item))
        self.list.currentItemChanged.connect(lambda *_: self._describe())
        self._filter("")
        self.list.resizeColumnToContents(0)
        self.resize(620, 380)

    # --- reading the choice -----------------------------------------------------------

    def choice(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None and _offered(item) else None

    def rows(self) -> list[tuple[str, str, bool]]:
        """(name, detail, offered) of the rows on show, top to bottom."""
        out = []
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            out.append((item.data(0, Qt.ItemDataRole.UserRole), item.text(1), _offered(item)))
        return out

    def digit_for(self, name: str, typed: str = "") -> str | None:
        """The digit that chooses `name` at once with `typed` in the filter (None: none does)."""
        if not self.digits:
            return None
        offered = [c.name for c in self.ranked(typed) if c.offered][:9]
        return str(offered.index(name) + 1) if name in offered else None

    def popup_at(self, where: QPoint) -> None:
        """Show below `where` (global coordinates), inside the screen, with the filter focused."""
        screen = self.screen().availableGeometry() if self.screen() else None
        x, y = where.x(), where.y()
        if screen is not None:
            x = max(screen.left(), min(x, screen.right() - self.width()))
            if y + self.height() > screen.bottom():
                y = max(screen.top(), y - self.height() - 40)
        self.move(x, y)
        self.open()
        self.activateWindow()
        self.edit.setFocus()

    # --- behaviour ---------------------------------------------------------------------

    def ranked(self, typed: str) -> list[Choice]:
        """The rows `typed` leaves, in the order shown: offered first, then by fit, then the
        recently chosen, then the schema's order."""
        return rank(self.choices, self.recent, typed)

    @guarded()
    def _filter(self, typed: str) -> None:
        self.list.clear()
        number = 0
        for choice in self.ranked(typed):
            shown = choice.name
            if choice.offered and self.digits and number < 9:
                number += 1
                shown = f"{number}  {choice.name}"  # the digit that chooses it
            item = QTreeWidgetItem([shown, choice.detail])
            item.setData(0, Qt.ItemDataRole.UserRole, choice.name)
            item.setToolTip(1, choice.detail)
            if not choice.offered:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed, and Up/Down pass it by
            else:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self.list.addTopLevelItem(item)
        first = next((self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())
                      if _offered(self.list.topLevelItem(i))), None)
        self.list.setCurrentItem(first)
        self._describe()

    def _describe(self) -> None:
        if self.list.topLevelItemCount() == 0:
            self.note.setText("Nothing matches; Backspace widens the search, Esc closes.")
        elif self.choice() is None:
            self.note.setText("Nothing here can be chosen: the greyed rows say why. Esc closes.")
        else:
            self.note.setText(("1-9 or " if self.digits else "") + "Up/Down choose · Enter confirms · Esc closes")

    def _move(self, step: int) -> None:
        rows = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        offered = [r for r in rows if _offered(r)]
        if not offered:
            return
        current = self.list.currentItem()
        at = offered.index(current) if current in offered else -1
        self.list.setCurrentItem(offered[(at + step) % len(offered)] if at >= 0 else offered[0])

    def _pick(self, number: int) -> None:
        """The digit `number`: choose the offered row it numbers (a digit past the last does nothing)."""
        rows = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        offered = [r for r in rows if _offered(r)][:9]
        if number <= len(offered):
            self._accept_item(offered[number - 1])

    def _accept_item(self, item: QTreeWidgetItem) -> None:
        if _offered(item):
            self.list.setCurrentItem(item)
            self.accept()

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.choice() is not None:
                    self.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self.reject()
                return True
            if self.digits and event.text() in tuple("123456789"):
                self._pick(int(event.text()))
                return True
        return super().eventFilter(watched, event)


def _offered(item: QTreeWidgetItem) -> bool:
    return bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
