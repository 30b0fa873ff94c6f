"""Effort in key presses (issue 12): how many keys a keyboard-only annotator needs to turn the
model's suggestions into the gold, in the real window. The last line printed is one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/effort.py GOLD.jsonl [--quick]

GOLD.jsonl is Spandesk JSONL with accepted spans, events and document labels (the seed
reference, seeds/kazakhstan-csto-withdrawal.jsonl, is one). Each document's text is imported
alone into a fresh project and pre-annotated as `spandesk preannotate` does (entities, and
events with their arguments from the trigger lexicon or a trained trigger component, and
document labels from a trained model); the window then opens on it and a scripted annotator
presses keys (QTest) until the document equals the gold, taking for each difference the
shortest key sequence the app offers, by a generic strategy:

* a suggestion no gold span overlaps: focus it and X. Focusing takes the fewest keys of Tab
  presses, Shift+Tab presses, or `;` (PgDown/PgUp while the word is off screen, or
  Ctrl+Home/Ctrl+End before `;`) and the hint of its first word typed with Shift; or, from
  the trigger or an argument of the current event when it is right as it stands,
  Shift+Enter (the event accepted whole) when the focus then goes on to that span, the next
  suggested event's trigger;
* a suggestion overlapping a gold span with other edges or label: focus it, move its edges a
  word at a time (Shift+→/←, Alt+Shift+←/→), then the label key; or the label key first and
  the hint (a word's or a phrase's) of exactly the words it should have typed with Shift
  (Esc before if a span is focused; the span there takes the label and those words), its
  own words for a new label alone, else those of the gold span it overlaps that this
  reaches in fewest keys, when that is fewer keys;
  with nothing focused, Tab and Shift+Tab count from the caret, as the view goes on;
* a gold span no suggestion overlaps: its label key and the hint letters of exactly its
  words, a word's or a phrase's (label-first marking; Esc first if a span is focused;
  PgDown/PgUp while it is off screen), or `;`, the hint of its first word (or of the
  phrase), Shift+→ until its last word and the label key, whichever is fewer keys (the
  same words elsewhere are then offered the label: ops/same_words.py);
* a suggested event the gold does not have: focus its trigger, X (the focus then moves on
  to the next suggested event by itself); the right words with the wrong type: E and the type;
* a suggested event the gold has, with arguments to add or reject: focus its trigger, the
  key its tag gives a missing (entity, role) pair (R's first pairs, tagged with the entity
  labels' keys), else R and the pair (or reach the span, R and the role, if fewer keys),
  then Enter (to its first suggested argument, the least certain) and Enter (keep) or X
  (reject) per suggested argument, until the ones still open are all wrong: Shift+X then
  rejects them and accepts the event;
* a gold event not suggested: its trigger selected as above, E, then the fewest keys that
  make its type the palette's choice (its digit; or typed letters or Down presses, then
  Enter); its arguments as above;
* a document label: Alt+Shift+its key.

Correct suggestions cost nothing unless a walk passes them: A (accept the rest, done) ends
each document and is not counted. `model_errors` counts the differences: entity spans
added, removed, relabelled or resized; suggested events rejected or retyped, events added,
arguments added, suggested arguments rejected; document labels toggled. The final state is
checked against the gold (entity spans, events with their arguments, document labels).
`--quick` leaves events out. `keys_by_kind` says where the keys went: entity_fix/entity_add,
trigger_reach, event_reject, event_type (E and the palette), argument_reach, argument_role
(R and the palette), argument_review (Enter over a right suggested argument on the way),
argument_reject, doc_label.

`lower_bound_keys` is the fewest keys any keyboard UI would need for the same errors given
what it cannot know, even if it always had the next error in focus (reaching costs nothing):
a wrong suggestion 1 (the verdict), a relabel 1 (which label), new edges 1 (where), new
edges and label 2, an entity the model missed 2 (where, which label), an event the model
missed 2 (where, which type) plus 1 per argument, a wrong suggested event or argument 1,
a missing argument 1 (which entity and role; the wrong suggested arguments of an event
whose suggested ones the gold keeps none of, 1 for them all), a document label 1. `lower_bound_per_error`
divides it by `model_errors`. The real cost above it is reaching: telling the app where
the next error is.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import ops  # noqa: E402
from desktop.core.model import Layer, State  # noqa: E402

SHIFT, ALT, CTRL, NONE = "shift", "alt", "ctrl", ""


class Stuck(RuntimeError):
    """The strategy found no key sequence for a difference: the run reports it and fails."""


class Annotator:
    """Presses keys in the window and counts them."""

    def __init__(self, win, label_set):
        from PySide6.QtCore import Qt

        self.win, self.view, self.Qt = win, win.view, Qt
        self.keys = 0
        self.bound = 0  # the fewest keys any keyboard UI needs for the errors met (module docstring)
        self.kind = "other"  # what the keys pressed now are for (figures' keys_by_kind)
        self.by_kind: dict[str, int] = {}
        self.label_keys = {e.name: e.key for e in label_set.entities if e.key}
        self.doc_keys = {d.name: d.key for d in label_set.doc_labels if d.key}
        self.settled = None  # events phase: whether a suggested event is right as it stands (Enter walks on)

    # --- pressing --------------------------------------------------------------------

    def press(self, key, *mods: str, widget=None) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        Qt = self.Qt
        modifier = Qt.KeyboardModifier.NoModifier
        for m in mods:
            modifier |= {SHIFT: Qt.KeyboardModifier.ShiftModifier, ALT: Qt.KeyboardModifier.AltModifier,
                          CTRL: Qt.KeyboardModifier.ControlModifier}[m]
        target = widget or QApplication.focusWidget() or self.view
        if isinstance(key, str):
            QTest.keyClicks(target, key, modifier)
        else:
            QTest.keyClick(target, key, modifier)
        self.keys += 1
        self.by_kind[self.kind] = self.by_kind.get(self.kind, 0) + 1
        QApplication.processEvents()

    def letter(self, char: str, *mods: str) -> None:
        key = getattr(self.Qt.Key, f"Key_{char.upper()}", None) if char.isalnum() else None
        if key is None:
            self.press(char, *mods)
        else:
            self.press(key, *mods)

    # --- what is on show ---------------------------------------------------------------

    def entities(self):
        return [s for s in self.win.desk.spans() if s.layer == Layer.ENTITY and s.state != State.REJECTED]

    def focus(self, span_id: int) -> None:
        """Focus a span with the fewest keys: Tab or Shift+Tab presses, or `;` and the hint
        of its first word typed with Shift (when that word is on screen and no span nested
        in it holds that word)."""
        Qt = self.Qt
        focused = self.view.focused_span()
        if focused is not None and focused.id == span_id:
            return
        plan = self._span_hint(span_id)
        tabs = self._tabs(span_id)
        enters = self._enters(span_id)
        if enters is not None and enters <= tabs and (plan is None or enters <= 1 + plan[1] + len(plan[2])):
            self.press(Qt.Key.Key_Return, SHIFT)
            if self.view.focused_span() is None or self.view.focused_span().id != span_id:
                raise Stuck(f"{enters} Enter did not go on to span {span_id}")
            return
        if plan is not None and 1 + plan[1] + len(plan[2]) < tabs:
            self._hint_keys(plan, SHIFT)
            if self.view.focused_span() is None or self.view.focused_span().id != span_id:
                raise Stuck(f"the hint {plan} did not focus span {span_id}")
            return
        for _ in range(500):
            focused = self.view.focused_span()
            if focused is not None and focused.id == span_id:
                return
            index = self.view.span_index()
            target = index.index_of(span_id)
            if target is None:
                raise Stuck(f"span {span_id} is not on show")
            row = index.index_of(focused.id) if focused is not None else None
            if row is None:
                forward, backward = self._from_caret(target)
                self.press(Qt.Key.Key_Tab, *(() if forward <= backward else (SHIFT,)))
                continue
            n = len(index)
            forward, backward = (target - row) % n, (row - target) % n
            self.press(Qt.Key.Key_Tab, *(() if forward <= backward else (SHIFT,)))
        raise Stuck(f"span {span_id} never got the focus")

    def _enters(self, span_id: int) -> int | None:
        """1 when Shift+Enter ends on the span: on the trigger or an argument of a current
        event that is right as it stands (`settled`), it accepts the event whole and the focus
        goes on to the next suggested event's trigger (commands/suggested.py). None when that
        is not where it ends."""
        focused, eventing = self.view.focused_span(), self.win.eventing
        event = eventing.current()
        if focused is None or event is None or self.settled is None:
            return None
        if focused.id != event.trigger.id and focused.id not in {a.span.id for a in event.arguments}:
            return None
        enters = 1
        if not self.settled(event):
            return None
        trigger = event.trigger
        pending = sorted((e.trigger.start, e.trigger.end, e.trigger.id) for e in eventing.events
                         if e.state == State.SUGGESTED and e.trigger.id != trigger.id)
        later = [p for p in pending if p[:2] > (trigger.start, trigger.end)]
        if not pending or (later or pending)[0][2] != span_id:
            return None
        return enters

    def relabel_first(self, span, label: str) -> bool:
        """Relabel `span` by its label key first and the hint of exactly its words (a word's
        or a phrase's) typed with Shift (Esc before, if anything is in hand), when that is
        fewer keys than focusing it and then the label key; False, nothing pressed, otherwise."""
        Qt, view = self.Qt, self.view
        hint = self._span_hint(span.id)  # (focusing it by its first word's hint, and Shift there finds it)
        plan = self._word_plan(span.start, span.end)
        if hint is None or plan is None:
            return False
        busy = view.selection() is not None or view.focused_span() is not None
        first = busy + 1 + plan[1] + len(plan[2])
        if first >= min(self._tabs(span.id), 1 + hint[1] + len(hint[2])) + 1:
            return False
        if busy:
            self.press(Qt.Key.Key_Escape)
        if plan[0] in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.press(plan[0], CTRL)
            self.label(label)
        else:
            self.label(label)
            for _ in range(plan[1]):
                self.press(plan[0])
        for char in plan[2]:
            self.letter(char, SHIFT)
        if not any(s.id == span.id and s.label == label for s in self.entities()):
            raise Stuck(f"{label} then the hint {plan} did not relabel {span.text!r}")
        return True

    def reshape_first(self, span, targets) -> bool:
        """Give `span` one target's words and label by its label key first and the hint of
        exactly that target's words typed with Shift (Esc before, if anything is in hand):
        the hint must fall on the span (its start's innermost span). Of the gold spans `targets` it overlaps, the one
        this costs fewest keys for, when that is fewer than focusing the span, moving its
        edges to the first target's and its label key; False, nothing pressed, otherwise."""
        Qt, view = self.Qt, self.view
        busy = view.selection() is not None or view.focused_span() is not None
        options = []  # (keys, where, hint plan, target)
        for target in targets:
            plan = self._reshape_plan(span, target)
            if plan is not None:
                options.append((busy + 1 + plan[1] + len(plan[2]), target.start, plan, target))
        if not options:
            return False
        cost, _at, plan, target = min(options, key=lambda o: o[:2])
        first = targets[0]
        reach = min(self._tabs(span.id), 1 + (h[1] + len(h[2]) if (h := self._span_hint(span.id)) else 10**6))
        focused = view.focused_span()
        if focused is not None and focused.id == span.id:
            reach = 0
        if cost >= reach + self._edge_steps(span, first) + (span.label != first.label):
            return False
        if busy:
            self.press(Qt.Key.Key_Escape)
        if plan[0] in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.press(plan[0], CTRL)
            self.label(target.label)
        else:
            self.label(target.label)
            for _ in range(plan[1]):
                self.press(plan[0])
        for char in plan[2]:
            self.letter(char, SHIFT)
        if not any((s.start, s.end, s.label) == (target.start, target.end, target.label) for s in self.entities()):
            raise Stuck(f"{target.label} then the hint {plan} did not reshape {span.text!r}")
        return True

    def _reshape_plan(self, span, target):
        """The hint plan (`_word_plan`) that reshapes `span` into `target` label-first with
        Shift, or None when none does."""
        index = self.view.span_index()
        rows = index.covering(target.start)
        if not rows or index.spans[rows[0]].id != span.id:
            return None
        return self._word_plan(target.start, target.end)

    def _edge_steps(self, span, target) -> int:
        """Shift+arrow presses that move the span's edges to the target's (a word a press)."""
        from desktop.ui.article.phrases import _units

        doc = self.view.article()
        units = _units(doc.text, doc.tokens)
        lo, hi = sorted((span.end, target.end))
        steps = sum(1 for a, b in units if lo < b <= hi)
        lo, hi = sorted((span.start, target.start))
        return steps + sum(1 for a, b in units if lo <= a < hi)

    def _tabs(self, span_id: int) -> int:
        """How many Tab or Shift+Tab presses focus the span (one more with nothing focused)."""
        index, focused = self.view.span_index(), self.view.focused_span()
        target = index.index_of(span_id)
        row = index.index_of(focused.id) if focused is not None else None
        if target is None:
            return 10**6
        if row is None:
            return min(self._from_caret(target))
        n = len(index)
        return min((target - row) % n, (row - target) % n)

    def _from_caret(self, target: int) -> tuple[int, int]:
        """(Tab presses, Shift+Tab presses) that reach row `target` with nothing focused:
        from the caret when it is on screen, as the view goes on (ArticleView.focus_next);
        else a rough guess from the first span."""
        view, index = self.view, self.view.span_index()
        n = len(index)
        caret = view.cursorRect()
        if not (0 <= caret.top() and caret.bottom() <= view.viewport().height()):
            return 1 + target, 1 + n - target
        first = index.first_from(view.article().map.to_codepoint(view.textCursor().position()))
        first = first if first is not None else n
        return (target - (first - 1) - 1) % n + 1, (first - target - 1) % n + 1

    def _span_hint(self, span_id: int):
        """The hint plan (see `_word_plan`) whose letters, with Shift, focus the span; None
        when a span nested in it holds its first word."""
        index = self.view.span_index()
        target = index.index_of(span_id)
        if target is None:
            return None
        span = index.spans[target]
        rows = index.covering(span.start)
        if not rows or rows[0] != target:
            return None
        return self._word_plan(span.start)

    def _word_plan(self, start: int, end: int | None = None):
        """(scroll key, presses, hint letters) that reach the word at `start` by `;` (with
        `end`, the word or phrase hint covering exactly [start, end)): no scroll when it is
        on screen, else PgDown or PgUp until it is lettered; None if never. The annotator
        reads the letters off the screen; the plan peeks at them (the view is put back as it
        was, the caret too) to choose between keys."""
        from PySide6.QtCore import Qt

        view = self.view
        bar = view.verticalScrollBar()
        was = bar.value()
        best = None
        try:
            for key, step in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, -1)):
                bar.setValue(was)
                for k in range(40):
                    view.hints.start()
                    pool = view.hints.hints if end is None else view.hints.all()
                    code = next((h.code for h in pool if h.start == start and (end is None or h.end == end)),
                                None)
                    view.hints.stop()
                    if code is not None:
                        if best is None or k + len(code) < best[1] + len(best[2]):
                            best = (key, k, code)
                        break
                    before = bar.value()
                    bar.setValue(before + step * bar.pageStep())
                    if bar.value() == before:
                        break
        finally:
            bar.setValue(was)
        # Ctrl+Home or Ctrl+End first (the caret and the view to the article's start or end),
        # then `;`: the letters there are counted from the new caret.
        cursor = view.textCursor()
        try:
            for key, at in ((Qt.Key.Key_Home, 0), (Qt.Key.Key_End, len(view.toPlainText()))):
                moved = view.textCursor()
                moved.setPosition(view.article().map.to_utf16(at) if at else 0)
                view.setTextCursor(moved)
                view.ensureCursorVisible()
                view.hints.start()
                pool = view.hints.hints if end is None else view.hints.all()
                code = next((h.code for h in pool if h.start == start and (end is None or h.end == end)), None)
                view.hints.stop()
                if code is not None and (best is None or 1 + len(code) < best[1] + len(best[2])):
                    best = (key, 1, code)
        finally:
            view.setTextCursor(cursor)
            bar.setValue(was)
        return best

    def _hint_keys(self, plan, *mods: str) -> None:
        key, k, code = plan
        if key in (self.Qt.Key.Key_Home, self.Qt.Key.Key_End):
            self.press(key, CTRL)
            self.press(";")
        else:
            self.press(";")
            for _ in range(k):
                self.press(key)
        for char in code:
            self.letter(char, *mods)

    def reach_quietly(self, span) -> bool:
        """Focus `span` by Tabs when that takes at most two and crosses no trigger (which would
        make its event current); False (nothing pressed) otherwise."""
        index, focused = self.view.span_index(), self.view.focused_span()
        row = index.index_of(focused.id) if focused is not None else None
        target = index.index_of(span.id)
        if row is None or target is None:
            return False
        n = len(index)
        for step in (1, -1):
            count = (target - row) % n if step > 0 else (row - target) % n
            between = [index.spans[(row + step * k) % n] for k in range(1, count)]
            if count <= 2 and not any(s.layer == Layer.TRIGGER for s in between):
                for _ in range(count):
                    self.press(self.Qt.Key.Key_Tab, *(() if step > 0 else (SHIFT,)))
                return True
        return False

    def mark(self, start: int, end: int, label: str) -> None:
        """Mark the words [start, end) with `label` by the fewest keys: the label key first and
        the hint of exactly those words (a word's or a phrase's; Esc first if anything is in
        hand), or select them (`select`) and the label key."""
        Qt, view = self.Qt, self.view
        exact = self._word_plan(start, end)
        free = view.selection() is None and view.focused_span() is None
        if exact is not None:
            first = (0 if free else 1) + 1 + exact[1] + len(exact[2])
            if first <= self._select_cost(start, end) + 1:
                if not free:
                    self.press(Qt.Key.Key_Escape)
                if exact[0] in (Qt.Key.Key_Home, Qt.Key.Key_End):
                    self.press(exact[0], CTRL)
                    self.label(label)
                else:
                    self.label(label)
                    for _ in range(exact[1]):
                        self.press(exact[0])
                for char in exact[2]:
                    self.letter(char)
                return
        self.select(start, end)
        self.label(label)

    def _select_cost(self, start: int, end: int) -> int:
        """What `select` would press (10**6 when its plan needs the slow way)."""
        exact, word = self._word_plan(start, end), self._word_plan(start)
        options = []
        if exact is not None:
            options.append(1 + exact[1] + len(exact[2]))
        if word is not None:
            options.append(1 + word[1] + len(word[2]) + self._grows(start, end))
        return min(options, default=10**6)

    def _grows(self, start: int, end: int) -> int:
        """Shift+→ presses from the word at `start` to `end` (one per word; a hyphenated word is one)."""
        from desktop.ui.article.phrases import _units

        doc = self.view.article()
        return sum(1 for a, b in _units(doc.text, doc.tokens) if start < a and b <= end)

    def select(self, start: int, end: int) -> None:
        """Select the words [start, end): the hint of exactly those words (a phrase's), or a
        jump hint on the first and Shift+→ to the last, whichever is fewer keys."""
        Qt, view = self.Qt, self.view
        exact, plan = self._word_plan(start, end), self._word_plan(start)
        if exact is not None and (plan is None or len(exact[2]) + exact[1] <= len(plan[2]) + plan[1]
                                  + self._grows(start, end)):
            plan = exact
        if plan is not None:
            self._hint_keys(plan)
        else:
            for char in self._bring(start):
                self.press(char)
        for _ in range(60):
            selection = view.selection()
            if selection is None or selection[0] != start:
                raise Stuck(f"the jump to {start} selected {selection}")
            if selection[1] >= end:
                break
            self.press(Qt.Key.Key_Right, SHIFT)
        if view.selection() != (start, end):
            raise Stuck(f"words [{start}, {end}) cannot be selected (got {view.selection()})")

    def _bring(self, start: int) -> str:
        """Scroll `start` on screen by keys: Ctrl+Home when it is on the article's first
        screen; else focus the nearest span on its far side (focusing scrolls a span a third
        down the view); else move the caret a line at a time."""
        Qt, view = self.Qt, self.view
        spans = view.span_index().spans
        rect = self._rect(start)
        below = rect.top() > 0
        if not below and rect.bottom() + view.verticalScrollBar().value() < view.viewport().height():
            self.press(Qt.Key.Key_Home, CTRL)
            if (hint := self._hint(start)) is not None:
                return hint
        near = (next((s for s in spans if s.start >= start), None) if below else
                next((s for s in reversed(spans) if s.end <= start), None))
        if near is not None:
            self.focus(near.id)
            if (hint := self._hint(start)) is not None:
                return hint
        self.press(Qt.Key.Key_Escape)
        for _ in range(80):
            self.press(Qt.Key.Key_Down if below else Qt.Key.Key_Up)
            if (hint := self._hint(start)) is not None:
                return hint
        raise Stuck(f"offset {start} never came on screen")

    def _rect(self, start: int):
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.article().map.to_utf16(start))
        return self.view.cursorRect(cursor)

    def _hint(self, start: int) -> str | None:
        """`;` and the hint of the word at `start`, if it is on screen (the annotator sees
        whether it is: no `;` is pressed for a word off screen)."""
        view = self.view
        if not view.viewport().rect().contains(self._rect(start).center()):
            return None
        self.press(";")
        code = next((h.code for h in view.hints.hints if h.start == start), None)
        if code is None:
            self.press(self.Qt.Key.Key_Escape)
        return code

    def label(self, name: str) -> None:
        key = self.label_keys.get(name)
        if key is None:
            raise Stuck(f"label {name} has no key")
        self.letter(key)

    def choose(self, wanted: str) -> None:
        """In the open palette: the fewest keys that choose `wanted` (see `palette_plan`)."""
        palette = self.win.eventing.palette
        typed, downs, enter = palette_plan(palette.choices, palette.recent, wanted, palette.digits)
        for char in typed:
            self.press(char, widget=palette.edit)
        for _ in range(downs):
            self.press(self.Qt.Key.Key_Down, widget=palette.edit)
        if enter:
            self.press(self.Qt.Key.Key_Return, widget=palette.edit)


