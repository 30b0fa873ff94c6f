"""The article view's viewport is made from Python (issue 12's cold start: the first
`viewport()` returning QAbstractScrollArea's C++-made one costs PySide about 7 ms), and is
in every way the viewport a stock QTextEdit has: attributes, roles, focus, drops, the
I-beam, the document layout's paint device. And the rest of the fifth round's cold start:
no cyclic garbage collection and no arc planner on the way to the first paint."""

from __future__ import annotations

import gc
import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QTextEdit

from desktop.ui.article.view import ArticleView
from tests.helpers import seeded_home, start_window

GETTERS = ("objectName", "backgroundRole", "foregroundRole", "autoFillBackground", "hasMouseTracking",
           "hasTabletTracking", "focusPolicy", "acceptDrops", "contextMenuPolicy", "inputMethodHints",
           "isVisible", "isHidden", "isWindow", "windowFlags", "layoutDirection", "updatesEnabled", "isEnabled",
           "minimumSize", "maximumSize")


def _traits(edit: QTextEdit) -> dict:
    port = edit.viewport()
    traits = {f"attribute {a.name}": port.testAttribute(a) for a in Qt.WidgetAttribute}
    traits.update({name: getattr(port, name)() for name in GETTERS})
    policy = port.sizePolicy()
    traits.update(sizePolicy=(policy.horizontalPolicy(), policy.verticalPolicy()), cursor=port.cursor().shape(),
                  focus_proxy=port.focusProxy() is edit, parent=port.parent() is edit,
                  palette=port.palette() == edit.palette(), font=port.font() == edit.font(),
                  paint_device=edit.document().documentLayout().paintDevice() is port,
                  filled_by_base=port.palette().color(port.backgroundRole()) == edit.palette().base().color())
    return traits


@pytest.fixture
def shown(qtbot):
    windows = []  # kept alive until the test ends

    def show(edit: QTextEdit) -> QTextEdit:
        window = QMainWindow()
        windows.append(window)
        qtbot.addWidget(window)
        window.setCentralWidget(edit)
        window.resize(640, 420)
        window.show()
        qtbot.waitExposed(window)
        edit.setPlainText("Protesters gathered in Almaty on Monday.")
        return edit
    return show


def test_the_views_viewport_is_a_stock_qtextedits(shown):
    stock = shown(QTextEdit())
    view = shown(ArticleView())
    view.make_parts()  # as the window's complete() does
    stock_traits, view_traits = _traits(stock), _traits(view)
    assert set(stock_traits) == set(view_traits)
    assert {k: v for k, v in view_traits.items() if stock_traits[k] != v} == {}
    assert view_traits["cursor"] == Qt.CursorShape.IBeamCursor and view_traits["paint_device"]
    assert view.viewport() is not None and view.viewport().geometry().width() > 300  # laid out


def test_the_viewport_is_the_same_python_object_each_time(shown):
    view = shown(ArticleView())
    assert view.viewport() is view.viewport()
    assert view.findChild(type(view.viewport()), "qt_scrollarea_viewport") is view.viewport()


def test_clicks_and_keys_on_the_viewport_reach_the_view(qtbot, shown):
    view = shown(ArticleView())
    view.show_document("Protesters gathered in Almaty on Monday.", [], [])
    view.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    elsewhere = QLineEdit(view.window())
    elsewhere.show()
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 12))
    assert view.hasFocus()  # the viewport's focus proxy is the view
    qtbot.mouseMove(view.viewport(), QPoint(60, 14))
    assert view.viewport().cursor().shape() == Qt.CursorShape.IBeamCursor


_AT_FIRST_PAINT = """
import gc, json, os, sys
from PySide6 import QtWidgets
from desktop import launch
from desktop.ui import app, lazy_qt
def shown(self):  # the real start's own line, once the first paint is drawn and flushed
    view = self.window.view
    print(json.dumps({"qt": lazy_qt.resolved(), "widgets_classes": sorted(vars(QtWidgets)), "gc": gc.isenabled(),
                      "links": "desktop.ui.article.links" in sys.modules, "text": bool(view.toPlainText())}))
    sys.stdout.flush()
    os._exit(0)
def complete(self):  # the window's second phase, after the first paint
    print(json.dumps({"gc": gc.isenabled()}))
    sys.stdout.flush()
    os._exit(0)
if sys.argv[2] == "report":
    app._ArticleWatch._shown = shown
elif sys.argv[2] == "complete":
    os.environ.pop("SPANDESK_SMOKE_QUIT")
    app.MainWindow.complete = complete
sys.argv = ["spandesk", "gui", "--db", sys.argv[1]]
launch.main()
"""


def _start(db, home, how: str) -> dict:
    done = start_window(_AT_FIRST_PAINT, db, home, how)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert how == "as is" or lines, done.stderr[-2000:]
    return json.loads(lines[-1]) if lines else {}


@pytest.fixture
def returning(tmp_path):
    """A project and a home whose first start has been made (it keeps the look)."""
    db, home = seeded_home(tmp_path)
    _start(db, home, "as is")
    return db, home


def test_the_first_paint_does_not_make_pyside_resolve_every_widget_class(returning):
    """The tell of the C++-made viewport's cost: PySide puts every lazy QtWidgets class in
    the module's dictionary when it first meets a widget whose Python type it must find."""
    seen = _start(*returning, "report")
    assert seen["text"] and seen["qt"] is False
    assert "QWizard" not in seen["widgets_classes"], len(seen["widgets_classes"])
    assert seen["links"] is False  # the arcs' planner (1 ms to import) comes with the first arcs


def test_garbage_is_collected_again_once_the_first_article_is_painted(returning):
    assert _start(*returning, "report")["gc"] is False  # desktop.launch: off on the way to it
    assert _start(*returning, "complete")["gc"] is True
    assert gc.isenabled()
