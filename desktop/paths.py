"""The one place that finds shipped files and the user's files.

Inside a PyInstaller bundle the resources live under `sys._MEIPASS`; from a source
checkout they sit beside the package. Nothing else builds paths from `__file__`.

Privacy: on POSIX the folders Spandesk makes are 0700 and the files it makes 0600 (the
project, its -wal/-shm, backups, settings), whatever the umask: annotators' names and the
articles are nobody else's business on a shared machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "spandesk"
POSIX = os.name == "posix"
DIR_MODE = 0o700
FILE_MODE = 0o600


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


def private_dir(folder: Path) -> None:
    """Make `folder` and any missing parents, each new one 0700 (one by one: mkdir(parents=True)
    gives the parents the umask's mode). Existing folders are left as they are."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=DIR_MODE)
        except FileExistsError:  # made meanwhile by another process
            continue
        if POSIX:
            os.chmod(new, DIR_MODE)  # mkdir's mode is masked by the umask


def create_private_file(path: Path) -> None:
    """Create `path`, empty, 0600 before a byte is in it; FileExistsError if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    if POSIX:
        os.chmod(path, FILE_MODE)


def _ours(folder: Path) -> Path:
    """One of Spandesk's own folders: made 0700, and tightened to 0700 if an older release
    left it readable by others. A folder that cannot be made is reported by whoever writes
    into it (opening the project names the cause), not here."""
    try:
        private_dir(folder)
        if POSIX and folder.stat().st_mode & 0o077:
            os.chmod(folder, DIR_MODE)
    except OSError:
        pass
    return folder


def _xdg(variable: str, default: str) -> Path | None:
    """On Linux, the XDG base folder platformdirs would give (`variable` if it holds an
    absolute path, else `default` under an absolute HOME), without importing platformdirs:
    its import cost the window's cold start 3 ms. None elsewhere, or when HOME is unusable
    (platformdirs then knows what to do)."""
    if not sys.platform.startswith("linux"):
        return None
    folder = os.environ.get(variable, "")
    if os.path.isabs(folder):
        return Path(folder, APP_NAME)
    if os.path.isabs(os.environ.get("HOME", "")):
        return Path(os.path.expanduser(default), APP_NAME)
    return None


def data_dir() -> Path:
    if (folder := _xdg("XDG_DATA_HOME", "~/.local/share")) is not None:
        return folder
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The settings folder, made (0700) if missing."""
    if (folder := _xdg("XDG_CONFIG_HOME", "~/.config")) is not None:
        return _ours(folder)
    from platformdirs import user_config_dir

    return _ours(Path(user_config_dir(APP_NAME, appauthor=False)))


def settings_file() -> Path:
    """The settings INI file, made empty and 0600 if missing (Qt's QSettings keeps the mode
    of a file it rewrites, but would make a new one 0644)."""
    path = config_dir() / "spandesk.ini"
    try:
        create_private_file(path)
    except FileExistsError:
        try:
            if POSIX and path.stat().st_mode & 0o077:
                os.chmod(path, FILE_MODE)
        except OSError:
            pass
    except OSError:
        pass  # an unwritable config folder: Qt keeps the settings in memory and says nothing
    return path


def default_db() -> Path:
    """`SPANDESK_DB` if set, else `spandesk.db` in the user's data directory (made 0700)."""
    env = os.environ.get("SPANDESK_DB")
    return Path(env) if env else _ours(data_dir()) / "spandesk.db"
