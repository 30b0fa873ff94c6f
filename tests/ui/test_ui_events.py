"""Events, arguments and document labels in the real window, by real key presses and a mouse
drag, then checked in the database (and again after closing and reopening it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop import ops
from desktop.core.model import Layer, Source, Span, State
from desktop.core.offsets import Utf16Map
from desktop.ui.dialogs.palette import Palette

from tests.helpers import SEED, find, open_window

MODEL = "test_model@1"
SUGGESTIONS = [("Kazakhstan", 1, "GPE"), ("Russian", 1, "NORP"), ("CSTO", 0, "ORG"),
               ("Kassym-Jomart Tokayev", 0, "PERSON"), ("Almaty", 2, "GPE"), ("Wednesday", 0, "DATE")]
NONE = Qt.KeyboardModifier.NoModifier
SHIFT, CTRL, ALT = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def project(tmp_path):
    store = ops.open_project(tmp_path / "project.db")
    assert ops.import_paths(store, [SEED]).ok
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    spans = []
    for word, n, label in SUGGESTIONS:
        start = find(text, word, n)[0]
        spans.append(Span(start, start + len(word), label, word, source=Source.MODEL, state=State.SUGGESTED,
                          model=MODEL))
    ops.save_suggestions(store, ops.PreannotateReport(MODEL), [(doc_id, spans)])
    yield store, doc_id, text
    store.close()


@pytest.fixture
def window(qtbot, project, tmp_path):
    store = project[0]
    return open_window(qtbot, store, tmp_path)


def press(qtbot, key, modifier=NONE):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(qtbot, text):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def palette(qtbot, window) -> Palette:
    qtbot.waitUntil(lambda: window.eventing.palette is not None and window.eventing.palette.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.eventing.palette.edit)
    return window.eventing.palette


def _point(view, cp: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(Utf16Map(view.toPlainText()).to_utf16(cp))
    return view.cursorRect(cursor).center()


def drag(qtbot, view, start: int, end: int) -> None:
    """A real mouse drag from inside the first word to inside the last (the view snaps it)."""
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, start + 1))
    qtbot.mouseMove(view.viewport(), _point(view, end - 1))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, end - 1))


def tab_to(qtbot, window, text: str, label: str | None = None) -> Span:
    """Tab through the spans until the one reading `text` (and labelled `label`) has the focus."""
    for _ in range(60):
        press(qtbot, Qt.Key.Key_Tab)
        span = window.view.focused_span()
        if span.text == text and (label is None or span.label == label):
            return span
    raise AssertionError(f"no span {text!r} to Tab to")


def events_in(store, doc_id):
    return [(e.type, e.trigger.text, sorted((a.role, a.span.text) for a in e.arguments))
            for e in ops.events(store, doc_id)]


def test_e_types_ahead_and_marks_the_event_r_links_an_argument(qtbot, window, project):
    store, doc_id, text = project
    view = window.view
    clashes = find(text, "clashes")[0]
    drag(qtbot, view, clashes, clashes + len("clashes"))
    assert view.selection() == (clashes, clashes + len("clashes"))

    press(qtbot, Qt.Key.Key_E)
    types = palette(qtbot, window)
    assert len(types.rows()) == 33
    type_text(qtbot, "attack")
    assert types.rows()[0][0] == "Conflict:Attack"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [])]
    (event,) = ops.events(store, doc_id)
    assert window.eventing.current_id == event.id  # the new event is current, and it shows
    assert "Conflict:Attack" in window.header.event_text()
    assert window.events_panel.rows()[0].startswith("Conflict:Attack · “clashes”")
    assert view.focused_span().layer == Layer.TRIGGER

    # Tab to an entity (a suggestion), R, and choose Place by typing: the argument is stored.
    kazakhstan = tab_to(qtbot, window, "Kazakhstan", "GPE")
    press(qtbot, Qt.Key.Key_R)
    roles = palette(qtbot, window)
    rows = {name: (detail, offered) for name, detail, offered in roles.rows()}
    assert rows["Place"][1] and rows["Attacker"][1]
    # A role GPE may not fill is listed, greyed, with the reason.
    assert rows["Target"] == ("Target takes PERSON, ORG, NORP, VEH, FAC or WEA, not GPE.", False)
    assert rows["Instrument"] == ("Instrument takes WEA or VEH, not GPE.", False)
    type_text(qtbot, "pla")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [("Place", "Kazakhstan")])]
    assert store.spans.get(kazakhstan.id)[1].state == State.ACCEPTED  # used as an argument: accepted
    assert window.eventing.current_id == event.id  # still current: R again adds to it
    assert [link.role for link in view.links()] == ["Place"]  # its arc is drawn

    # A greyed role cannot be chosen: Enter on "target" does nothing, Esc closes.
    press(qtbot, Qt.Key.Key_R)
    roles = palette(qtbot, window)
    type_text(qtbot, "target")
    assert roles.choice() is None
    press(qtbot, Qt.Key.Key_Return)
    assert roles.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert len(ops.events(store, doc_id)[0].arguments) == 1

    # Undo takes the argument back, then the event; redo brings both.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [])]
    assert view.links() == []
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert events_in(store, doc_id) == []
    assert window.eventing.current_id is None and window.events_panel.rows() == []
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert events_in(store, doc_id) == [("Conflict:Attack", "clashes", [("Place", "Kazakhstan")])]

    window.close()
    store.close()
    with ops.open_project(store.path) as reopened:
        assert events_in(reopened, doc_id) == [("Conflict:Attack", "clashes", [("Place", "Kazakhstan")])]


def test_keyboard_alone_marks_an_event_its_arguments_and_edits_them_in_the_panel(qtbot, window, project):
    """"Tokayev visited Almaty on Wednesday": no mouse at all. The caret follows the focused span;
    Esc drops the focus, Ctrl+Left moves the caret a word, Shift+Right selects."""
    store, doc_id, _text = project
    view = window.view
    tab_to(qtbot, window, "Almaty", "GPE")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Left, CTRL)
    press(qtbot, Qt.Key.Key_Left, CTRL)  # the caret is before "visited"
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.words(*view.selection()) == "visited"
    press(qtbot, Qt.Key.Key_E)
    palette(qtbot, window)
    type_text(qtbot, "transport")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert "  ⚠ missing required Artifact" in window.events_panel.rows()  # flagged until it is filled

    for word, label, role in (("Almaty", "GPE", "dest"), ("Wednesday", "DATE", "time")):
        tab_to(qtbot, window, word, label)
        press(qtbot, Qt.Key.Key_R)
        roles = palette(qtbot, window)
        if word == "Almaty":
            assert ("Artifact", "Artifact takes PERSON, WEA or VEH, not GPE.", False) in roles.rows()
        type_text(qtbot, role)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.eventing.palette is None)

    # A new entity by keyboard: back to the trigger, Esc, Ctrl+Left twice, Shift+Right, PERSON's key.
    tab_to(qtbot, window, "visited")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Left, CTRL)
    press(qtbot, Qt.Key.Key_Left, CTRL)
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.words(*view.selection()) == "Tokayev"
    press(qtbot, Qt.Key.Key_1)
    assert view.focused_span().text == "Tokayev" and view.focused_span().label == "PERSON"
    press(qtbot, Qt.Key.Key_R)  # the event made current by focusing "visited" is still current
    palette(qtbot, window)
    type_text(qtbot, "artifact")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert events_in(store, doc_id) == [("Movement:Transport", "visited", [
        ("Artifact", "Tokayev"), ("Destination", "Almaty"), ("Time", "Wednesday")])]
    assert not any("missing" in row for row in window.events_panel.rows())
    assert sorted(link.role for link in view.links()) == ["Artifact", "Destination", "Time"]

    # The panel by keyboard: Down to the first argument, Delete it; Enter goes to the trigger.
    press(qtbot, Qt.Key.Key_E, CTRL | SHIFT)
    assert QApplication.focusWidget() is window.events_panel.tree
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
    assert window.events_panel.rows()[0].startswith("Movement:Transport")


def test_esc_lets_the_current_event_go_and_tab_onto_a_trigger_makes_it_current(qtbot, window, project):
    store, doc_id, text = project
    for word, kind in (("clashes", "attack"), ("arrested", "arrest")):
        at = find(text, word)[0]
        window.view.setFocus()
        drag(qtbot, window.view, at, at + len(word))
        press(qtbot, Qt.Key.Key_E)
        palette(qtbot, window)
        type_text(qtbot, kind)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.eventing.palette is None)
    attack, arrest = ops.events(store, doc_id)
    assert window.eventing.current_id == arrest.id
    press(qtbot, Qt.Key.Key_Escape)  # the focus goes first...
    assert window.eventing.current_id == arrest.id
    press(qtbot, Qt.Key.Key_Escape)  # ...then the event
    assert window.eventing.current_id is None and window.header.event_text() == ""
    press(qtbot, Qt.Key.Key_R)
    assert window.eventing.palette is None
    tab_to(qtbot, window, "clashes")
    assert window.eventing.current_id == attack.id
    assert window.events_panel.tree.currentItem().text(0).startswith("Conflict:Attack")
    press(qtbot, Qt.Key.Key_E)  # E on a trigger: a new type for its event
    palette(qtbot, window)
    type_text(qtbot, "demonstrate")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.eventing.palette is None)
    assert [e.type for e in ops.events(store, doc_id)] == ["Conflict:Demonstrate", "Justice:Arrest-Jail"]


def test_document_labels_toggle_by_alt_shift_key_and_by_click_and_undo(qtbot, window, project):
    store, doc_id, _text = project
    press(qtbot, Qt.Key.Key_T, ALT | SHIFT)  # Protest
    press(qtbot, Qt.Key.Key_M, ALT | SHIFT)  # Military deployment
    assert ops.doc_labels(store, doc_id) == ["Military deployment", "Protest"]
    assert window.doc_labels.checked() == ["Protest", "Military deployment"]
    box = window.doc_labels.boxes["Arrests"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert "Arrests" in ops.doc_labels(store, doc_id) and window.doc_labels.boxes["Arrests"].isChecked()
    press(qtbot, Qt.Key.Key_T, ALT | SHIFT)  # off again
    assert ops.doc_labels(store, doc_id) == ["Arrests", "Military deployment"]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert "Protest" in ops.doc_labels(store, doc_id) and window.doc_labels.boxes["Protest"].isChecked()
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "Protest" not in ops.doc_labels(store, doc_id)
    assert not window.doc_labels.boxes["Protest"].isChecked()
    window.close()
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
