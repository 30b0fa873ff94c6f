"""The "system" theme's first paint goes by the system's colour scheme as the last run saw it
(asking the system builds Qt's `Qt` namespace, 11 ms); once the look is finished the system
is asked, the palette follows its answer, and the settings keep it for the next start."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui import app as spandesk_app
from desktop.ui.look import theme
from desktop.ui.settings import Settings


def _dark(app) -> bool:
    palette = app.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < palette.color(QPalette.ColorRole.Text).lightness()


@pytest.fixture
def qt_app(qapp, monkeypatch):
    monkeypatch.delenv("SPANDESK_THEME", raising=False)
    yield QApplication.instance()
    theme.apply(QApplication.instance(), "system")  # as the other tests found it


def test_the_last_runs_scheme_is_used_until_the_look_is_finished(qt_app, tmp_path):
    system = theme.system_scheme()
    other = "dark" if system == "light" else "light"
    settings = Settings(tmp_path / "s.ini")
    settings.system_scheme = other  # the system switched since the last run
    theme.apply(qt_app, "system", later=True, scheme=settings.system_scheme)
    assert _dark(qt_app) is (other == "dark")  # the first paint: as last seen
    spandesk_app.finish_look(settings)
    assert _dark(qt_app) is (system == "dark")  # then as the system says now
    assert Settings(tmp_path / "s.ini").system_scheme == system  # written at once, for the next start


def test_a_chosen_theme_is_not_overridden_by_the_remembered_scheme(qt_app):
    theme.apply(qt_app, "light", later=True, scheme="dark")
    assert not _dark(qt_app)
    theme.apply(qt_app, "dark", later=True, scheme="light")
    assert _dark(qt_app)
