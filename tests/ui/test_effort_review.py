"""Issue 12's effort, on the model's suggested events: once a suggested event is ruled on
(X rejects it, Enter accepts it, its last suggested argument is ruled on) the focus moves
on to the next suggested event's trigger, so reviewing a list of suggestions spends no keys
on reaching the next one. Real key presses in the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import ops
from desktop.core.model import State
from desktop.nlp.models import find_model
from tests.helpers import press

pytestmark = pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")


def _events(store):
    return ops.events(store, store.documents.ids()[0])


def _pending(store):
    """The suggested events, in reading order."""
    return [e for e in _events(store) if e.state == State.SUGGESTED]


def _tab_to(qtbot, view, span_id):
    for _ in range(300):
        press(qtbot, Qt.Key.Key_Tab)
        if view.focused_span() is not None and view.focused_span().id == span_id:
            return
    raise AssertionError("never reached the span by Tab")


def _next_after(store, event):
    return next(e for e in _pending(store) if (e.trigger.start, e.trigger.end) > (event.trigger.start, event.trigger.end))


def test_x_on_a_suggested_trigger_rejects_its_event_and_focuses_the_next_suggested_event(qtbot, preannotated_window):
    win, store = preannotated_window
    first, second = _pending(store)[:2]
    _tab_to(qtbot, win.view, first.trigger.id)
    press(qtbot, Qt.Key.Key_X)
    assert first.id not in {e.id for e in _events(store)}  # the event is gone
    assert win.view.focused_span().id == second.trigger.id  # one key per wrong event, no Tabs
    assert win.eventing.current().id == second.id
    press(qtbot, Qt.Key.Key_X)
    assert second.id not in {e.id for e in _events(store)}
    assert win.view.focused_span().id == _pending(store)[0].trigger.id


def test_enter_on_a_suggested_event_without_arguments_accepts_it_and_moves_to_the_next(qtbot, preannotated_window):
    win, store = preannotated_window
    bare = next(e for e in _pending(store) if not e.arguments)
    following = _next_after(store, bare)
    _tab_to(qtbot, win.view, bare.trigger.id)
    press(qtbot, Qt.Key.Key_Return)
    assert next(e for e in _events(store) if e.id == bare.id).state == State.ACCEPTED
    assert win.view.focused_span().id == following.trigger.id


def test_ruling_on_the_last_suggested_argument_moves_to_the_next_suggested_event(qtbot, preannotated_window):
    win, store = preannotated_window
    event = next(e for e in _pending(store) if len(e.arguments) == 1 and e.trigger.state == State.SUGGESTED)
    following = _next_after(store, event)
    _tab_to(qtbot, win.view, event.trigger.id)
    press(qtbot, Qt.Key.Key_Return)  # the event accepted, on to its one suggested argument
    assert win.view.focused_span().id == event.arguments[0].span.id
    press(qtbot, Qt.Key.Key_X)  # that argument rejected: nothing of this event is left open
    assert not next(e for e in _events(store) if e.id == event.id).arguments
    assert win.view.focused_span().id == following.trigger.id
    assert win.eventing.current().id == following.id


def test_enter_on_an_accepted_trigger_still_goes_to_its_open_arguments(qtbot, preannotated_window):
    """Back on an accepted trigger (the annotator returned to it) whose event still has
    suggested arguments, Enter goes to the first of them rather than on to the next event."""
    win, store = preannotated_window
    event = next(e for e in _pending(store) if len(e.arguments) >= 2 and e.trigger.state == State.SUGGESTED)
    first = min(event.arguments, key=lambda a: (a.span.start, a.span.end))
    _tab_to(qtbot, win.view, event.trigger.id)
    press(qtbot, Qt.Key.Key_Return)  # accepted; on to its first suggested argument
    assert win.view.focused_span().id == first.span.id
    win.eventing.focus_trigger(event.id)  # back to the trigger (as the events panel's Enter does)
    assert next(e for e in _events(store) if e.id == event.id).trigger.state == State.ACCEPTED
    press(qtbot, Qt.Key.Key_Return)
    assert win.view.focused_span().id == first.span.id
    assert next(e for e in _events(store) if e.id == event.id).state == State.ACCEPTED


def test_digits_choose_pairs_even_when_an_entitys_words_hold_a_number(qtbot, preannotated_window):
    """The seed's entities include dates and "2,000 soldiers": in the pairs palette a digit
    still chooses the row it numbers (one key), it does not filter."""
    win, store = preannotated_window
    event = max(_pending(store), key=lambda e: len(e.arguments))
    _tab_to(qtbot, win.view, event.trigger.id)
    press(qtbot, Qt.Key.Key_R)
    palette = win.eventing.palette
    names = [name for name, _detail, offered in palette.rows() if offered]
    assert any(ch.isdigit() for name in names for ch in name)  # a row holds a digit...
    third = names[2]
    press(qtbot, Qt.Key.Key_3, widget=palette.edit)  # ...and 3 still chooses the third row
    qtbot.waitUntil(lambda: win.eventing.palette is None)
    span_text, role = third.split(" → ")
    added = next(e for e in _events(store) if e.id == event.id)
    assert any(a.role == role.split(" (")[0] and a.span.text.startswith(span_text.rstrip("…")[:10])
               and a.state == State.ACCEPTED for a in added.arguments)
