"""Issue 12's effort, second round: with the current event's trigger focused, the first
(entity, role) pairs of R's palette are tagged on their entity spans with the entity labels'
keys (digits 1-9 as in the palette, then 0 and the letters), and that key adds the argument
in one press (R and the digit in the palette take two). Real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import ops
from tests.helpers import drag, events_in, find, palette, press, type_text


def _event_on(qtbot, window, text, word="clashes", typed="attack"):
    """Drag over `word`, press E, pick the type `typed` finds: the new trigger is focused."""
    view = window.view
    start = find(text, word)[0]
    drag(qtbot, view, start, start + len(word))
    press(qtbot, Qt.Key.Key_E)
    palette(qtbot, window)
    type_text(qtbot, typed)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert view.focused_span().text == word


def test_a_digit_on_the_trigger_adds_the_pair_its_tag_numbers(qtbot, events_window, events_project):
    store, doc_id, text = events_project
    view = events_window.view
    _event_on(qtbot, events_window, text)
    suggested = events_window.annotating.suggested
    numbered, keys = suggested.numbered(), suggested.tag_keys()
    assert keys[:9] == list("123456789") and "0" in keys and "u" in keys  # then the label letters
    assert 9 < len(numbered) <= len(keys)
    # The tags on show are the palette's first rows, in its order, with their keys.
    assert view.tags.tags == [(span.start, f"{key.upper()} {role}")
                              for key, (span, role, _name) in zip(keys, numbered)]
    press(qtbot, Qt.Key.Key_R)
    rows = [name for name, _detail, offered in palette(qtbot, events_window).rows() if offered][:len(numbered)]
    assert rows == [name for _span, _role, name in numbered]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)

    span, role, _name = numbered[1]
    press(qtbot, Qt.Key.Key_2)  # PERSON's key elsewhere; here the second pair
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [(role, span.text)])]
    assert view.focused_span().text == "clashes"  # still on the trigger: the next digit follows
    assert (span.id, role) not in {(s.id, r) for s, r, _n in suggested.numbered()}
    # Past the ninth, a label letter: the pair tagged with it.
    tenth_key, (tenth, tenth_role, _name) = keys[9], suggested.numbered()[9]
    qtbot.keyClicks(view, tenth_key)
    assert (tenth_role, tenth.text) in events_in(store, doc_id)[0][2]
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [(role, span.text)])]
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


def test_a_spans_likeliest_role_is_its_most_specific_one(qtbot, events_window, events_project):
    """A PERSON in a Life:Die event is likelier its Victim (PERSON only) than its Agent (any
    actor): that pair comes first, so its tag is a digit."""
    store, doc_id, text = events_project
    _event_on(qtbot, events_window, text, "killed", "life:die")
    rows = [(span.text, role) for span, role, _name in events_window.annotating.suggested.numbered()]
    person = [role for words, role in rows if words == "Kassym-Jomart Tokayev"]
    assert person[0] == "Victim" and (not person[1:] or person[1] == "Agent")
