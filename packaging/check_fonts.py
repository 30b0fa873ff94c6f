"""Check that the shipped fonts draw real glyphs on a machine with no fonts at all.

Qt draws a missing glyph as an empty box, the same box for every character, and says
nothing. So "Almaty" and "Xxxxxx" drawn with the same font give the same pixels exactly
when every glyph is a box. Run with fontconfig pointed at an empty configuration:

    QT_QPA_PLATFORM=offscreen FONTCONFIG_FILE=empty.conf python packaging/check_fonts.py

Exits 0 when the default font and DejaVu Serif both draw real glyphs after
register_fonts(), 1 otherwise. `packaging/smoke.sh` runs it (make dist-test).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QImage, QPainter
from PySide6.QtWidgets import QApplication


def draw(text: str, font: QFont) -> QImage:
    image = QImage(240, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.black)
    painter.drawText(6, 34, text)
    painter.end()
    return image


def glyphs_drawn(font: QFont) -> bool:
    return draw("Almaty", font) != draw("Xxxxxx", font)


def main() -> int:
    app = QApplication(sys.argv[:1])
    before = glyphs_drawn(app.font())
    from desktop.ui.look.fonts import register_fonts

    families = register_fonts()
    serif = QFont()
    serif.setFamilies(["Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"])
    checks = {"default font": QApplication.font(), "article serif": serif}
    failed = [name for name, font in checks.items() if not glyphs_drawn(font)]
    for name, font in checks.items():
        print(f"{name}: {QFontInfo(font).family() or '(none)'}: {'FAIL boxes' if name in failed else 'ok'}")
    print(f"registered {families}; without them the default font drew "
          f"{'glyphs (this machine has fonts)' if before else 'empty boxes'}")
    return 1 if failed or not families else 0


if __name__ == "__main__":
    sys.exit(main())
