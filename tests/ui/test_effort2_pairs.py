"""Issue 12's effort, second round: with the current event's trigger focused, the first nine
(entity, role) pairs of R's palette are numbered on their entity spans, and that digit adds
the argument in one key (R and the digit in the palette take two). Real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import ops
from tests.helpers import drag, events_in, find, palette, press, type_text


def _event_on_clashes(qtbot, window, text):
    view = window.view
    clashes = find(text, "clashes")[0]
    drag(qtbot, view, clashes, clashes + len("clashes"))
    press(qtbot, Qt.Key.Key_E)
    palette(qtbot, window)
    type_text(qtbot, "attack")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert view.focused_span().text == "clashes"


def test_a_digit_on_the_trigger_adds_the_pair_its_tag_numbers(qtbot, events_window, events_project):
    store, doc_id, text = events_project
    view = events_window.view
    _event_on_clashes(qtbot, events_window, text)
    numbered = events_window.annotating.suggested.numbered()
    assert 1 < len(numbered) <= 9
    # The tags on show are the palette's first rows, in its order, with their digits.
    assert view.tags.tags == [(span.start, f"{n} {role}") for n, (span, role, _name) in enumerate(numbered, 1)]
    press(qtbot, Qt.Key.Key_R)
    rows = [name for name, _detail, offered in palette(qtbot, events_window).rows() if offered][:len(numbered)]
    assert rows == [name for _span, _role, name in numbered]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)

    span, role, _name = numbered[1]
    press(qtbot, Qt.Key.Key_2)  # PERSON's key elsewhere; here the second pair
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [(role, span.text)])]
    assert view.focused_span().text == "clashes"  # still on the trigger: the next digit follows
    assert (span.id, role) not in {(s.id, r) for s, r, _n in events_window.annotating.suggested.numbered()}
    assert next(s for s in store.spans.for_doc(doc_id) if s.id == span.id).label == span.label  # no relabel
    trigger = view.focused_span()
    assert trigger.label == "Conflict:Attack"

    # Off the trigger no tags show, and the digit is a label key again.
    press(qtbot, Qt.Key.Key_Tab)
    assert view.focused_span().text != "clashes" and view.tags.tags == []
    focused = view.focused_span()
    press(qtbot, Qt.Key.Key_3)  # GPE's key relabels the focused entity
    assert next(s for s in store.spans.for_doc(doc_id) if s.id == focused.id).label == "GPE"
    # Undo takes the relabel back, then the argument.
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [])]
    assert len(ops.events(store, doc_id)) == 1
