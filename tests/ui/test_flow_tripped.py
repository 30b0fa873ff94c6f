"""What a new annotator tripped on (issue 12), one test each, driven through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.ui import app as ui_app
from desktop.ui.settings import Settings

from tests.helpers import SEED, find, open_window, press

# 1 --------------------------------------------------------------------------------------

def test_a_restart_reopens_the_last_project_and_open_recent_lists_the_default(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("SPANDESK_DB", raising=False)
    default, first = ui_app.project_to_open(None)
    assert first and default.name == "spandesk.db"
    other = tmp_path / "mine.db"
    ops.open_project(other).close()
    Settings().add_recent(other)
    assert ui_app.project_to_open(None) == (other.resolve(), False)
    assert ui_app.project_to_open(tmp_path / "given.db") == (tmp_path / "given.db", False)
    other.unlink()  # gone: the default again
    assert ui_app.project_to_open(None)[0] == default

    with ops.open_project(tmp_path / "default.db") as store:
        win = open_window(qtbot, store, tmp_path)
        listed = [a.text() for a in win.files.recent_menu.actions()]
        assert str((tmp_path / "default.db").resolve()) in listed
        win.close()


# 2 --------------------------------------------------------------------------------------

def _close_modal_soon(seen: list):
    def close():
        modal = QApplication.activeModalWidget()
        seen.append(type(modal).__name__)
        if modal is not None:
            modal.reject()
    QTimer.singleShot(150, close)


@pytest.mark.parametrize("key, modifier", [
    (Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
])
def test_after_a_dialog_the_keys_go_to_the_article(qtbot, window, key, modifier):
    seen: list = []
    _close_modal_soon(seen)
    press(qtbot, key, modifier, widget=window.view)
    assert seen and seen[0] != "NoneType"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
    press(qtbot, Qt.Key.Key_Tab)
    assert window.view.focused_span().text == "Kazakhstan"


def test_esc_in_the_search_box_gives_the_keys_back_to_the_article(qtbot, window):
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.panel.search
    qtbot.keyClicks(window.panel.search, "Almaty")
    press(qtbot, Qt.Key.Key_Escape)
    assert window.panel.search.text() == ""
    assert QApplication.focusWidget() is window.view


# 3 --------------------------------------------------------------------------------------

def test_document_label_keys_leave_alt_letters_to_the_menus(qtbot, window, project):
    store, doc_id = project
    assert window.menus["Edit"].title() == "&Edit" and window.menus["View"].title() == "&View"
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier, widget=window.view)
    assert "Economy" not in window.eventing.labels
    if (popup := QApplication.activePopupWidget()) is not None:
        assert popup is window.menus["Edit"]  # Alt+E opened Edit
        popup.close()
    window.view.setFocus()
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
          widget=window.view)
    qtbot.waitUntil(lambda: "Economy" in window.eventing.labels, timeout=2000)


# 4 --------------------------------------------------------------------------------------

def test_the_hint_line_and_status_messages_elide_and_never_overlap(qtbot, window):
    window.resize(1280, 640)
    qtbot.waitUntil(lambda: window.width() == 1280)
    hint = window.header.hint
    shown = hint.shown_text()
    assert shown.endswith("…") and hint.text().startswith(shown[:-1])  # cut at one end only
    status = window.status
    status.job.start("Pre-annotating with en_core_web_sm")
    status.showMessage("Imported 3 documents with 0 spans from 1 files; 0 duplicates, 0 skipped, 0 refused. " * 2)
    qtbot.wait(20)
    message, job = status.message.geometry(), status.job.geometry()
    assert message.right() < job.left()
    assert status.message.shown_text().endswith("…")
    assert status.currentMessage().startswith("Imported 3")


# 5 --------------------------------------------------------------------------------------

def test_the_list_and_the_header_count_the_same_spans(qtbot, window, project):
    store, doc_id = project
    text = store.documents.text(doc_id)
    start, end = find(text, "withdrawal")
    window.desk.act(ops.add_event, doc_id, start, end, "Movement:Transport")  # a trigger, accepted
    press(qtbot, Qt.Key.Key_Tab, widget=window.view)
    press(qtbot, Qt.Key.Key_Return)  # accept Kazakhstan
    panel = window.panel
    row = panel.model.row_of(doc_id)
    cell = panel.model.index(row, 2).data()
    header = window.header.text()
    accepted = int(cell.split(" ✓")[0])
    assert accepted == 1 and f"{accepted} ✓ entities" in header
    assert "1 event trigger" in header
    suggested = int(cell.split("?")[0].split()[-1])
    assert f"{suggested} suggestions to review" in header


# 6 --------------------------------------------------------------------------------------

def test_the_text_stays_still_when_an_event_becomes_current(qtbot, tmp_path):
    from PySide6.QtGui import QTextCursor

    store = ops.open_project(tmp_path / "events.db")
    assert ops.import_paths(store, [SEED]).ok
    doc_id = store.documents.ids()[0]
    text = store.documents.text(doc_id)
    sent = text.index("One week after")
    agent = ops.add_span(store, doc_id, sent + text[sent:].index("CSTO"), sent + text[sent:].index("CSTO") + 4,
                         "ORG").span_id
    origin = ops.add_span(store, doc_id, sent + text[sent:].index("Kazakhstan"),
                          sent + text[sent:].index("Kazakhstan") + 10, "GPE").span_id
    w = sent + text[sent:].index("withdrawal")
    event = ops.add_event(store, doc_id, w, w + len("withdrawal"), "Movement:Transport")
    ops.add_argument(store, event.event_id, agent, "Agent")
    ops.add_argument(store, event.event_id, origin, "Origin")
    win = open_window(qtbot, store, tmp_path)
    view = win.view
    later = text.index("The Collective Security")

    def y() -> int:
        cursor = QTextCursor(view.document())
        cursor.setPosition(later)
        return view.cursorRect(cursor).top() + view.verticalScrollBar().value()

    before = y()
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab, widget=view)
        if win.header.event_text():
            break
    assert "Movement:Transport" in win.header.event_text() and view.link_plan().segments
    assert y() == before
    press(qtbot, Qt.Key.Key_Escape, widget=view)
    press(qtbot, Qt.Key.Key_Escape, widget=view)
    assert not win.header.event_text() and y() == before
    win.close()
    store.close()


# 7 --------------------------------------------------------------------------------------

def test_undo_and_skip_say_what_they_did_and_edit_names_it(qtbot, window, project):
    store, doc_id = project
    undo = window.actions["undo"]
    press(qtbot, Qt.Key.Key_Tab, widget=window.view)
    press(qtbot, Qt.Key.Key_Return)  # accept Kazakhstan
    assert undo.text() == "Undo accept “Kazakhstan” GPE"
    press(qtbot, Qt.Key.Key_Backspace)
    assert window.status.currentMessage() == "Undid: accept “Kazakhstan” GPE"
    assert window.actions["redo"].text() == "Redo accept “Kazakhstan” GPE"
    press(qtbot, Qt.Key.Key_Space)
    assert window.status.currentMessage().startswith(f"Skipped document {doc_id}")
    assert undo.text() == "Undo mark skipped"
    press(qtbot, Qt.Key.Key_Backspace)
    assert window.status.currentMessage() == "Undid: mark skipped"


# 8 --------------------------------------------------------------------------------------

def test_new_project_offers_the_bundled_schemas_by_name_with_the_help_whole(qtbot, tmp_path):
    from desktop.ui.dialogs.new_project import OTHER, NewProjectDialog

    dialog = NewProjectDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    names = [dialog.schema.itemText(i) for i in range(dialog.schema.count())]
    assert names[0] == "news-events" and names[-1] == OTHER
    assert "ace-triggers" not in names  # a trigger lexicon, not a schema
    assert "resources/" not in dialog.note.text() and "ACE" in dialog.note.text()
    assert dialog.note.height() >= dialog.note.heightForWidth(dialog.note.width())  # nothing cut off
    path, schema = dialog.values()
    assert path == tmp_path / "project.db" and schema.is_file()
    with ops.new_project(tmp_path / "n.db", schema) as store:
        assert ops.project_label_set(store).name == "news-events"
    dialog.schema.setCurrentIndex(dialog.schema.count() - 1)
    assert dialog.label_set.isEnabled() and "resources/" not in dialog.note.text()
    assert dialog.note.height() >= dialog.note.heightForWidth(dialog.note.width())
    assert dialog.values()[1] is None


# 9 --------------------------------------------------------------------------------------

def test_articles_imported_into_a_new_project_are_pre_annotated(qtbot, tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", name="ner").add_patterns([{"label": "GPE", "pattern": "Aktobe"}])
    nlp.meta.update(name="ruler", version="1.0.0")
    nlp.to_disk(tmp_path / "ruler")
    article = tmp_path / "a.txt"
    article.write_text("Unrest in Aktobe\n\nProtesters gathered in Aktobe on Monday.", encoding="utf-8")
    store = ops.open_project(tmp_path / "new.db")
    ops.set_model(store, str(tmp_path / "ruler"))
    win = open_window(qtbot, store, tmp_path)
    win.desk.set_writable(True)  # as when the integrity check has passed
    win.jobs.import_files([str(article)])
    qtbot.waitUntil(lambda: win.desk.doc_id is not None and any(s.text == "Aktobe" for s in win.desk.spans()),
                    timeout=60_000)
    qtbot.waitUntil(lambda: not win.jobs.busy, timeout=60_000)
    # A second import into a project that has documents only offers it.
    second = tmp_path / "b.txt"
    second.write_text("Calm in Aktau\n\nNothing happened.", encoding="utf-8")
    win.jobs.import_files([str(second)])
    qtbot.waitUntil(lambda: not win.jobs.busy, timeout=60_000)
    assert "Ctrl+Shift+P pre-annotates them" in win.status.currentMessage()
    win.close()
    store.close()


# 10 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", [(1024, 640), (800, 600)])
def test_a_small_window_leaves_the_article_most_of_its_height(qtbot, window, width, height):
    assert window.labels.rows() > 1  # a big window: the chips wrap, every label in sight
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().width() == width and window.size().height() == height)
    qtbot.wait(20)
    assert window.view.height() >= 0.6 * height
    assert window.view.width() >= 0.6 * width  # the side panels folded away
    assert window.labels.rows() == 1 and len(window.labels.chips()) > 20  # every chip, in one scrolling row
    window.resize(1480, 880)
    qtbot.waitUntil(lambda: window.side_splitter.sizes()[1] > 0)  # room again: the panels come back
    assert window.splitter.sizes()[0] > 0 and window.labels.rows() > 1


# 11 -------------------------------------------------------------------------------------

def _contrast(a, b) -> float:
    from desktop.ui.look.colours import luminance

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


TEXT_PAIRS = [("Text", "Base"), ("WindowText", "Window"), ("ButtonText", "Button"), ("PlaceholderText", "Base"),
              ("PlaceholderText", "Window"), ("HighlightedText", "Highlight"), ("ToolTipText", "ToolTipBase")]


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_both_themes_meet_wcag_aa_for_text_and_check_boxes(qtbot, choice, monkeypatch):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    from desktop.ui.look import theme

    monkeypatch.delenv("SPANDESK_THEME", raising=False)
    app = QApplication.instance()
    theme.apply(app, choice)
    try:
        palette = app.palette()
        assert (palette.color(QPalette.ColorRole.Window).lightness() < 100) == (choice == "dark")
        for fore, back in TEXT_PAIRS:
            ratio = _contrast(palette.color(getattr(QPalette.ColorRole, fore)),
                              palette.color(getattr(QPalette.ColorRole, back)))
            assert ratio >= 4.5, (choice, fore, back, round(ratio, 2))
        box = QCheckBox("Protest")
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        image = box.grab().toImage()
        option = QStyleOptionButton()
        option.initFrom(box)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        window = palette.color(QPalette.ColorRole.Window)
        edge = max(_contrast(image.pixelColor(x, y), window)
                   for x in range(indicator.left(), indicator.right() + 1)
                   for y in range(indicator.top(), indicator.bottom() + 1))
        assert edge >= 3.0, (choice, round(edge, 2))  # WCAG 1.4.11: a control's edge shows
    finally:
        theme.apply(app, "system")


def test_the_theme_is_chosen_in_settings_and_kept(qtbot, window, tmp_path):
    from PySide6.QtGui import QPalette

    from desktop.ui.look import theme

    def choose_dark():
        dialog = QApplication.activeModalWidget()
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.accept()

    QTimer.singleShot(100, choose_dark)
    try:
        press(qtbot, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier, widget=window.view)
        assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 100
        assert Settings(tmp_path / "settings.ini").theme == "dark"
    finally:
        theme.apply(QApplication.instance(), "system")


# 12 -------------------------------------------------------------------------------------

def test_f1_rows_wrap_instead_of_ending_in_an_ellipsis(qtbot, window):
    from PySide6.QtCore import QRect

    seen: list = []

    def measure():
        dialog = QApplication.activeModalWidget()
        table = dialog.table
        width = table.columnWidth(2)
        metrics = table.fontMetrics()
        # the margins Qt's item delegate leaves each side of a cell's text (QCommonStyle)
        from PySide6.QtWidgets import QStyle
        margins = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
        for row in range(table.rowCount()):
            text = table.item(row, 2).text()
            needed = metrics.boundingRect(QRect(0, 0, width - margins, 10_000), Qt.TextFlag.TextWordWrap, text).height()
            seen.append((table.rowHeight(row) >= needed, text))
        dialog.reject()

    QTimer.singleShot(100, measure)
    press(qtbot, Qt.Key.Key_F1, widget=window.view)
    assert seen and all(ok for ok, _text in seen), [text for ok, text in seen if not ok][:3]
    assert any(len(text) > 100 for _ok, text in seen)  # some rows do need two lines


def test_the_e_palette_keeps_the_keys_it_opened_with(qtbot, window):
    press(qtbot, Qt.Key.Key_Tab, widget=window.view)
    press(qtbot, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.eventing.palette is not None)
    palette = window.eventing.palette
    qtbot.waitUntil(lambda: QApplication.focusWidget() is palette.edit, timeout=2000)
    press(qtbot, Qt.Key.Key_A)  # typed into the filter, not "accept all, done"
    assert palette.edit.text() == "a"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