def palette_plan(choices, recent: list[str], wanted: str, digits: bool | None = None) -> tuple[str, int, bool]:
    """The fewest keys that choose `wanted` in a palette of `choices`: (keys typed into the
    filter, the last of them maybe the row's digit; Down presses; Enter needed). Options: Down
    to it and Enter; a prefix of its name (or of its part after ":") that puts it first, and
    Enter; the shortest such prefix (maybe none) after which its digit chooses it."""
    from desktop.ui.dialogs.palette import digits_choose, rank

    def offered(typed: str) -> list[str]:
        return [c.name for c in rank(choices, recent, typed) if c.offered]

    options = []
    shown = offered("")
    if wanted in shown:
        options.append(("", shown.index(wanted), True))
    choose = digits_choose(choices) if digits is None else digits
    prefixes = [""]
    for name in (wanted.split(":")[-1], wanted):
        for k in range(1, len(name) + 1):
            if not name[:k].isascii() or (choose and name[k - 1].isdigit()):
                break  # QTest types ASCII only (a pair's "→", an accented name); a digit would choose
            prefixes.append(name[:k].lower())
            rows = offered(name[:k].lower())
            if rows and rows[0] == wanted:
                options.append((name[:k].lower(), 0, True))
                break
    if choose:
        for typed in sorted(set(prefixes), key=len):
            rows = offered(typed)[:9]
            if wanted in rows:
                options.append((typed + str(rows.index(wanted) + 1), 0, False))
                break
    if not options:
        raise Stuck(f"{wanted} cannot be chosen in the palette")
    return min(options, key=lambda o: len(o[0]) + o[1] + o[2])


