"""Issue 13 in the window: a suggested event's arguments drawn dashed, ruled on by real key
presses (Tab to the trigger, Enter, then Enter or X per argument), and their scores on hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.core.model import State
from desktop.core.offsets import Utf16Map
from desktop.nlp.models import find_model

pytestmark = pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")


def _press(qtbot, key):
    qtbot.keyClick(QApplication.focusWidget(), key)


def _with_args(store, n):
    doc_id = store.documents.ids()[0]
    return next(e for e in ops.events(store, doc_id)
                if sum(a.state == State.SUGGESTED for a in e.arguments) >= n and e.trigger.state == State.SUGGESTED)


def _tab_to(qtbot, view, span_id):
    for _ in range(200):
        _press(qtbot, Qt.Key.Key_Tab)
        if view.focused_span() is not None and view.focused_span().id == span_id:
            return
    raise AssertionError("never reached the span by Tab")


def test_enter_and_x_rule_on_the_current_events_suggested_arguments(qtbot, preannotated_window):
    win, store = preannotated_window
    event = _with_args(store, 2)
    _tab_to(qtbot, win.view, event.trigger.id)
    assert win.eventing.current().id == event.id
    # The event's suggested arguments are dashed arcs.
    dashed = [s for s in win.view.link_plan().segments if s.suggested]
    assert dashed and {s.role for s in dashed} <= {a.role for a in event.arguments}
    _press(qtbot, Qt.Key.Key_Return)  # the trigger, and so the event, accepted
    assert store.events.get(event.id)[1].state == State.ACCEPTED
    first, second = sorted((a for a in event.arguments if a.state == State.SUGGESTED),
                           key=lambda a: (a.span.start, a.span.end))[:2]
    assert win.view.focused_span().id == first.span.id  # on to its first suggested argument
    _press(qtbot, Qt.Key.Key_Return)
    assert win.view.focused_span().id == second.span.id  # and on to the next
    links = {(link.child, link.role): link.suggested for link in win.view.links()}
    assert links[(first.span.start, first.span.end), first.role] is False  # its arc is solid now
    assert links[(second.span.start, second.span.end), second.role] is True
    _press(qtbot, Qt.Key.Key_X)
    states = _states(store, event.id)
    assert states[first.span.id, first.role] == State.ACCEPTED
    assert states[second.span.id, second.role] == State.REJECTED
    assert store.spans.get(second.span.id)[1].state == second.span.state  # X left the entity span as it was
    assert store.spans.get(first.span.id)[1].state == State.ACCEPTED
    # Undo takes the X back: the link is a suggestion again.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _states(store, event.id)[second.span.id, second.role] == State.SUGGESTED


def _states(store, event_id):
    """(span id, role) -> state of every argument of the event, rejected ones too."""
    doc_id = store.documents.ids()[0]
    event = next(e for e in store.events.for_doc(doc_id, rejected=True) if e.id == event_id)
    return {(a.span.id, a.role): a.state for a in event.arguments}


def test_hovering_a_suggested_argument_shows_its_role_and_score(qtbot, preannotated_window):
    win, store = preannotated_window
    event = _with_args(store, 1)
    _tab_to(qtbot, win.view, event.trigger.id)
    arg = next(a for a in event.arguments if a.state == State.SUGGESTED)
    view = win.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(Utf16Map(view.toPlainText()).to_utf16(arg.span.start + 1))
    tip = win.relating.tips.text_at(view.cursorRect(cursor).center())
    assert tip is not None and f"Suggested {arg.role} of the {event.type} event" in tip
    assert f"score {arg.score:.2f}" in tip
    cursor.setPosition(Utf16Map(view.toPlainText()).to_utf16(event.trigger.start + 1))
    tip = win.relating.tips.text_at(view.cursorRect(cursor).center())
    assert tip is not None and f"Suggested {event.type} event, score" in tip
