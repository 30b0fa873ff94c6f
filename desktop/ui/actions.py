"""The one table of what the user can do: name, keys, description, handler, menu.

The window's QActions, their shortcuts, the menus and Help → Keyboard shortcuts are all
generated from ACTIONS (and from the schema's label keys), so a key cannot be bound
without being documented, nor documented without being bound.

Keys are QKeySequence strings. A key pressed alone must be one the schema reserves for
actions (`desktop.core.schema.RESERVED_KEYS`), so no label key can ever shadow it: e marks
an event and r an argument. Document labels toggle with Alt and their key; the menu bar's
Alt mnemonics are chosen around those keys (`menu_texts`). `handler` is "target.method":
the window passes the objects that own the targets (see main_window.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.core.schema import Schema
from desktop.ui.guard import guarded


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    text: str  # menu text
    keys: tuple[str, ...]
    description: str  # one line, for Help and the status tip
    handler: str  # "target.method"; "" for a key the article view handles itself
    menu: str  # menu title; "" for none (key only)
    group: str  # heading in Help → Keyboard shortcuts
    checkable: bool = False


S = Spec
ACTIONS: tuple[Spec, ...] = (
    # The annotator's hands, Prodigy's keys where they fit.
    S("done_next", "Accept All, Done && Next", ("A",),
      "Accept every remaining suggestion, mark the document done, open the next open one",
      "annotate.done_next", "Annotate", "Documents"),
    S("accept", "Accept Suggestion", ("Return", "Enter"), "Accept the focused suggestion and move to the next span",
      "annotate.accept", "Annotate", "Spans"),
    S("reject", "Reject Suggestion", ("X",), "Reject the focused suggestion (hidden; Ctrl+H shows it)",
      "annotate.reject", "Annotate", "Spans"),
    S("delete", "Delete Span", ("Delete",), "Delete the focused span (a suggestion is rejected instead)",
      "annotate.delete", "Annotate", "Spans"),
    S("next_span", "Next Span", ("Tab",), "Focus the next span", "annotate.next_span", "Annotate", "Spans"),
    S("prev_span", "Previous Span", ("Shift+Tab",), "Focus the previous span",
      "annotate.prev_span", "Annotate", "Spans"),
    S("right_span", "Next Span (Arrow)", ("Right",),
      "Focus the next span (with text selected, Right moves the caret a word instead)",
      "annotate.next_span", "", "Spans"),
    S("left_span", "Previous Span (Arrow)", ("Left",),
      "Focus the previous span (with text selected, Left moves the caret a word instead)",
      "annotate.prev_span", "", "Spans"),
    S("clear", "Clear Focus and Selection", ("Esc",),
      "Drop the selection and the span focus; with neither, let the current event go",
      "events.escape", "Annotate", "Spans"),
    # With no span focused, or text selected, Shift+arrows fall through to the article view,
    # where they select word by word (see Annotating.sync_keys).
    S("grow_end", "Extend End", ("Shift+Right",), "Move the focused span's end one word to the right",
      "annotate.grow_end", "Annotate", "Span edges"),
    S("shrink_end", "Shrink End", ("Shift+Left",), "Move the focused span's end one word to the left",
      "annotate.shrink_end", "Annotate", "Span edges"),
    S("grow_start", "Extend Start", ("Alt+Shift+Left",), "Move the focused span's start one word to the left",
      "annotate.grow_start", "Annotate", "Span edges"),
    S("shrink_start", "Shrink Start", ("Alt+Shift+Right",), "Move the focused span's start one word to the right",
      "annotate.shrink_start", "Annotate", "Span edges"),
    S("select_words", "Select Words", ("Shift+Right", "Shift+Left"),
      "With no span focused, Shift+Right / Shift+Left select word by word "
      "from the caret; a label key then marks them", "", "", "Span edges"),
    S("caret_words", "Move the Caret", ("Ctrl+Right", "Ctrl+Left"),
      "Move the caret a word without selecting (it follows the focused span; Esc drops the focus)",
      "", "", "Span edges"),
    # Events: E on words makes them a trigger, R gives the focused entity a role in the current event.
    S("add_event", "Mark Event…", ("E",),
      "Mark the selected words (or the focused span) as an event trigger and choose its type; "
      "on a trigger, change its event's type", "events.add_event", "Annotate", "Events"),
    S("add_argument", "Add Argument…", ("R",),
      "Give the focused entity span a role in the current event (the roles its label cannot fill show why)",
      "events.add_argument", "Annotate", "Events"),
    S("focus_events", "Events Panel", ("Ctrl+Shift+E",), "Move the keyboard to the events panel",
      "window.focus_events", "Go", "Events"),
    S("events_panel_keys", "Events Panel Keys", ("Up", "Down", "Return", "Delete", "Esc"),
      "In the events panel: Up/Down pick an event (it becomes current), Enter goes to its trigger, "
      "Delete removes the event or the argument, Esc returns to the article", "", "", "Events"),
    S("palette_keys", "Palette Keys", ("Up", "Down", "Return", "Esc"),
      "In the E and R palettes: type to filter (any part of a type or its description), "
      "Up/Down choose, Enter confirms, Esc closes", "", "", "Events"),
    S("skip_next", "Skip Document", ("Space",), "Mark the document skipped and open the next open one",
      "annotate.skip_next", "Go", "Documents"),
    S("next_doc", "Next Document", ("N", "PgDown"), "Open the next document in the list",
      "annotate.next_doc", "Go", "Documents"),
    S("prev_doc", "Previous Document", ("P", "PgUp"), "Open the previous document in the list",
      "annotate.prev_doc", "Go", "Documents"),
    S("search", "Search Documents", ("Ctrl+F",), "Search titles and texts in the document list",
      "window.focus_search", "Go", "Documents"),
    S("undo", "Undo", ("Backspace", "Ctrl+Z"), "Undo the last change, even one from an earlier session",
      "annotate.undo", "Edit", "Undo"),
    S("redo", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo what was undone", "annotate.redo", "Edit", "Undo"),
    S("show_rejected", "Show Rejected Suggestions", ("Ctrl+H",), "Show or hide rejected suggestions",
      "view.toggle_rejected", "View", "View", checkable=True),
    S("zoom_in", "Zoom In", ("Ctrl++", "Ctrl+="), "Larger text (kept between sessions)",
      "view.zoom_in", "View", "View"),
    S("zoom_out", "Zoom Out", ("Ctrl+-",), "Smaller text", "view.zoom_out", "View", "View"),
    S("zoom_reset", "Actual Size", ("Ctrl+0",), "Text at its normal size", "view.zoom_reset", "View", "View"),
    S("new_project", "New Project…", ("Ctrl+N",), "Create a project file from a label schema",
      "files.new_project", "File", "Files"),
    S("open_project", "Open…", ("Ctrl+O",), "Open a project file", "files.open_project", "File", "Files"),
    S("import", "Import…", ("Ctrl+I",), "Import .txt, .md and .jsonl files or folders (in the background)",
      "files.import_files", "File", "Files"),
    S("preannotate", "Pre-annotate", ("Ctrl+Shift+P",), "Let the spaCy model suggest entities (in the background)",
      "files.preannotate", "File", "Files"),
    S("export", "Export…", ("Ctrl+E",),
      "Write a corpus: Prodigy JSONL, spaCy DocBin, a brat folder or event-extraction JSON",
      "files.export", "File", "Files"),
    S("settings", "Settings…", ("Ctrl+,",), "The model and your annotator name",
      "files.settings_dialog", "File", "Files"),
    S("quit", "Quit", ("Ctrl+Q",), "Close Spandesk (every change is already saved)", "window.close", "File", "Files"),
    S("shortcuts", "Keyboard Shortcuts", ("F1",), "This list", "window.show_shortcuts", "Help", "Help"),
    S("about", "About Spandesk", (), "Version and licence", "window.show_about", "Help", "Help"),
)
MENUS = ("File", "Edit", "View", "Annotate", "Go", "Help")
GROUPS = ("Spans", "Span edges", "Labels", "Events", "Document labels", "Documents", "Undo", "View", "Files",
          "Help")  # Help's order
DOC_LABEL_MODIFIER = "Alt"


def single_keys(specs: Iterable[Spec] = ACTIONS) -> set[str]:
    """The keys bound with no modifier, spelt as the schema spells keys ("a", "space", "tab")."""
    return {
        key.lower() for spec in specs for key in spec.keys
        if QKeySequence(key).count() == 1 and not QKeySequence(key)[0].keyboardModifiers()
    }


def label_specs(schema: Schema) -> list[Spec]:
    """One action per entity label with a key: with a selection it marks a span, on a
    focused span it relabels it."""
    return [
        Spec(f"label:{e.name}", e.name, (e.key.upper(),), e.description or f"Label {e.name}",
             "annotate.apply_label", "", "Labels")
        for e in schema.entities if e.key
    ]


def doc_label_specs(schema: Schema) -> list[Spec]:
    """One action per document label with a key: Alt+key toggles it on the open document."""
    return [
        Spec(f"doc_label:{d.name}", d.name, (f"{DOC_LABEL_MODIFIER}+{d.key.upper()}",),
             d.description or f"Document label {d.name}", "events.toggle_doc_label", "", "Document labels")
        for d in schema.doc_labels if d.key
    ]


def menu_texts(schema: Schema, titles: Iterable[str] = MENUS) -> dict[str, str]:
    """Menu titles with an Alt mnemonic each: the first letter of the title that no
    document label's Alt key and no earlier menu uses (none if every letter is taken)."""
    taken = {d.key.lower() for d in schema.doc_labels if d.key}
    texts = {}
    for title in titles:
        at = next((i for i, c in enumerate(title) if c.isalpha() and c.lower() not in taken), None)
        if at is None:
            texts[title] = title
        else:
            taken.add(title[at].lower())
            texts[title] = f"{title[:at]}&{title[at:]}"
    return texts