def plan_keys(plan: tuple[str, int, bool]) -> int:
    return len(plan[0]) + plan[1] + plan[2]


# --- the differences ---------------------------------------------------------------------

class _NoEvent:
    arguments = ()


_NO_EVENT = _NoEvent()


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def entity_bound(wrong, target) -> int:
    """The fewest keys any keyboard UI needs for a wrong suggestion, had it the focus already:
    one to reject it (no target), one for a new label or for new edges, two for both (the
    app cannot know the label, nor where the edges go)."""
    if target is None:
        return 1
    return ((wrong.start, wrong.end) != (target.start, target.end)) + (wrong.label != target.label)


def fix_entities(who: Annotator, gold: list) -> int:
    """Bring the entity spans to the gold; returns the model's errors found (one per span)."""
    Qt = who.Qt
    errors = None
    wanted = {(g.start, g.end, g.label) for g in gold}
    for _ in range(2000):
        shown = who.entities()
        have = {(s.start, s.end, s.label) for s in shown}
        wrong = [s for s in shown if (s.start, s.end, s.label) not in wanted]
        missing = [g for g in gold if (g.start, g.end, g.label) not in have]
        if errors is None:
            # The model's errors, counted on its suggestions before any key: each wrong
            # suggestion, and each gold span that is not the one a wrong suggestion is
            # reshaped into. (Suggestions the app makes on the way, e.g. the same words'
            # label, are no model errors: removing a wrong one costs keys, not errors.)
            pairs = [(s, next((g for g in missing if _overlap(g, s)), None)) for s in wrong]
            targets = {id(t) for _s, t in pairs if t is not None}
            errors = len(wrong) + len(missing) - len(targets)
            who.bound += sum(entity_bound(s, t) for s, t in pairs) + 2 * (len(missing) - len(targets))
        items = [(s.start, "fix", s) for s in wrong] + [
            (g.start, "add", g) for g in missing if not any(_overlap(g, s) for s in wrong)]
        if not items:
            return errors
        _at, kind, item = min(items, key=lambda it: it[0])
        who.kind = "entity_" + kind
        if kind == "add":
            who.mark(item.start, item.end, item.label)
            continue
        target = next((g for g in missing if _overlap(g, item)), None)
        if target is not None and (target.start, target.end) == (item.start, item.end) and who.relabel_first(
                item, target.label):
            continue
        if target is not None and who.reshape_first(item, [g for g in missing if _overlap(g, item)]):
            continue
        who.focus(item.id)
        if target is None:
            # X on a suggested argument of the current event rejects the link only; Delete
            # takes the span (and its links) at once.
            linked = any(a.span.id == item.id and a.state == State.SUGGESTED
                         for a in (who.win.eventing.current() or _NO_EVENT).arguments)
            who.press(Qt.Key.Key_X if item.state == State.SUGGESTED and not linked else Qt.Key.Key_Delete)
            continue
        for _step in range(40):
            span = who.view.focused_span()
            if span.end < target.end:
                who.press(Qt.Key.Key_Right, SHIFT)
            elif span.end > target.end and span.end > span.start + 1:
                who.press(Qt.Key.Key_Left, SHIFT)
            elif span.start > target.start:
                who.press(Qt.Key.Key_Left, ALT, SHIFT)
            elif span.start < target.start:
                who.press(Qt.Key.Key_Right, ALT, SHIFT)
            else:
                break
            after = who.view.focused_span()
            if after is None or (after.start, after.end) == (span.start, span.end):
                raise Stuck(f"span {span.text!r} cannot be moved to [{target.start}, {target.end})")
        if who.view.focused_span().label != target.label:
            who.label(target.label)
    raise Stuck("entity spans never matched the gold")


