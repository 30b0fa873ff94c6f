"""Shorter paths through the E and R palettes (issue 12's effort): a digit chooses the row it
numbers at once, and R on the event's own trigger offers (entity, role) pairs, nearest first,
so an argument is R and a digit away without reaching its span. Real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import ops
from desktop.core.model import Layer
from desktop.ui.dialogs.palette import Choice, Palette

from tests.helpers import drag, events_in, find, palette, press, type_text


def _mark_event(qtbot, window, text: str, word: str) -> int:
    """Select `word`, E, and choose Conflict:Attack by typing; returns where the word starts."""
    at = find(text, word)[0]
    drag(qtbot, window.view, at, at + len(word))
    press(qtbot, Qt.Key.Key_E)
    palette(qtbot, window)
    type_text(qtbot, "attack")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    return at


def test_a_digit_chooses_the_row_it_numbers(qtbot, events_window, events_project):
    store, doc_id, text = events_project
    clashes = find(text, "clashes")[0]
    drag(qtbot, events_window.view, clashes, clashes + len("clashes"))
    press(qtbot, Qt.Key.Key_E)
    types = palette(qtbot, events_window)
    second = [name for name, _detail, offered in types.rows() if offered][1]
    assert types.digit_for(second) == "2"
    assert types.list.topLevelItem(1).text(0) == f"2  {second}"  # the digit is on show
    press(qtbot, Qt.Key.Key_2)  # one key: no Enter
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert events_in(store, doc_id) == [(second, "clashes", [])]


def test_digits_filter_when_a_name_holds_digits(qtbot):
    box = Palette("t", [Choice("Level1", ""), Choice("Level2", "")])
    qtbot.addWidget(box)
    assert box.digit_for("Level2") is None
    qtbot.keyClicks(box.edit, "level2")
    assert box.choice() == "Level2" and box.rows()[0][0] == "Level2"


def test_r_on_the_trigger_offers_entity_role_pairs_nearest_first(qtbot, events_window, events_project):
    store, doc_id, text = events_project
    view = events_window.view
    at = _mark_event(qtbot, events_window, text, "clashes")
    assert view.focused_span().layer == Layer.TRIGGER  # where E leaves the focus
    press(qtbot, Qt.Key.Key_R)
    pairs = palette(qtbot, events_window)
    (event,) = ops.events(store, doc_id)
    rows = pairs.rows()
    assert rows and all(offered for _name, _detail, offered in rows)
    spans = {s.id: s for s in events_window.desk.spans()}
    offered = events_window.eventing.pairs(event)
    # First one row per span (its likeliest role), nearest the trigger first; then the others.
    ids = [span_id for _choice, span_id, _role in offered]
    firsts = list(dict.fromkeys(ids))
    assert ids[:len(firsts)] == firsts
    distances = [abs(spans[span_id].start - at) for span_id in firsts]
    assert distances == sorted(distances)
    # Every pair is one the role palette would offer that span (its label fits the role).
    for _choice, span_id, role in offered:
        fits = {r.name for r, why in ops.role_choices(events_window.desk.label_set, event.type, spans[span_id].label,
                                                      event) if why is None}
        assert role in fits
    place = next(c.name for c, span_id, role in offered if role == "Place" and spans[span_id].text == "Kazakhstan")
    type_text(qtbot, "kazakhstan")
    digit = pairs.digit_for(place, "kazakhstan")
    press(qtbot, getattr(Qt.Key, f"Key_{digit}"))
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [("Place", "Kazakhstan")])]
    # The focus stays on the trigger: the next R offers pairs again, without the one just added.
    assert view.focused_span().id == event.trigger.id
    press(qtbot, Qt.Key.Key_R)
    again = palette(qtbot, events_window)
    assert place not in [name for name, _d, _o in again.rows()]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert len(ops.events(store, doc_id)[0].arguments) == 1
