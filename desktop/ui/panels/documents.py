"""The left panel: search box, status filter, the document table and its count.

Picking a row opens that document; the desk's navigation keeps the row of the document on
show selected. The query (filter, search, sort) is also the order n, p and a walk in.
Clicking the Title or Last change header sorts by it (again: the other way round); any
other header goes back to imported order. The sort box beside the filter offers every
order, "Least sure first" (issue 13: the documents whose suggestions the model is least
sure of) among them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget,
)

from desktop import ops
from desktop.core.model import Changes, Status
from desktop.ui.guard import guarded
from desktop.ui.panels.doc_list import CHANGED, TITLE, DocIdRole, DocListModel

FILTERS = (
    ("All documents", ()),
    ("To do", (Status.TODO, Status.IN_PROGRESS)),
    ("Done", (Status.DONE,)),
    ("Skipped", (Status.SKIPPED,)),
)
SORT_COLUMNS = {TITLE: "title", CHANGED: "changed"}
SEARCH_DELAY_MS = 250  # typing pauses this long before the list searches


class DocPanel(QWidget):
    # the annotator picked a document in the list
    picked = Signal(int)
    # the list's query changed (the desk walks documents in its order)
    queryChanged = Signal(object)
    # Return in the search box: the annotator is done searching
    searchDone = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DocListModel(self)
        self.search = QLineEdit(placeholderText="Search titles and texts", clearButtonEnabled=True)
        self.search.setAccessibleName("Search documents")
        self.filter = QComboBox()
        for text, _statuses in FILTERS:
            self.filter.addItem(text)
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort documents")
        for name, sort in ops.SORTS.items():
            self.sort.addItem(sort.label or name, name)
        self.table = QTableView()
        self.count = QLabel()
        self.count.setObjectName("docCount")
        self._store = None
        self._sort, self._reverse = "order", False
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self._requery)
        self._layout()
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.installEventFilter(self)
        self.filter.currentIndexChanged.connect(lambda _i: self._requery())
        self.sort.currentIndexChanged.connect(self._sort_chosen)
        self.model.totalChanged.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._row_picked)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)

    def _layout(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(False)
        table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keys belong to the article

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        top.addWidget(self.sort)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 4, 4)
        box.setSpacing(6)
        box.addLayout(top)
        box.addWidget(table, 1)
        box.addWidget(self.count)

    # --- the project and the query --------------------------------------------------------

    def set_store(self, store, sort: str = "order") -> None:
        """Show `store`'s documents, all of them, in the order `sort` (ops.SORTS)."""
        self._store = store
        self.search.clear()
        self.filter.blockSignals(True)
        self.filter.setCurrentIndex(0)
        self.filter.blockSignals(False)
        self._sort, self._reverse = sort, False
        self._show_sort()
        self._show_indicator()
        self._requery()

    def query(self) -> ops.ListQuery:
        statuses = tuple(str(s) for s in FILTERS[self.filter.currentIndex()][1])
        return ops.ListQuery(statuses, self.search.text().strip(), self._sort, self._reverse)

    @guarded()
    def _requery(self) -> None:
        self._timer.stop()
        query = self.query()
        self.model.set_source(self._store, query)
        self.queryChanged.emit(query)

    @guarded()
    def _header_clicked(self, section: int) -> None:
        header = self.table.horizontalHeader()
        sort = SORT_COLUMNS.get(section, "order")
        self._reverse = not self._reverse if sort == self._sort and sort != "order" else False
        self._sort = sort
        self._show_sort()
        header.setSortIndicatorShown(sort != "order")
        if sort != "order":
            descending = ops.SORTS[sort].desc != self._reverse
            header.setSortIndicator(section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self._requery()

    @guarded()
    def _sort_chosen(self, _index: int) -> None:
        sort = self.sort.currentData()
        if sort == self._sort:
            return
        self._sort, self._reverse = sort, False
        self._show_indicator()
        self._requery()

    def _show_indicator(self) -> None:
        """The header's arrow on the column the order (not reversed) sorts by; none for the others."""
        header = self.table.horizontalHeader()
        section = next((c for c, name in SORT_COLUMNS.items() if name == self._sort), None)
        header.setSortIndicatorShown(section is not None)
        if section is not None:
            header.setSortIndicator(section, Qt.SortOrder.DescendingOrder if ops.SORTS[self._sort].desc
                                    else Qt.SortOrder.AscendingOrder)

    def _show_sort(self) -> None:
        """The sort box says the order in force (a header click chose it too)."""
        self.sort.blockSignals(True)
        self.sort.setCurrentIndex(max(0, self.sort.findData(self._sort)))
        self.sort.blockSignals(False)

    def _show_count(self, total: int) -> None:
        found = f"{total:,}" if total <= 10_000 or not self.model.query.search else "over 10,000"
        noun = "document" if total == 1 else "documents"
        self.count.setText(f"{found} {noun}" + (" found" if self.model.query.search else ""))

    # --- following the desk -----------------------------------------------------------------

    def show_current(self, doc_id: int | None) -> None:
        """Select the row of the document on show (fetching up to it), without re-opening it."""
        row = self.model.row_of(doc_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row < 0:
            selection.clear()
        else:
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.selectRow(row)
            self.table.scrollTo(index)
        selection.blockSignals(False)
        self.table.viewport().update()

    def refresh(self, changes, doc_ids) -> None:
        self.model.refresh(doc_ids)
        if Changes.DOCUMENTS in changes:
            self._requery()
        elif Changes.DOC_STATUS in changes:
            self.model.recount()

    @guarded()
    def _row_picked(self, current, _previous) -> None:
        doc_id = self.model.data(current, DocIdRole) if current.isValid() else None
        if doc_id is not None:
            self.picked.emit(doc_id)

    @guarded(False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Return and Escape belong to the search box while it has focus (not to "accept"):
        # Return searches now, Escape clears.
        if watched is self.search and event.type() == QEvent.Type.ShortcutOverride:
            if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                event.accept()
                return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._requery()
                self.searchDone.emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                # Esc leaves the search: cleared, and the keys go back to the article.
                self.search.clear()
                self._requery()
                self.searchDone.emit()
                return True
        return super().eventFilter(watched, event)
