"""The jump letters stay readable: no two tags cover each other (a word starting several
phrases, or a short word, once hid its neighbours' letters), and a phrase's tag sits on its
line at or after its first word's. Real key presses in the real window."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import Qt

from tests.helpers import press


def test_no_two_jump_tags_overlap_and_a_phrase_tag_follows_its_first_word(qtbot, window):
    view = window.view
    press(qtbot, Qt.Key.Key_Semicolon)
    words, phrases = view.hints.hints, view.hints.phrases
    assert len(words) > 50 and len(phrases) > 10  # the seed article's first screen
    tags = [h.at for h in words + phrases]
    overlapping = [(a, b) for a, b in combinations(tags, 2) if a.intersects(b)]
    assert overlapping == []
    first_words = {h.start: h.at for h in words}
    for phrase in phrases:
        word = first_words[phrase.start]  # its first word's tag, in the band over the line
        assert phrase.at.top() == word.top() and phrase.at.left() > word.left()