def build(parent: QWidget, targets: Mapping[str, object], specs: Iterable[Spec]) -> dict[str, QAction]:
    """QActions for `specs` (ACTIONS, or a schema's label_specs), added to `parent` so their
    shortcuts work anywhere in the window."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        if not spec.handler:
            continue  # documents a key the article view itself handles
        action = QAction(spec.text, parent)
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(spec.description)
        action.setCheckable(spec.checkable)
        action.triggered.connect(_handler(spec, targets))
        parent.addAction(action)
        actions[spec.name] = action
    return actions


def _handler(spec: Spec, targets: Mapping[str, object]) -> Callable[..., None]:
    target, method = spec.handler.split(".")
    bound = getattr(targets[target], method)
    # Every menu item and key runs through guarded: an unexpected error is reported, not raised
    # into Qt. The lambdas stay outermost: PySide reads their signature to pass `checked`.
    safe = guarded()(bound)
    if spec.name.startswith(("label:", "doc_label:")):
        label = spec.name.split(":", 1)[1]
        return lambda *_: safe(label)
    if spec.checkable:
        return lambda checked=False: safe(checked)
    return lambda *_: safe()


def help_rows(schema: Schema) -> list[tuple[str, str, str]]:
    """(group, keys as shown on this platform, description) for Help → Keyboard shortcuts."""
    rows = []
    specs = sorted((*ACTIONS, *label_specs(schema), *doc_label_specs(schema)),
                   key=lambda s: GROUPS.index(s.group))  # stable: table order
    for spec in specs:
        shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.keys)
        text = spec.description if ":" not in spec.name else f"{spec.text}: {spec.description}"
        rows.append((spec.group, shown, text))
    return rows
