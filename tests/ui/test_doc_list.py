"""The document list model: Qt's model checks, lazy paging over 20,000 documents, filter,
full-text search, sort, and row-by-row refresh."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from desktop import ops
from desktop.core.model import Document, Status
from desktop.core.text import content_hash
from desktop.ui.panels.doc_list import CHANGED, PAGE, SPANS, STATUS, TITLE, DocIdRole, DocListModel

CITIES = ["Almaty", "Astana", "Bishkek", "Tashkent", "Dushanbe"]


def _fill(store, n: int) -> list[int]:
    """n short documents; every 7th done, every 50th mentions a café in its text only."""
    ids = []
    with store.action("test documents", undoable=False):
        for i in range(n):
            city = CITIES[i % len(CITIES)]
            text = f"Report {i:05d} from {city}\n\nProtesters met police in {city}."
            text += " A café closed." if i % 50 == 0 else ""
            doc_id, _ = store.documents.add(Document(text=text, title=f"Report {i:05d} from {city}",
                                                     content_hash=content_hash(text)))
            ids.append(doc_id)
            if i % 7 == 0:
                store.documents.set_status(doc_id, Status.DONE)
    return ids


@pytest.fixture
def big(store):
    return store, _fill(store, 20_000)


def test_qt_model_tester(qtmodeltester, store):
    ids = _fill(store, 450)  # more than two pages, so fetchMore is exercised
    model = DocListModel()
    model.set_source(store, ops.ListQuery())
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(ids)
    qtmodeltester.check(model)


def test_a_big_list_opens_one_page_and_grows_as_it_scrolls(qtbot, big):
    store, ids = big
    model = DocListModel()
    model.set_source(store, ops.ListQuery())
    assert model.total == 20_000
    assert model.rowCount() == PAGE and model.canFetchMore()
    view = QTableView()
    view.setModel(model)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() < 2 * PAGE  # painting the first screen read one page, not the table
    assert model.index(0, TITLE).data() == "Report 00000 from Almaty"
    view.scrollToBottom()  # Qt fetches more as the view reaches the end
    qtbot.waitUntil(lambda: model.rowCount() >= 2 * PAGE)
    assert model.rowCount() < 20_000
    # Jumping to a document far down loads up to it, still not everything.
    row = model.row_of(ids[12_345])
    assert model.doc_id(row) == ids[12_345] and model.rowCount() < 20_000
    assert model.index(row, TITLE).data() == "Report 12345 from Almaty"
    while model.canFetchMore():
        model.fetchMore()
    assert [model.doc_id(r) for r in range(model.rowCount())] == ids  # each once, in order


def test_filter_search_and_sort(store):
    ids = _fill(store, 600)
    model = DocListModel()

    def listed(query):
        model.set_source(store, query)
        while model.canFetchMore():
            model.fetchMore()
        return [model.doc_id(r) for r in range(model.rowCount())]

    done = listed(ops.ListQuery(statuses=(Status.DONE,)))
    assert done == ids[::7] and model.total == len(done)
    assert all(model.index(r, STATUS).data() == "Done" for r in range(model.rowCount()))
    # Search: every word must match as a prefix, diacritics ignored, in the text as well as the title.
    assert listed(ops.ListQuery(search="bishk 00002")) == [ids[2]]
    assert listed(ops.ListQuery(search="cafe")) == ids[::50]
    assert listed(ops.ListQuery(search="café closed", statuses=(Status.DONE,))) == [i for i in ids[::50] if i in done]
    assert listed(ops.ListQuery(search='NEAR( "AND ) :title')) == []  # FTS syntax is searched as words
    # Sorts, both ways round.
    by_title = listed(ops.ListQuery(sort="title"))
    titles = [model.index(r, TITLE).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.lower) and len(by_title) == 600
    assert listed(ops.ListQuery(sort="title", reverse=True)) == by_title[::-1]
    ops.set_status(store, ids[300], Status.SKIPPED, "ana")
    time.sleep(0.005)  # timestamps are stored to the millisecond
    ops.set_status(store, ids[5], Status.SKIPPED, "ana")
    recent = listed(ops.ListQuery(sort="changed"))
    assert recent[:2] == [ids[5], ids[300]] and len(recent) == 600
    assert model.index(0, CHANGED).data()  # a time today


def test_an_action_refreshes_only_its_row(qtbot, store):
    ids = _fill(store, 30)
    model = DocListModel()
    model.set_source(store, ops.ListQuery())
    row = model.row_of(ids[3])
    assert model.index(row, SPANS).data() == "0 ✓"
    text = store.documents.text(ids[3])
    outcome = ops.add_span(store, ids[3], text.index("Protesters"), text.index("Protesters") + 10, "NORP", "ana")
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.refresh([outcome.doc_id])
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row()) == (row, row)
    assert model.index(row, SPANS).data() == "1 ✓"
    assert model.index(row, STATUS).data() == "In progress"
    assert model.index(row, TITLE).data(DocIdRole) == ids[3]


def test_rows_below_stay_put_when_a_row_above_leaves_the_filter(store):
    ids = _fill(store, 500)
    query = ops.ListQuery(statuses=(Status.TODO, Status.IN_PROGRESS))
    model = DocListModel()
    model.set_source(store, query)
    first_page = [model.doc_id(r) for r in range(model.rowCount())]
    ops.mark_done(store, first_page[0], "ana")  # under the cursor's feet
    while model.canFetchMore():
        model.fetchMore()
    listed = [model.doc_id(r) for r in range(model.rowCount())]
    expected = [i for n, i in enumerate(ids) if n % 7]
    assert listed == expected  # nothing skipped, nothing twice
    assert model.index(0, STATUS).data(Qt.ItemDataRole.DisplayRole) == "Done"  # kept, and up to date
