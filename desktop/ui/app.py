"""The application: Qt set up, the annotator's name asked once, the window on its first article.

The window comes in two phases: the article view shows the first article, and only after
that first paint are the list, label bar, panels, menus and keys built (MainWindow.complete).

Start-up shows the first document not yet done as soon as it can; the file's integrity
check then runs in the background (nothing is written until it passes), and on a new
user's first run the seed article is imported and pre-annotated in the background too, so
it fills with suggestions while they read. spaCy is first imported by those jobs, never
on the way to the first article (on the very first run, the seed's import needs its
tokenizer before there is an article to show).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop import __version__, ops, paths
from desktop.core.model import SpandeskError
from desktop.store import Store
from desktop.ui import guard
from desktop.ui.guard import guarded
from desktop.ui.look import fonts, theme
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


def make_app(argv: list[str] | None = None, theme_choice: str = "system", settings: Settings | None = None
             ) -> QApplication:
    """The application, Fusion-styled in the chosen theme. With `settings` (the real start),
    a new application gets Fusion on its command line, the light palette's cached colours,
    and the look's own style only after the first paint (look/theme.py: `finish_look`)."""
    later = settings is not None and QApplication.instance() is None
    argv = list(argv if argv is not None else sys.argv)
    app = QApplication.instance() or QApplication([*argv, "-style", "Fusion"] if later else argv)
    app.setApplicationName("Spandesk")
    app.setOrganizationName("Spandesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("spandesk")  # Wayland docks match the window to resources/spandesk.desktop
    if not later:  # else after the first paint (finish_look): QIcon's class costs PySide ~1 ms to make
        _set_icon(app)
    fonts.register_fonts()  # a machine (or bundle) without fonts would draw empty boxes
    theme.apply(app, theme_choice, later=later, record=settings.fusion_palette if settings is not None else "",
                scheme=settings.system_scheme if settings is not None else "")
    return app


def _set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(paths.resource("icons", "spandesk.svg"))))


def finish_look(settings: Settings | None = None) -> None:
    """After the first paint: the window's icon, the look's own style, and kept in the
    settings when they were not there yet: the light palette's colours for this Qt and the
    system's colour scheme (theme.finish, theme.system_scheme)."""
    app = QApplication.instance()
    _set_icon(app)
    record = theme.finish(app)
    if settings is None:
        return
    scheme = theme.system_scheme()
    if record or scheme != settings.system_scheme:
        if record:
            settings.fusion_palette = record
        settings.system_scheme = scheme
        # Written now, once: QSettings would write it later from the event loop, and a
        # process ended before then (killed, or the smoke test's quick exit) would ask
        # Fusion and the system, building QStyle's and Qt's enums, again at its next start.
        settings.sync()


def annotator_name(settings: Settings) -> str:
    """The name from the settings; asked once, the first time (the login name by default).

    `SPANDESK_ANNOTATOR` sets it without asking: for workstations set up by IT, and for
    the installer's smoke test, which has nobody to answer.
    """
    if os.environ.get("SPANDESK_ANNOTATOR"):
        return os.environ["SPANDESK_ANNOTATOR"]
    if not settings.annotator:
        from desktop.ui.dialogs import messages

        settings.annotator = messages.ask_annotator(None) or messages.login_name()
        settings.sync()
    return settings.annotator


def start(store: Store, settings: Settings, annotator: str, *, background: bool = True,
          seed: bool = False, order: str = "id") -> MainWindow:
    """The window on its first article; with `background`, then the integrity check and,
    on a first run, pre-annotation of the seed article. `seed` (a new user's new project)
    imports the seed articles first, in the background: their tokens need spaCy. `order`:
    the document list's order (ops.ORDERS), which the first article is the first open one of."""
    settings.add_recent(store.path)  # the default project too: Open Recent must list it
    # With `background` (the real start), two phases: the article first, the rest of the
    # window once it is painted (MainWindow.complete, from _background).
    # The imported order is the desk's own (ListQuery()): asked for by name only when another
    # is given, since its module (ops/document_order.py) is not needed for the first article.
    query = ops.order_query(order) if order != "id" else None
    window = MainWindow(store, settings, annotator, later=background, query=query)
    window.show()
    window.desk.open_first()
    if background:
        window.desk.set_writable(False, "Checking the project file… one moment.")
        # Only once the first article is on screen: a worker importing spaCy holds the GIL
        # for a second, and would hold up the very paint it must not delay.
        _after_paint(window.view.viewport(), lambda: _background(window, seed))
    return window


@guarded()
def _background(window: MainWindow, seed: bool) -> None:
    gc.enable()  # off since desktop.launch, to keep its passes out of the first paint's way
    if not _label_set_read(window):
        return
    finish_look(window.settings)  # before the rest: its check boxes need the look's own style
    window.complete()  # the list, panels, menus and keys, now that the article is on screen
    threading.Thread(target=ops.preload, name="preload", daemon=True).start()
    window.show_model()
    jobs = window.jobs
    first_run = _once(lambda *_: _first_run(window))
    if seed:
        jobs.checked.connect(_once(lambda sound: sound and jobs.import_seeds()))
        jobs.imported.connect(first_run)
    else:
        jobs.checked.connect(lambda sound: sound and first_run())
    jobs.check()


