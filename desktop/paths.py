"""The one place that finds shipped files and the user's files.

Inside a PyInstaller bundle the resources live under `sys._MEIPASS`; from a source
checkout they sit beside the package. Nothing else builds paths from `__file__`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "spandesk"


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """A file or folder under `resources/`."""
    return _root().joinpath("resources", *parts)


def seeds_dir() -> Path:
    """The sample articles a new user's database starts with."""
    return _root() / "seeds"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def default_db() -> Path:
    """`SPANDESK_DB` if set, else `spandesk.db` in the user's data directory."""
    env = os.environ.get("SPANDESK_DB")
    return Path(env) if env else data_dir() / "spandesk.db"
