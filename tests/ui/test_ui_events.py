"""Events, arguments and document labels in the real window, by real key presses and a mouse
drag, then checked in the database (and again after closing and reopening it)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.core.model import Layer, Span, State

from tests.helpers import drag, events_in, find, palette, press, type_text

SHIFT, CTRL, ALT = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def tab_to(qtbot, window, text: str, label: str | None = None) -> Span:
    """Tab through the spans until the one reading `text` (and labelled `label`) has the focus."""
    for _ in range(60):
        press(qtbot, Qt.Key.Key_Tab)
        span = window.view.focused_span()
        if span.text == text and (label is None or span.label == label):
            return span
    raise AssertionError(f"no span {text!r} to Tab to")


def test_e_types_ahead_and_marks_the_event_r_links_an_argument(qtbot, events_window, events_project):
    store, doc_id, text = events_project
    view = events_window.view
    clashes = find(text, "clashes")[0]
    drag(qtbot, view, clashes, clashes + len("clashes"))
    assert view.selection() == (clashes, clashes + len("clashes"))

    press(qtbot, Qt.Key.Key_E)
    types = palette(qtbot, events_window)
    assert len(types.rows()) == 33
    type_text(qtbot, "attack")
    assert types.rows()[0][0] == "Conflict:Attack"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [])]
    (event,) = ops.events(store, doc_id)
    assert events_window.eventing.current_id == event.id  # the new event is current, and it shows
    assert "Conflict:Attack" in events_window.header.event_text()
    assert events_window.events_panel.rows()[0].startswith("Conflict:Attack · “clashes”")
    assert view.focused_span().layer == Layer.TRIGGER

    # Tab to an entity (a suggestion), R, and choose Place by typing: the argument is stored.
    kazakhstan = tab_to(qtbot, events_window, "Kazakhstan", "GPE")
    press(qtbot, Qt.Key.Key_R)
    roles = palette(qtbot, events_window)
    rows = {name: (detail, offered) for name, detail, offered in roles.rows()}
    assert rows["Place"][1] and rows["Attacker"][1]
    # A role GPE may not fill is listed, greyed, with the reason.
    assert rows["Target"] == ("Target takes PERSON, ORG, NORP, VEH, FAC or WEA, not GPE.", False)
    assert rows["Instrument"] == ("Instrument takes WEA or VEH, not GPE.", False)
    type_text(qtbot, "pla")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [("Place", "Kazakhstan")])]
    assert store.spans.get(kazakhstan.id)[1].state == State.ACCEPTED  # used as an argument: accepted
    assert events_window.eventing.current_id == event.id  # still current: R again adds to it
    assert [link.role for link in view.links()] == ["Place"]  # its arc is drawn

    # A greyed role cannot be chosen: Enter on "target" does nothing, Esc closes.
    press(qtbot, Qt.Key.Key_R)
    roles = palette(qtbot, events_window)
    type_text(qtbot, "target")
    assert roles.choice() is None
    press(qtbot, Qt.Key.Key_Return)
    assert roles.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert len(ops.events(store, doc_id)[0].arguments) == 1

    # Undo takes the argument back, then the event; redo brings both.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [])]
    assert view.links() == []
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert events_in(store, doc_id) == []
    assert events_window.eventing.current_id is None and events_window.events_panel.rows() == []
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [("Place", "Kazakhstan")])]

    events_window.close()
    store.close()
    with ops.open_project(store.path) as reopened:
        assert events_in(reopened, doc_id) == [("Conflict:Attack", "clashes", [("Place", "Kazakhstan")])]


def test_keyboard_alone_marks_an_event_its_arguments_and_edits_them_in_the_panel(qtbot, events_window, events_project):
    """"Tokayev visited Almaty on Wednesday": no mouse at all. The caret follows the focused span;
    Esc drops the focus, Ctrl+Left moves the caret a word, Shift+Right selects."""
    store, doc_id, _text = events_project
    view = events_window.view
    tab_to(qtbot, events_window, "Almaty", "GPE")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Left, CTRL)
    press(qtbot, Qt.Key.Key_Left, CTRL)  # the caret is before "visited"
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.words(*view.selection()) == "visited"
    press(qtbot, Qt.Key.Key_E)
    palette(qtbot, events_window)
    type_text(qtbot, "transport")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert "  ⚠ missing required Artifact" in events_window.events_panel.rows()  # flagged until it is filled

    for word, label, role in (("Almaty", "GPE", "dest"), ("Wednesday", "DATE", "time")):
        tab_to(qtbot, events_window, word, label)
        press(qtbot, Qt.Key.Key_R)
        roles = palette(qtbot, events_window)
        if word == "Almaty":
            assert ("Artifact", "Artifact takes PERSON, WEA or VEH, not GPE.", False) in roles.rows()
        type_text(qtbot, role)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: events_window.eventing.palette is None)

    # A new entity by keyboard: back to the trigger, Esc, Ctrl+Left twice, Shift+Right, PERSON's key.
    tab_to(qtbot, events_window, "visited")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Left, CTRL)
    press(qtbot, Qt.Key.Key_Left, CTRL)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.words(*view.selection()) == "Tokayev"
    press(qtbot, Qt.Key.Key_1)
    assert view.focused_span().text == "Tokayev" and view.focused_span().label == "PERSON"
    press(qtbot, Qt.Key.Key_R)  # the event made current by focusing "visited" is still current
    palette(qtbot, events_window)
    type_text(qtbot, "artifact")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert events_in(store, doc_id) == [("Movement:Transport", "visited", [
        ("Artifact", "Tokayev"), ("Destination", "Almaty"), ("Time", "Wednesday")])]
    assert not any("missing" in row for row in events_window.events_panel.rows())
    assert sorted(link.role for link in view.links()) == ["Artifact", "Destination", "Time"]

    # The panel by keyboard: Down to the first argument, Delete it; Enter goes to the trigger.
    press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)
    assert QApplication.focusWidget() is events_window.events_panel.tree
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Delete)
    assert events_in(store, doc_id)[0][2] == [("Destination", "Almaty"), ("Time", "Wednesday")]
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view and view.focused_span().text == "visited"
    press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)
    press(qtbot, Qt.Key.Key_Delete)  # on the event's row: the event goes
    assert events_in(store, doc_id) == []
    press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    press(qtbot, Qt.Key.Key_Backspace)  # undo: the event and its two arguments are back
    assert events_in(store, doc_id) == [("Movement:Transport", "visited", [
        ("Destination", "Almaty"), ("Time", "Wednesday")])]
    assert events_window.events_panel.rows()[0].startswith("Movement:Transport")


def test_esc_lets_the_current_event_go_and_tab_onto_a_trigger_makes_it_current(qtbot, events_window, events_project):
    store, doc_id, text = events_project
    for word, kind in (("clashes", "attack"), ("arrested", "arrest")):
        at = find(text, word)[0]
        events_window.view.setFocus()
        drag(qtbot, events_window.view, at, at + len(word))
        press(qtbot, Qt.Key.Key_E)
        palette(qtbot, events_window)
        type_text(qtbot, kind)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    attack, arrest = ops.events(store, doc_id)
    assert events_window.eventing.current_id == arrest.id
    press(qtbot, Qt.Key.Key_Escape)  # the focus goes first...
    assert events_window.eventing.current_id == arrest.id
    press(qtbot, Qt.Key.Key_Escape)  # ...then the event
    assert events_window.eventing.current_id is None and events_window.header.event_text() == ""
    press(qtbot, Qt.Key.Key_R)
    assert events_window.eventing.palette is None
    tab_to(qtbot, events_window, "clashes")
    assert events_window.eventing.current_id == attack.id
    assert events_window.events_panel.tree.currentItem().text(0).startswith("Conflict:Attack")
    press(qtbot, Qt.Key.Key_E)  # E on a trigger: a new type for its event
    palette(qtbot, events_window)
    type_text(qtbot, "demonstrate")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: events_window.eventing.palette is None)
    assert [e.type for e in ops.events(store, doc_id)] == ["Conflict:Demonstrate", "Justice:Arrest-Jail"]


def test_document_labels_toggle_by_alt_shift_key_and_by_click_and_undo(qtbot, events_window, events_project):
    store, doc_id, _text = events_project
    press(qtbot, Qt.Key.Key_T, ALT | SHIFT)  # Protest
    press(qtbot, Qt.Key.Key_M, ALT | SHIFT)  # Military deployment
    assert ops.doc_labels(store, doc_id) == ["Military deployment", "Protest"]
    assert events_window.doc_labels.checked() == ["Protest", "Military deployment"]
    box = events_window.doc_labels.boxes["Arrests"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert "Arrests" in ops.doc_labels(store, doc_id) and events_window.doc_labels.boxes["Arrests"].isChecked()
    press(qtbot, Qt.Key.Key_T, ALT | SHIFT)  # off again
    assert ops.doc_labels(store, doc_id) == ["Arrests", "Military deployment"]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert "Protest" in ops.doc_labels(store, doc_id) and events_window.doc_labels.boxes["Protest"].isChecked()
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "Protest" not in ops.doc_labels(store, doc_id)
    assert not events_window.doc_labels.boxes["Protest"].isChecked()
    events_window.close()
    store.close()
    with ops.open_project(store.path) as reopened:
        assert ops.doc_labels(reopened, doc_id) == ["Arrests", "Military deployment"]


def test_export_dialog_offers_every_format_brat_as_a_folder(qtbot, tmp_path):
    from desktop.ui.dialogs.export import ExportDialog

    dialog = ExportDialog(tmp_path)
    qtbot.addWidget(dialog)
    formats = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert formats == list(ops.FORMATS) and {"brat", "dygiepp"} <= set(formats)
    dialog.format.setCurrentIndex(formats.index("brat"))
    fmt, out, everything = dialog.values()
    assert (fmt, out, everything) == ("brat", tmp_path / "corpus-brat", False)
    assert dialog.where.text() == "Folder:"
    dialog.format.setCurrentIndex(formats.index("dygiepp"))
    assert dialog.values()[:2] == ("dygiepp", tmp_path / "corpus-dygiepp.jsonl")