def _label_set_read(window: MainWindow) -> bool:
    """Read the project's label set, now that the first article (painted with its colours
    alone) is on screen. One the window cannot read ends it as a file that cannot be opened
    ends it: said in a dialog, then by `run` raising it (the command's message and exit
    status, as when it was read before the window was built)."""
    try:
        window.desk.label_set
    except SpandeskError as exc:
        window.refusal = exc
        refuse(window.desk.path, str(exc))
        window.close()
        QApplication.instance().exit(1)
        return False
    return True


class _PaintWatch(QObject):
    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # after this paint has reached the screen
            self.deleteLater()
        return False


def _after_paint(widget: QWidget, then) -> None:
    _PaintWatch(widget, then)
    widget.update()


def _once(slot):
    """A slot that acts on its first call only (a later import or check is the user's own)."""
    done = []

    def call(*args):
        if not done:
            done.append(True)
            slot(*args)

    return call


@guarded()
def _first_run(window: MainWindow) -> None:
    store = window.desk.store
    if ops.first_run_due(store) and (model := ops.model_in_use(store)):
        window.jobs.preannotate(model)


def last_project(settings: Settings) -> Path | None:
    """The project the user had open last, if its file is still there."""
    return next((Path(p) for p in settings.recent if Path(p).is_file()), None)


def project_to_open(given: Path | None, settings: Settings | None = None) -> tuple[Path, bool]:
    """(the project `spandesk gui` opens, whether it is a new user's first one): the one
    given, else `SPANDESK_DB`, else the last one open (a restart goes back to it), else
    the default database (new, it gets the seed articles)."""
    if given is not None:
        return given, False
    if not os.environ.get("SPANDESK_DB") and (last := last_project(settings or Settings())) is not None:
        return last, False
    path = paths.default_db()
    return path, not path.exists()


def open_and_run(given: Path | None, order: str = "id") -> int:
    """`spandesk gui [--db FILE]`: open the project (`project_to_open`) and run the window
    on it, its list in `order`; a file that cannot be opened is refused in a dialog too, and
    its error raised."""
    settings = Settings()  # one for both: finding the settings file imports platformdirs
    path, first_run = project_to_open(given, settings)
    try:
        # The window checks the file and, on a first run, imports the seed articles in the
        # background: a big file opens at once, and tokenizing (spaCy) never delays it.
        store = ops.open_project(path, check=False)
    except SpandeskError as exc:
        refuse(path, str(exc))  # also in a dialog: a window started from an icon has no terminal
        raise
    if no_screen():  # Qt would abort with its own words (and exit status 134)
        store.close()
        raise SpandeskError("no screen to show the window on: neither DISPLAY nor WAYLAND_DISPLAY is set (an ssh "
                            "session?). Start it on a desktop; every other command works here (spandesk --help).")
    return run(store, seed=first_run, settings=settings, order=order)


def run(store: Store, *, seed: bool = False, settings: Settings | None = None, order: str = "id") -> int:
    """`spandesk gui`: run the window over an open project until it closes; `seed` for a
    new user's project, which gets the seed articles; `order`, the document list's order."""
    settings = settings or Settings()
    app = make_app(theme_choice=settings.theme, settings=settings)
    guard.install()  # from here on an unexpected error is logged and reported, never a crash
    # A file `spandesk assign` wrote names its annotator: the window opens as them, unasked.
    window = start(store, settings, ops.preset_annotator(store) or annotator_name(settings), seed=seed, order=order)
    if os.environ.get("SPANDESK_SMOKE_QUIT"):
        _quit_on_first_article(app, window)
    try:
        code = app.exec()
    finally:
        # A job still running at exit (the delayed integrity check, say) would make Qt abort
        # with "QThread: Destroyed while thread is still running": wait for it first.
        if window.completed:
            window.jobs.shutdown()
        window.desk.store.close()
    if window.refusal is not None:
        raise window.refusal
    return code


def refuse(path: Path, message: str) -> None:
    """`spandesk gui` on a file it cannot open: the reason in a dialog (a window started
    from a desktop icon has no terminal to print it to)."""
    from desktop.ui.dialogs import damage

    if no_screen():
        return  # (an ssh session): Qt would abort; the terminal gets the message
    make_app()
    damage.cannot_open(path, message)


def no_screen() -> bool:
    """Whether there is no screen for a window here: Linux with neither an X nor a Wayland
    display (nor a Qt platform chosen, as the tests' offscreen one)."""
    return sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


class _ArticleWatch(QObject):
    """Quits once an article is on screen: the installer's smoke test starts the real app
    with SPANDESK_SMOKE_QUIT=1 and waits for this line (the benches time it)."""

    def __init__(self, app: QApplication, window: MainWindow):
        super().__init__(window)
        self.app, self.window = app, window
        window.view.viewport().installEventFilter(self)

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.window.view.toPlainText():
            watched.removeEventFilter(self)
            # Said once the paint has been drawn and flushed, not when it is about to begin:
            # a zero timer runs after the event that paints (and is queued before the
            # second phase's, whose filter was installed earlier and so sees the paint later).
            QTimer.singleShot(0, self._shown)
        return False

    @guarded()
    def _shown(self) -> None:
        title = self.window.view.toPlainText().split("\n", 1)[0]
        print(f"first article shown: {title}", flush=True)
        self.app.quit()


def _quit_on_first_article(app: QApplication, window: MainWindow) -> None:
    _ArticleWatch(app, window)
    window.view.viewport().update()
