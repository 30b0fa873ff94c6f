"""No Python exception reaches Qt's C++: what the window does with an error it did not expect.

An exception that escapes a method Qt calls (a model's data(), a paintEvent, an event
filter) can abort or crash the process, so every such override is `@guarded(default)`:
the error is sorted here and the override returns a safe default. The sorting follows one
rule. A SpandeskError is the user's business: its text goes to the status bar. A project
file SQLite finds damaged (SQLITE_CORRUPT, SQLITE_NOTADB) is the damage dialog's business,
not a bug. Anything else is a bug: its traceback is appended to the log in the data folder
(desktop/crashlog.py: data_dir()/logs/spandesk.log, private to the user) and one "Something went wrong"
dialog per run names that file. `install()` routes sys.excepthook and threading.excepthook
(slots, timers and worker threads) the same way.

Dialogs are never shown from inside the failing call: a queued signal shows them once the
event loop is back, so a failing paint is never re-entered by the dialog's own painting.
"""

from __future__ import annotations

import functools
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop import crashlog
from desktop.core.model import SpandeskError
from desktop.ui.lazy_qt import Qt  # Qt's enums when first read: 11 ms off the first paint

if TYPE_CHECKING:  # the real import waits for the first dialog (see show_box)
    from PySide6.QtWidgets import QMessageBox

DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
MIN_WIDTH = 560  # pixels: dialogs that hold paths and commands

_lock = threading.Lock()  # making the bridge from two threads at once
_sinks: dict[str, Callable[[str], None]] = {}
_bridge: "_Bridge | None" = None
_shown: list[bool] = []  # [True] once this run's one bug dialog was shown
_open: set = set()  # QMessageBoxes without a parent window, kept alive while shown


log_path = crashlog.log_path


def guarded(default=None):
    """Decorate a method Qt calls: an exception is reported (see the module) and `default`
    returned instead, so Qt gets a value of the type it expects and carries on."""

    def wrap(fn):
        @functools.wraps(fn)
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the one place that sorts them all
                report(exc)
                return default

        return call

    return wrap


def is_damage(exc: BaseException) -> bool:
    """True for SQLite's own word that the file is damaged or not a database."""
    return getattr(exc, "sqlite_errorname", None) in DAMAGE


def report(exc: BaseException) -> None:
    """Sort an exception (see the module): safe from any thread, never raises."""
    try:
        if isinstance(exc, SpandeskError):
            _emit("user", str(exc))
        elif is_damage(exc):
            _emit("damage", str(exc))
        else:
            _emit("bug", (crashlog.save(exc) or ""))
    except Exception:  # noqa: BLE001 - reporting must not fail the failing call twice
        traceback.print_exc()


def on(kind: str, sink: Callable[[str], None]) -> None:
    """Who shows `kind` ("user": a message; "damage": SQLite's words): the window registers
    its status bar and its damage dialog. Unregistered kinds get a dialog of their own."""
    _sinks[kind] = sink


def install() -> None:
    """Route uncaught exceptions of the GUI process (slots, timers, threads) to `report`."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
        else:
            report(exc.with_traceback(tb) if exc is not None else exc_type())

    def thread_hook(args):
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            report(args.exc_value)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    _get_bridge()


# --- showing it --------------------------------------------------------------------------

class _Bridge(QObject):
    """Carries reports to the GUI thread, after the call that failed has returned."""

    reported = Signal(str, str)

    def __init__(self):
        super().__init__()
        # Not a QueuedConnection (an enum of Qt's namespace, which the first paint must not
        # build: lazy_qt): from a worker the signal is queued to this object's thread anyway,
        # and `_later` puts the dialog after the failing call in either case.
        self.reported.connect(self._later)

    def _later(self, kind: str, text: str) -> None:
        QTimer.singleShot(0, lambda: self._show(kind, text))

    def _show(self, kind: str, text: str) -> None:
        try:
            sink = _sinks.get(kind)
            if sink is not None:
                sink(text)
            elif kind == "bug":
                _bug_dialog(text)
            else:
                _message_box("Warning", text)
        except Exception:  # noqa: BLE001 - a broken sink must not loop back here
            traceback.print_exc()


def _get_bridge() -> _Bridge | None:
    global _bridge
    app = QApplication.instance()
    if app is None:
        return None
    with _lock:
        if _bridge is None:
            _bridge = _Bridge()
            # Made in a worker (a report from there came first): moved to the GUI thread,
            # which is Python's main thread. Asked of `threading`, not of QObject.thread():
            # QThread's class costs PySide a fraction of a millisecond to make, and the
            # window's start (which installs this) has none to spare.
            if threading.current_thread() is not threading.main_thread():
                _bridge.moveToThread(app.thread())
    return _bridge


def _emit(kind: str, text: str) -> None:
    bridge = _get_bridge()
    if bridge is not None:
        bridge.reported.emit(kind, text)
    elif kind != "bug":
        sys.stderr.write(f"spandesk: {text}\n")


def _bug_dialog(log: str) -> None:
    if _shown:
        return  # one per run: a repeating failure must not bury the window in dialogs
    where = f"The details were saved to\n{log}" if log else "The details were printed to the terminal."
    _shown.append(True)
    _message_box("Critical",
                 "Something went wrong inside Spandesk (a bug, not something you did).\n\n"
                 "Everything saved before this moment is safe; you can keep working.\n\n"
                 f"{where}\n\nPlease send that file with a bug report.")


def _message_box(icon: str, text: str) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    return show_box(getattr(QMessageBox.Icon, icon), "Spandesk", text)


def show_box(icon: QMessageBox.Icon, title: str, text: str, details: str = "", parent=None) -> QMessageBox:
    """A dialog that does not block: shown, not exec'd, deleted when closed."""
    # Imported here: the message box's classes cost the first article's paint a millisecond or two.
    from PySide6.QtWidgets import QMessageBox, QSizePolicy, QSpacerItem

    parent = parent or QApplication.activeWindow()
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, parent)
    if details:
        box.setDetailedText(details)
    # Wider than Qt's default, so a path or a command wraps less (QMessageBox has no setting:
    # a spacer in its grid is the known way).
    grid = box.layout()
    grid.addItem(QSpacerItem(MIN_WIDTH, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                 grid.rowCount(), 0, 1, grid.columnCount())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setWindowModality(Qt.WindowModality.NonModal)
    if parent is None:  # nothing else holds it: Python would delete it at once
        _open.add(box)
        box.finished.connect(lambda *_: _open.discard(box))
    box.show()
    return box