def _gold_args(event) -> set:
    return {(a.role, a.span.start, a.span.end, a.span.label) for a in event.arguments}


def _arg_key(arg) -> tuple:
    return (arg.role, arg.span.start, arg.span.end, arg.span.label)


def review_events(who: Annotator, gold_events: list) -> int:
    """Bring the events to the gold, from the model's suggested events (issue 13's trigger
    lexicon and roles), in reading order; returns the event edits (model errors): suggested
    events rejected (X) or retyped (E), gold events added (E), arguments added (R) and
    suggested arguments rejected (Enter on the trigger goes to its first suggested argument,
    Enter keeps one and goes on, X rejects one). A suggested event or argument that is right
    costs nothing unless an error lies beyond it on that walk: A accepts it at the end."""
    win = who.win
    edits, handled = 0, set()

    def settled(event) -> bool:
        at = (event.trigger.start, event.trigger.end)
        twin = next((g for g in gold_events if (g.trigger.start, g.trigger.end) == at and g.type == event.type), None)
        return twin is not None and _gold_args(twin) == {_arg_key(a) for a in event.arguments
                                                          if a.state != State.REJECTED}

    who.settled = settled
    for _ in range(500):
        win.eventing.loaded()
        live = win.eventing.events
        items = []
        for event in live:
            if event.id in handled or event.state != State.SUGGESTED:
                continue
            at = (event.trigger.start, event.trigger.end)
            twin = next((g for g in gold_events if (g.trigger.start, g.trigger.end) == at and g.type == event.type), None)
            if twin is None:
                items.append((at, "reject", event, None))
            elif _gold_args(twin) != {_arg_key(a) for a in event.arguments}:
                items.append((at, "review", event, twin))
        for gold in gold_events:
            at = (gold.trigger.start, gold.trigger.end)
            if not any((e.trigger.start, e.trigger.end) == at and e.type == gold.type for e in live):
                items.append((at, "add", None, gold))
        if not items:
            return edits
        _at, kind, event, gold = min(items, key=lambda it: (it[0], it[1] != "reject"))
        if event is not None:
            handled.add(event.id)
        if kind == "reject":
            same = [g for g in gold_events if (g.trigger.start, g.trigger.end) == _at
                    and not any((e.trigger.start, e.trigger.end) == _at and e.type == g.type for e in live)]
            who.kind = "trigger_reach"
            who.focus(event.trigger.id)
            if same:  # the right words, the wrong type: E on the trigger retypes it
                who.kind = "event_type"
                who.press(who.Qt.Key.Key_E)
                who.choose(same[0].type)
            else:
                who.kind = "event_reject"
                who.press(who.Qt.Key.Key_X)
            edits += 1
            who.bound += 1
        elif kind == "add":
            added = add_event(who, gold)
            edits += added
            who.bound += added + 1  # the trigger's place and its type: two keys at least
        else:
            fixed = fix_arguments(who, event, gold)
            edits += fixed
            # One key per argument added, and per suggested argument rejected; one for them
            # all when the gold keeps none of the event's suggested arguments (Shift+X).
            wrong = [a for a in event.arguments if a.state == State.SUGGESTED and _arg_key(a) not in _gold_args(gold)]
            kept = [a for a in event.arguments if a.state == State.SUGGESTED and _arg_key(a) in _gold_args(gold)]
            who.bound += fixed - (len(wrong) - 1 if len(wrong) > 1 and not kept else 0)
    raise Stuck("events never matched the gold")


