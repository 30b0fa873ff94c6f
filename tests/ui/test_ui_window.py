"""The annotator's desk, driven by real key presses and a mouse drag, then checked on disk.

The project holds the seed article with a few model suggestions stored through ops (no
spaCy here) and a second article; the window is the real one, built as `spandesk gui`
builds it, minus the background jobs.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop import ops
from desktop.core.model import Source, Span, State, Status
from desktop.core.offsets import Utf16Map
from desktop.core.label_set import RESERVED_KEYS, default_label_set
from desktop.ui import actions
from desktop.ui.app import start
from desktop.ui.dialogs.shortcuts import ShortcutsDialog
from desktop.ui.settings import Settings

from tests.helpers import SEED, find, open_window

MODEL = "test_model@1"
SUGGESTIONS = [  # (text, occurrence, label): in reading order
    ("Kazakhstan", 0, "GPE"),
    ("Russian", 0, "NORP"),
    ("Collective Security Treaty", 0, "GPE"),  # wrong label and one word short, on purpose
    ("Kassym-Jomart Tokayev", 0, "PERSON"),
]
SECOND = "Protests in Almaty\n\nPolice and protesters met in Almaty on Tuesday."


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "project.db"
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    store = ops.open_project(path)
    assert ops.import_paths(store, [SEED, second]).ok
    doc_id, other = store.documents.ids()
    text = store.documents.text(doc_id)
    spans = []
    for word, n, label in SUGGESTIONS:
        start = find(text, word, n)[0]
        spans.append(Span(start, start + len(word), label, word, source=Source.MODEL,
                          state=State.SUGGESTED, model=MODEL))
    ops.save_suggestions(store, ops.PreannotateReport(MODEL), [(doc_id, spans)])
    yield store, doc_id, other
    store.close()


@pytest.fixture
def window(qtbot, project, tmp_path):
    store, _doc, _other = project
    return open_window(qtbot, store, tmp_path)


def _press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or win.view, key, modifier)


def _point(view, cp: int) -> QPoint:
    """Where code point `cp` of the shown text is, in viewport coordinates (middle of the line)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(Utf16Map(view.toPlainText()).to_utf16(cp))
    return view.cursorRect(cursor).center()


def _state(store, doc_id):
    return {(s.text, s.label, s.state, s.source) for s in store.spans.for_doc(doc_id)}


def test_keyboard_alone_corrects_the_article_and_the_file_keeps_it(qtbot, window, project, tmp_path):
    store, doc_id, other = project
    view = window.view
    assert window.desk.doc_id == doc_id  # the first document not done

    _press(qtbot, window, Qt.Key.Key_Tab)
    assert view.focused_span().text == "Kazakhstan"
    _press(qtbot, window, Qt.Key.Key_Return)  # accept, and on to the next suggestion
    assert view.focused_span().text == "Russian"
    _press(qtbot, window, Qt.Key.Key_X)  # reject
    assert view.focused_span().text == "Collective Security Treaty"
    _press(qtbot, window, Qt.Key.Key_2)  # ORG's key relabels the focused span
    assert view.focused_span().label == "ORG"
    _press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # one word more
    assert view.focused_span().text == "Collective Security Treaty Organization"
    assert _state(store, doc_id) >= {
        ("Kazakhstan", "GPE", State.ACCEPTED, Source.MODEL),
        ("Russian", "NORP", State.REJECTED, Source.MODEL),
        ("Collective Security Treaty Organization", "ORG", State.ACCEPTED, Source.MODEL),
    }

    # A mouse drag from inside "Military" to inside "alliance" snaps to both words; GPE's key marks them.
    text = view.toPlainText()
    start = text.index("Military")
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, start + 3))
    qtbot.mouseMove(view.viewport(), _point(view, start + 12))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, start + 12))
    assert view.selection() == (start, start + len("Military alliance"))
    _press(qtbot, window, Qt.Key.Key_3)
    assert view.focused_span().text == "Military alliance"
    assert ("Military alliance", "GPE", State.ACCEPTED, Source.ANNOTATOR) in _state(store, doc_id)

    _press(qtbot, window, Qt.Key.Key_Delete)  # the annotator's own span: deleted
    assert "Military alliance" not in {s.text for s in store.spans.for_doc(doc_id)}
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo brings it back
    assert "Military alliance" in {s.text for s in store.spans.for_doc(doc_id)}
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Military alliance" not in {s.text for s in store.spans.for_doc(doc_id)}

    _press(qtbot, window, Qt.Key.Key_A)  # accept what is left, done, next
    assert window.desk.doc_id == other
    assert "Almaty" in view.toPlainText()
    assert window.panel.model.doc_id(window.panel.table.currentIndex().row()) == other

    window.close()
    store.close()
    with ops.open_project(store.path) as reopened:
        assert reopened.documents.get_status(doc_id) == Status.DONE
        assert reopened.documents.get_status(other) == Status.TODO
        assert _state(reopened, doc_id) == {
            ("Kazakhstan", "GPE", State.ACCEPTED, Source.MODEL),
            ("Russian", "NORP", State.REJECTED, Source.MODEL),
            ("Collective Security Treaty Organization", "ORG", State.ACCEPTED, Source.MODEL),
            ("Kassym-Jomart Tokayev", "PERSON", State.ACCEPTED, Source.MODEL),
        }
        who = {r[0] for r in reopened.conn.execute("SELECT annotator FROM actions WHERE undoable = 1")}
        assert who == {"ana"}


