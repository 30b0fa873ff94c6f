"""The article view, driven as an annotator drives it: real mouse drags, clicks and key presses."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMainWindow

from desktop.core.model import Span, State
from desktop.core.offsets import Utf16Map
from desktop.nlp.tokenize import tokenize
from desktop.ui.article.view import ArticleView

from tests.helpers import find

EMOJI = "👍🏽 and 😀 then Kassym-Jomart Tokayev spoke at the cafe\u0301 today.\nSecond line, in Almaty."


def span(text: str, word: str, label: str, state: str = State.ACCEPTED, id: int | None = None, nth: int = 0) -> Span:
    start, end = find(text, word, nth)
    return Span(start, end, label, word, state=state, id=id)


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(700, 400)
    v.show()
    qtbot.waitExposed(v)
    return v


def show(view: ArticleView, text: str, spans: list[Span] = ()) -> None:
    view.show_document(text, list(spans), next(tokenize([text])))


def point(view: ArticleView, cp: int, dx: int = 0) -> QPoint:
    """The viewport point of the caret before code point `cp` (dx pixels to the right)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(Utf16Map(view.toPlainText()).to_utf16(cp))
    rect = view.cursorRect(cursor)
    return QPoint(rect.x() + dx, rect.center().y())


def drag(qtbot, view: ArticleView, start: QPoint, end: QPoint) -> None:
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    middle = (start + end) / 2
    qtbot.mouseMove(vp, middle)
    qtbot.mouseMove(vp, end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


# --- selection: code points, snapped to tokens -----------------------------------------


def test_drag_after_emoji_selects_exact_code_points(qtbot, view):
    show(view, EMOJI)
    start, end = EMOJI.index("Kassym"), EMOJI.index(" spoke")
    with qtbot.waitSignal(view.selectionChanged) as signal:
        drag(qtbot, view, point(view, start), point(view, end))
    assert view.selection() == (start, end) == (14, 35)
    assert signal.args == [(start, end)]
    assert EMOJI[start:end] == "Kassym-Jomart Tokayev"
    assert view.textCursor().selectedText() == "Kassym-Jomart Tokayev"


def test_drag_from_mid_word_snaps_outward_and_shows_the_snapped_range(qtbot, view):
    show(view, EMOJI)
    start, end = EMOJI.index("Kassym"), EMOJI.index(" spoke")
    drag(qtbot, view, point(view, start + 3), point(view, end - 2))  # "sym-Jomart Toka"
    assert view.selection() == (start, end)
    cursor, to16 = view.textCursor(), Utf16Map(EMOJI).to_utf16
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (to16(start), to16(end))


def test_drag_over_a_combining_mark_takes_the_whole_word(qtbot, view):
    show(view, EMOJI)
    start = EMOJI.index("cafe\u0301")
    drag(qtbot, view, point(view, start + 1), point(view, start + 3))
    assert view.selection() == (start, start + 5)
    assert EMOJI[slice(*view.selection())] == "cafe\u0301"


def test_backwards_drag_and_blank_selection(qtbot, view):
    show(view, EMOJI)
    start, end = EMOJI.index("then"), EMOJI.index("then") + 4
    drag(qtbot, view, point(view, end), point(view, start + 1))
    assert view.selection() == (start, end)
    blank = EMOJI.index(" spoke")
    drag(qtbot, view, point(view, blank), point(view, blank + 1))
    assert view.selection() is None
    assert not view.textCursor().hasSelection()


def test_double_click_selects_one_token(qtbot, view):
    show(view, EMOJI)
    start = EMOJI.index("Jomart")
    with qtbot.waitSignal(view.selectionChanged) as signal:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point(view, start + 2, dx=2))
    assert view.selection() == (start, start + len("Jomart"))
    assert signal.args == [(start, start + 6)]


def test_clear_selection(qtbot, view):
    show(view, EMOJI)
    drag(qtbot, view, point(view, 9), point(view, 13))
    assert view.selection() == (9, 13)
    with qtbot.waitSignal(view.selectionChanged) as signal:
        view.clear_selection()
    assert view.selection() is None and signal.args == [None]