def add_event(who: Annotator, event) -> int:
    """Mark a gold event the model did not suggest, then its arguments; returns the edits."""
    trigger = event.trigger
    who.kind = "trigger_reach"
    same = next((s for s in who.entities() if (s.start, s.end) == (trigger.start, trigger.end)), None)
    if same is not None:
        who.focus(same.id)
    else:
        who.select(trigger.start, trigger.end)
    who.kind = "event_type"
    who.press(who.Qt.Key.Key_E)
    who.choose(event.type)
    return 1 + add_arguments(who, event.arguments)


def fix_arguments(who: Annotator, event, gold) -> int:
    """A suggested event that is right but for its arguments: focus its trigger, add the
    missing ones, then walk its suggested ones (Enter, Enter or X each) up to the last wrong one."""
    Qt, win = who.Qt, who.win
    have = {_arg_key(a) for a in event.arguments}
    who.kind = "trigger_reach"
    who.focus(event.trigger.id)
    edits = add_arguments(who, [a for a in gold.arguments if _arg_key(a) not in have])
    wanted = _gold_args(gold)
    for _ in range(100):
        current = next((e for e in win.eventing.events if e.id == event.id), None)
        if current is None:
            raise Stuck(f"the {event.type} event on {event.trigger.text!r} went away")
        open_args = sorted((a for a in current.arguments if a.state == State.SUGGESTED),
                           key=lambda a: (a.span.start, a.span.end))
        if not any(_arg_key(a) not in wanted for a in open_args):
            return edits
        focused = who.view.focused_span()
        ruled = next((a for a in open_args if focused is not None and a.span.id == focused.id), None)
        on_event = focused is not None and win.eventing.current_id == event.id and (
            focused.id == current.trigger.id or any(a.span.id == focused.id for a in current.arguments))
        if on_event and not any(_arg_key(a) in wanted for a in open_args):
            # Every argument still open is wrong: Shift+X rejects them all and accepts the event.
            who.kind = "argument_reject"
            who.press(Qt.Key.Key_X, SHIFT)
            return edits + len(open_args)
        if ruled is None or win.eventing.current_id != event.id:
            # Not on one of its suggested arguments: to its trigger, and Enter goes to the first.
            who.kind = "trigger_reach"
            who.focus(event.trigger.id)
            who.kind = "argument_review"
            who.press(Qt.Key.Key_Return)
        elif _arg_key(ruled) in wanted:
            who.kind = "argument_review"
            who.press(Qt.Key.Key_Return)
        else:
            who.kind = "argument_reject"
            who.press(Qt.Key.Key_X)
            edits += 1
    raise Stuck(f"the arguments of the {event.type} event on {event.trigger.text!r} never matched the gold")


