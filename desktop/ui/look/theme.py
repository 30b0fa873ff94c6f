"""The look: Fusion everywhere, light or dark as the user chooses (Settings → Theme), or as
the system is.

Fusion looks the same on every platform, so screenshots and tests match what users see.
`SPANDESK_THEME=dark|light` overrides both (screenshots). Both palettes meet WCAG AA: 4.5:1
for text on its background (selected text included), 3:1 for a control's edge against the
window (Fusion draws check boxes with an edge a shade darker than the window, invisible on a
dark one, so `_Style` draws it in the placeholder text's colour).

Cold start: Python's first touch of Qt's QStyle class builds its enums (about 4 ms), which a
bare PySide6 window never pays. So the real start (`apply(..., later=True)`) paints the
first article in plain Fusion (named on the QApplication's command line) with the light
palette's colours cached in the settings (`palette_record`, per Qt version), and `finish`
puts `_Style` in place after that paint: check boxes only come with the rest of the window.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import qVersion
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.lazy_qt import Qt  # Qt's enums when first read: 11 ms off the first paint

THEMES = ("system", "light", "dark")

_DARK = {
    "Window": "#202124", "WindowText": "#e8eaed", "Base": "#17181a", "AlternateBase": "#25272a",
    "ToolTipBase": "#2d2f33", "ToolTipText": "#e8eaed", "PlaceholderText": "#8a8f98", "Text": "#e8eaed",
    "Button": "#2b2d31", "ButtonText": "#e8eaed", "BrightText": "#ff6b6b", "Light": "#3a3d42",
    "Midlight": "#33363a", "Mid": "#2a2c30", "Dark": "#121314", "Shadow": "#000000",
    "Highlight": "#2f6bd0", "HighlightedText": "#ffffff", "Link": "#8ab4f8", "LinkVisited": "#c58af9",
}
_DARK_DISABLED = {"WindowText": "#6f737a", "Text": "#6f737a", "ButtonText": "#6f737a"}
# Fusion's light palette, with the two roles that miss AA there made darker.
_LIGHT = {"PlaceholderText": "#5f6368", "Highlight": "#2f6bd0", "HighlightedText": "#ffffff"}


def wants_dark(choice: str = "system") -> bool:
    forced = os.environ.get("SPANDESK_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    if choice in ("dark", "light"):
        return choice == "dark"
    if _assumed[0]:  # until `finish`: the system's scheme as the last run saw it
        return _assumed[0] == "dark"
    return system_scheme() == "dark"


def system_scheme() -> str:
    """"dark" or "light": what the system asks for. Asking builds Qt's `Qt` namespace (its
    answer is one of its enums, 11 ms), so the first paint goes by the last run's answer."""
    return "dark" if QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for name, colour in _DARK.items():
        palette.setColor(getattr(role, name), QColor(colour))
    for name, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(role, name), QColor(colour))
    return palette


def light_palette(style=None) -> QPalette:
    """Fusion's standard palette with `_LIGHT`'s roles; without `style`, from the cached
    record of it (`palette_record`) when there is one for this Qt, else from Fusion."""
    palette = _from_record(_record[0]) if style is None else None
    if palette is None:
        palette = (style or _fusion()).standardPalette()
    for name, colour in _LIGHT.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, getattr(QPalette.ColorRole, name), QColor(colour))
    return palette


def palette_record(style=None) -> str:
    """Fusion's standard palette as text: the Qt version, then group, role and ARGB of each
    role it sets (its resolve mask: a role it leaves unset must stay unset)."""
    return f"{qVersion()} {' '.join(_items((style or _fusion()).standardPalette()))}"


def _items(standard: QPalette) -> list[str]:
    mask, items = standard.resolveMask(), []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Inactive):
        for role in QPalette.ColorRole:
            if role in (QPalette.ColorRole.NoRole, QPalette.ColorRole.NColorRoles):
                continue
            probe = QPalette()
            probe.setResolveMask(0)
            probe.setColor(group, role, QColor(0, 0, 0))
            if probe.resolveMask() & mask:
                items.append(f"{group.value}.{role.value}.{standard.color(group, role).rgba():x}")
    return items


