"""The main window: layout and wiring only.

Left, the document list; in the middle, the label bar, a line about the document and the
article; right, the document labels and the events panel; below, the status bar. What the
keys and menus do lives in commands/ (annotate, events, view, files, window, find);
what the project holds reaches the widgets through the desk's (and Eventing's) signals.
`spandesk gui` builds it in two phases (the article first: see MainWindow). On a small
window the label bar folds into one row and the side panels fold away (`_fold`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QVBoxLayout, QWidget

from desktop import ops
from desktop.core.model import Changes
from desktop.store import Store
from desktop.ui import guard
from desktop.ui.article.view import ArticleView
from desktop.ui.desk import Desk
from desktop.ui.guard import guarded
from desktop.ui.look.colours import label_colours, named_colours
from desktop.ui.settings import Settings

MESSAGE_MS = 8000
LABEL_ROOM = 0.12  # of the window's height, the most the label bar may wrap into
FOLD_SIDE, FOLD_LIST = 1200, 900  # window widths (px) below which the side column, then the list, fold


class MainWindow(QMainWindow):
    """Built in two phases when `later` (as `spandesk gui` starts it): first the frame and
    the article view, which shows the first article; then, after that first paint,
    `complete()` imports and builds the list, label bar, panels, status bar, menus and keys
    into the frame. Without `later`, both at once."""

    def __init__(self, store: Store, settings: Settings, annotator: str, *, later: bool = False,
                 query: ops.ListQuery | None = None):
        super().__init__()
        self.settings = settings
        self.desk = Desk(store, annotator, self)
        if query is not None:  # `spandesk gui --order`: the list (once built) shows that order
            self.desk.set_query(query)
        self.view = ArticleView()
        self.completed = False
        self.refusal: Exception | None = None  # why the window could not go on (app.py's _label_set_read)
        self.label_actions: dict = {}
        self.doc_label_actions: dict = {}
        self._folds, self._unfolded = (False, False), None
        self._room: list[QWidget] = []  # until complete: the room the rest will take above and below the article
        self._frame(later)
        # The article looks as it will once complete: zoom, rejected spans, label colours.
        self.view.set_zoom(settings.zoom)
        self.view.set_show_rejected(settings.show_rejected)
        self.view.set_label_colours(named_colours(ops.project_label_colours(store)))
        self.desk.documentOpened.connect(self._first_document)
        self._damaged_text = False  # said once complete, when it comes before
        self.desk.undecodable.connect(self._undecodable)
        if not later:
            self.complete()

    @guarded()
    def _first_document(self, doc: ops.DocumentView | None) -> None:
        """Until complete: the article view alone shows the document opened."""
        if not self.completed:
            self.view.show_document(*((doc.doc.text, doc.spans, doc.tokens) if doc else ("", [], [])))
            kept = self.settings.arc_room
            if doc is not None and kept is not None and kept[0] == self._arc_room_key(doc.doc.id, doc.doc.text):
                self.view.keep_arc_room(kept[1])  # its events come after this paint: their room now

    def _arc_room_key(self, doc_id: int, text: str) -> str:
        """What the arcs' room of a document depends on besides its events: the project, the
        document and its text, the zoom and whether rejected spans show. And the width its
        lines wrap at, which is not known yet when the first document is shown (the window's
        layout comes just before its first paint): the window comes back at the geometry it
        had, so it is the same as a rule, and when it is not, the events' room replaces the
        kept one as it replaced none before."""
        import zlib

        return " ".join(str(part) for part in (
            self.desk.path, doc_id, zlib.crc32(text.encode("utf-8", "surrogatepass")), self.settings.zoom,
            self.settings.show_rejected))

    def complete(self) -> None:
        """Build the rest of the window into the frame (once); the document on show is shown
        again, now to every panel."""
        if self.completed:
            return
        from desktop.ui import actions
        from desktop.ui.commands.annotate import Annotating
        from desktop.ui.commands.events import Eventing
        from desktop.ui.commands.files import FileMenu
        from desktop.ui.commands.find import Finding
        from desktop.ui.commands.kinds import KindsFollower
        from desktop.ui.commands.relations import Relating
        from desktop.ui.commands.view import ViewControls
        from desktop.ui.commands.window import WindowCommands
        from desktop.ui.jobs import Jobs
        from desktop.ui.panels.doc_labels import DocLabelsPanel
        from desktop.ui.panels.documents import DocPanel
        from desktop.ui.panels.events import EventsPanel
        from desktop.ui.panels.header import DocHeader
        from desktop.ui.panels.kinds import KindsPanel
        from desktop.ui.panels.label_bar import LabelBar
        from desktop.ui.panels.status import StatusBar

        settings = self.settings
        self.view.make_parts()  # its keys, hints and arcs, left out of the first paint
        self.desk.documentOpened.disconnect(self._first_document)
        self.panel = DocPanel()
        self.labels = LabelBar()
        self.header = DocHeader()
        self.status = StatusBar()
        self.jobs = Jobs(self.desk, self.status, self)
        self.events_panel = EventsPanel()
        self.doc_labels = DocLabelsPanel()
        self.annotating = Annotating(self.desk, self.view, self)
        self.eventing = Eventing(self.desk, self.view, self)
        # issue 10: the document's relations, notes, attributes… listed under the events
        self.kinds_panel = KindsPanel()
        self.kinds = KindsFollower(self.desk, self)
        self.kinds.kindsChanged.connect(self.kinds_panel.show_kinds)
        self.relating = Relating(self.desk, self.view, self.kinds, self.kinds_panel, self)  # arcs, Shift+R/N
        from desktop.ui.commands.suggested import SuggestedArguments  # issue 13: Enter/X on suggested arguments

        self.annotating.suggested = SuggestedArguments(self.desk, self.view, self.eventing, self)
        self.relating.tips.more = self.annotating.suggested.tip_lines
        self.view_controls = ViewControls(self.view, settings, self)
        self.files = FileMenu(self.desk, self.jobs, settings, self)
        self.commands = WindowCommands(self, self.events_panel, self.panel.search,
                                       lambda: actions.help_rows(self.desk.label_set))
        self.finding = Finding(self.desk, self.view, self)
        # The objects whose methods the actions table names (actions.build binds each to its own).
        self._owners = (self.annotating, self.eventing, self.view_controls, self.files, self.commands, self.finding,
                        self.relating)
        self.actions = actions.build(self, self._owners, actions.ACTIONS)
        self._fill()
        self._menus()
        self._wire()
        self.view_controls.restore()
        self.actions["show_rejected"].setChecked(settings.show_rejected)
        self.completed = True
        # The model's name waits for show_model(): finding it reads package metadata, a
        # cost the first article need not wait for (app.py calls it after the first paint).
        self._project_opened(model=False)
        self.labels.set_room(int(self.height() * LABEL_ROOM))
        # The panels just put into the frame are shown by a queued call (QLayout's), and until
        # then need no room: folded now, QSplitter would give them their room back when they
        # appear. So they appear first, then the folds (on a narrow window) are given again.
        QApplication.sendPostedEvents()
        self._fold(again=True)
        if self.desk.doc_id is not None:
            self.desk.open_doc(self.desk.doc_id)  # now to the list, header and events too
        if self._damaged_text:
            self._undecodable()

    # --- layout ----------------------------------------------------------------------------

    def _frame(self, later: bool = False) -> None:
        """The splitters and the article in its column: the window's final geometry, so the
        article is laid out once, at its width, before anything else is built. With `later`,
        the room the menus, label bar, header and status bar took when the window was last
        closed is kept free above and below the article, so it does not move when they come."""
        self._list_box, self._right, self._side = QWidget(), QWidget(), QWidget()
        self._list_column, self._column, self._side_column = (
            QVBoxLayout(box) for box in (self._list_box, self._right, self._side))
        for column in (self._list_column, self._column, self._side_column):
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
        self._column.addWidget(self.view, 1)
        if later and (room := self.settings.article_room) is not None:
            for at, height in zip((0, 2), room):
                spacer = QWidget()
                spacer.setFixedHeight(height)
                self._column.insertWidget(at, spacer, 0)
                self._room.append(spacer)
        # Two splitters, so a layout saved before the side column existed still restores.
        # Both horizontal, QSplitter's default: naming it would build Qt's namespace (lazy_qt).
        self.side_splitter = QSplitter()
        self.side_splitter.addWidget(self._right)
        self.side_splitter.addWidget(self._side)
        self.side_splitter.setStretchFactor(0, 1)
        self.side_splitter.setSizes([1000, 330])
        self.splitter = QSplitter()
        self.splitter.addWidget(self._list_box)
        self.splitter.addWidget(self.side_splitter)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 1100])
        self.setCentralWidget(self.splitter)
        self.resize(1480, 880)
        if (geometry := self.settings.layout("window")) is not None:
            self.restoreGeometry(geometry)
        for splitter, name in ((self.splitter, "splitter"), (self.side_splitter, "side_splitter")):
            if (state := self.settings.layout(name)) is not None:
                splitter.restoreState(state)
        self.view.setFocus()

    def _fill(self) -> None:
        """The rest of the widgets, into the frame, in place of the room kept for them."""
        for spacer in self._room:
            self._column.removeWidget(spacer)
            spacer.hide()
            spacer.deleteLater()
        self._room = []
        self._list_column.addWidget(self.panel)
        self._column.insertWidget(0, self.labels, 0)
        self._column.insertWidget(1, self.header, 0)
        self._side_column.addWidget(self.doc_labels, 0)
        self._side_column.addWidget(self.events_panel, 1)
        self._side_column.addWidget(self.kinds_panel, 1)
        self.setStatusBar(self.status)

    def _menus(self) -> None:
        from desktop.ui import actions

        self.menus = menus = {title: self.menuBar().addMenu(title) for title in actions.MENUS}
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
        self.doc_label_menu = menus["Annotate"].addMenu("&Document Label")
        model = self.menuBar().addMenu("&Model")  # issue 13: training, before Help
        self.menuBar().insertMenu(menus["Help"].menuAction(), model)
        model.addAction("&Train…", self._train)

    @guarded()
    def _train(self) -> None:
        from desktop.ui.dialogs.train import TrainDialog
        from desktop.ui.runner import Job

        TrainDialog(self.desk.path, Job, self.jobs.preannotate, self).open()

    def _wire(self) -> None:
        desk = self.desk
        desk.documentOpened.connect(self._document_opened)
        desk.changed.connect(self._changed)
        desk.projectOpened.connect(self._project_opened)
        desk.message.connect(lambda text: self.status.showMessage(text, MESSAGE_MS))
        # What guard.py sorts out of a failing call: the user's errors to the status bar,
        # SQLite's "damaged" to the same read-only state and dialog as the integrity check.
        guard.on("user", desk.message.emit)
        guard.on("damage", self.jobs.damaged)
        desk.othersChanged.connect(self._show_others)
        self.panel.picked.connect(lambda doc_id: doc_id != desk.doc_id and desk.open_doc(doc_id))
        self.panel.queryChanged.connect(self._query_changed)
        self.panel.searchDone.connect(self.view.setFocus)
        self.labels.picked.connect(self._label_clicked)
        events, panel = self.eventing, self.events_panel
        events.eventsChanged.connect(panel.show_events)
        events.currentChanged.connect(lambda event: panel.show_current(event.id if event else None))
        events.currentChanged.connect(self.header.show_event)
        events.docLabelsChanged.connect(self.doc_labels.show_labels)
        events.docLabelsChanged.connect(guarded()(lambda _labels: self.doc_labels.show_suggested(  # issue 13
            ops.doc_label_suggestions(desk.store, desk.doc_id) if desk.doc_id is not None else [])))
        panel.picked.connect(events.set_current)
        panel.activated.connect(events.focus_trigger)
        panel.deleteEvent.connect(events.delete_event)
        panel.deleteArgument.connect(events.remove_argument)
        panel.done.connect(self.view.setFocus)
        self.doc_labels.toggled.connect(events.toggle_doc_label)
        self.jobs.modelChanged.connect(self.show_model)
        self.files.annotatorChanged.connect(self.status.show_annotator)
        self.annotating.sync_keys(self.actions)
        self.annotating.sync_undo(self.actions["undo"], self.actions["redo"])
        for action in self.actions.values():
            action.triggered.connect(self._refocus)
        self.view.spanMenuAsked.connect(self._span_menu)
        self.view.edgeDragged.connect(self.annotating.move_edge)

    @guarded()
    def _span_menu(self, where) -> None:
        """A right click on a span (now focused): the actions that act on it, for the mouse."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        for name in ("accept", "reject", "delete"):
            menu.addAction(self.actions[name])
        relabel = menu.addMenu("Relabel")
        relabel.addActions(list(self.label_actions.values()))
        menu.addSeparator()
        menu.addAction(self.actions["add_argument"])
        menu.addAction(self.actions["add_event"])
        menu.exec(where)
        menu.deleteLater()

    @guarded()
    def _refocus(self, *_args) -> None:
        """After an action (a dialog it showed has closed by now): if the keyboard went
        nowhere, or out of the window, give it back to the article, so the next key works."""
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return  # a palette (E, R) or a dialog still open has the keys
        focus = QApplication.focusWidget()
        if focus is None or (focus.window() is not self and not focus.window().isVisible()):
            self.activateWindow()
            self.view.setFocus()

    # --- following the desk ------------------------------------------------------------------

    def _project_opened(self, model: bool = True) -> None:
        from desktop.ui import actions

        desk = self.desk
        self.label_actions = self._rebuild(self.label_actions, actions.label_specs(desk.label_set), self.label_menu)
        self.doc_label_actions = self._rebuild(self.doc_label_actions, actions.doc_label_specs(desk.label_set),
                                               self.doc_label_menu)
        for title, text in actions.menu_texts(desk.label_set).items():
            self.menus[title].setTitle(text)
        self.labels.set_label_set(desk.label_set)
        self.doc_labels.set_label_set(desk.label_set)
        self.events_panel.set_label_set(desk.label_set)
        self.header.set_label_set(desk.label_set)
        self.view.set_label_colours(label_colours(desk.label_set))
        self.panel.set_store(desk.store, desk.query.sort)
        self.status.show_file(desk.path)
        self.status.show_annotator(desk.annotator)
        if model:
            self.show_model()
        self._show_progress()
        self.setWindowTitle(f"{desk.path.name} — Spandesk")

    def _show_others(self, others: str) -> None:
        """Who else writes to the project (another window, an import), in the title bar."""
        self.setWindowTitle(f"{self.desk.path.name} — Spandesk" + (f" — also writing: {others}" if others else ""))
        if others:
            self.status.showMessage(f"Also writing to this project: {others}", MESSAGE_MS)

    def _rebuild(self, old: dict, specs, menu) -> dict:
        """The schema's label actions anew: the old ones unbound, the new ones in `menu`."""
        from desktop.ui import actions

        for action in old.values():
            self.removeAction(action)
            action.deleteLater()
        new = actions.build(self, self._owners, specs)
        for action in new.values():
            action.triggered.connect(self._refocus)
        menu.clear()
        menu.addActions(list(new.values()))
        return new

    @guarded()
    def _document_opened(self, doc: ops.DocumentView | None) -> None:
        if doc is None:
            self.view.show_document("", [], [])
        else:
            self.view.show_document(doc.doc.text, doc.spans, doc.tokens)
        self.header.show_document(doc)
        self.panel.show_current(self.desk.doc_id)
        # Its events and relations now, after its text and before the paint: their arcs' room
        # comes in the same paint as the text, and no line moves a moment after the switch.
        self.eventing.open_document()
        self.kinds.open_document()

    @guarded()
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

    @guarded()
    def _query_changed(self, query) -> None:
        self.desk.set_query(query)
        self.panel.show_current(self.desk.doc_id)  # the new list keeps the open document's row

    def _show_progress(self) -> None:
        self.status.show_progress(ops.progress(self.desk.store), ops.done_since(self.desk.store, self.desk.session))

    @guarded()
    def show_model(self) -> None:
        self.status.show_model(ops.model_in_use(self.desk.store))

    @guarded()
    def _undecodable(self) -> None:
        from desktop.ui.dialogs import damage

        if not self.completed:  # before the status bar exists: said by complete()
            self._damaged_text = True
            return
        self.status.showMessage("Some text in this project is not valid UTF-8 (damaged): shown as \N{REPLACEMENT CHARACTER}.")
        damage.undecodable(self, self.desk.path)

    @guarded()
    def _label_clicked(self, label: str) -> None:
        self.annotating.apply_label(label)
        self.view.setFocus()

    # --- a small window -------------------------------------------------------------------

    @guarded()
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.completed:
            self.labels.set_room(int(self.height() * LABEL_ROOM))
        # Before it is complete too: the first article is painted in the splitters the last
        # session left, and on a narrow window the panels it restored (empty until complete)
        # would squeeze the article into what they leave, then fold away a moment later.
        self._fold()

    def _fold(self, again: bool = False) -> None:
        """On a narrow window the side column, then the document list, fold away (their
        splitter handles bring them back), so the article keeps a readable width. `again`:
        the folds as they are, given once more (complete() filled the panels, which takes
        folded ones out again)."""
        folds = (self.width() < FOLD_SIDE, self.width() < FOLD_LIST)
        if folds == self._folds and not (again and folds != (False, False)):
            return
        if self._folds == (False, False):
            self._unfolded = (self.splitter.sizes(), self.side_splitter.sizes())
        self._folds = folds
        if folds == (False, False):
            if self._unfolded is not None:
                self.splitter.setSizes(self._unfolded[0])
                self.side_splitter.setSizes(self._unfolded[1])
            return
        total = sum(self.side_splitter.sizes())
        self.side_splitter.setSizes([total, 0] if folds[0] else [total - 330, 330])
        total = sum(self.splitter.sizes())
        self.splitter.setSizes([0, total] if folds[1] else [min(380, total // 3), total - min(380, total // 3)])

    @guarded()
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.completed:  # closed before its first paint was over: nothing of the rest to save
            super().closeEvent(event)
            return
        self.jobs.shutdown()
        if self._folds != (False, False) and self._unfolded is not None:
            # Remember the panels as the user laid them out, not as a small window folded them.
            self.splitter.setSizes(self._unfolded[0])
            self.side_splitter.setSizes(self._unfolded[1])
        self.desk.flush()  # changes still waiting for a busy file
        self.kinds.stop()
        self.settings.set_layout("window", self.saveGeometry())
        self.settings.set_layout("splitter", self.splitter.saveState())
        self.settings.set_layout("side_splitter", self.side_splitter.saveState())
        top = self.view.mapTo(self, QPoint(0, 0)).y()
        self.settings.article_room = (top, self.height() - top - self.view.height())
        if self.desk.doc_id is not None:
            key = self._arc_room_key(self.desk.doc_id, self.view.shown_text())
            self.settings.arc_room = (key, self.view.arc_room())
        self.settings.sync()
        super().closeEvent(event)
