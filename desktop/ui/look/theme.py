"""The look follows the system: Fusion everywhere, with a dark palette when the system is dark.

Fusion looks the same on every platform, so screenshots and tests match what users see.
`SPANDESK_THEME=dark|light` overrides the system's choice (screenshots, or a user who
wants one app dark on a light desktop).
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    "Window": "#202124", "WindowText": "#e8eaed", "Base": "#17181a", "AlternateBase": "#25272a",
    "ToolTipBase": "#2d2f33", "ToolTipText": "#e8eaed", "PlaceholderText": "#8a8f98", "Text": "#e8eaed",
    "Button": "#2b2d31", "ButtonText": "#e8eaed", "BrightText": "#ff6b6b", "Light": "#3a3d42",
    "Midlight": "#33363a", "Mid": "#2a2c30", "Dark": "#121314", "Shadow": "#000000",
    "Highlight": "#3d7be0", "HighlightedText": "#ffffff", "Link": "#8ab4f8", "LinkVisited": "#c58af9",
}
_DARK_DISABLED = {"WindowText": "#6f737a", "Text": "#6f737a", "ButtonText": "#6f737a"}


def wants_dark() -> bool:
    forced = os.environ.get("SPANDESK_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for name, colour in _DARK.items():
        palette.setColor(getattr(role, name), QColor(colour))
    for name, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(role, name), QColor(colour))
    return palette


def apply(app: QApplication) -> None:
    """Fusion with the system's light or dark palette; follows the system when it switches."""
    if app.style().name().lower() != "fusion":  # often already is; a new style costs a restyle
        app.setStyle("Fusion")
    _apply_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: _apply_palette(app))


def _apply_palette(app: QApplication) -> None:
    # Fusion's own standard palette is the light one; widgets repaint on the change, and the
    # article view re-derives its label colours from the new palette (colours.label_style).
    app.setPalette(dark_palette() if wants_dark() else app.style().standardPalette())
