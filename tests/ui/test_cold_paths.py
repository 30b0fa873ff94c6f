"""The settings and data folders are found on Linux without importing platformdirs (its
import cost the window's start 3 ms), and are the folders platformdirs gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop import paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folders are Linux's")
@pytest.mark.parametrize("env", [
    {"HOME": "/home/ana"},
    {"HOME": "/home/ana/"},
    {"HOME": "/", "XDG_CONFIG_HOME": "", "XDG_DATA_HOME": ""},
    {"HOME": "/home/ana", "XDG_CONFIG_HOME": "/etc/ana", "XDG_DATA_HOME": "/srv/ana"},
    {"HOME": "/home/ana", "XDG_CONFIG_HOME": "relative/cfg", "XDG_DATA_HOME": "  "},
])
def test_the_folders_are_platformdirs_folders(monkeypatch, env):
    from platformdirs import user_config_dir, user_data_dir

    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(paths, "_ours", lambda folder: folder)  # nothing made under a made-up HOME
    assert paths.config_dir() == Path(user_config_dir("spandesk", appauthor=False))
    assert paths.data_dir() == Path(user_data_dir("spandesk", appauthor=False))


def test_without_a_usable_home_platformdirs_decides(monkeypatch):
    monkeypatch.setenv("HOME", "relative")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert paths._xdg("XDG_CONFIG_HOME", "~/.config") is None
