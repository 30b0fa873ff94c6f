"""What the annotator's keys do: span and document actions, read off the article view.

Each handler reads what the view has in hand (the focused span, the selection), calls one
action through the desk, and moves the focus the way a reviewer's eyes move: after a
verdict on a span, on to the next one. The view redraws from the desk's `changed` signal,
after the action is committed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop import ops
from desktop.core.model import Layer, Span, State, Status
from desktop.ui.desk import Desk
from desktop.ui.guard import guarded

NO_FOCUS = "No span is focused: Tab moves to the next one."


class Annotating(QObject):
    def __init__(self, desk: Desk, view, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self.view = view
        self.suggested = None  # commands.suggested.SuggestedArguments: Enter/X on a suggested argument

    def _focused(self) -> Span | None:
        span = self.view.focused_span()
        if span is None:
            self.desk.message.emit(NO_FOCUS)
        return span

    def _verdict(self, fn, span: Span, unchanged: bool) -> None:
        """Judge a span and move on; a verdict it already has costs no action (so undo
        never has to step over nothing). On from a trigger, the next span is the next
        suggested event's trigger (commands/suggested.py), while there is one."""
        self.view.focus_next(1)
        if not unchanged and self.desk.act(fn, span.id) is None:
            self.view.focus_span(span.id)  # refused: stay where the annotator was
        elif span.layer == Layer.TRIGGER and self.suggested is not None:
            self.suggested.next_event(span)
        elif span.layer == Layer.ENTITY and span.state == State.SUGGESTED:
            self.next_suggestion(span)

    def next_suggestion(self, after: Span) -> bool:
        """After Enter or X on a suggested entity: focus the next entity suggestion still to
        rule on after `after` in reading order (wrapping to the first), as a reviewer's eyes
        go to the next suggestion, not the next span; False, the focus untouched, when none
        is left. (A relabel keeps the focus: Shift+arrows often follow it.)"""
        key = (after.start, after.end)
        pending = [s for s in self.view.span_index().spans
                   if s.layer == Layer.ENTITY and s.state == State.SUGGESTED and s.id != after.id]
        if not pending:
            return False
        later = [s for s in pending if (s.start, s.end) > key]
        self.view.focus_span((later or pending)[0].id)
        return True

    # --- spans ---------------------------------------------------------------------------

    def accept(self) -> None:
        if (span := self._focused()) and not (self.suggested and self.suggested.rule(span, True)):
            self._verdict(ops.accept_span, span, span.state == State.ACCEPTED)

    def reject(self) -> None:
        if (span := self._focused()) and not (self.suggested and self.suggested.rule(span, False)):
            self._verdict(ops.reject_span, span, span.state == State.REJECTED)

    def accept_event(self) -> None:
        """Shift+Enter: the current event whole (commands/suggested.py)."""
        if self.suggested is not None:
            self.suggested.accept_whole()

    def accept_event_reject_open(self) -> None:
        """Shift+X: the current event right, its open suggested arguments wrong (commands/suggested.py)."""
        if self.suggested is not None:
            self.suggested.accept_whole(reject_open=True)

    def delete(self) -> None:
        if span := self._focused():
            self._verdict(ops.delete_span, span, False)

    def apply_label(self, label: str) -> None:
        """A label key: mark the selection, else relabel the focused span."""
        if self.desk.doc_id is None:
            return
        selection = self.view.selection()
        if selection is not None:
            # The same words elsewhere are offered the label too (ops/same_words.py).
            outcome = self.desk.act(ops.label_words, self.desk.doc_id, selection[0], selection[1], label)
            if outcome is not None:
                self.view.clear_selection()
                self.view.focus_span(outcome.span_id)
            return
        span = self.view.focused_span()
        if span is None:
            self._label_first(label)
            return
        key = next((e.key for e in self.desk.label_set.entities if e.name == label), "")
        if self.suggested is not None and self.suggested.number_key(key):
            return  # on the current event's trigger, a digit adds the pair its tag numbers
        outcome = self.desk.act(ops.relabel_words, span.id, label)
        if outcome is not None:
            self.view.focus_span(outcome.span_id)

    def _label_first(self, label: str) -> None:
        """A label key with nothing in hand: the jump hints show, and the word or phrase
        whose letters are typed next is marked with the label at once (with Shift, the span
        there takes the label and exactly those words: `_reshape_to_hint`). Afterwards
        nothing is focused, the caret after the span, so the next label key starts the same
        again: a missing entity costs the label and its letters."""
        if not self.view.article().tokens:
            self.desk.message.emit(f"Select words, or focus a span with Tab, to give it the label {label}.")
            return

        def mark() -> None:
            if self.view.selection() is None and self.view.focused_span() is None:
                return
            if not self._reshape_to_hint(label):
                self.apply_label(label)
            if self.view.focused_span() is not None:
                self.view.focus_span(None)  # on to the next: the label key starts hints again

        self.view.setFocus()
        if not self.view.hints.start(then=mark):
            self.desk.message.emit(f"Select words, or focus a span with Tab, to give it the label {label}.")
        else:
            self.desk.message.emit(f"Type the letters of the word or phrase to mark {label}; with Shift, "
                                   f"of the span to relabel. Esc puts the letters away.")

    def _reshape_to_hint(self, label: str) -> bool:
        """Label-first with Shift: the span on the hinted words takes the label and exactly
        those words, the word's or the phrase's (one action: reach, edges and label in one
        gesture). The hint of its own words is a plain relabel (`apply_label`). True when
        reshaped."""
        hints, span = self.view.hints, self.view.focused_span()
        hit = hints.last
        if span is None or hit is None or not hints.last_shifted or span.layer != Layer.ENTITY:
            return False
        if (hit.start, hit.end) == (span.start, span.end):
            return False
        outcome = self.desk.act(ops.reshape_words, span.id, hit.start, hit.end, label)
        if outcome is not None:
            self.view.focus_span(outcome.span_id)
        return True

    def sync_keys(self, actions: dict) -> None:
        """Arrows with a selection, and Shift+arrows with no span focused, belong to the view
        (the caret and the selection move word by word): their actions step aside."""

        def sync(*_args) -> None:
            selecting = self.view.selection() is not None
            focused = self.view.focused_span() is not None
            for name in ("right_span", "left_span"):
                actions[name].setEnabled(not selecting)
            for name in ("grow_end", "shrink_end", "grow_start", "shrink_start"):
                actions[name].setEnabled(focused and not selecting)

        self.view.selectionChanged.connect(sync)
        self.view.focusedSpanChanged.connect(sync)
        sync()

    def jump(self) -> None:
        """`;`: hint letters on the words on screen (article/hints.py)."""
        self.view.setFocus()
        if not self.view.hints.start():
            self.desk.message.emit("No words on screen to jump to.")
        else:
            self.desk.message.emit("Type a word's letters to select it; with Shift, to focus the span on it. "
                                   "PgDown/PgUp scroll, Esc puts the letters away.")

    def clear(self) -> None:
        self._drop_selection()
        self.view.focus_span(None)

    def next_span(self) -> None:
        self._drop_selection()
        self.view.focus_next(1)

    def prev_span(self) -> None:
        self._drop_selection()
        self.view.focus_next(-1)

    def _drop_selection(self) -> None:
        # Only when there is one: clearing moves the view to the caret, wherever it is.
        if self.view.selection() is not None:
            self.view.clear_selection()

    def _resize(self, side: str, by: int) -> None:
        if span := self._focused():
            outcome = self.desk.act(ops.resize_span, span.id, side, by)
            if outcome is not None and outcome.span_id is not None:
                self.view.focus_span(outcome.span_id)

    def move_edge(self, span_id: int, side: str, to: int) -> None:
        """A span's drag handle dropped at code point `to`: its edge moves there (whole tokens)."""
        outcome = self.desk.act(ops.move_span_edge, span_id, side, to)
        if outcome is not None and outcome.span_id is not None:
            self.view.focus_span(outcome.span_id, scroll=False)

    def grow_end(self) -> None:
        self._resize("end", +1)

    def shrink_end(self) -> None:
        self._resize("end", -1)

    def grow_start(self) -> None:
        self._resize("start", +1)

    def shrink_start(self) -> None:
        self._resize("start", -1)

    # --- documents -----------------------------------------------------------------------

    def done_next(self) -> None:
        """`a`: what is left is accepted, the document is done, the next open one opens."""
        if self.desk.doc_id is not None and self.desk.act(ops.mark_done, self.desk.doc_id) is not None:
            self.desk.go(open_only=True)

    def skip_next(self) -> None:
        doc_id = self.desk.doc_id
        if doc_id is not None and self.desk.act(ops.set_status, doc_id, Status.SKIPPED):
            more = self.desk.go(open_only=True)
            self.desk.message.emit(f"Skipped document {doc_id}" + (". " if more else
                                   "; every document is now done or skipped. ") + "Backspace undoes.")

    def next_doc(self) -> None:
        self.desk.go()

    def prev_doc(self) -> None:
        self.desk.go(backwards=True)

    def undo(self) -> None:
        self._replay(ops.undo, "Nothing to undo.")

    def redo(self) -> None:
        self._replay(ops.redo, "Nothing to redo.")

    def _replay(self, fn, nothing: str) -> None:
        what = ops.undo_text(self.desk.store, redo=fn is ops.redo)
        outcome = self.desk.act(fn)
        if outcome is None:
            return
        if not outcome.changes:
            self.desk.message.emit(nothing)
            return
        if outcome.doc_id is not None and outcome.doc_id != self.desk.doc_id:
            self.desk.open_doc(outcome.doc_id)  # show the change where it happened
        self.desk.message.emit(("Undid: " if fn is ops.undo else "Redid: ") + (what or "the last change"))

    def sync_undo(self, undo, redo) -> None:
        """Edit → Undo and Redo name what they would act on ("Undo accept “CSTO” ORG"),
        after every change and in a newly opened project."""

        @guarded()
        def sync(*_args) -> None:
            store = self.desk.store
            if store.closed:
                return
            for action, verb, is_redo in ((undo, "Undo", False), (redo, "Redo", True)):
                what = ops.undo_text(store, redo=is_redo)
                # Not disabled when there is nothing: the key then says "Nothing to undo."
                action.setText(f"{verb} {what}" if what else verb)

        self.desk.changed.connect(sync)
        self.desk.projectOpened.connect(sync)
        sync()
