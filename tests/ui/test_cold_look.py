"""The label styles the article paints with are worked out on first use, and are the same
styles a direct `label_style` gives (colours.LazyStyles); the first article is painted in
the same look without Python building Qt's QStyle class (look/theme.py: Fusion named on the
command line, its light palette cached in the settings, the look's own style after the paint)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QPalette

from desktop.ui.look import colours


def test_label_styles_are_made_when_asked_for_and_equal_the_direct_ones(qapp):
    palette = QPalette()
    text, page = colours.palette_colours(palette)
    schema = {"ORG": QColor("#7aecec"), "GPE": QColor("#feca74"), "PERSON": QColor("#aa9cfc")}
    styles = colours.label_styles(schema, palette)
    assert sorted(styles) == ["GPE", "ORG", "PERSON"] and len(styles) == 3 and "ORG" in styles
    assert styles._made == {}  # nothing worked out before it is asked for
    assert styles["ORG"] == colours.label_style(schema["ORG"], text, page)
    assert styles.get("GPE") == colours.label_style(schema["GPE"], text, page)
    assert list(styles._made) == ["ORG", "GPE"]
    assert styles.get("DRUG") is None and "DRUG" not in styles
    fallback = colours.label_style(colours.fallback_colour("DRUG"), text, page)
    styles["DRUG"] = fallback  # what the span painter does for a label the schema lacks
    assert styles["DRUG"] == fallback and len(styles) == 4
    del styles["PERSON"]
    assert sorted(styles) == ["DRUG", "GPE", "ORG"]


# The real command, reporting at the article's first paint whether Python has built Qt's
# QStyle class yet (PySide makes a class on first use: its name then appears in the module),
# whether platformdirs is loaded, and the application's palette; and once the rest of the window is built, its style's class.
_LOOK = """
import json, os, sys
sys.argv = ["spandesk", "gui", "--db", sys.argv[1]]
import PySide6.QtWidgets as widgets
from desktop.ui import app

def palette():
    p = widgets.QApplication.instance().palette()
    groups = (p.ColorGroup.Active, p.ColorGroup.Disabled, p.ColorGroup.Inactive)
    return [p.color(g, r).rgba() for g in groups for r in p.ColorRole if r.name not in ("NoRole", "NColorRoles")]

def report(self, watched, event):
    if event.type() == event.Type.Paint and self.window.view.toPlainText():
        seen = {"style_class_built": "QStyle" in widgets.__dict__, "palette": palette(),
                "platformdirs": "platformdirs" in sys.modules}
        def later():
            if self.window.completed:
                seen["style"] = type(widgets.QApplication.instance().style()).__name__
                print(json.dumps(seen), flush=True)
                os._exit(0)
        timer = app.QTimer(self.window)
        timer.timeout.connect(later)
        timer.start(10)
        watched.removeEventFilter(self)
    return False

app._ArticleWatch.eventFilter = report
os.environ["SPANDESK_SMOKE_QUIT"] = "1"  # the watch above, which reports once complete
from desktop.launch import main
main()
"""


def _look(db, home) -> dict:
    import json
    import os
    import subprocess
    import sys

    from tests.helpers import ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SPANDESK_"))}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(home), SPANDESK_ANNOTATOR="ana")
    done = subprocess.run([sys.executable, "-c", _LOOK, str(db)], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    return json.loads(lines[-1])


def test_the_first_article_is_painted_in_the_same_look_without_building_qstyle(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop import ops
    from desktop.ui.look import theme

    db = tmp_path / "p.db"
    with ops.open_project(db, seed=True):
        pass
    first = _look(db, tmp_path)  # no palette cached yet: Fusion is asked
    again = _look(db, tmp_path)  # the settings now hold Fusion's palette for this Qt
    assert again["style_class_built"] is False
    if sys.platform.startswith("linux"):  # Linux's folders are found without it (desktop/paths.py)
        assert first["platformdirs"] is again["platformdirs"] is False
    assert first["style"] == again["style"] == "Style"  # the look's own style, once the window is complete
    monkeypatch.delenv("SPANDESK_THEME", raising=False)
    app = QApplication.instance()
    theme.apply(app, "light")  # the one-phase look, Fusion asked for its palette
    try:
        p = app.palette()
        groups = (p.ColorGroup.Active, p.ColorGroup.Disabled, p.ColorGroup.Inactive)
        expected = [p.color(g, r).rgba() for g in groups for r in p.ColorRole if r.name not in ("NoRole", "NColorRoles")]
    finally:
        theme.apply(app, "system")
    assert first["palette"] == again["palette"] == expected


def test_the_cached_palette_is_fusion_s_own(qapp):
    from PySide6.QtWidgets import QStyleFactory

    from desktop.ui.look import theme

    fusion = QStyleFactory.create("Fusion")
    record = theme.palette_record(fusion)
    cached, asked = theme._from_record(record), fusion.standardPalette()
    assert cached.resolveMask() == asked.resolveMask() and theme._items(cached) == theme._items(asked)
    assert len(theme._items(asked)) > 40  # the roles Fusion sets, in the three groups
    assert theme._from_record("5.15.2 " + record.partition(" ")[2]) is None  # another Qt: asked again
    assert theme._from_record(record.partition(" ")[0] + " 0.x.ff") is None  # damaged: asked again
