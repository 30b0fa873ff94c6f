"""The one log of Spandesk's own defects: a traceback the user should never have met.

The CLI (an exception no command expected) and the window (one that escaped a method Qt
calls) both append here: `logs/spandesk.log` in the user's data folder, private to the
user (a traceback can quote a document's text). Each distinct traceback is written once a
run, at most MAX_DISTINCT a run, so a failure that repeats on every paint cannot fill the
disk; past LOG_LIMIT bytes the log becomes spandesk.log.1 and starts over. When the data
folder cannot be written, the system's temporary folder is tried.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from datetime import datetime, timezone
from pathlib import Path

from desktop import __version__, paths

LOG_NAME = "spandesk.log"
LOG_LIMIT = 1_000_000  # bytes
MAX_DISTINCT = 200  # distinct tracebacks logged per run

_lock = threading.Lock()
_seen: set[str] = set()


def log_path() -> Path:
    """Where tracebacks go: the user's data folder (the project's own folder may be shared)."""
    return paths.data_dir() / "logs" / LOG_NAME


def save(exc: BaseException) -> str | None:
    """Append `exc`'s traceback to the log; the log's path, or None when no folder could
    be written (the caller then says so, and the traceback goes to stderr)."""
    # Imported only when there is a bug to log: the window's start need not pay for them.
    import platform
    import tempfile

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    with _lock:
        if text in _seen or len(_seen) >= MAX_DISTINCT:
            return str(log_path())
        _seen.add(text)
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        entry = (f"=== {stamp} Spandesk {__version__}, Python {platform.python_version()}, "
                 f"{platform.platform()}\ncommand: {sys.argv!r}\n{text}\n")
        fallback = Path(tempfile.gettempdir()) / f"spandesk-{getattr(os, 'getuid', lambda: 0)()}.log"
        for path in (log_path(), fallback):
            try:
                _append(path, entry)
                return str(path)
            except OSError:
                continue
        sys.stderr.write(entry)
        return None


def _append(path: Path, entry: str) -> None:
    paths.private_dir(path.parent)
    if path.exists() and path.stat().st_size > LOG_LIMIT:
        path.replace(path.with_name(path.name + ".1"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as f:
        f.write(entry)
