"""A document with its spans as a picture or a page: `spandesk render`, and the README's screenshot.

PNG and SVG are drawn by the article view itself, laid out at a fixed width and grown to
the height of the whole text, so they look exactly as the app does (light palette, no
focus, no selection). HTML is a standalone page in the same colours (`render_html`).
Rejected spans are left out: a picture shows what the entities are.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

from desktop.core.model import Span, SpandeskError, State

SUFFIXES = (".png", ".svg", ".html")
WIDTH = 860  # px: the 80-character column and its margins


def ensure_app() -> QApplication:
    """The running QApplication, or a new one; offscreen when there is no display (Linux)."""
    app = QApplication.instance()
    if app is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else "spandesk"])
        from desktop.ui.fonts import register_fonts

        register_fonts()  # a machine without fonts would render empty boxes
    return app


def render(text: str, spans: Sequence[Span], schema_colours: Mapping[str, QColor | str], out: Path,
           *, width: int = WIDTH) -> Path:
    """Write `text` with its spans to `out`, as .png, .svg or .html (by suffix)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise SpandeskError(f"{out}: cannot render to {suffix or 'a file without a suffix'}; "
                            f"use {', '.join(SUFFIXES)}")
    colours = {label: QColor(c) for label, c in schema_colours.items()}
    shown = [s for s in spans if s.state != State.REJECTED]
    if suffix == ".html":
        from desktop.ui.render_html import to_html

        out.write_text(to_html(text, shown, colours), encoding="utf-8")
        return out
    ensure_app()
    view = _laid_out_view(text, shown, colours, width)
    try:
        if suffix == ".png":
            if not view.grab().save(str(out)):
                raise SpandeskError(f"{out}: could not write the PNG file")
        else:
            _svg(view, out, text)
    finally:
        view.close()
        view.deleteLater()
    return out


def _laid_out_view(text, spans, colours, width):
    from desktop.ui.article_view import ArticleView

    view = ArticleView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.set_schema_colours(colours)
    view.resize(width, 400)
    view.show()
    view.show_document(text, spans, [])
    # size() finishes the lazy layout; the viewport is as wide as the widget, so growing
    # the widget to the text's height does not rewrap it.
    view.resize(width, math.ceil(view.document().size().height()) + 2)
    return view


def _svg(view, out: Path, text: str) -> None:
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(out))
    generator.setSize(view.size())
    generator.setViewBox(QRect(QPoint(0, 0), view.size()))
    generator.setResolution(view.logicalDpiX())  # the layout was made at the screen's dpi
    generator.setTitle(next((line.strip() for line in text.splitlines() if line.strip()), "")[:120])
    generator.setDescription("Rendered by Spandesk")
    painter = QPainter()
    if not painter.begin(generator):
        raise SpandeskError(f"{out}: could not write the SVG file")
    try:
        view.render(painter, QPoint(0, 0))
    finally:
        painter.end()
