"""The chooser Shift+R opens once a relation's two spans are picked: its label.

A `Palette` whose rows are numbered: 1-9 (with nothing typed) choose a row at once;
typing filters as in the E and R palettes; and text that matches no row is taken as a
new label with Enter (until a label set declares its relations, the labels offered are
those the project already uses). A label the label set does not allow for these two
spans stays in the list, greyed, with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from desktop.ui.dialogs.palette import Choice, Palette
from desktop.ui.guard import guarded


def relation_label_choices(choices: list[tuple[str, str | None]]) -> list[Choice]:
    """ops.relation_choices' answer as palette rows."""
    return [Choice(name, "" if why is None else why, offered=why is None) for name, why in choices]


class RelationLabelPalette(Palette):
    def choice(self) -> str | None:
        chosen = super().choice()
        if chosen is not None:
            return chosen
        typed = " ".join(self.edit.text().split())
        known = {c.name for c in self.choices}
        # A new label only from text that names no row (a greyed one stays refused).
        return typed if typed and typed not in known and not self._offered_rows() else None

    def _offered_rows(self) -> list:
        rows = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        return [r for r in rows if r.flags() & Qt.ItemFlag.ItemIsEnabled]

    @guarded()
    def _filter(self, typed: str) -> None:
        super()._filter(typed)
        for n, item in enumerate(self._offered_rows()[:9], 1):
            item.setText(0, f"{n}  {item.data(0, Qt.ItemDataRole.UserRole)}")
        self.list.resizeColumnToContents(0)

    def _describe(self) -> None:
        typed = " ".join(self.edit.text().split())
        if self._offered_rows():
            self.note.setText("1-9 or Up/Down and Enter choose · type a new label and Enter · Esc closes")
        elif self.choice() is not None:
            self.note.setText(f"Enter: a new relation label “{typed}” · Esc closes")
        elif not self.choices and not typed:
            self.note.setText("No relation labels yet: type one and press Enter · Esc closes")
        else:
            super()._describe()

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and not self.edit.text() and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9):
            rows = self._offered_rows()
            n = event.key() - Qt.Key.Key_1
            if n < len(rows):
                self.list.setCurrentItem(rows[n])
                self.accept()
            return True
        return super().eventFilter(watched, event)
