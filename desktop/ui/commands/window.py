"""Go and Help menu handlers: move the keyboard to the events panel or the search box, show the
keyboard shortcuts or About, quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QWidget


class WindowCommands(QObject):
    """`help_rows` gives Help → Keyboard shortcuts its table (from the actions table, which
    names these methods: it is passed in, not imported)."""

    def __init__(self, window: QWidget, events_panel, search: QLineEdit,
                 help_rows: Callable[[], list[tuple[str, str, str]]]):
        super().__init__(window)
        self.window, self.events_panel, self.search, self.help_rows = window, events_panel, search, help_rows

    def focus_events(self) -> None:
        self.events_panel.focus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_shortcuts(self) -> None:
        from desktop.ui.dialogs.shortcuts import ShortcutsDialog  # dialogs load when first opened

        ShortcutsDialog(self.help_rows(), self.window).exec()

    def show_about(self) -> None:
        from desktop.ui.dialogs.messages import about

        about(self.window)

    def quit(self) -> None:
        self.window.close()
