"""The chooser Shift+R opens once a relation's two spans are picked: its label.

A `Palette` (1-9 choose the row they number at once, typing filters, as in the E and R
palettes); and text that matches no row is taken as a
new label with Enter (until a label set declares its relations, the labels offered are
those the project already uses). A label the label set does not allow for these two
spans stays in the list, greyed, with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.dialogs.palette import Choice, Palette


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
