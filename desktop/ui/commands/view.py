"""View menu handlers: zoom and rejected suggestions, both remembered between sessions."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.ui.settings import Settings


class ViewControls(QObject):
    def __init__(self, view, settings: Settings, parent: QObject | None = None):
        super().__init__(parent)
        self.view = view
        self.settings = settings

    def restore(self) -> None:
        """The zoom and toggle the annotator left last time."""
        if self.settings.zoom:
            self.view.set_zoom(self.settings.zoom)
        self.view.set_show_rejected(self.settings.show_rejected)

    def toggle_rejected(self, checked: bool) -> None:
        self.view.set_show_rejected(checked)
        self.settings.show_rejected = checked

    def zoom_in(self) -> None:
        self._zoom(self.view.zoom() + 1)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoom() - 1)

    def zoom_reset(self) -> None:
        self._zoom(0)

    def _zoom(self, points: int) -> None:
        """`points` above the default size (the view keeps it within its limits)."""
        self.view.set_zoom(points)
        self.settings.zoom = self.view.zoom()