def add_arguments(who: Annotator, arguments) -> int:
    """Give the current event each of `arguments` (R and a pair, or reaching the span then R
    and a role, whichever is fewer keys); returns how many."""
    Qt, win = who.Qt, who.win
    edits = 0
    for argument in arguments:
        span = next((s for s in who.entities() if (s.start, s.end, s.label) ==
                     (argument.span.start, argument.span.end, argument.span.label)), None)
        if span is None:
            raise Stuck(f"argument {argument.span.text!r} is not an entity span")
        current = win.eventing.current()
        who.kind = "argument_reach"
        if by_pair(who, current, span, argument.role):
            edits += 1
            continue
        if not who.reach_quietly(span):
            # Tabs would cross another event's trigger (making that event current): the
            # jump hint on the span's first word, and R takes the span holding it.
            who.select(span.start, next(t.end for t in who.view.article().tokens if t.start == span.start))
        if win.eventing.current() is None or win.eventing.current().id != current.id:
            raise Stuck("reaching an argument changed the current event")
        who.kind = "argument_role"
        who.press(Qt.Key.Key_R)
        who.choose(argument.role)
        edits += 1
    return edits


def by_pair(who: Annotator, event, span, role: str) -> bool:
    """Add the argument through R's (entity, role) pairs when that takes no more keys than the
    fewest the other way could (reaching the span: none when focused, its Tab count when two
    Tabs at most cross no trigger, else at least two for a jump hint; then R and the role);
    False, nothing pressed, otherwise. The pairs palette opens on the trigger, or with nothing
    focused (one Esc drops another span's focus)."""
    from desktop.ui.dialogs.palette import role_choices

    Qt, view, eventing = who.Qt, who.view, who.win.eventing
    pairs = eventing.pairs(event)
    name = next((c.name for c, span_id, r in pairs if span_id == span.id and r == role), None)
    if name is None:
        return False
    focused = view.focused_span()
    if view.selection() is None and focused is not None and focused.id == event.trigger.id:
        # On the trigger, the pairs' tags number the first nine: that digit alone adds it.
        suggested = who.win.annotating.suggested
        at = next((key for key, (s, r, _name) in zip(suggested.tag_keys(), suggested.numbered())
                   if s.id == span.id and r == role), None)
        if at is not None:
            who.kind = "argument_role"
            who.letter(at)
            if not any(a.span.id == span.id and a.role == role for a in (eventing.current() or _NO_EVENT).arguments):
                raise Stuck(f"the digit {at} on the trigger did not add {name}")
            return True
    focused = view.focused_span()
    free = view.selection() is None and (focused is None or focused.id == event.trigger.id)
    cost = (0 if free else 1) + 1 + plan_keys(palette_plan([c for c, _s, _r in pairs], eventing._recent, name, True))
    roles = role_choices(ops.role_choices(who.win.desk.label_set, event.type, span.label, event))
    other = _reach_at_least(who, span) + 1 + plan_keys(palette_plan(roles, eventing._recent, role))
    if cost > other:
        return False
    if not free:
        who.press(Qt.Key.Key_Escape)
    who.kind = "argument_role"
    who.press(Qt.Key.Key_R)
    if eventing.palette is None:
        raise Stuck("R on the trigger opened no palette")
    who.choose(name)
    return True


