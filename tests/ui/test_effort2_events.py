"""Issue 12's effort, second round, on the model's suggested events: Enter on a suggested
trigger goes to its least certain suggested argument first, and Shift+Enter accepts an
event whole (its suggested arguments still open with it, one undoable action) and goes on to
the next suggested event. Real key presses."""

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


def _scored(store):
    """A suggested event whose least certain suggested argument is not its first in reading order."""
    doc_id = store.documents.ids()[0]

    def fits(e):
        args = sorted((a for a in e.arguments if a.state == State.SUGGESTED and a.score is not None),
                      key=lambda a: (a.span.start, a.span.end))
        return len(args) >= 2 and e.state == State.SUGGESTED and args[0].score > min(a.score for a in args)

    return next(e for e in ops.events(store, doc_id) if fits(e))


def test_enter_goes_to_the_least_certain_argument_and_shift_enter_accepts_the_rest(qtbot, preannotated_window):
    win, store = preannotated_window
    view = win.view
    event = _scored(store)
    view.setFocus()
    view.focus_span(event.trigger.id)
    assert win.eventing.current_id == event.id
    _press(qtbot, Qt.Key.Key_Return)
    open_args = [a for a in event.arguments if a.state == State.SUGGESTED]
    least = min(a.score for a in open_args)
    assert view.focused_span().id in {a.span.id for a in open_args if a.score == least}
    first = view.focused_span()
    _press(qtbot, Qt.Key.Key_X)  # the least certain is wrong, say
    # Shift+Enter: the event is right as it stands; the arguments still open are accepted.
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    after = next(e for e in ops.events(store, store.documents.ids()[0]) if e.id == event.id)
    assert after.state == State.ACCEPTED and after.trigger.state == State.ACCEPTED
    states = {(a.span.id, a.role): a.state for a in after.arguments}
    rest = [a for a in open_args if a.span.id != first.id]
    assert rest and all(states.get((a.span.id, a.role)) == State.ACCEPTED for a in rest)
    assert all(states.get((a.span.id, a.role)) in (None, State.REJECTED)  # the rejected one stays so
               for a in open_args if a.span.id == first.id)
    # On to the next suggested event's trigger.
    pending = sorted((e.trigger.start, e.trigger.id) for e in ops.events(store, store.documents.ids()[0])
                     if e.state == State.SUGGESTED and (e.trigger.start, e.trigger.end) > (
                         event.trigger.start, event.trigger.end))
    if pending:
        assert view.focused_span().id == pending[0][1]
    # One undo takes the whole acceptance back.
    _press(qtbot, Qt.Key.Key_Backspace)
    back = next(e for e in ops.events(store, store.documents.ids()[0]) if e.id == event.id)
    back_states = {(a.span.id, a.role): a.state for a in back.arguments}
    assert all(back_states[(a.span.id, a.role)] == State.SUGGESTED for a in rest)
