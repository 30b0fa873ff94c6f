"""Issue 12's effort, second round: phrase hints (one hint selects a multi-word stretch),
label-first marking (a label key with nothing in hand shows the hints; the letters then
mark), and span edges that step over hyphenated words. Real key presses."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from desktop.core.model import Layer, State, Token
from desktop.ui.article.phrases import phrases
from tests.helpers import press

SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def _key(window, label):
    return next(e.key for e in window.desk.label_set.entities if e.name == label)


def _type(qtbot, view, code, modifier=Qt.KeyboardModifier.NoModifier):
    for letter in code:
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{letter.upper()}"), modifier)


def _entities(store, doc_id):
    return {(s.start, s.end, s.label, s.state) for s in store.spans.for_doc(doc_id, layer=Layer.ENTITY)}


def _tokens(text):
    """Whitespace-and-punctuation tokens, as spaCy would cut this small text."""
    return [Token(m.start(), m.end(), False) for m in re.finditer(r"\d[\d,.]*\d|\w+|[^\w\s]", text)]


def test_phrases_are_joined_words_runs_of_content_words_and_quantities():
    text = "The Russian-led military alliance sent more than 2,000 soldiers to Kazakh President Kassym-Jomart Tokayev."
    found = {text[a:b] for a, b in phrases(text, _tokens(text))}
    for wanted in ("Russian-led", "Russian-led military alliance", "Kassym-Jomart", "Kassym-Jomart Tokayev",
                   "Kazakh President Kassym-Jomart Tokayev", "more than 2,000 soldiers", "2,000 soldiers",
                   "more than 2,000", "military alliance sent"):
        assert wanted in found
    # Never across a function word or punctuation, never one token alone.
    assert not any(w in found for w in ("sent more", "alliance sent more", "soldiers to", "Tokayev.", "The Russian"))
    assert "military alliance" not in found  # a run's beginnings and endings only: the middle waits
    assert "sent" not in found and "Tokayev" not in found
    many = "Tokayev said hundreds of civilians and members of the security forces were killed, said the head of state."
    found = {many[a:b] for a, b in phrases(many, _tokens(many))}
    for wanted in ("hundreds of civilians", "members of the security forces", "members of the security",
                   "head of state"):
        assert wanted in found
    assert not any(w in found for w in ("civilians and members", "forces were", "state."))


def test_a_phrase_hint_selects_the_whole_phrase_and_a_label_key_marks_it(qtbot, window, project):
    store, doc_id = project
    view = window.view
    text = view.toPlainText()
    at = text.index("military equipment")
    press(qtbot, Qt.Key.Key_Semicolon)
    hint = next(h for h in view.hints.phrases if (h.start, h.end) == (at, at + len("military equipment")))
    word = next(h for h in view.hints.hints if h.start == at)
    assert hint.code != word.code and hint.phrase and not word.phrase
    _type(qtbot, view, hint.code)
    assert not view.hints.active
    assert view.selection() == (at, at + len("military equipment"))
    press(qtbot, Qt.Key.Key_4)  # a label key marks the phrase, no Shift+Right per word
    assert (at, at + len("military equipment"), "LOC", State.ACCEPTED) in _entities(store, doc_id)


def test_label_first_marks_the_word_whose_letters_follow_and_keeps_going(qtbot, window, project):
    store, doc_id = project
    view = window.view
    text = view.toPlainText()
    assert view.focused_span() is None and view.selection() is None
    qtbot.keyClicks(view, _key(window, "ORG"))  # nothing in hand: the label key shows the hints
    assert view.hints.active
    at = text.index("CSTO")
    _type(qtbot, view, next(h.code for h in view.hints.hints if h.start == at))
    assert not view.hints.active
    assert (at, at + 4, "ORG", State.ACCEPTED) in _entities(store, doc_id)
    # Nothing is focused afterwards, so the next label key starts the same again (not a relabel).
    assert view.focused_span() is None and view.selection() is None
    qtbot.keyClicks(view, _key(window, "WEA"))
    phrase = text.index("military equipment")
    _type(qtbot, view, next(h.code for h in view.hints.phrases
                            if (h.start, h.end) == (phrase, phrase + len("military equipment"))))
    spans = _entities(store, doc_id)
    assert (phrase, phrase + len("military equipment"), "WEA", State.ACCEPTED) in spans
    assert (at, at + 4, "ORG", State.ACCEPTED) in spans  # the first mark kept its label


def test_label_first_with_shift_relabels_the_span_there_and_esc_marks_nothing(qtbot, window, project):
    store, doc_id = project
    view = window.view
    russian = next(s for s in window.desk.spans() if s.text == "Russian")
    qtbot.keyClicks(view, _key(window, "GPE"))
    _type(qtbot, view, next(h.code for h in view.hints.hints if h.start == russian.start), SHIFT)
    assert (russian.start, russian.end, "GPE") in {(s[0], s[1], s[2]) for s in _entities(store, doc_id)}
    assert view.focused_span() is None  # as after marking: the next label key starts again
    before = _entities(store, doc_id)
    qtbot.keyClicks(view, _key(window, "ORG"))
    assert view.hints.active
    press(qtbot, Qt.Key.Key_Escape)  # letters put away: nothing marked
    assert not view.hints.active and _entities(store, doc_id) == before
    # With a span focused, the label key still relabels it (no hints).
    press(qtbot, Qt.Key.Key_Tab)
    focused = view.focused_span()
    qtbot.keyClicks(view, _key(window, "ORG"))
    assert not view.hints.active
    assert next(s for s in window.desk.spans() if s.id == focused.id).label == "ORG"


def test_span_edges_step_over_a_hyphenated_word_at_once(qtbot, window, project):
    store, doc_id = project
    view = window.view
    tokayev = next(s for s in window.desk.spans() if s.text == "Kassym-Jomart Tokayev")
    view.focus_span(tokayev.id)
    press(qtbot, Qt.Key.Key_Left, ALT_SHIFT)  # grow the start: "President" joins
    assert view.focused_span().text == "President Kassym-Jomart Tokayev"
    press(qtbot, Qt.Key.Key_Right, ALT_SHIFT)  # shrink it back: "President" goes
    assert view.focused_span().text == "Kassym-Jomart Tokayev"
    press(qtbot, Qt.Key.Key_Right, ALT_SHIFT)  # "Kassym-Jomart" goes whole, not "Kassym" then "-"
    assert view.focused_span().text == "Tokayev"
    press(qtbot, Qt.Key.Key_Left, ALT_SHIFT)
    assert view.focused_span().text == "Kassym-Jomart Tokayev"
    press(qtbot, Qt.Key.Key_Left, SHIFT)  # shrink the end: "Tokayev" goes
    assert view.focused_span().text == "Kassym-Jomart"
    press(qtbot, Qt.Key.Key_Left, SHIFT)  # inside one joined word: its last part goes
    assert view.focused_span().text == "Kassym"
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.focused_span().text == "Kassym-Jomart"


def test_after_enter_or_x_on_a_suggestion_the_focus_goes_to_the_next_suggestion(qtbot, window, project):
    """Spans already decided between two suggestions are stepped over: the reviewer's eyes go
    to the next suggestion. Tab from the caret after Esc is as before."""
    store, doc_id = project
    view = window.view
    text = view.toPlainText()
    gear = text.index("military equipment")
    assert text.count("military equipment") == 1  # no same-words offer elsewhere
    qtbot.keyClicks(view, _key(window, "WEA"))  # an accepted span between "Russian" and Tokayev
    _type(qtbot, view, next(h.code for h in view.hints.phrases if (h.start, h.end) == (gear, gear + 18)))
    assert (gear, gear + 18, "WEA", State.ACCEPTED) in _entities(store, doc_id)
    russian = next(s for s in window.desk.spans() if s.text == "Russian")
    view.focus_span(russian.id)
    press(qtbot, Qt.Key.Key_X)
    assert view.focused_span().text == "Kassym-Jomart Tokayev"  # not the accepted span before it
    press(qtbot, Qt.Key.Key_Return)  # accepted; the one suggestion left is before it: wrap
    assert view.focused_span().text == "Kazakhstan"
    press(qtbot, Qt.Key.Key_Return)  # none left: the next span, as before
    assert view.focused_span() is not None and view.focused_span().state == State.ACCEPTED
    press(qtbot, Qt.Key.Key_Escape)
    assert view.focused_span() is None
    press(qtbot, Qt.Key.Key_Tab)  # Tab goes on from the caret: the span after the one left
    assert view.focused_span() is not None and view.focused_span().start > text.index("Kazakhstan")


def test_a_shrunk_span_does_not_end_on_a_punctuation_mark(qtbot, window, project):
    store, doc_id = project
    view = window.view
    kazakhstan = next(s for s in window.desk.spans() if s.text == "Kazakhstan")
    view.focus_span(kazakhstan.id)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    press(qtbot, Qt.Key.Key_Right, SHIFT)  # the colon, then the next word (as the model may suggest it)
    assert view.focused_span().text == "Kazakhstan: Military"
    press(qtbot, Qt.Key.Key_Left, SHIFT)  # one key back: no "Kazakhstan:" on the way
    assert view.focused_span().text == "Kazakhstan"
