"""What the window leaves until its first article is painted (issue 12's cold start): the
whole label set (its colours alone paint the article), events and records (core/records.py),
the assign and order modules, the window's icon, and the Qt classes QPaintEngine and
QThread (PySide makes each class, with its enums, on first use).
Each is there once the window is complete; a label set the window cannot read still ends
the command with its message and exit status 1, now after the article was shown."""

from __future__ import annotations

import json
import subprocess

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from desktop import ops
from desktop.ui.article import ink
from tests.helpers import seeded_home, start_window

_START = """
import json, os, sys
from PySide6 import QtCore, QtGui
from desktop import launch
from desktop.ui import app
seen = {}
def shown(self):  # the real start's line, once the first paint is drawn and flushed
    seen["painted"] = {
        "text": bool(self.window.view.toPlainText()),
        "label_set_read": "desktop.core.label_set" in sys.modules,
        "modules": sorted(m for m in ("desktop.core.records", "desktop.ops.assigning", "desktop.ops.document_order")
                          if m in sys.modules),
        "classes": sorted(n for n in ("QIcon", "QPaintEngine", "QThread") if n in vars(QtGui) or n in vars(QtCore)),
        "icon": "QIcon" in vars(QtGui) and not app.QApplication.instance().windowIcon().isNull()}
background = app._background
def complete(window, seed):
    background(window, seed)
    seen["complete"] = {"completed": window.completed, "icon": not app.QApplication.instance().windowIcon().isNull(),
                        "labels": len(window.desk.label_set.entities)}
    print(json.dumps(seen))
    sys.stdout.flush()
    os._exit(0)
def refused(path, message):  # the dialog, which would wait for a click
    print("dialog:", path, message, flush=True)
app._ArticleWatch._shown = shown
app._background = complete
app.refuse = refused
sys.argv = ["spandesk", "gui", "--db", sys.argv[1]]
launch.main()
"""


def _start(db, home) -> subprocess.CompletedProcess:
    return start_window(_START, db, home)


@pytest.fixture
def project(tmp_path):
    return seeded_home(tmp_path)


def test_the_first_article_is_painted_before_the_label_set_icon_and_those_classes(project):
    done = _start(*project)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    seen = json.loads(lines[-1])
    assert seen["painted"] == {"text": True, "label_set_read": False, "modules": [], "classes": [], "icon": False}
    assert seen["complete"]["completed"] and seen["complete"]["icon"]
    assert seen["complete"]["labels"] >= 10  # the whole label set, read after the paint


def _store_label_set(db, stored: str) -> None:
    with ops.open_project(db) as store:
        store.project.set("schema", stored)


def test_a_label_set_the_window_cannot_read_ends_it_with_its_message_and_status_1(project):
    db, home = project
    with ops.open_project(db) as store:
        data = json.loads(store.project.get("schema"))
    data["event"][0]["roles"][0]["labels"] = 5  # JSON, and its colours read, but not a label set
    _store_label_set(db, json.dumps(data))
    done = _start(db, home)
    assert done.returncode == 1, done.stderr[-2000:]
    said = f"{db}, label set: "
    assert f"dialog: {db} {said}" in done.stdout  # the window said it in a dialog
    assert said in done.stderr and "labels must be a list of label names, not 5" in done.stderr
    assert "Traceback" not in done.stderr and "complete" not in done.stdout


def test_a_label_set_that_is_not_json_is_refused_before_the_window(project):
    db, home = project
    _store_label_set(db, '{"entity": [')
    done = _start(db, home)
    assert done.returncode == 1
    assert f"{db}, label set:1: schema JSON: " in done.stderr
    assert "Traceback" not in done.stderr and "dialog" not in done.stdout and "{" not in done.stdout


@pytest.fixture
def devices(qapp, tmp_path):
    from PySide6.QtSvg import QSvgGenerator
    from PySide6.QtWidgets import QWidget

    class Painted(QWidget):
        look = None

        def paintEvent(self, _event):
            if self.look is not None:
                p = QPainter(self)
                self.look(p)
                p.end()

    widget = Painted()
    widget.resize(40, 30)
    svg = QSvgGenerator()
    svg.setFileName(str(tmp_path / "x.svg"))
    svg.setSize(widget.size())
    yield {"image": QImage(40, 30, QImage.Format.Format_ARGB32_Premultiplied), "pixmap": QPixmap(40, 30),
           "widget": widget, "svg": svg}
    widget.deleteLater()


@pytest.mark.parametrize("kind", ["image", "pixmap", "widget", "svg"])
def test_a_raster_device_is_told_by_its_type_as_by_its_engine(devices, kind):
    from PySide6.QtGui import QPaintEngine

    results = []

    def look(p: QPainter) -> None:
        raster = p.paintEngine().type() == QPaintEngine.Type.Raster
        results.append((raster, p.device().devType() in ink.RASTER_DEVICES, ink._hairline(p, 1.0)))
        p.strokePath(ink.rounded(QRectF(2, 2, 30, 20), 3), ink.pen(p, QColor("#2e7d32"), 1.0, (3.0, 2.5)))

    device = devices[kind]
    if kind == "widget":  # a widget is painted only from its own paint event
        device.look = look
        device.grab()  # its paint event, now
    else:
        p = QPainter(device)
        look(p)
        p.end()
    assert len(results) == 1
    raster, told, hairline = results[0]
    assert told == raster == (kind != "svg")
    assert hairline == raster  # a 1 px pen on an unscaled raster device is a hairline


def test_the_imported_order_the_window_starts_in_is_the_desks_own_query():
    assert ops.order_query("id") == ops.ListQuery()  # app.start leaves it to the desk
