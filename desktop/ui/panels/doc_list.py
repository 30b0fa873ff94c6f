"""The document list as a Qt table model: ids fetched page by page, rows read on demand.

Two caches, as in Anki's browser: the ids in list order, grown by `fetchMore` one page
at a time (a million documents open as fast as a thousand), and the row contents (title,
status, span counts, last change) read for a block of rows when a view first paints
them, and dropped for just the documents an action changed. Texts are never read.

Rows stay where they are until the query changes: a document marked done under the
"To do" filter keeps its row (showing "Done") rather than vanishing under the hand.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop import ops
from desktop.core.model import Status
from desktop.store import Store
from desktop.ui.guard import guarded

PAGE = 200  # ids per fetch: a few screens
BLOCK = 64  # rows read together when a view paints one of them
CACHE_ROWS = 4096  # row contents kept; beyond this the cache starts over

COLUMNS = ("Title", "Status", "Entities", "Last change")  # entity spans, as the header counts them
TITLE, STATUS, SPANS, CHANGED = range(4)
STATUS_TEXT = {Status.TODO: "To do", Status.IN_PROGRESS: "In progress", Status.DONE: "Done",
               Status.SKIPPED: "Skipped"}
# Mid-tone inks, readable on light and dark rows alike; to do keeps the palette's text.
STATUS_INK = {Status.IN_PROGRESS: QColor("#3d7be0"), Status.DONE: QColor("#2e9d5b"), Status.SKIPPED: QColor("#8a8f98")}
DocIdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class DocListModel(QAbstractTableModel):
    # the number of documents the query matches changed (after a reset or a status change)
    totalChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._store: Store | None = None
        self._query = ops.ListQuery()
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._last_key = None
        self._more = False
        self._rows: dict[int, ops.ListRow] = {}
        self.total = 0

    # --- the query -----------------------------------------------------------------------

    def set_source(self, store: Store | None, query: ops.ListQuery) -> None:
        """Start over on a project and a query: the first page only."""
        self.beginResetModel()
        self._store, self._query = store, query
        self._ids, self._row_of, self._rows = [], {}, {}
        self._last_key, self._more = None, store is not None
        if store is not None:
            self._fetch(ops.list_page(store, query, None, PAGE))
        self.endResetModel()
        self._count()

    @property
    def query(self) -> ops.ListQuery:
        return self._query

    def _count(self) -> None:
        self.total = ops.count_documents(self._store, self._query) if self._store else 0
        self.totalChanged.emit(self.total)

    def _fetch(self, page: list, *, full: int = PAGE) -> None:
        """Append a page of (id, key) pairs (a short page is the last one); the caller
        brackets it with begin/end calls."""
        for doc_id, _key in page:
            self._row_of[doc_id] = len(self._ids)
            self._ids.append(doc_id)
        if page:
            self._last_key = page[-1][1]
        if len(page) < full:
            self._more = False

    # --- lazy loading --------------------------------------------------------------------

    @guarded(False)
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    @guarded()
    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or not self._more or self._store is None:
            return
        page = ops.list_page(self._store, self._query, self._last_key, PAGE)
        if not page:
            self._more = False
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._fetch(page)
        self.endInsertRows()

    def row_of(self, doc_id: int | None, *, load: bool = True) -> int:
        """The row showing a document, fetching up to it if the list has not reached it;
        -1 when the list does not hold it."""
        if doc_id is None:
            return -1
        row = self._row_of.get(doc_id, -1)
        if row >= 0 or not load or not self._more or self._store is None:
            return row
        page = ops.list_through(self._store, self._query, self._last_key, doc_id)
        if page:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._fetch(page, full=0)  # it stops at the document: more may follow
            self.endInsertRows()
        return self._row_of.get(doc_id, -1)

    def doc_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    # --- refreshing ----------------------------------------------------------------------

    def refresh(self, doc_ids: list[int] | None) -> None:
        """Re-read the rows of documents that changed (None: every loaded row)."""
        if doc_ids is None:
            self._rows.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))
        else:
            for doc_id in doc_ids:
                self._rows.pop(doc_id, None)
                row = self._row_of.get(doc_id)
                if row is not None:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def recount(self) -> None:
        self._count()

    # --- the table -----------------------------------------------------------------------

    @guarded(0)
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    @guarded(0)
    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    @guarded()
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    @guarded(Qt.ItemFlag.NoItemFlags)
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    @guarded()
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        doc_id = self._ids[index.row()]
        if role == DocIdRole:
            return doc_id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, StatusRole,
                        Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = index.column() in (SPANS, CHANGED)
            return int((Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        row = self._row(index.row())
        if row is None:
            return None
        if role == StatusRole:
            return row.status
        if role == Qt.ItemDataRole.ForegroundRole:
            return STATUS_INK.get(row.status) if index.column() == STATUS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row)
        return _cell(row, index.column())

    def _row(self, row: int) -> ops.ListRow | None:
        doc_id = self._ids[row]
        found = self._rows.get(doc_id)
        if found is None and self._store is not None:
            if len(self._rows) > CACHE_ROWS:
                self._rows.clear()
            start = row - row % BLOCK
            self._rows.update(ops.list_rows(self._store, self._ids[start:start + BLOCK]))
            found = self._rows.get(doc_id)
        return found


def _cell(row: ops.ListRow, column: int) -> str:
    if column == TITLE:
        return row.title or f"Document {row.id}"
    if column == STATUS:
        return STATUS_TEXT.get(row.status, row.status)
    if column == SPANS:
        return f"{row.accepted} ✓  {row.suggested} ?" if row.suggested else f"{row.accepted} ✓"
    return _when(row.changed_at)


def _tooltip(row: ops.ListRow) -> str:
    return (f"{row.title}\n{STATUS_TEXT.get(row.status, row.status)} · {row.accepted} ✓ entities, "
            f"{row.suggested} suggestions to review" + (f"\nLast change {_when(row.changed_at, full=True)}"
                                                        if row.changed_at else ""))


def _when(stamp: str | None, full: bool = False) -> str:
    """A stored UTC timestamp in local time: the time today, else the date."""
    if not stamp:
        return ""
    try:
        local = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    if full:
        return local.strftime("%Y-%m-%d %H:%M")
    return local.strftime("%H:%M") if local.date() == datetime.now().astimezone().date() else local.strftime("%Y-%m-%d")
