"""File menu handlers: new, open and recent projects, import, pre-annotate, export, settings.

Each gathers the user's choice in a dialog and hands it to ops (opening a project) or to
a background job (import, pre-annotation, export).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from desktop import ops
from desktop.core.model import SpandeskError
from desktop.ui.desk import Desk
from desktop.ui.jobs import Jobs
from desktop.ui.look import theme
from desktop.ui.settings import Settings


class FileMenu(QObject):
    # the annotator's name changed in Settings
    annotatorChanged = Signal(str)

    def __init__(self, desk: Desk, jobs: Jobs, settings: Settings, window: QWidget):
        super().__init__(window)
        self.desk, self.jobs, self.settings, self.window = desk, jobs, settings, window
        self.recent_menu: QMenu | None = None

    def _folder(self) -> Path:
        return self.desk.path.parent

    def review(self) -> None:
        """The review window over this project (issue 11: ui/review/); its changes refresh this one."""
        from desktop.ui.look.colours import label_colours
        from desktop.ui.review.window import open_review

        open_review(self.desk.store, self.desk.annotator, label_colours(self.desk.label_set), self.window,
                    self.desk.announce, settings=self.settings)

    # --- projects --------------------------------------------------------------------------

    def new_project(self) -> None:
        from desktop.ui.dialogs.new_project import NewProjectDialog  # dialogs load when first opened

        dialog = NewProjectDialog(self._folder(), self.window)
        if not dialog.exec():
            return
        path, label_set = dialog.values()
        try:
            store = ops.new_project(path, label_set)
        except SpandeskError as exc:
            _error(self.window, "New project", str(exc))
            return
        self._switch(store)

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", str(self._folder()),
                                              "Spandesk projects (*.db);;All files (*)")
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        if self.jobs.busy:
            self.desk.message.emit("Wait for the running job to finish (or Cancel it) before switching projects.")
            return
        try:
            # The check runs in the background (Jobs.check), so a big file opens at once.
            store = ops.open_project(path, check=False)
        except SpandeskError as exc:
            _error(self.window, "Open project", str(exc))
            return
        self._switch(store)

    def _switch(self, store) -> None:
        self.desk.set_project(store)
        self.settings.add_recent(store.path)
        self.fill_recent()
        self.jobs.check()
        self.desk.open_first()

    def fill_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        for path in self.settings.recent:
            menu.addAction(path, lambda p=path: self.open_path(p))
        menu.setEnabled(bool(self.settings.recent))

    # --- background jobs -------------------------------------------------------------------

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Import articles", str(self._folder()), ops.IMPORT_FILTER)
        if paths:
            self.jobs.import_files(paths)

    def preannotate(self) -> None:
        model = ops.model_in_use(self.desk.store)
        if model is None:
            _error(self.window, "Pre-annotate", ops.no_model_help() + "\n\nChoose one in File → Settings.")
            return
        self.jobs.preannotate(model)

    def export(self) -> None:
        from desktop.ui.dialogs.export import ExportDialog

        dialog = ExportDialog(self._folder(), self.window)
        if dialog.exec():
            fmt, out, everything = dialog.values()
            self.jobs.export(fmt, out, everything)

    # --- settings --------------------------------------------------------------------------

    def settings_dialog(self) -> None:
        from desktop.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(ops.installed_models(), ops.model_setting(self.desk.store) or
                                ops.model_in_use(self.desk.store), self.desk.annotator, self.window,
                                theme=self.settings.theme, threshold=ops.suggestion_threshold(self.desk.store))
        if not dialog.exec():
            return
        if dialog.threshold_choice() != round(ops.suggestion_threshold(self.desk.store), 2):
            ops.set_suggestion_threshold(self.desk.store, dialog.threshold_choice())  # issue 13
        if dialog.theme_choice() != self.settings.theme:
            self.settings.theme = dialog.theme_choice()
            theme.apply(QApplication.instance(), self.settings.theme)
        model, annotator = dialog.values()
        if model:
            try:
                ops.set_model(self.desk.store, model)
            except SpandeskError as exc:
                _error(self.window, "Settings", str(exc))
            self.jobs.modelChanged.emit()
        if annotator and annotator != self.desk.annotator:
            self.desk.annotator = annotator
            self.settings.annotator = annotator
            self.annotatorChanged.emit(annotator)


def _error(parent: QWidget, title: str, message: str) -> None:
    """An error box; its module loads on first use rather than on the way to the first window."""
    from desktop.ui.dialogs.messages import error

    error(parent, title, message)