def _reach_at_least(who: Annotator, span) -> int:
    index, focused = who.view.span_index(), who.view.focused_span()
    if focused is not None and focused.id == span.id:
        return 0
    row = index.index_of(focused.id) if focused is not None else None
    target = index.index_of(span.id)
    if row is not None and target is not None:
        n = len(index)
        for step in (1, -1):
            count = (target - row) % n if step > 0 else (row - target) % n
            between = [index.spans[(row + step * k) % n] for k in range(1, count)]
            if count <= 2 and not any(s.layer == Layer.TRIGGER for s in between):
                return count
    return 2


def toggle_doc_labels(who: Annotator, gold: list[str]) -> int:
    win = who.win
    win.eventing.loaded()
    edits = 0
    who.kind = "doc_label"
    for name in sorted(set(gold) ^ set(win.eventing.labels)):
        who.letter(who.doc_keys[name], ALT, SHIFT)
        edits += 1
        who.bound += 1
    return edits


def _event_key(event) -> tuple:
    return (event.type, event.trigger.start, event.trigger.end,
            tuple(sorted((a.role, a.span.start, a.span.end) for a in event.arguments)))


def check(store, doc_id: int, gold_store, gold_id: int, events: bool) -> list[str]:
    """What still differs from the gold ([] when nothing)."""
    problems = []

    def spans(s, d):
        return {(x.start, x.end, x.label) for x in s.spans.for_doc(d, layer=Layer.ENTITY) if x.state == State.ACCEPTED}

    if spans(store, doc_id) != spans(gold_store, gold_id):
        problems.append(f"entity spans differ: {sorted(spans(store, doc_id) ^ spans(gold_store, gold_id))[:5]}")
    if events and {_event_key(e) for e in ops.events(store, doc_id)} != {
            _event_key(e) for e in ops.events(gold_store, gold_id)}:
        problems.append("events differ")
    if set(ops.doc_labels(store, doc_id)) != set(ops.doc_labels(gold_store, gold_id)):
        problems.append("document labels differ")
    return problems