def test_shift_right_grows_the_selection_by_a_token(qtbot, view):
    show(view, EMOJI)
    view.setFocus()
    drag(qtbot, view, point(view, 14), point(view, 20))  # "Kassym"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    # The hyphen and the word it joins come in one step (h-effort, issue 12).
    assert view.selection() == (14, 27)  # "Kassym-Jomart"


# --- spans: focus, order, rejected ---------------------------------------------------------


def spans_for(text: str) -> list[Span]:
    return [
        span(text, "Tokayev", "PERSON", id=3),
        span(text, "Kassym-Jomart Tokayev", "PERSON", State.SUGGESTED, id=2),
        span(text, "Kassym-Jomart", "PERSON", id=4),  # nested in 2
        span(text, "then", "DATE", State.REJECTED, id=1),
        span(text, "Almaty", "GPE", State.SUGGESTED, id=5),
    ]


def test_focus_next_goes_by_start_then_end_and_wraps(qtbot, view):
    show(view, EMOJI, spans_for(EMOJI))
    seen = []
    view.focusedSpanChanged.connect(seen.append)
    for _ in range(5):
        view.focus_next()
    assert seen == [4, 2, 3, 5, 4]  # the rejected span 1 is skipped; 4 and 2 start together, 4 ends first
    view.focus_next(-1)
    assert view.focused_span().id == 5
    view.focus_span(None)
    assert view.focused_span() is None and seen[-1] is None


def test_rejected_spans_are_hidden_until_shown(qtbot, view):
    show(view, EMOJI, spans_for(EMOJI))
    view.focus_span(1)
    assert view.focused_span() is None
    view.set_show_rejected(True)
    view.focus_span(1)
    assert view.focused_span().label == "DATE"
    view.focus_next()
    assert view.focused_span().id == 4
    view.focus_span(1)
    view.set_show_rejected(False)  # the focused span is hidden: the next one takes the focus
    assert view.focused_span().id == 4


def test_set_spans_keeps_the_focused_span_and_the_scroll_position(qtbot, view):
    long_text = EMOJI + "\n" + "Filler words in a paragraph.\n" * 60 + "Astana is the capital."
    spans = spans_for(long_text) + [span(long_text, "Astana", "GPE", id=9)]
    show(view, long_text, spans)
    view.focus_span(9)
    bar = view.verticalScrollBar().value()
    assert bar > 0  # scrolled to the focused span
    accepted = [s if s.id != 9 else Span(s.start, s.end, "GPE", s.text, state=State.ACCEPTED, id=9) for s in spans]
    view.set_spans(accepted)
    assert view.focused_span().id == 9 and view.focused_span().state == State.ACCEPTED
    assert view.verticalScrollBar().value() == bar


def test_set_spans_moves_the_focus_on_when_the_focused_span_goes(qtbot, view):
    spans = spans_for(EMOJI)
    show(view, EMOJI, spans)
    view.focus_span(3)
    with qtbot.waitSignal(view.focusedSpanChanged) as signal:
        view.set_spans([s for s in spans if s.id != 3])
    assert signal.args == [5] and view.focused_span().id == 5


def test_clicking_a_span_focuses_it(qtbot, view):
    show(view, EMOJI, spans_for(EMOJI))
    almaty = EMOJI.index("Almaty")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point(view, almaty + 2, dx=2))
    assert view.focused_span().id == 5
    tokayev = EMOJI.index("Tokayev")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point(view, tokayev + 2, dx=2))
    assert view.focused_span().id == 3  # the innermost span under the mouse
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point(view, tokayev + 2, dx=2))
    assert view.focused_span().id == 2  # clicking again walks out to the enclosing span


def test_clicking_a_label_above_a_span_focuses_it(qtbot, view):
    show(view, EMOJI, spans_for(EMOJI))
    start = point(view, EMOJI.index("Almaty"), dx=4)
    line_top = start.y() - view.cursorRect().height() // 2
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(start.x(), line_top - 8))
    assert view.focused_span().id == 5


