"""The first article is painted without Qt's `Qt` namespace (11 ms that a bare PySide6 window
never pays), and the span painter that does without it draws what the old one drew.

The tell: PySide6 puts `Qt` into QtCore's module dictionary when it builds the namespace
(desktop/ui/lazy_qt.py's `resolved`), whoever touches it first, Python code or an overload
check in C++ (bench/gui.py --qt-probe)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from desktop import ops
from desktop.core.model import Source, Span, State
from desktop.ui.article import ink
from tests.helpers import start_window

_AT_FIRST_PAINT = """
import json, os, sys
from desktop import launch
from desktop.ui import app, lazy_qt
def shown(self):  # the real start's own line, once the first paint is drawn and flushed
    view = self.window.view
    print(json.dumps({"qt": lazy_qt.resolved(), "spans": len(view.span_index()), "text": bool(view.toPlainText())}))
    sys.stdout.flush()
    os._exit(0)
if sys.argv[2] == "report":
    app._ArticleWatch._shown = shown
sys.argv = ["spandesk", "gui", "--db", sys.argv[1]]
launch.main()
"""


def _start(db, home, report: bool = True) -> dict:
    done = start_window(_AT_FIRST_PAINT, db, home, "report" if report else "as is")
    if not report:
        assert done.returncode == 0 and "first article shown" in done.stdout, done.stderr[-2000:]
        return {}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    return json.loads(lines[-1])


def test_a_returning_users_first_article_is_painted_without_qts_namespace(tmp_path):
    db = tmp_path / "project.db"
    with ops.open_project(db, seed=True) as store:
        for doc_id in store.documents.ids():  # whichever the window opens first
            text = store.documents.text(doc_id)
            # Suggested entities (dashed boxes, outlined chips) and an accepted one (a filled box).
            spans = [Span(t.start, t.end, "GPE", text[t.start:t.end], source=Source.MODEL, state=State.SUGGESTED,
                          model="m@1") for t in store.tokens.get(doc_id, text)[:30:3] if text[t.start:t.end].isalpha()]
            ops.save_suggestions(store, ops.PreannotateReport("m@1"), [(doc_id, spans)])
            ops.accept_span(store, store.spans.for_doc(doc_id)[0].id, "test")
    home = tmp_path / "home"
    home.mkdir()
    _start(db, home, report=False)  # a first start, as is: it keeps the palette and the system's scheme
    again = _start(db, home)
    assert again["text"] and again["spans"] >= 2  # the painter had spans to draw
    assert again["qt"] is False


@pytest.fixture
def canvas(qapp):
    def paint(draw) -> QImage:
        image = QImage(140, 60, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0xFFFFFFFF)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(p)
        p.end()
        return image

    return paint


def _worst(a: QImage, b: QImage) -> int:
    return max((abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits()))), default=0)


def _flat(colour, width, dashes=None) -> QPen:
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
    if dashes:
        pen.setDashPattern(list(dashes))
    return pen


# A hairline (the window's dashed boxes on a normal screen) matches exactly; a thicker dashed
# outline (a high-DPI screen, an SVG) differs only where a dash ends in a corner's curve.
@pytest.mark.parametrize("width, dashes, worst", [(1.0, (3.0, 2.5), 2), (1.0, (1.0, 2.0), 2), (1.0, None, 2),
                                                  (2.2, None, 2), (2.0, (3.0, 2.5), 40)])
def test_rounded_outlines_match_drawRoundedRect_with_a_flat_capped_pen(canvas, width, dashes, worst):
    box, colour = QRectF(10.3, 12.6, 90.2, 21.4), QColor("#2e7d32")

    def old(p):
        p.setPen(_flat(colour, width, dashes))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(box, 3.2, 3.2)

    new = canvas(lambda p: p.strokePath(ink.rounded(box, 3.2), ink.pen(p, colour, width, dashes)))
    assert _worst(canvas(old), new) <= worst
    assert _worst(canvas(lambda p: None), new) > 100  # something was drawn


@pytest.mark.parametrize("width, dashes", [(2.0, (2.0, 1.2)), (3.0, (2.0, 1.2)), (1.2, None)])
def test_flat_lines_match_a_flat_capped_pen(canvas, width, dashes):
    colour = QColor("#c2185b")

    def old(p):
        p.setPen(_flat(colour, width, dashes))
        p.drawLine(QPointF(10.3, 30.7), QPointF(97.6, 30.7))

    new = canvas(lambda p: ink.flat_line(p, 10.3, 97.6, 30.7, colour, width, dashes))
    assert _worst(canvas(old), new) <= 2
    assert _worst(canvas(lambda p: None), new) > 100


@pytest.mark.parametrize("top, height", [(10.0, 13.0), (10.3, 13.4), (10.5, 14.0), (10.8, 13.4)])
def test_centred_text_is_placed_as_drawText_places_it(canvas, top, height):
    font, colour, chip = QFont(), QColor("#1b5e20"), QRectF(5.4, top, 60.2, height)
    font.setPixelSize(9)
    font.setItalic(True)

    def old(p):
        p.setFont(font)
        p.setPen(colour)
        p.drawText(chip, Qt.AlignmentFlag.AlignCenter, "GPE")

    assert _worst(canvas(old), canvas(lambda p: ink.centred_text(p, chip, font, colour, "GPE"))) == 0
