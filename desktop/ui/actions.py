"""The one table of what the user can do: name, keys, description, handler, menu.

The window's QActions, their shortcuts, the menus and Help → Keyboard shortcuts are all
generated from ACTIONS (and from the schema's label keys), so a key cannot be bound
without being documented, nor documented without being bound.

Keys are QKeySequence strings. A key pressed alone must be one the schema reserves for
actions (`desktop.core.label_set.RESERVED_KEYS`), so no label key can ever shadow it: e marks
an event and r an argument. Document labels toggle with Alt+Shift and their key: Alt alone
belongs to the menu bar's mnemonics (Alt+E opens Edit), which `menu_texts` chooses. `handler` is a method of one of
the window's command objects (ui/commands/), named as `Class.method`, so a misspelt one fails
when this module is imported; the window passes the objects, and `build` binds each handler
to the one whose class defines it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MethodType

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.core.label_set import LabelSet
from desktop.ui.commands.annotate import Annotating
from desktop.ui.commands.events import Eventing
from desktop.ui.commands.files import FileMenu
from desktop.ui.commands.find import Finding
from desktop.ui.commands.relations import Relating
from desktop.ui.commands.view import ViewControls
from desktop.ui.commands.window import WindowCommands
from desktop.ui.guard import guarded


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    text: str  # menu text
    keys: tuple[str, ...]
    description: str  # one line, for Help and the status tip
    handler: Callable[..., None] | None  # Class.method; None for a key the article view handles itself
    menu: str  # menu title; "" for none (key only)
    group: str  # heading in Help → Keyboard shortcuts
    checkable: bool = False


S = Spec
ACTIONS: tuple[Spec, ...] = (
    # The annotator's hands, Prodigy's keys where they fit.
    S("done_next", "Accept All, Done && Next", ("A",),
      "Accept every remaining suggestion, mark the document done, open the next open one",
      Annotating.done_next, "Annotate", "Documents"),
    S("accept", "Accept Suggestion", ("Return", "Enter"), "Accept the focused suggestion and move to the next "
      "suggestion (a suggested trigger: its event, then on to its suggested arguments; a suggested argument: the "
      "link; after a suggested event, on to the next suggested event)",
      Annotating.accept, "Annotate", "Spans"),
    S("reject", "Reject Suggestion", ("X",), "Reject the focused suggestion (hidden; Ctrl+H shows it) and move to "
      "the next suggestion; on a suggested argument, the link only (X again rejects the span); after a suggested "
      "event, on to the next suggested event",
      Annotating.reject, "Annotate", "Spans"),
    S("accept_event", "Accept Event Whole", ("Shift+Return", "Shift+Enter"),
      "On the current event's trigger or one of its arguments: accept the event with every suggested argument "
      "still open (one action), and on to the next suggested event", Annotating.accept_event, "Annotate", "Events"),
    S("accept_event_reject_open", "Accept Event, Reject Open Arguments", ("Shift+X",),
      "On the current event's trigger or one of its arguments: accept the event and reject every suggested "
      "argument still open (one action), and on to the next suggested event",
      Annotating.accept_event_reject_open, "Annotate", "Events"),
    S("delete", "Delete Span", ("Delete",), "Delete the focused span (a suggestion is rejected instead)",
      Annotating.delete, "Annotate", "Spans"),
    S("next_span", "Next Span", ("Tab",), "Focus the next span", Annotating.next_span, "Annotate", "Spans"),
    S("prev_span", "Previous Span", ("Shift+Tab",), "Focus the previous span",
      Annotating.prev_span, "Annotate", "Spans"),
    S("right_span", "Next Span (Arrow)", ("Right",),
      "Focus the next span (with text selected, Right moves the caret a word instead)",
      Annotating.next_span, "", "Spans"),
    S("left_span", "Previous Span (Arrow)", ("Left",),
      "Focus the previous span (with text selected, Left moves the caret a word instead)",
      Annotating.prev_span, "", "Spans"),
    S("clear", "Clear Focus and Selection", ("Esc",),
      "Drop the selection and the span focus; with neither, let the current event go",
      Eventing.escape, "Annotate", "Spans"),
    # With no span focused, or text selected, Shift+arrows fall through to the article view,
    # where they select word by word (see Annotating.sync_keys).
    S("grow_end", "Extend End", ("Shift+Right",), "Move the focused span's end one word to the right",
      Annotating.grow_end, "Annotate", "Span edges"),
    S("shrink_end", "Shrink End", ("Shift+Left",), "Move the focused span's end one word to the left",
      Annotating.shrink_end, "Annotate", "Span edges"),
    S("grow_start", "Extend Start", ("Alt+Shift+Left",), "Move the focused span's start one word to the left",
      Annotating.grow_start, "Annotate", "Span edges"),
    S("shrink_start", "Shrink Start", ("Alt+Shift+Right",), "Move the focused span's start one word to the right",
      Annotating.shrink_start, "Annotate", "Span edges"),
    S("select_words", "Select Words", ("Shift+Right", "Shift+Left"),
      "With no span focused, Shift+Right / Shift+Left select word by word "
      "from the caret (a hyphenated word is one step, on a focused span's edges too); a label key then marks them. "
      "With nothing selected or focused, a label key shows the jump letters: the word or phrase whose letters "
      "follow is marked with that label at once", None, "", "Span edges"),
    S("caret_words", "Move the Caret", ("Ctrl+Right", "Ctrl+Left"),
      "Move the caret a word and let go of the focused span (Shift+Right then selects from the caret; "
      "the caret follows the focused span's end, and Tab goes on from it)",
      None, "", "Span edges"),
    S("jump", "Jump to a Word", (";",),
      "Letter every word and phrase (green) on screen; type a word's or phrase's one or two letters to select it "
      "(Shift+Right grows the selection, a label key marks it); typed with Shift, the letters focus the span on "
      "that word; PgDown/PgUp scroll while they show; Esc puts the letters away",
      Annotating.jump, "Go", "Spans"),
    # Events: E on words makes them a trigger, R gives the focused entity a role in the current event.
    S("add_event", "Mark Event…", ("E",),
      "Mark the selected words (or the focused span) as an event trigger and choose its type; "
      "on a trigger, change its event's type", Eventing.add_event, "Annotate", "Events"),
    S("add_argument", "Add Argument…", ("R",),
      "Give the focused entity span a role in the current event (the roles its label cannot fill show why); "
      "on the event's trigger, a palette of (entity, role) pairs, nearest first, each entity's most specific role "
      "first (while the trigger is focused, the first pairs are tagged on their spans with a label key, 1-9 then "
      "0 and the letters: that key alone adds one)",
      Eventing.add_argument, "Annotate", "Events"),
    S("focus_events", "Events Panel", ("Ctrl+Shift+E",), "Move the keyboard to the events panel",
      WindowCommands.focus_events, "Go", "Events"),
    S("events_panel_keys", "Events Panel Keys", ("Up", "Down", "Return", "Delete", "Esc"),
      "In the events panel: Up/Down pick an event (it becomes current), Enter goes to its trigger, "
      "Delete removes the event or the argument, Esc returns to the article", None, "", "Events"),
    S("palette_keys", "Palette Keys", ("Up", "Down", "Return", "Esc"),
      "In the E and R palettes: type to filter (any part of a type or its description), "
      "Up/Down choose, Enter confirms, 1–9 choose the row they number at once, Esc closes", None, "", "Events"),
    # Relations and notes (issue 10, h-arcs): Shift+R twice (head, then child), Shift+N.
    S("relate", "Add Relation…", ("Shift+R",),
      "On the focused span: start a relation from it; Tab to the other span and press Shift+R again "
      "to choose its label (1-9, or type a new one)", Relating.relate, "Annotate", "Relations and notes"),
    S("unrelate", "Remove Relation", ("Shift+Del",),
      "Remove the focused span's relation (the arc drawn strong; with several, choose which)",
      Relating.unrelate, "Annotate", "Relations and notes"),
    S("note", "Note…", ("Shift+N",),
      "Write or edit the note on the focused span (with no span focused, on the document)",
      Relating.note, "Annotate", "Relations and notes"),
    S("attribute", "Attribute…", ("Shift+A",),
      "Set or clear an attribute of the focused span (a row already set clears it; type Name or Name=value "
      "for a new one)", Relating.attribute, "Annotate", "Relations and notes"),
    S("focus_kinds", "Notes and Relations Panel", ("Ctrl+Shift+K",),
      "Move the keyboard to the notes and relations panel: Delete removes the row's relation or note, "
      "Enter edits a note, Esc returns to the article", Relating.focus_kinds, "Go", "Relations and notes"),
    S("skip_next", "Skip Document", ("Space",), "Mark the document skipped and open the next open one",
      Annotating.skip_next, "Go", "Documents"),
    S("next_doc", "Next Document", ("N", "PgDown"), "Open the next document in the list",
      Annotating.next_doc, "Go", "Documents"),
    S("prev_doc", "Previous Document", ("P", "PgUp"), "Open the previous document in the list",
      Annotating.prev_doc, "Go", "Documents"),
    S("review", "Review Annotators' Work…", ("Ctrl+Shift+R",),
      "Adjudicate merged annotators' versions into the gold layer (N/P walk, 1-9/B/X decide)",
      FileMenu.review, "Go", "Documents"),
    S("search", "Search Documents", ("Ctrl+F",), "Search titles and texts in the document list",
      WindowCommands.focus_search, "Go", "Documents"),
    S("undo", "Undo", ("Backspace", "Ctrl+Z"), "Undo the last change, even one from an earlier session",
      Annotating.undo, "Edit", "Undo"),
    S("redo", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo what was undone", Annotating.redo, "Edit", "Undo"),
    S("find_mark", "Find and Mark…", ("Ctrl+Shift+F",),
      "Search the annotations (words, label, state, annotator); mark every occurrence, or accept or reject "
      "every same suggestion, each one undoable action that says how many spans it touches first",
      Finding.find_and_mark, "Edit", "Documents"),
    S("show_rejected", "Show Rejected Suggestions", ("Ctrl+H",), "Show or hide rejected suggestions",
      ViewControls.toggle_rejected, "View", "View", checkable=True),
    S("zoom_in", "Zoom In", ("Ctrl++", "Ctrl+="), "Larger text (kept between sessions)",
      ViewControls.zoom_in, "View", "View"),
    S("zoom_out", "Zoom Out", ("Ctrl+-",), "Smaller text", ViewControls.zoom_out, "View", "View"),
    S("zoom_reset", "Actual Size", ("Ctrl+0",), "Text at its normal size", ViewControls.zoom_reset, "View", "View"),
    S("new_project", "New Project…", ("Ctrl+N",), "Create a project file from a label schema",
      FileMenu.new_project, "File", "Files"),
    S("open_project", "Open…", ("Ctrl+O",), "Open a project file", FileMenu.open_project, "File", "Files"),
    S("import", "Import…", ("Ctrl+I",), "Import .txt, .md and .jsonl files or folders (in the background)",
      FileMenu.import_files, "File", "Files"),
    S("preannotate", "Pre-annotate", ("Ctrl+Shift+P",), "Let the spaCy model suggest entities (in the background)",
      FileMenu.preannotate, "File", "Files"),
    S("export", "Export…", ("Ctrl+E",),
      "Write a corpus: Prodigy JSONL, spaCy DocBin, a brat folder or event-extraction JSON",
      FileMenu.export, "File", "Files"),
    S("settings", "Settings…", ("Ctrl+,",), "The model, your annotator name and the theme (light, dark or as the system)",
      FileMenu.settings_dialog, "File", "Files"),
    S("quit", "Quit", ("Ctrl+Q",), "Close Spandesk (every change is already saved)", WindowCommands.quit, "File", "Files"),
    S("shortcuts", "Keyboard Shortcuts", ("F1",), "This list", WindowCommands.show_shortcuts, "Help", "Help"),
    S("about", "About Spandesk", (), "Version and licence", WindowCommands.show_about, "Help", "Help"),
)
MENUS = ("File", "Edit", "View", "Annotate", "Go", "Help")
GROUPS = ("Spans", "Span edges", "Labels", "Events", "Relations and notes", "Document labels", "Documents", "Undo",
          "View", "Files", "Help")  # Help's order
DOC_LABEL_MODIFIER = "Alt+Shift"  # Alt alone is the menus' (Alt+E is Edit, never a label)


def single_keys(specs: Iterable[Spec] = ACTIONS) -> set[str]:
    """The keys bound with no modifier, spelt as the schema spells keys ("a", "space", "tab")."""
    return {
        key.lower() for spec in specs for key in spec.keys
        if QKeySequence(key).count() == 1 and not QKeySequence(key)[0].keyboardModifiers()
    }


def label_specs(label_set: LabelSet) -> list[Spec]:
    """One action per entity label with a key: with a selection it marks a span, on a
    focused span it relabels it."""
    return [
        Spec(f"label:{e.name}", e.name, (e.key.upper(),), e.description or f"Label {e.name}",
             Annotating.apply_label, "", "Labels")
        for e in label_set.entities if e.key
    ]


def doc_label_specs(label_set: LabelSet) -> list[Spec]:
    """One action per document label with a key: Alt+Shift+key toggles it on the open document."""
    return [
        Spec(f"doc_label:{d.name}", d.name, (f"{DOC_LABEL_MODIFIER}+{d.key.upper()}",),
             d.description or f"Document label {d.name}", Eventing.toggle_doc_label, "", "Document labels")
        for d in label_set.doc_labels if d.key
    ]


def menu_texts(label_set: LabelSet, titles: Iterable[str] = MENUS) -> dict[str, str]:
    """Menu titles with an Alt mnemonic each: the first letter of the title no earlier
    menu uses (none if every letter is taken). Document labels take Alt+Shift, so they
    take no mnemonic away; `label_set` stays a parameter for schemas that may one day."""
    taken: set[str] = set()
    texts = {}
    for title in titles:
        at = next((i for i, c in enumerate(title) if c.isalpha() and c.lower() not in taken), None)
        if at is None:
            texts[title] = title
        else:
            taken.add(title[at].lower())
            texts[title] = f"{title[:at]}&{title[at:]}"
    return texts


def build(parent: QWidget, owners: Iterable[object], specs: Iterable[Spec]) -> dict[str, QAction]:
    """QActions for `specs` (ACTIONS, or a schema's label_specs), added to `parent` so their
    shortcuts work anywhere in the window; each handler is bound to the one of `owners` whose
    class defines it (a handler no owner defines is a LookupError, at the window's start)."""
    methods = _methods(owners)
    actions: dict[str, QAction] = {}
    for spec in specs:
        if spec.handler is None:
            continue  # documents a key the article view itself handles
        action = QAction(spec.text, parent)
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(spec.description)
        action.setCheckable(spec.checkable)
        action.triggered.connect(_handler(spec, methods))
        parent.addAction(action)
        actions[spec.name] = action
    return actions


def _methods(owners: Iterable[object]) -> dict[Callable, object]:
    """Every function defined by an owner's class, mapped to that owner."""
    return {fn: owner for owner in owners for fn in vars(type(owner)).values() if inspect.isfunction(fn)}


def _handler(spec: Spec, methods: Mapping[Callable, object]) -> Callable[..., None]:
    owner = methods.get(spec.handler)
    if owner is None:
        raise LookupError(f"action {spec.name}: no object of the window defines {spec.handler.__qualname__}")
    bound = MethodType(spec.handler, owner)
    # Every menu item and key runs through guarded: an unexpected error is reported, not raised
    # into Qt. The lambdas stay outermost: PySide reads their signature to pass `checked`.
    safe = guarded()(bound)
    if spec.name.startswith(("label:", "doc_label:")):
        label = spec.name.split(":", 1)[1]
        return lambda *_: safe(label)
    if spec.checkable:
        return lambda checked=False: safe(checked)
    return lambda *_: safe()


def help_rows(label_set: LabelSet) -> list[tuple[str, str, str]]:
    """(group, keys as shown on this platform, description) for Help → Keyboard shortcuts."""
    rows = []
    specs = sorted((*ACTIONS, *label_specs(label_set), *doc_label_specs(label_set)),
                   key=lambda s: GROUPS.index(s.group))  # stable: table order
    for spec in specs:
        shown = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.keys)
        text = spec.description if ":" not in spec.name else f"{spec.text}: {spec.description}"
        rows.append((spec.group, shown, text))
    from desktop.ui.review.keys import help_rows as review_rows  # the review window's own keys (issue 11)

    return rows + review_rows()


LABEL_KEYS_ROW = ("1–9, 0 and the letters in the label bar",
                  "with words selected: mark them with that label; with a span focused: relabel it; with neither: the jump "
                  "letters show and the word or phrase whose letters follow is marked with that label (with Shift, "
                  "the span there takes that label and exactly those words); "
                  "on the current event's trigger, the key adds the (entity, role) pair its tag shows on a span")
DOC_LABEL_KEYS_ROW = (f"{DOC_LABEL_MODIFIER}+letter", "toggle a document label (its letter is shown beside it)")


def readme_table() -> str:
    """README's key table, in Markdown: every key F1 lists (each schema's label keys as one
    row each for entity and document labels). tests/ui/test_flow_keys.py holds README to it."""
    rows = [("Keys", "What they do"), ("---", "---")]
    for spec in sorted(ACTIONS, key=lambda s: GROUPS.index(s.group)):
        if not spec.keys:
            continue
        rows.append((" / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText) for k in spec.keys),
                     spec.description))
        if spec.name == "select_words":
            rows.append(LABEL_KEYS_ROW)
        if spec.name == "palette_keys":
            rows.append(DOC_LABEL_KEYS_ROW)
    from desktop.ui.review.keys import readme_rows as review_rows  # the review window's own keys (issue 11)

    rows += review_rows()
    return "\n".join(f"| {keys} | {text} |" for keys, text in rows) + "\n"
