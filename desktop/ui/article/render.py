"""A document with its spans as a picture or a page: `spandesk render`, and the README's screenshot.

PNG and SVG are drawn by the article view itself, laid out at a fixed width and grown to
the height of the whole text, so they look exactly as the app does (light palette, no
focus, no selection), events included: every event's arcs from its trigger to its arguments,
labelled with their roles, drawn at once. HTML is a standalone page in the same colours
(`render_html`), its events listed under the text. Rejected spans are left out: a picture
shows what the entities are.

Control characters in the text or a label are drawn as their Control Pictures (U+FFFE
and U+FFFF as U+FFFD), one for one, so an SVG is always well-formed XML. The file is
written beside `out` and renamed into place: a failed render leaves no file behind.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

from desktop.core.atomic import written_beside
from desktop.core.model import Event, Span, SpandeskError, State
from desktop.core.printable import drawable

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
        from desktop.ui.look.fonts import register_fonts

        register_fonts()  # a machine without fonts would render empty boxes
    return app


def render(text: str, spans: Sequence[Span], label_colours: Mapping[str, QColor | str], out: Path,
           *, width: int = WIDTH, events: Sequence[Event] = (), relations: Sequence = ()) -> Path:
    """Write `text` with its spans (and `events`' arcs) to `out`, as .png, .svg or .html (by suffix).
    `relations` (core.annotations.Relation) are drawn as the window draws them, in PNG and SVG."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise SpandeskError(f"{out}: cannot render to {suffix or 'a file without a suffix'}; "
                            f"use {', '.join(SUFFIXES)}")
    colours = {drawable(label): QColor(c) for label, c in label_colours.items()}
    text = drawable(text)
    shown = [dataclasses.replace(s, label=drawable(s.label), text=drawable(s.text))
             for s in spans if s.state != State.REJECTED]
    with written_beside(out) as part:
        if suffix == ".html":
            from desktop.ui.article import render_html

            part.write_text(render_html.to_html(text, shown, colours, events=events), encoding="utf-8")
        else:
            ensure_app()
            view = _laid_out_view(text, shown, colours, width, events)
            if relations:  # issue 10: before the height is taken, as they add room
                from desktop.ui.article.relation_arcs import relation_links

                view.relation_arcs.set_relations(relation_links(relations, drawable))
                view.resize(width, math.ceil(view.document().size().height()) + 2)
            try:
                if suffix == ".png":
                    _save_png(view, part, out)
                else:
                    _paint_svg(view, part, out, text)
            finally:
                view.close()
                view.deleteLater()
    return out


def _laid_out_view(text, spans, colours, width, events=()):
    from desktop.ui.article.links import event_links
    from desktop.ui.article.view import ArticleView

    view = ArticleView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.set_label_colours(colours)
    view.resize(width, 400)
    view.show()
    view.show_document(text, spans, [])
    if events:
        # Every event at once, as the window draws the current one (labels drawable, as the spans').
        view.set_links([dataclasses.replace(link, role=drawable(link.role))
                        for event in events for link in event_links(event)])
    # size() finishes the lazy layout; the viewport is as wide as the widget, so growing
    # the widget to the text's height does not rewrap it.
    view.resize(width, math.ceil(view.document().size().height()) + 2)
    return view


def _save_png(view, part: Path, out: Path) -> None:
    if not view.grab().save(str(part), "PNG"):
        raise SpandeskError(f"{out}: could not write the PNG file")


def _paint_svg(view, part: Path, out: Path, text: str) -> None:
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(part))
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
    # QSvgGenerator does not report a failed write (a full disk): an SVG ends with its root's end tag.
    with part.open("rb") as f:
        f.seek(max(0, part.stat().st_size - 64))
        if b"</svg>" not in f.read():
            raise SpandeskError(f"{out}: could not write the SVG file")