def _from_record(record: str) -> QPalette | None:
    version, _, items = record.partition(" ")
    if version != qVersion() or not items:
        return None
    palette = QPalette()
    palette.setResolveMask(0)
    try:
        for item in items.split():
            group, role, argb = item.split(".")
            palette.setColor(QPalette.ColorGroup(int(group)), QPalette.ColorRole(int(role)),
                             QColor.fromRgba(int(argb, 16)))
    except ValueError:
        return None
    return palette


def _fusion():
    from PySide6.QtWidgets import QStyleFactory

    return QStyleFactory.create("Fusion")


def _style_class():
    """`_Style`, defined on first use: subclassing QProxyStyle builds QStyle's enums."""
    global _Style
    if _Style is not None:
        return _Style
    from PySide6.QtWidgets import QProxyStyle, QStyle

    class Style(QProxyStyle):
        """Fusion, with check boxes and radio buttons edged so they show on either palette."""

        def drawPrimitive(self, element, option, painter, widget=None) -> None:
            # The look imports no other part of the UI (guard.py included): an error here goes
            # to sys.excepthook, which guard.install() routes to the log and the one dialog.
            try:
                self._draw(element, option, painter, widget)
            except Exception:  # noqa: BLE001 - never into Qt's C++
                sys.excepthook(*sys.exc_info())

        def _draw(self, element, option, painter, widget) -> None:
            super().drawPrimitive(element, option, painter, widget)
            if element in (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                           QStyle.PrimitiveElement.PE_IndicatorRadioButton):
                painter.save()
                painter.setRenderHint(painter.RenderHint.Antialiasing)
                painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                box = option.rect.adjusted(0, 0, -1, -1)
                if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                    painter.drawEllipse(box)
                else:
                    painter.drawRoundedRect(box, 2, 2)
                painter.restore()

    _Style = Style
    return _Style


_Style = None  # the class, once `_style_class` has made it
_choice = ["system"]  # the user's choice, read again when the system's scheme switches
_following: list = []  # the application whose scheme changes are followed
_record = [""]  # the cached record of Fusion's standard palette (palette_record), if any
_assumed = [""]  # until `finish`: the system's scheme as the last run saw it ("dark", "light"), if known


def apply(app: QApplication, choice: str = "system", *, later: bool = False, record: str = "",
          scheme: str = "") -> None:
    """Fusion with the chosen palette ("system" follows the system, also when it switches).
    `later`: the application was made with Fusion named on its command line, and `_Style`
    waits for `finish` (after the first paint); `record`: a cached `palette_record`;
    `scheme`: with `later`, the system's scheme ("dark" or "light") as the last run saw it,
    taken as the system's until `finish` asks (a switch in between costs one repaint)."""
    if record:
        _record[0] = record
    _assumed[0] = scheme if later and scheme in ("dark", "light") else ""
    if not later:
        _use_style(app)
    _choice[0] = choice if choice in THEMES else "system"
    _apply_palette(app)
    if app not in _following:
        _following.append(app)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _apply_palette(app))


def finish(app: QApplication) -> str | None:
    """After the first paint: `_Style` in place; a fresh `palette_record` when the cached one
    was missing or from another Qt (for the settings to keep), else None."""
    _use_style(app)
    _assumed[0] = ""  # from now on the system is asked
    _apply_palette(app)  # as `apply` leaves it (a new style must not have touched it), or as the system now says
    if _from_record(_record[0]) is None:
        _record[0] = palette_record(app.style())
        return _record[0]
    return None


def _use_style(app: QApplication) -> None:
    style = _style_class()
    if not isinstance(app.style(), style):
        app.setStyle(style(_fusion()))


def _apply_palette(app: QApplication) -> None:
    # Widgets repaint on the change, and the article view re-derives its label colours from
    # the new palette (colours.label_style).
    app.setPalette(dark_palette() if wants_dark(_choice[0]) else light_palette())