def test_a_span_after_emoji_is_painted_over_its_own_text(qtbot, view):
    text = "😀😀😀😀 x Almaty y"
    colour = QColor("#00c000")
    view.set_label_colours({"GPE": colour})
    show(view, text, [span(text, "Almaty", "GPE", id=1)])
    image = view.viewport().grab().toImage()
    start = text.index("Almaty")

    def green(a: QPoint, b: QPoint) -> float:
        """The share of greenish pixels (fill, or glyph edges blended with it) between a and b."""
        cells = [image.pixelColor(x, y) for x in range(a.x() + 1, b.x() - 1) for y in range(a.y() - 4, a.y() + 5)]
        return sum(c.green() > c.red() + 40 and c.green() > c.blue() + 40 for c in cells) / max(1, len(cells))

    assert green(point(view, start), point(view, start + 6)) > 0.3
    assert green(point(view, start - 4), point(view, start - 1)) == 0  # four emoji would shift it here


# --- text is text; keys belong to the window ---------------------------------------------


def test_markup_is_shown_literally(qtbot, view):
    text = "<b>bold</b> &amp; <script>x</script> &lt;"
    show(view, text, [span(text, "<b>bold</b>", "ORG", id=1)])
    assert view.toPlainText() == text


def test_window_shortcuts_fire_while_the_view_has_focus(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    view = ArticleView()
    window.setCentralWidget(view)
    fired = []
    for key in ("a", "1", "Tab", "Space", "Backspace", "Ctrl+Z"):
        action = QAction(key, window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda checked=False, k=key: fired.append(k))
        window.addAction(action)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    show(view, EMOJI, spans_for(EMOJI))
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, "a")
    qtbot.keyClick(view, "1")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fired == ["a", "1", "Tab", "Space", "Backspace", "Ctrl+Z"]
    assert view.hasFocus()


def test_zoom_changes_the_font_and_is_clamped(qtbot, view):
    show(view, EMOJI, spans_for(EMOJI))
    size = view.font().pointSize()
    view.set_zoom(3)
    assert view.zoom() == 3 and view.font().pointSize() == size + 3
    view.set_zoom(1000)
    assert view.font().pointSize() <= 36 and view.zoom() == view.font().pointSize() - size


def test_label_colours_stay_readable_in_light_and_dark_mode():
    from desktop.core.label_set import default_label_set
    from desktop.ui.look.colours import contrast, fallback_colour, label_style, label_colours

    colours = label_colours(default_label_set())
    assert colours["PERSON"] == QColor("#aa9cfc")  # displaCy's, from the schema
    assert fallback_colour("MADE_UP") == fallback_colour("MADE_UP") != fallback_colour("OTHER")
    for text, page in ((QColor("#000000"), QColor("#ffffff")), (QColor("#e3e3e6"), QColor("#1b1c20"))):
        for colour in [*colours.values(), fallback_colour("MADE_UP")]:
            style = label_style(colour, text, page)
            assert contrast(style.fill, text) >= 4.5 and contrast(style.ink, page) >= 4.5
            assert abs(style.fill.hslHueF() - colour.hslHueF()) < 0.01 or colour.hslSaturationF() == 0


def test_a_new_long_document_stays_at_the_top_when_the_selection_is_cleared(qtbot, view):
    long_text = "\n\n".join(f"Paragraph {n} about Almaty and Astana." for n in range(400))
    show(view, long_text)
    show(view, long_text + " Again.")
    view.clear_selection()
    assert view.verticalScrollBar().value() == 0


def test_the_input_object_reaches_the_view_only_through_its_public_methods():
    """ArticleInput is owned by the view (`view.input`), not mixed into it: it may read no
    private attribute of the view, so the view's state can change without breaking its keys."""
    import ast
    import inspect

    from desktop.ui.article import input as article_input

    tree = ast.parse(inspect.getsource(article_input))
    private = [
        f"line {node.lineno}: .{node.attr}" for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
        and ast.unparse(node.value) in ("self.view", "view")
    ]
    assert private == []
    assert ArticleView.__mro__[1].__name__ == "QTextEdit"  # no mixin between the view and Qt
