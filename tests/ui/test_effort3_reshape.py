"""Issue 12's effort, third round: label-first with Shift reshapes a suggestion. The label
key, then the letters of a word or a phrase typed with Shift, give the span there exactly
those words and that label in one action; the letters of its own words relabel it as it
is. Real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.model import Layer, State
from tests.helpers import press

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _key(window, label):
    return next(e.key for e in window.desk.label_set.entities if e.name == label)


def _type(qtbot, view, code, modifier=Qt.KeyboardModifier.NoModifier):
    for letter in code:
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{letter.upper()}"), modifier)


def _span(store, doc_id, span_id):
    return next(s for s in store.spans.for_doc(doc_id, layer=Layer.ENTITY) if s.id == span_id)


def test_label_first_with_shift_on_another_word_gives_the_span_that_word_and_label(qtbot, window, project):
    store, doc_id = project
    view = window.view
    name = next(s for s in window.desk.spans() if s.text == "Kassym-Jomart Tokayev")
    last = name.start + len("Kassym-Jomart ")
    qtbot.keyClicks(view, _key(window, "ORG"))
    assert view.hints.active
    _type(qtbot, view, next(h.code for h in view.hints.hints if h.start == last), SHIFT)
    after = _span(store, doc_id, name.id)
    assert (after.start, after.end, after.label, after.state) == (last, name.end, "ORG", State.ACCEPTED)
    assert not any((s.start, s.end) == (name.start, name.end) and s.state != State.REJECTED
                   for s in store.spans.for_doc(doc_id, layer=Layer.ENTITY))
    assert view.focused_span() is None  # as after marking: the next label key starts again
    press(qtbot, Qt.Key.Key_Backspace)  # one undo takes the words and the label back
    back = _span(store, doc_id, name.id)
    assert (back.start, back.end, back.label) == (name.start, name.end, name.label)


def test_label_first_with_shift_on_its_first_word_shrinks_it_and_on_its_own_words_relabels(qtbot, window,
                                                                                           project):
    store, doc_id = project
    view = window.view
    name = next(s for s in window.desk.spans() if s.text == "Kassym-Jomart Tokayev")
    qtbot.keyClicks(view, _key(window, "ORG"))
    own = next((h for h in view.hints.phrases if (h.start, h.end) == (name.start, name.end)), None)
    assert own is not None
    _type(qtbot, view, own.code, SHIFT)  # the phrase of its own words: a relabel, the words kept
    after = _span(store, doc_id, name.id)
    assert (after.start, after.end, after.label) == (name.start, name.end, "ORG")
    qtbot.keyClicks(view, _key(window, "PERSON"))
    first = next(h for h in view.hints.hints if h.start == name.start)  # its first word's own hint: "Kassym"
    _type(qtbot, view, first.code, SHIFT)
    after = _span(store, doc_id, name.id)
    assert (after.start, after.end, after.label) == (name.start, first.end, "PERSON")
