"""The main window: layout and wiring only.

Left, the document list; right, the label bar, a line about the document and the article;
below, the status bar. What the keys and menus do lives in annotating.py, view_controls.py
and file_menu.py; what the project holds reaches the widgets through the desk's signals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from desktop import ops
from desktop.core.model import Changes
from desktop.store import Store
from desktop.ui import actions
from desktop.ui.annotating import Annotating
from desktop.ui.article_view import ArticleView
from desktop.ui.colours import schema_colours
from desktop.ui.desk import Desk
from desktop.ui.doc_header import DocHeader
from desktop.ui.doc_panel import DocPanel
from desktop.ui.file_menu import FileMenu
from desktop.ui.jobs import Jobs
from desktop.ui.label_bar import LabelBar
from desktop.ui.settings import Settings
from desktop.ui.status import StatusBar
from desktop.ui.view_controls import ViewControls

MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: Settings, annotator: str):
        super().__init__()
        self.settings = settings
        self.desk = Desk(store, annotator, self)
        self.view = ArticleView()
        self.panel = DocPanel()
        self.labels = LabelBar()
        self.header = DocHeader()
        self.status = StatusBar()
        self.jobs = Jobs(self.desk, self.status, self)
        self.annotating = Annotating(self.desk, self.view, self)
        self.view_controls = ViewControls(self.view, settings, self)
        self.files = FileMenu(self.desk, self.jobs, settings, self)
        self._targets = {"annotate": self.annotating, "view": self.view_controls, "files": self.files, "window": self}
        self.actions = actions.build(self, self._targets, actions.ACTIONS)
        self.label_actions: dict = {}
        self._layout()
        self._menus()
        self._wire()
        self.view_controls.restore()
        self.actions["show_rejected"].setChecked(settings.show_rejected)
        # The model's name waits for show_model(): finding it reads package metadata, a
        # cost the first article need not wait for (app.py calls it after the first paint).
        self._project_opened(model=False)

    # --- layout ----------------------------------------------------------------------------

    def _layout(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for widget, stretch in ((self.labels, 0), (self.header, 0), (self.view, 1)):
            column.addWidget(widget, stretch)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([440, 1000])
        self.setCentralWidget(self.splitter)
        self.setStatusBar(self.status)
        self.resize(1320, 840)
        if (geometry := self.settings.layout("window")) is not None:
            self.restoreGeometry(geometry)
        if (state := self.settings.layout("splitter")) is not None:
            self.splitter.restoreState(state)
        self.view.setFocus()

    def _menus(self) -> None:
        menus = {title: self.menuBar().addMenu(f"&{title}") for title in actions.MENUS}
        for spec in actions.ACTIONS:
            if spec.menu:
                if spec.name == "import":
                    self.files.recent_menu = menus["File"].addMenu("Open &Recent")
                    self.files.fill_recent()
                    menus["File"].addSeparator()
                if spec.name in ("settings", "quit", "skip_next", "zoom_in", "search", "about"):
                    menus[spec.menu].addSeparator()
                menus[spec.menu].addAction(self.actions[spec.name])
        self.label_menu = menus["Annotate"].addMenu("&Label")

    def _wire(self) -> None:
        desk = self.desk
        desk.documentOpened.connect(self._document_opened)
        desk.changed.connect(self._changed)
        desk.projectOpened.connect(self._project_opened)
        desk.message.connect(lambda text: self.status.showMessage(text, MESSAGE_MS))
        self.panel.picked.connect(lambda doc_id: doc_id != desk.doc_id and desk.open_doc(doc_id))
        self.panel.queryChanged.connect(self._query_changed)
        self.panel.searchDone.connect(self.view.setFocus)
        self.labels.picked.connect(self._label_clicked)
        self.jobs.modelChanged.connect(self.show_model)
        self.files.annotatorChanged.connect(self.status.show_annotator)
        self.annotating.sync_keys(self.actions)

    # --- following the desk ------------------------------------------------------------------

    def _project_opened(self, model: bool = True) -> None:
        desk = self.desk
        for action in self.label_actions.values():
            self.removeAction(action)
            action.deleteLater()
        self.label_actions = actions.build(self, self._targets, actions.label_specs(desk.schema))
        self.label_menu.clear()
        self.label_menu.addActions(list(self.label_actions.values()))
        self.labels.set_schema(desk.schema)
        self.view.set_schema_colours(schema_colours(desk.schema))
        self.panel.set_store(desk.store)
        self.status.show_file(desk.path)
        self.status.show_annotator(desk.annotator)
        if model:
            self.show_model()
        self._show_progress()
        self.setWindowTitle(f"{desk.path.name} — Spandesk")

    def _document_opened(self, doc: ops.DocumentView | None) -> None:
        if doc is None:
            self.view.show_document("", [], [])
        else:
            self.view.show_document(doc.doc.text, doc.spans, doc.tokens)
        self.header.show_document(doc)
        self.panel.show_current(self.desk.doc_id)

    def _changed(self, changes: Changes, doc_ids: list[int] | None) -> None:
        self.panel.refresh(changes, doc_ids)
        current = self.desk.doc_id
        if current is not None and (doc_ids is None or current in doc_ids):
            if changes & Changes.DOC_STATUS:
                self.header.show_status(ops.document_status(self.desk.store, current))
            if changes & (Changes.SPANS | Changes.DOC_STATUS):
                spans = self.desk.spans()
                self.view.set_spans(spans)
                self.header.show_spans(spans)
        if changes & (Changes.DOC_STATUS | Changes.DOCUMENTS):
            self._show_progress()

    def _query_changed(self, query) -> None:
        self.desk.set_query(query)
        self.panel.show_current(self.desk.doc_id)  # the new list keeps the open document's row

    def _show_progress(self) -> None:
        self.status.show_progress(ops.progress(self.desk.store), ops.done_since(self.desk.store, self.desk.session))

    def show_model(self) -> None:
        self.status.show_model(ops.model_in_use(self.desk.store))

    def _label_clicked(self, label: str) -> None:
        self.annotating.apply_label(label)
        self.view.setFocus()

    # --- window actions ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.panel.search.setFocus()
        self.panel.search.selectAll()

    def show_shortcuts(self) -> None:
        from desktop.ui.dialogs import ShortcutsDialog  # dialogs load when first opened

        ShortcutsDialog(actions.help_rows(self.desk.schema), self).exec()

    def show_about(self) -> None:
        from desktop.ui.dialogs import about

        about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.jobs.shutdown()
        self.settings.set_layout("window", self.saveGeometry())
        self.settings.set_layout("splitter", self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
