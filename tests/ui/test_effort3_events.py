"""Issue 12's effort, third round, on the model's suggested events: Shift+X accepts the
current event and rejects every suggested argument still open (one undoable action), then
goes on to the next suggested event. Real key presses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.core.model import State
from desktop.nlp.models import find_model

pytestmark = pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _events(store):
    return ops.events(store, store.documents.ids()[0])


def test_shift_x_accepts_the_event_and_rejects_its_open_arguments(qtbot, preannotated_window):
    win, store = preannotated_window
    view = win.view
    event = next(e for e in _events(store) if e.state == State.SUGGESTED
                 and sum(a.state == State.SUGGESTED for a in e.arguments) >= 2)
    open_args = {(a.span.id, a.role) for a in event.arguments if a.state == State.SUGGESTED}
    view.setFocus()
    view.focus_span(event.trigger.id)
    assert win.eventing.current_id == event.id
    _press(qtbot, Qt.Key.Key_Return)  # on to its first suggested argument: Shift+X works from there too
    first = view.focused_span()
    assert (first.id, next(a.role for a in event.arguments if a.span.id == first.id)) in open_args
    _press(qtbot, Qt.Key.Key_Return)  # that one is right
    _press(qtbot, Qt.Key.Key_X, Qt.KeyboardModifier.ShiftModifier)
    after = next(e for e in _events(store) if e.id == event.id)
    assert after.state == State.ACCEPTED and after.trigger.state == State.ACCEPTED
    states = {(a.span.id, a.role): a.state for a in after.arguments}
    assert states[(first.id, next(r for s, r in open_args if s == first.id))] == State.ACCEPTED
    rest = [k for k in open_args if k[0] != first.id]
    assert rest and all(states.get(k) in (None, State.REJECTED) for k in rest)
    assert not any(a.state == State.SUGGESTED for a in after.arguments)
    # On to the next suggested event's trigger, as after Shift+Enter.
    pending = sorted((e.trigger.start, e.trigger.end, e.trigger.id) for e in _events(store)
                     if e.state == State.SUGGESTED)
    later = [p for p in pending if p[:2] > (event.trigger.start, event.trigger.end)]
    if pending:
        assert view.focused_span().id == (later or pending)[0][2]
    # One undo takes the whole verdict back: the rejected arguments are suggestions again.
    _press(qtbot, Qt.Key.Key_Backspace)
    back = next(e for e in _events(store) if e.id == event.id)
    back_states = {(a.span.id, a.role): a.state for a in back.arguments}
    assert all(back_states[k] == State.SUGGESTED for k in rest)


def test_shift_x_away_from_the_current_event_says_how_and_changes_nothing(qtbot, preannotated_window):
    win, store = preannotated_window
    view = win.view
    before = {(e.id, e.state, tuple(a.state for a in e.arguments)) for e in _events(store)}
    view.setFocus()
    _press(qtbot, Qt.Key.Key_Escape)
    _press(qtbot, Qt.Key.Key_Escape)
    messages = []
    win.desk.message.connect(messages.append)
    _press(qtbot, Qt.Key.Key_X, Qt.KeyboardModifier.ShiftModifier)
    assert any("Shift+X" in m for m in messages)
    assert {(e.id, e.state, tuple(a.state for a in e.arguments)) for e in _events(store)} == before
