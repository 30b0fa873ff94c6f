"""Issue 12's effort, third round: label-first with Shift reshapes a suggestion. The label
key, then the letters of a word of the span other than its first (or of a phrase) typed
with Shift, give the span those words and that label in one action; its first word's
letters still relabel it as it is. Real key presses."""

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


def test_label_first_with_shift_on_the_first_word_relabels_the_span_as_it_is(qtbot, window, project):
    store, doc_id = project
    view = window.view
    name = next(s for s in window.desk.spans() if s.text == "Kassym-Jomart Tokayev")
    qtbot.keyClicks(view, _key(window, "ORG"))
    _type(qtbot, view, next(h.code for h in view.hints.hints if h.start == name.start), SHIFT)
    after = _span(store, doc_id, name.id)
    assert (after.start, after.end, after.label) == (name.start, name.end, "ORG")
