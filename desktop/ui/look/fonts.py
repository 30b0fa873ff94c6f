"""The fonts Spandesk ships, registered with Qt at start-up.

The PySide6 wheels carry no fonts, and on a machine without any (a minimal install, a
container) Qt draws every glyph as an empty box and reports no error. `resources/fonts/`
holds DejaVu Sans and Serif (Bitstream Vera licence, see LICENSE-DejaVu.txt there): the
article view and the labels already list them among their families, so they are used
wherever a preferred font is missing, and they need neither fontconfig nor QT_QPA_FONTDIR.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

from desktop import paths

FALLBACK_FAMILY = "DejaVu Sans"
SHIPPED = ("DejaVu Sans", "DejaVu Serif")  # the families of resources/fonts/*.ttf


def register_fonts() -> list[str]:
    """Add every .ttf under resources/fonts to the application's fonts, unless the machine
    has all of their families already; returns the families.

    Call once, after the QGuiApplication exists and before the first window is built. When
    the machine has no font the default one resolves to, the application font becomes
    DejaVu Sans, so menus and dialogs are readable too.
    """
    if all(QFontDatabase.hasFamily(family) for family in SHIPPED):
        # The machine has them (most Linux desktops do): reading 2 MB of font files again
        # would cost the first paint a millisecond for nothing.
        return list(SHIPPED)
    families: list[str] = []
    for file in sorted(paths.resource("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id < 0:
            continue  # an unreadable file must not stop the app; the others still help
        families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    if families and not _default_font_exists():
        QGuiApplication.setFont(QFont(FALLBACK_FAMILY if FALLBACK_FAMILY in families else families[0]))
    return families


def _default_font_exists() -> bool:
    # With no system fonts, fontconfig still lists its aliases ("Sans Serif", "Serif"), but
    # the default font resolves to no family at all and draws boxes.
    family = QFontInfo(QGuiApplication.font()).family()
    return bool(family) and family in QFontDatabase.families()
