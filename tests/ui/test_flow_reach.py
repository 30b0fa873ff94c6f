"""Reach and act (issue 12): any word in two keys, growing by words, Tab from the caret,
the caret following a grown span, Ctrl+arrows dropping the focus. Real key presses only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.model import Status
from desktop.ui.article.hints import codes


SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_hint_codes_are_short_and_none_begins_another():
    assert codes(5) == ["a", "s", "d", "f", "g"]
    for count in (27, 215, 400, 676):
        many = codes(count)
        assert len(set(many)) == count and {len(c) for c in many} <= {1, 2}
        assert not any(a != b and b.startswith(a) for a in many for b in many)
    assert sum(len(c) == 1 for c in codes(215)) > 10  # words near the caret take one key


def test_jump_to_a_word_grow_it_and_mark_it_in_five_keys(qtbot, window, project):
    store, doc_id = project
    view = window.view
    text = view.toPlainText()
    target = text.index("Kazakh President")
    press(qtbot, Qt.Key.Key_Semicolon)
    hint = next(h for h in view.hints.hints if h.start == target)
    assert 1 <= len(hint.code) <= 2
    for letter in hint.code:
        qtbot.keyClicks(view, letter)  # letters that are actions elsewhere (a, s...) type the hint
    assert not view.hints.active
    assert view.selection() == (target, target + len("Kazakh"))
    assert view.textCursor().position() == target + len("Kazakh")  # the caret at its end
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.selection() == (target, target + len("Kazakh President"))
    press(qtbot, Qt.Key.Key_4)  # LOC, say: the label key marks it
    assert view.focused_span().text == "Kazakh President" and view.focused_span().label == "LOC"
    assert store.documents.get_status(doc_id) == Status.IN_PROGRESS


def test_esc_or_a_key_no_hint_has_puts_the_hints_away_and_does_nothing_else(qtbot, window, project):
    store, doc_id = project
    view = window.view
    press(qtbot, Qt.Key.Key_Semicolon)
    assert view.hints.active and len(view.hints.hints) > 26
    press(qtbot, Qt.Key.Key_Escape)
    assert not view.hints.active
    press(qtbot, Qt.Key.Key_Semicolon)
    press(qtbot, Qt.Key.Key_1)  # no hint starts with a digit: the hints go, no label is applied
    assert not view.hints.active and view.selection() is None
    assert store.documents.get_status(doc_id) == Status.TODO


def test_after_esc_tab_goes_on_from_the_caret_not_from_the_top(qtbot, window):
    view = window.view
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert view.focused_span().text == "Russian"
    press(qtbot, Qt.Key.Key_Escape)
    assert view.focused_span() is None
    press(qtbot, Qt.Key.Key_Tab)
    assert view.focused_span().text == "Kassym-Jomart Tokayev"  # the one after Russian, not Kazakhstan


def test_the_caret_follows_a_grown_span_and_ctrl_arrows_let_go_of_it(qtbot, window):
    view = window.view
    text = view.toPlainText()
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Right, SHIFT)  # Russian -> Russian-led
    span = view.focused_span()
    assert span.text.startswith("Russian-")
    assert view.textCursor().position() == span.end  # (no astral characters before it)
    press(qtbot, Qt.Key.Key_Right, CTRL)
    assert view.focused_span() is None
    caret = view.textCursor().position()
    press(qtbot, Qt.Key.Key_Right, SHIFT)  # selects the next word from the caret, grows no span
    start, end = view.selection()
    assert start >= caret - 1 and text[start:end].strip() and view.focused_span() is None
    assert window.desk.spans() and {s.text for s in window.desk.spans()} >= {span.text}


def test_the_caret_shows_while_the_article_has_focus(qtbot, window):
    from PySide6.QtGui import QColor

    app = QApplication.instance()
    flash = app.cursorFlashTime()
    app.setCursorFlashTime(0)  # no blinking: the caret is drawn on every paint
    try:
        view = window.view
        view.setFocus()
        press(qtbot, Qt.Key.Key_Right, CTRL)
        qtbot.wait(20)
        rect = view.cursorRect()
        image = view.viewport().grab().toImage()
        page = view.palette().color(view.viewport().backgroundRole())
        x = rect.left()
        ink = [image.pixelColor(x + dx, y) for dx in (0, 1) for y in range(rect.top() + 2, rect.bottom() - 2)]
        assert any(abs(c.lightness() - page.lightness()) > 100 for c in ink), "no caret drawn"
        assert isinstance(page, QColor)
    finally:
        app.setCursorFlashTime(flash)


def test_the_event_type_chosen_last_comes_first_in_the_palette(qtbot, window):
    view, eventing = window.view, window.eventing
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: eventing.palette is not None)
    first_rows = [name for name, _detail, offered in eventing.palette.rows() if offered]
    assert first_rows[0] != "Movement:Transport"
    qtbot.keyClicks(eventing.palette.edit, "transport")
    qtbot.keyClick(eventing.palette.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: eventing.palette is None)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: eventing.palette is not None)
    assert eventing.palette.rows()[0][0] == "Movement:Transport"  # one Enter away
    qtbot.keyClick(eventing.palette.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(eventing.events) == 2)
    assert {e.type for e in eventing.events} == {"Movement:Transport"}
    assert view.hasFocus() or QApplication.focusWidget() is view