def test_space_skips_and_backspace_undoes_across_documents(qtbot, window, project):
    store, doc_id, other = project
    _press(qtbot, window, Qt.Key.Key_Space)
    assert store.documents.get_status(doc_id) == Status.SKIPPED
    assert window.desk.doc_id == other
    _press(qtbot, window, Qt.Key.Key_Backspace)  # undo goes back to where the change was
    assert store.documents.get_status(doc_id) == Status.TODO
    assert window.desk.doc_id == doc_id
    _press(qtbot, window, Qt.Key.Key_N)
    assert window.desk.doc_id == other
    _press(qtbot, window, Qt.Key.Key_P)
    assert window.desk.doc_id == doc_id


def test_rejected_toggle_and_zoom_are_kept_in_settings(qtbot, window, tmp_path):
    _press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() == 2
    settings = Settings(tmp_path / "settings.ini")
    assert settings.show_rejected and settings.zoom == 2
    _press(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() == 0 and Settings(tmp_path / "settings.ini").zoom == 0


def test_label_chip_click_applies_the_label(qtbot, window, project):
    store, doc_id, _ = project
    _press(qtbot, window, Qt.Key.Key_Tab)
    chip = next(c for c in window.labels.chips() if c.name == "LOC")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert ("Kazakhstan", "LOC", State.ACCEPTED, Source.MODEL) in _state(store, doc_id)


def test_f1_lists_every_action_in_the_table(qtbot, window):
    seen: list[list[str]] = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ShortcutsDialog)
        seen.append(dialog.texts())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    _press(qtbot, window, Qt.Key.Key_F1)
    assert seen
    texts = "\n".join(seen[0])
    for spec in actions.ACTIONS:
        assert spec.description in texts
    for entity in default_label_set().entities:
        if entity.key:
            assert entity.name in texts


def test_single_keys_are_reserved_and_no_label_key_collides():
    bound = actions.single_keys()
    printable = {k for k in bound if len(k) == 1 or k in ("space", "backspace")}
    assert printable <= RESERVED_KEYS
    assert {"e", "r"} <= bound  # E marks an event, R an argument
    for entity in default_label_set().entities:
        assert entity.key.lower() not in bound, entity.name


def test_no_two_actions_share_a_shortcut_and_menus_avoid_document_label_keys():
    label_set = default_label_set()
    bound = [spec for spec in (*actions.ACTIONS, *actions.label_specs(label_set), *actions.doc_label_specs(label_set))
             if spec.handler]
    keys = [QKeySequence(k).toString() for spec in bound for k in spec.keys]
    assert len(keys) == len(set(keys))
    mnemonics = {f"Alt+{t[t.index('&') + 1].upper()}" for t in actions.menu_texts(label_set).values() if "&" in t}
    assert len(mnemonics) == len(actions.MENUS)
    doc_keys = {k for spec in actions.doc_label_specs(label_set) for k in spec.keys}
    assert len(doc_keys) == len(label_set.doc_labels) and not doc_keys & mnemonics


