"""Redraw README's pictures of the window (docs/window.png, window-dark.png, events.png) from
the seed articles as a new user first sees them: imported, pre-annotated by the installed
model (entities, and events from the trigger lexicon), a few suggestions accepted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

Runs in a temporary HOME, so no real project or setting is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(tempfile.mkdtemp(prefix="spandesk-shots-"))
os.environ.update(HOME=str(HOME), XDG_CONFIG_HOME=str(HOME / "config"), XDG_DATA_HOME=str(HOME / "data"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))

from desktop import ops, paths  # noqa: E402
from desktop.core.model import Layer, State  # noqa: E402


def project() -> Path:
    """The seeds imported and pre-annotated; on the first article a few entity suggestions
    and its first suggested event accepted, as after a minute's work."""
    db = HOME / "news.db"
    with ops.open_project(db) as store:
        assert ops.import_paths(store, [paths.seeds_dir()]).ok
        ops.preannotate(store)
        first = store.documents.ids()[0]
        entities = [s for s in store.spans.for_doc(first) if s.layer == Layer.ENTITY and s.state == State.SUGGESTED
                    and s.label != "PRODUCT"]  # the small model calls a city in a headline a product
        for span in entities[:6]:
            ops.accept_span(store, span.id, "maria")
        event = next(e for e in ops.events(store, first) if e.state == State.SUGGESTED)
        ops.accept_event(store, event.id, "maria")
    return db


def shoot(db: Path, theme: str, name: str, tab_to_event: bool = False) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import make_app, start
    from desktop.ui.settings import Settings

    app = make_app(theme_choice=theme)
    settings = Settings(HOME / f"{theme}.ini")
    store = ops.open_project(db)
    window = start(store, settings, "maria", background=False)
    window.resize(1440, 900)
    window.show()
    for _ in range(20):
        app.processEvents()
    if tab_to_event:  # Tab to the accepted event's trigger: its arcs are drawn
        window.view.setFocus()
        for _ in range(60):
            QTest.keyClick(window.view, Qt.Key.Key_Tab)
            span = window.view.focused_span()
            if span is not None and span.layer == Layer.TRIGGER and span.state == State.ACCEPTED:
                break
        app.processEvents()
    window.grab().save(str(ROOT / "docs" / name))
    window.close()
    store.close()
    QApplication.processEvents()
    print("wrote", ROOT / "docs" / name)


if __name__ == "__main__":
    db = project()
    shoot(db, "light", "window.png")
    shoot(db, "dark", "window-dark.png")
    shoot(db, "light", "events.png", tab_to_event=True)
