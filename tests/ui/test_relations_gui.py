"""Relations in the article (issue 10), by real key presses: drawn as dashed arcs in their own
colour above the text, made with Shift+R on the head, Tab to the child, Shift+R and a label
(typed, or 1-9), undone and redone, deleted from the notes and relations panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop import ops
from tests.helpers import SEED, find, free_kinds, key, open_window, tab_to_word

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project(tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    free_kinds(store, tmp_path)  # relation labels of the test's own, not ACE's
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    ids = {word: ops.add_span(store, doc_id, *find(text, word), label, "ana").span_id
           for word, label in (("Tokayev", "PERSON"), ("Kazakhstan", "GPE"), ("CSTO", "ORG"))}
    ops.add_relation(store, ids["Tokayev"], ids["Kazakhstan"], "president_of", "ana")
    yield store, doc_id, ids
    store.close()


def roles(window) -> list[str]:
    return sorted(s.role for s in window.view.relation_arcs.plan.segments if s.role)


def labels(store, doc_id) -> list[tuple[str, str, str]]:
    return sorted((r.label, r.head.text, r.child.text) for _, r in ops.relations(store, doc_id))


def test_a_relation_is_drawn_made_by_keys_undone_and_redone(qtbot, project, tmp_path):
    store, doc_id, _ids = project
    window = open_window(qtbot, store, tmp_path)
    arcs = window.view.relation_arcs
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    # The arc has its own room: the block holding its ends is taller than its plain band.
    block = arcs.plan.segments[0].block
    plain = window.view.metrics().line_format.lineHeight()
    assert window.view.document().findBlockByNumber(block).blockFormat().lineHeight() > plain

    tab_to_word(window, "Tokayev")
    key(Qt.Key.Key_R, SHIFT)
    assert arcs.pending == (window.view.focused_span().start, window.view.focused_span().end)
    assert window.eventing.current() is None  # R's event argument did not run instead
    tab_to_word(window, "CSTO", back=True)
    key(Qt.Key.Key_R, SHIFT)
    palette = window.relating.palette
    assert palette is not None and palette.isVisible()
    assert [name for name, _detail, offered in palette.rows() if offered] == ["president_of"]
    qtbot.keyClicks(palette.edit, "leads")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: roles(window) == ["leads", "president_of"])
    assert labels(store, doc_id) == [("leads", "Tokayev", "CSTO"), ("president_of", "Tokayev", "Kazakhstan")]
    assert arcs.pending is None
    assert QApplication.focusWidget() is window.view
    assert window.kinds_panel.rows()[:3] == [
        "Relations (2)", "  president_of: “Tokayev” → “Kazakhstan”", "  leads: “Tokayev” → “CSTO”"]

    key(Qt.Key.Key_Backspace)  # undo
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    assert labels(store, doc_id) == [("president_of", "Tokayev", "Kazakhstan")]
    key(Qt.Key.Key_Z, CTRL | SHIFT)  # redo
    qtbot.waitUntil(lambda: roles(window) == ["leads", "president_of"])
    assert len(labels(store, doc_id)) == 2

    # A label by its number: CSTO → Kazakhstan, "1" is the most used label.
    tab_to_word(window, "CSTO")
    key(Qt.Key.Key_R, SHIFT)
    tab_to_word(window, "Kazakhstan", back=True)
    key(Qt.Key.Key_R, SHIFT)
    first = window.relating.palette.rows()[0][0]
    qtbot.keyClick(window.relating.palette.edit, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: len(roles(window)) == 3)
    assert (first, "CSTO", "Kazakhstan") in labels(store, doc_id)
    window.grab().save("/tmp/arcs.png")
    window.close()


def test_esc_gives_up_a_relation_in_the_making(qtbot, project, tmp_path):
    store, doc_id, _ids = project
    window = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    tab_to_word(window, "CSTO")
    key(Qt.Key.Key_R, SHIFT)
    assert window.view.relation_arcs.pending is not None
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.view.relation_arcs.pending is None)
    tab_to_word(window, "Tokayev")
    key(Qt.Key.Key_R, SHIFT)  # a new start, from Tokayev, not CSTO → Tokayev
    assert window.relating.palette is None
    assert labels(store, doc_id) == [("president_of", "Tokayev", "Kazakhstan")]
    window.close()


def test_the_focused_spans_relations_are_drawn_strong(qtbot, project, tmp_path):
    store, _doc_id, _ids = project
    window = open_window(qtbot, store, tmp_path)
    arcs = window.view.relation_arcs
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    assert arcs.current_links() == []
    tab_to_word(window, "Kazakhstan")
    assert [link.role for link in arcs.current_links()] == ["president_of"]
    assert arcs._current_keys() and all(s in arcs.plan.segments for s in arcs.plan.segments)
    tab_to_word(window, "CSTO")
    assert arcs.current_links() == []
    window.close()


def test_delete_in_the_panel_removes_the_relation_and_undo_brings_it_back(qtbot, project, tmp_path):
    store, doc_id, _ids = project
    window = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    key(Qt.Key.Key_K, CTRL | SHIFT)
    assert QApplication.focusWidget() is window.kinds_panel.tree
    assert window.kinds_panel.tree.currentItem().text(0).startswith("president_of")
    key(Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: roles(window) == [])
    assert labels(store, doc_id) == []
    assert ops.document_spans(store, doc_id)  # the spans stay: only the relation went
    key(Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.view
    key(Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    window.close()


def test_hovering_a_span_shows_its_relations_and_notes(qtbot, project, tmp_path):
    store, doc_id, ids = project
    ops.add_note(store, doc_id, "Also <i>president</i> of the Security Council", span_id=ids["Tokayev"])
    window = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    view = window.view
    tab_to_word(window, "Tokayev")
    span = view.focused_span()
    cursor = view.textCursor()
    cursor.setPosition(view.article().map.to_utf16(span.start + 2))
    at = view.cursorRect(cursor).center() + QPoint(2, 0)
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at)))
    tip = QToolTip.text()
    assert "president_of → Kazakhstan" in tip
    assert "Also &lt;i&gt;president&lt;/i&gt; of the Security Council" in tip  # shown as written
    window.close()


def test_shift_delete_removes_the_focused_spans_relation_choosing_among_several(qtbot, project, tmp_path):
    store, doc_id, ids = project
    ops.add_relation(store, ids["CSTO"], ids["Kazakhstan"], "based_in")
    window = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: roles(window) == ["based_in", "president_of"])
    tab_to_word(window, "Tokayev")  # one relation: it goes at once
    key(Qt.Key.Key_Delete, SHIFT)
    qtbot.waitUntil(lambda: roles(window) == ["based_in"])
    assert labels(store, doc_id) == [("based_in", "CSTO", "Kazakhstan")]
    assert window.view.focused_span().text == "Tokayev"  # the span stays
    key(Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: roles(window) == ["based_in", "president_of"])
    tab_to_word(window, "Kazakhstan")  # two: a chooser asks which
    key(Qt.Key.Key_Delete, SHIFT)
    palette = window.relating.palette
    assert [r[0] for r in palette.rows()] == ["president_of: Tokayev → Kazakhstan", "based_in: CSTO → Kazakhstan"]
    qtbot.keyClick(palette.edit, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    assert labels(store, doc_id) == [("president_of", "Tokayev", "Kazakhstan")]
    window.close()


def test_relation_arcs_sit_above_the_current_events_arcs(qtbot, project, tmp_path):
    store, doc_id, ids = project
    text = store.documents.text(doc_id)
    sent = ops.add_event(store, doc_id, *find(text, "sent"), "Movement:Transport").event_id
    ops.add_argument(store, sent, ids["CSTO"], "Agent")
    ops.add_relation(store, ids["CSTO"], ids["Tokayev"], "answers_to")
    window = open_window(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: "answers_to" in roles(window))
    tab_to_word(window, "sent")  # the trigger: its event becomes current, its arcs drawn
    qtbot.waitUntil(lambda: window.view.link_plan().segments != [])
    events = {s.block for s in window.view.link_plan().segments}
    shared = [seg for seg in window.view.relation_arcs.plan.segments if seg.block in events]
    assert len(shared) >= 2  # both blocks hold both kinds of arcs
    for seg in shared:
        assert seg.level > max(s.level for s in window.view.link_plan().segments if s.block == seg.block)
    window.close()



def test_selected_words_inside_a_span_name_the_child(qtbot, project, tmp_path):
    store, doc_id, _ids = project
    window = open_window(qtbot, store, tmp_path)
    view = window.view
    qtbot.waitUntil(lambda: roles(window) == ["president_of"])
    tab_to_word(window, "CSTO")
    key(Qt.Key.Key_R, SHIFT)
    tokayev = next(s for s in view.span_index().spans if s.text == "Tokayev")
    cursor = view.textCursor()
    cursor.setPosition(view.article().map.to_utf16(tokayev.start + 3))
    at = view.cursorRect(cursor).center()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert view.selection() == (tokayev.start, tokayev.end)
    qtbot.wait(20)
    key(Qt.Key.Key_R, SHIFT)
    palette = window.relating.palette
    assert palette is not None and "“CSTO” → “Tokayev”" in palette.title.text()
    qtbot.keyClicks(palette.edit, "reports_to")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ("reports_to", "CSTO", "Tokayev") in labels(store, doc_id))
    window.close()
