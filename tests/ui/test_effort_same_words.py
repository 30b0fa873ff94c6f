"""The same words, the same label (issue 12's effort; INCEpTION's string-matching
recommender): marking or relabelling words offers their label wherever the same words stand
again in the document, as suggestions, in the same action. Real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.core.model import Layer, Source, Span, State
from tests.helpers import press

CTRL = Qt.KeyboardModifier.ControlModifier


def _key(window, label):
    return next(e.key for e in window.desk.label_set.entities if e.name == label)


def _jump(qtbot, view, start):
    """`;` and the hint letters of the word at `start`: it is selected."""
    press(qtbot, Qt.Key.Key_Semicolon)
    hint = next(h for h in view.hints.hints if h.start == start)
    for letter in hint.code:
        qtbot.keyClicks(view, letter)
    assert view.selection()[0] == start


def _entities(store, doc_id):
    return {(s.start, s.end, s.label, s.state) for s in store.spans.for_doc(doc_id, layer=Layer.ENTITY)}


def _all(text, words):
    at, out = text.find(words), []
    while at >= 0:
        out.append(at)
        at = text.find(words, at + 1)
    return out


def test_marking_words_offers_their_label_on_the_same_words_elsewhere(qtbot, window, project):
    store, doc_id = project
    view = window.view
    text = store.documents.text(doc_id)
    places = _all(text, "CSTO")
    assert len(places) >= 3
    _jump(qtbot, view, places[0])
    qtbot.keyClicks(view, _key(window, "ORG"))
    spans = _entities(store, doc_id)
    assert (places[0], places[0] + 4, "ORG", State.ACCEPTED) in spans
    for at in places[1:]:
        assert (at, at + 4, "ORG", State.SUGGESTED) in spans  # offered, not imposed
    # One undo takes the mark and its offers back together.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert not any(s[2] == "ORG" and text[s[0]:s[1]] == "CSTO" for s in _entities(store, doc_id))


def test_a_refused_offer_is_not_made_again_and_other_spans_are_left_alone(qtbot, window, project):
    store, doc_id = project
    view = window.view
    text = store.documents.text(doc_id)
    first, second, *_rest = _all(text, "CSTO")
    _jump(qtbot, view, first)
    qtbot.keyClicks(view, _key(window, "ORG"))
    offered = store.spans.find(doc_id, second, second + 4, "ORG", Layer.ENTITY)
    view.focus_span(offered.id)
    press(qtbot, Qt.Key.Key_X)
    assert store.spans.get(offered.id)[1].state == State.REJECTED
    # Marking another CSTO the same way does not offer the refused one anew.
    third = _all(text, "CSTO")[2]
    _jump(qtbot, view, third)
    qtbot.keyClicks(view, _key(window, "ORG"))
    assert store.spans.get(offered.id)[1].state == State.REJECTED
    # "Kazakhstan" (a suggested GPE in the fixture) is not "Kazakh": only whole words match.
    kazakhs = [at for at in _all(text, "Kazakh") if text[at:at + 10] != "Kazakhstan"]
    _jump(qtbot, view, kazakhs[0])
    qtbot.keyClicks(view, _key(window, "NORP"))
    words = {text[s[0]:s[1]] for s in _entities(store, doc_id) if s[2] == "NORP"}
    assert "Kazakh" in words and "Kazakhstan" not in words


def test_relabelling_a_suggestion_relabels_its_twins_still_as_suggestions(qtbot, window, project):
    store, doc_id = project
    text = store.documents.text(doc_id)
    kazakhs = [at for at in _all(text, "Kazakh") if text[at:at + 10] != "Kazakhstan"][:3]
    spans = [Span(at, at + 6, "ORG", "Kazakh", source=Source.MODEL, state=State.SUGGESTED, model="m@1")
             for at in kazakhs]
    ops.save_suggestions(store, ops.PreannotateReport("m@1"), [(doc_id, spans)])
    window.desk.open_doc(doc_id)
    view = window.view
    first = store.spans.find(doc_id, kazakhs[0], kazakhs[0] + 6, "ORG", Layer.ENTITY)
    view.setFocus()
    for _ in range(100):
        if view.focused_span() is not None and view.focused_span().id == first.id:
            break
        press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), _key(window, "NORP"))
    after = _entities(store, doc_id)
    assert (kazakhs[0], kazakhs[0] + 6, "NORP", State.ACCEPTED) in after
    for at in kazakhs[1:]:
        assert (at, at + 6, "NORP", State.SUGGESTED) in after
        assert (at, at + 6, "ORG", State.SUGGESTED) not in after


SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_a_hint_typed_with_shift_focuses_the_span_on_that_word(qtbot, window, project):
    """`;` and a word's hint with Shift: the span holding the word gets the focus (X, Enter, a
    label key then act on it) instead of the word being selected."""
    store, doc_id = project
    view = window.view
    text = store.documents.text(doc_id)
    target = next(s for s in window.desk.spans() if s.text == "Kassym-Jomart Tokayev")
    press(qtbot, Qt.Key.Key_Semicolon)
    assert "with Shift, to focus the span" in window.status.currentMessage()  # said where it is used
    hint = next(h for h in view.hints.hints if h.start == target.start)
    for letter in hint.code:
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{letter.upper()}"), SHIFT)
    assert not view.hints.active and view.selection() is None
    assert view.focused_span().id == target.id
    press(qtbot, Qt.Key.Key_X)  # and X acts on it
    assert store.spans.get(target.id)[1].state == State.REJECTED
    # A word under no span is selected, Shift or not.
    free = text.index("withdrawal")
    press(qtbot, Qt.Key.Key_Semicolon)
    hint = next(h for h in view.hints.hints if h.start == free)
    for letter in hint.code:
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{letter.upper()}"), SHIFT)
    assert view.selection() == (free, free + len("withdrawal"))


def test_pgdown_while_hints_show_scrolls_a_screen_and_letters_the_words_there(qtbot, window, project):
    store, doc_id = project
    view = window.view
    window.resize(900, 420)
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    text = store.documents.text(doc_id)
    press(qtbot, Qt.Key.Key_Semicolon)
    before = {h.start for h in view.hints.hints}
    last = text.rindex("Tokayev")
    assert last not in before  # further down, not lettered yet
    for _ in range(40):
        if any(h.start == last for h in view.hints.hints):
            break
        press(qtbot, Qt.Key.Key_PageDown)
        assert view.hints.active  # still choosing a word, not the next document
    assert store.documents.ids()[0] == window.desk.doc_id
    hint = next(h for h in view.hints.hints if h.start == last)
    for letter in hint.code:
        qtbot.keyClicks(view, letter)
    assert view.selection() == (last, last + len("Tokayev"))
    press(qtbot, Qt.Key.Key_Semicolon)
    press(qtbot, Qt.Key.Key_PageUp)
    assert view.hints.active and any(h.start < last for h in view.hints.hints)


def test_shift_right_steps_over_a_hyphenated_word_at_once(qtbot, window, project):
    """"Russian-led military alliance" is three steps from "Russian", not five: the hyphen
    and the word after it come with the word before (no space between)."""
    store, doc_id = project
    view = window.view
    text = store.documents.text(doc_id)
    at = text.index("Russian-led military alliance")
    _jump(qtbot, view, at)
    assert view.selection() == (at, at + len("Russian"))  # a hint selects the token alone
    for words in ("Russian-led", "Russian-led military", "Russian-led military alliance"):
        press(qtbot, Qt.Key.Key_Right, SHIFT)
        assert view.selection() == (at, at + len(words))
    for words in ("Russian-led military", "Russian-led"):
        press(qtbot, Qt.Key.Key_Left, SHIFT)
        assert view.selection() == (at, at + len(words))
    # "Kazakhstan: Military": a colon joins nothing.
    head = text.index("Kazakhstan: Military")
    _jump(qtbot, view, head)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.selection() == (head, head + len("Kazakhstan: Military"))


def test_words_inside_a_span_get_their_letters_last(qtbot, window, project):
    """A new span seldom starts inside another and a span is reached by its first word: the
    short letters go to the other words, so "Tokayev" in "Kassym-Jomart Tokayev" waits."""
    store, doc_id = project
    view = window.view
    span = next(s for s in window.desk.spans() if s.text == "Kassym-Jomart Tokayev")
    view.input.select(span.end, span.end)  # the caret just after the span
    press(qtbot, Qt.Key.Key_Semicolon)
    hints = view.hints.hints
    inner = [n for n, h in enumerate(hints) if span.start < h.start < span.end]
    outer = [n for n, h in enumerate(hints) if not span.start < h.start < span.end]
    assert inner and max(outer) < min(inner)
    first = next(h for h in hints if h.start == span.start)
    tokayev = next(h for h in hints if h.start == span.end - len("Tokayev"))
    assert len(first.code) <= len(tokayev.code)