def test_every_handler_in_the_table_is_bound_to_the_window_object_that_defines_it(qtbot, window):
    """Handlers are real methods (a misspelt one fails at import); each table row with a handler
    has its QAction, and triggering it calls the method on the window's own object."""
    label_set = window.desk.label_set
    for spec in (*actions.ACTIONS, *actions.label_specs(label_set), *actions.doc_label_specs(label_set)):
        assert spec.handler is None or callable(spec.handler), spec.name
    assert set(window.actions) == {spec.name for spec in actions.ACTIONS if spec.handler is not None}
    zoom = window.view.zoom()
    window.actions["zoom_in"].trigger()
    assert window.view.zoom() == zoom + 1
    window.actions["focus_events"].trigger()
    assert QApplication.focusWidget() is window.events_panel.tree


def test_a_handler_no_window_object_defines_is_refused_when_actions_are_built(qtbot, window):
    from dataclasses import replace

    spec = replace(actions.ACTIONS[0], handler=ShortcutsDialog.texts)  # a method, but of no command object
    with pytest.raises(LookupError, match="ShortcutsDialog.texts"):
        actions.build(window, [window.annotating, window.eventing, window.files], [spec])


def test_import_runs_in_the_background_and_names_each_refused_line(qtbot, window, project, tmp_path):
    store, _, _ = project
    good = tmp_path / "good.txt"
    good.write_text("Unrest in Aktobe\n\nProtesters gathered in Aktobe on Monday.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": 3}\n', encoding="utf-8")
    shown: list[str] = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, read_and_close)
            return
        shown.append(dialog.findChild(QPlainTextEdit).toPlainText())
        dialog.reject()

    QTimer.singleShot(20, read_and_close)
    window.jobs.import_files([str(good), str(bad)])
    assert window.jobs.busy and window.status.job.isVisible()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=30_000)
    assert shown and shown[0].startswith(f"{bad}:2: ")  # FILE:LINE: reason
    assert window.panel.model.total == 3 and store.documents.count() == 3
    assert "Aktobe" in window.panel.model.index(2, 0).data()


def test_export_runs_in_the_background(qtbot, window, tmp_path):
    out = tmp_path / "corpus.jsonl"
    window.jobs.export("jsonl", out, True)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=30_000)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_nothing_is_written_until_the_background_check_passes(qtbot, project, tmp_path):
    store, doc_id, _ = project
    win = start(store, Settings(tmp_path / "settings.ini"), "ana")  # as `spandesk gui` starts it
    qtbot.addWidget(win)
    assert not win.desk.writable  # until the integrity check has read the whole file
    assert win.desk.act(ops.mark_done, doc_id) is None
    assert store.documents.get_status(doc_id) == Status.TODO
    qtbot.waitUntil(lambda: win.desk.writable, timeout=30_000)
    assert win.desk.act(ops.mark_done, doc_id) is not None
    assert store.documents.get_status(doc_id) == Status.DONE


def test_opening_another_project_starts_over_and_is_remembered(qtbot, window, tmp_path):
    other = tmp_path / "other.db"
    with ops.open_project(other) as store:
        assert ops.import_paths(store, [SEED]).ok
    window.files.open_path(other)
    assert window.desk.path == other and window.windowTitle().startswith("other.db")
    assert window.panel.model.total == 1 and window.desk.doc_id is not None
    assert Settings(tmp_path / "settings.ini").recent[0] == str(other.resolve())
    assert {c.name for c in window.labels.chips()} >= {"PERSON", "ORG", "GPE"}
    qtbot.waitUntil(lambda: window.desk.writable, timeout=30_000)  # checked in the background
    window.close()
    window.desk.store.close()
