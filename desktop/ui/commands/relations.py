"""What the relation and note keys do (issue 10), and the relations drawn in the article.

Shift+R makes a relation by keyboard: on the focused span (the head) it starts one, the
head wearing a dashed ring; Tab, the arrows or a click move to the other span (the
child; selected words inside a span name it too, so a jump hint reaches it); Shift+R again opens the label chooser (1-9, type-ahead, or a new label), and
the relation is made through `ops.add_relation`, so Backspace undoes it. Esc (which drops
the focus) or another document gives up a relation in the making.

Shift+Delete removes a relation of the focused span (the one drawn strong; with several,
a numbered chooser asks which).

Shift+A sets or clears an attribute of the focused span: a chooser of the label set's
attributes (and those the project uses), one row per value; a row already set clears it;
typing "Name" or "Name=value" gives a new one.

Shift+N writes a note: on the focused span, its note (the first one, edited); with no
span focused, the document's. Ctrl+Shift+K moves the keyboard to the notes and relations
panel, where Delete removes the row's relation, note, attribute or normalisation.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop import ops
from desktop.core.model import Span
from desktop.ui.article.kind_tips import KindTips
from desktop.ui.article.relation_arcs import relation_links
from desktop.ui.desk import Desk
from desktop.ui.guard import guarded

_DELETE = {"relations": "delete_relation", "notes": "delete_note", "attributes": "clear_attribute",
           "normalisations": "clear_normalisation"}


class Relating(QObject):
    def __init__(self, desk: Desk, view, follower, panel, window: QWidget):
        super().__init__(window)
        self.desk, self.view, self.panel, self.window = desk, view, panel, window
        self.kinds = None  # the open document's store.kinds.DocKinds, once loaded
        self.head: Span | None = None  # the head of a relation in the making
        self.palette = None  # the label chooser on show, if one is
        self.note_dialog = None  # the note dialog on show, if one is
        self.tips = KindTips(view, self)
        follower.kindsChanged.connect(self._kinds)
        desk.documentOpened.connect(self._opened)
        view.focusedSpanChanged.connect(self._focused)
        panel.deleteRow.connect(self.delete_row)
        panel.editNote.connect(self.edit_note)
        panel.done.connect(self.view.setFocus)

    # --- following the document ------------------------------------------------------------

    @guarded()
    def _kinds(self, kinds) -> None:
        self.kinds = kinds
        self.tips.show_kinds(kinds)
        relations = [] if kinds is None else kinds.relations
        self.view.relation_arcs.set_relations(relation_links(r for _, r in relations))

    @guarded()
    def _opened(self, _doc) -> None:
        self._give_up()

    @guarded()
    def _focused(self, span_id) -> None:
        # Esc drops the focus and any selection: that gives up. Selecting words (which may
        # drop the focus too) names the child instead: looked at once the selection is made.
        if self.head is not None and span_id is None and self.palette is None:
            QTimer.singleShot(0, self._maybe_give_up)

    @guarded()
    def _maybe_give_up(self) -> None:
        if (self.head is not None and self.palette is None and self.view.focused_span() is None
                and self.view.selection() is None):
            self._give_up()
            self.desk.message.emit("No relation made.")

    def _give_up(self) -> None:
        self.head = None
        self.view.relation_arcs.set_pending(None)

    # --- Shift+R ------------------------------------------------------------------------------

    def relate(self) -> None:
        if self.desk.doc_id is None:
            return
        span = self._target()
        if self.head is None:
            if span is None:
                self.desk.message.emit("Focus the relation's first span (Tab), then press Shift+R.")
                return
            self.head = span
            self.view.relation_arcs.set_pending((span.start, span.end))
            self.desk.message.emit(f"Relation from “{_short(span.text)}”: Tab to the other span, "
                                   "then Shift+R again (Esc gives up).")
            return
        head = self.head
        if span is None or span.id == head.id:
            self.desk.message.emit(f"Tab to the span “{_short(head.text)}” relates to, then Shift+R.")
            return
        choices = ops.relation_choices(self.desk.store, self.desk.label_set, head, span)
        self._choose(head, span, choices)

    def _target(self) -> Span | None:
        """The innermost span holding the selected words (a jump hint or a double click
        selects words, not spans), else the focused span."""
        selection = self.view.selection()
        if selection is not None:
            index = self.view.span_index()
            rows = [r for r in index.covering(selection[0]) if index.spans[r].end >= selection[1]]
            if rows:
                return index.spans[rows[0]]
        return self.view.focused_span()

    def _choose(self, head: Span, child: Span, choices) -> None:
        from desktop.ui.dialogs.relation_label import RelationLabelPalette, relation_label_choices

        if self.palette is not None:
            self.palette.reject()
        palette = self.palette = RelationLabelPalette(
            f"Relation “{_short(head.text)}” → “{_short(child.text)}”", relation_label_choices(choices), self.window)
        palette.accepted.connect(lambda: (label := palette.choice()) and self._chosen(head.id, child.id, label))
        palette.finished.connect(lambda _result: self._closed(palette))
        palette.popup_at(self.view.point_below(child.start))

    @guarded()
    def _chosen(self, head_id: int, child_id: int, label: str) -> None:
        outcome = self.desk.act(ops.add_relation, head_id, child_id, label)
        if outcome is not None:
            self.desk.message.emit(f"Relation {label} made; Backspace undoes it.")

    @guarded()
    def _closed(self, palette) -> None:
        if self.palette is palette:
            self.palette = None
        palette.deleteLater()
        self._give_up()
        self.window.activateWindow()
        self.view.setFocus()

    def unrelate(self) -> None:
        span = self.view.focused_span()
        if self.desk.doc_id is None or span is None:
            return
        kinds = self.kinds if self.kinds is not None else ops.document_kinds(self.desk.store, self.desk.doc_id)
        mine = [(i, r) for i, r in kinds.relations if span.id in (r.head.id, r.child.id)]
        if not mine:
            self.desk.message.emit(f"“{_short(span.text)}” has no relation to remove.")
            return
        if len(mine) == 1:
            self._unrelated(mine[0][0], mine[0][1].label)
            return
        from desktop.ui.dialogs.palette import Choice
        from desktop.ui.dialogs.relation_label import RelationLabelPalette

        names = {f"{r.label}: {_short(r.head.text, 20)} → {_short(r.child.text, 20)}": (i, r.label) for i, r in mine}
        if self.palette is not None:
            self.palette.reject()
        palette = self.palette = RelationLabelPalette(f"Remove which relation of “{_short(span.text)}”?",
                                                      [Choice(name, "") for name in names], self.window)
        palette.accepted.connect(lambda: (name := palette.choice()) in names and self._unrelated(*names[name]))
        palette.finished.connect(lambda _result: self._closed(palette))
        palette.popup_at(self.view.point_below(span.start))

    @guarded()
    def _unrelated(self, relation_id: int, label: str) -> None:
        if self.desk.act(ops.delete_relation, relation_id) is not None:
            self.desk.message.emit(f"Relation {label} removed; Backspace brings it back.")

    # --- Shift+A ------------------------------------------------------------------------------

    def attribute(self) -> None:
        if self.desk.doc_id is None:
            return
        span = self.view.focused_span()
        if span is None:
            self.desk.message.emit("Focus a span (Tab), then press Shift+A to set or clear its attributes.")
            return
        from desktop.ui.dialogs.palette import Choice
        from desktop.ui.dialogs.relation_label import RelationLabelPalette

        kinds = self.kinds if self.kinds is not None else ops.document_kinds(self.desk.store, self.desk.doc_id)
        mine = {(a.name, a.value): i for i, a in kinds.attributes
                if isinstance(a.target, Span) and a.target.id == span.id}
        rows = [(n, v, why) for n, v, why in ops.attribute_choices(self.desk.store, self.desk.label_set, span)]
        rows += [(n, v, None) for n, v in mine if not any((n, v) == (r[0], r[1]) for r in rows)]
        choices = [Choice(_attribute(n, v), why or ("set: Enter clears it" if (n, v) in mine else ""),
                          offered=why is None or (n, v) in mine) for n, v, why in rows]
        if self.palette is not None:
            self.palette.reject()
        palette = self.palette = RelationLabelPalette(f"Attribute of “{_short(span.text)}” ({span.label})",
                                                      choices, self.window)
        palette.accepted.connect(lambda: (text := palette.choice()) and self._attribute_chosen(span.id, text, mine))
        palette.finished.connect(lambda _result: self._closed(palette))
        palette.popup_at(self.view.point_below(span.start))

    @guarded()
    def _attribute_chosen(self, span_id: int, text: str, mine: dict) -> None:
        name, _, value = (part.strip() for part in text.partition("="))
        key = (name, value or None)
        if key in mine:
            self.desk.act(ops.clear_attribute, mine[key])
        else:
            self.desk.act(partial(ops.set_attribute, span_id=span_id), name, value or None)

    # --- Shift+N ------------------------------------------------------------------------------

    def note(self) -> None:
        doc_id = self.desk.doc_id
        if doc_id is None:
            return
        span = self.view.focused_span()
        notes = self.kinds.notes if self.kinds is not None else ops.notes(self.desk.store, doc_id)
        if span is not None:
            mine = [(i, n) for i, n in notes if isinstance(n.target, Span) and n.target.id == span.id]
            title = f"Note on “{_short(span.text)}” ({span.label})"
        else:
            mine = [(i, n) for i, n in notes if n.target is None]
            title = "Note on the document"
        if mine:
            self._open_note(title, mine[0][1].text, note_id=mine[0][0])
        else:
            self._open_note(title, "", doc_id=doc_id, span_id=span.id if span is not None else None)

    def edit_note(self, note_id: int) -> None:
        notes = self.kinds.notes if self.kinds is not None else []
        found = next((n for i, n in notes if i == note_id), None)
        if found is not None:
            self._open_note("Note", found.text, note_id=note_id)

    def _open_note(self, title: str, text: str, *, note_id: int | None = None, doc_id: int | None = None,
                   span_id: int | None = None) -> None:
        from desktop.ui.dialogs.note import NoteDialog

        if self.note_dialog is not None:
            self.note_dialog.reject()
        dialog = self.note_dialog = NoteDialog(title, text, self.window)
        dialog.accepted.connect(lambda: self._note_saved(dialog.text(), note_id, doc_id, span_id))
        dialog.finished.connect(lambda _result: self._note_closed(dialog))
        dialog.open()

    @guarded()
    def _note_saved(self, text: str, note_id: int | None, doc_id: int | None, span_id: int | None) -> None:
        if note_id is not None:
            if text:
                self.desk.act(ops.edit_note, note_id, text)
            else:
                self.desk.act(ops.delete_note, note_id)
        elif text:
            self.desk.act(partial(ops.add_note, span_id=span_id), doc_id, text)

    @guarded()
    def _note_closed(self, dialog) -> None:
        if self.note_dialog is dialog:
            self.note_dialog = None
        dialog.deleteLater()
        self.window.activateWindow()
        self.view.setFocus()

    # --- the panel -------------------------------------------------------------------------

    def focus_kinds(self) -> None:
        self.panel.focus()

    def delete_row(self, table: str, row_id: int) -> None:
        name = _DELETE.get(table)
        if name is not None:
            self.desk.act(getattr(ops, name), row_id)


def _attribute(name: str, value: str | None) -> str:
    return name if value is None else f"{name} = {value}"


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"