# --- the run ------------------------------------------------------------------------------

def measure(gold_file: Path, quick: bool = False, model: str | None = None) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import make_app, start
    from desktop.ui.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="spandesk-effort-"))
    gold_store = ops.open_project(folder / "gold.db")
    report = ops.import_paths(gold_store, [gold_file])
    if not report.ok or not report.imported:
        raise SystemExit(f"{gold_file}: could not import the gold ({report.refused[:1]})")
    texts = folder / "texts.jsonl"
    with texts.open("w", encoding="utf-8") as out:
        for gold_id in gold_store.documents.ids():
            out.write(json.dumps({"text": gold_store.documents.text(gold_id)}) + "\n")
    store = ops.open_project(folder / "work.db")
    ops.import_paths(store, [texts])
    model = model or ops.model_in_use(store)  # (--model: a trained one, issue 13)
    if model is None:
        raise SystemExit("no spaCy model installed: the effort starts from a model's suggestions")
    ops.preannotate(store, model=model)
    pairs = list(zip(store.documents.ids(), gold_store.documents.ids()))

    make_app([sys.argv[0]])
    win = start(store, Settings(folder / "settings.ini"), "effort", background=False)
    win.resize(1480, 880)
    win.desk.set_writable(True)
    QApplication.processEvents()
    who = Annotator(win, win.desk.label_set)
    figures = {"documents": 0, "model_errors": 0, "entity_errors": 0, "event_edits": 0, "doc_label_edits": 0,
               "keys": 0, "problems": []}
    for doc_id, gold_id in pairs:
        win.desk.open_doc(doc_id)
        win.eventing.loaded()
        win.view.setFocus()
        QApplication.processEvents()
        gold = [s for s in gold_store.spans.for_doc(gold_id, layer=Layer.ENTITY) if s.state == State.ACCEPTED]
        try:
            figures["entity_errors"] += fix_entities(who, gold)
            if not quick:
                figures["event_edits"] += review_events(who, ops.events(gold_store, gold_id))
            figures["doc_label_edits"] += toggle_doc_labels(who, ops.doc_labels(gold_store, gold_id))
        except Stuck as exc:
            figures["problems"].append(f"document {doc_id}: {exc}")
        counted, by_kind = who.keys, dict(who.by_kind)
        who.view.setFocus()
        who.press(Qt.Key.Key_A)  # accept the rest, done: not counted
        who.keys, who.by_kind = counted, by_kind
        figures["documents"] += 1
        figures["problems"] += [f"document {doc_id}: {p}" for p in check(store, doc_id, gold_store, gold_id,
                                                                          not quick)]
    figures["keys"] = who.keys
    figures["keys_by_kind"] = dict(sorted(who.by_kind.items()))
    figures["model_errors"] = figures["entity_errors"] + figures["event_edits"] + figures["doc_label_edits"]
    figures["keys_per_error"] = round(who.keys / figures["model_errors"], 2) if figures["model_errors"] else 0.0
    figures["keys_per_doc"] = round(who.keys / max(1, figures["documents"]), 1)
    figures["lower_bound_keys"] = who.bound
    figures["lower_bound_per_error"] = round(who.bound / figures["model_errors"], 2) if figures["model_errors"] else 0.0
    figures["matches_gold"] = not figures["problems"]
    figures["quick"] = quick
    figures["model"] = Path(model).name
    win.close()
    store.close()
    gold_store.close()
    return figures


def compare(gold_file: Path, quick: bool, model: str) -> dict:
    """Issue 13: keys per document from a trained model's suggestions against the base
    model's (the one installed), on the same documents (held out from its training):
    effort_ratio = trained / base, below 1 when training saved the annotator keys."""
    base = measure(gold_file, quick)
    trained = measure(gold_file, quick, model=str(model))
    per_doc = [f["keys"] / max(1, f["documents"]) for f in (base, trained)]
    return {"effort_ratio": round(per_doc[1] / per_doc[0], 3) if per_doc[0] else None,
            "keys_per_doc_base": base["keys_per_doc"], "keys_per_doc_trained": trained["keys_per_doc"],
            "base": base, "trained": trained,
            "matches_gold": base["matches_gold"] and trained["matches_gold"], "quick": quick}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="Spandesk JSONL with the gold annotations")
    parser.add_argument("--quick", action="store_true", help="entity spans and document labels only")
    parser.add_argument("--model", help="a trained pipeline (a model version's folder): compare its suggestions' "
                        "keys per document with the installed model's (effort_ratio)")
    args = parser.parse_args()
    figures = compare(args.gold, args.quick, args.model) if args.model else measure(args.gold, args.quick)
    print(json.dumps(figures))
    return 0 if figures["matches_gold"] else 1


if __name__ == "__main__":
    sys.exit(main())
