"""The model's suggested event arguments in the article (issue 13): Enter accepts, X rejects.

The current event's suggested arguments are drawn as dashed arcs (article/links.py). The
keys the annotator already uses on suggested spans rule on them: with a span focused that
is a suggested argument of the current event, Enter accepts the argument (its span and its
event with it) and X rejects the link, leaving the span as it is (a second X then rejects
the span). After each ruling the focus goes to the event's next suggested argument, the
model's least certain first (its lowest score; reading order among equals), so a
suggested event is reviewed as Tab (to its trigger), Enter, then Enter or X per argument;
Shift+Enter accepts the event whole with the arguments still open (`accept_whole`), and
Shift+X accepts it with them all rejected: once the ones still open are all wrong, one key
instead of Enter and an X each.
Enter on the current event's trigger while it has suggested arguments goes to the first of
them (the trigger accepted on the way if it was a suggestion). Once a suggested event is
ruled on (its trigger accepted with no argument left open, its last argument ruled on, or
the event rejected with X) the focus moves on to the next suggested event's trigger, in
reading order: a list of suggestions is reviewed as Prodigy and INCEpTION users expect,
with no keys spent reaching the next one.

While the current event's trigger is focused, the first rows of R's pairs palette are
tagged on their entity spans (article/tags.py) with the entity labels' keys, the digits 1-9
first (the palette's own numbers), then 0 and the letters; that key adds the argument at
once: on a trigger an entity label's key has nothing to relabel (`number_key`).

Hovering a suggestion shows the model's score where it gave one (`tip_lines`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop import ops
from desktop.core.model import Argument, Event, Layer, Span, State


class SuggestedArguments(QObject):
    def __init__(self, desk, view, eventing, parent: QObject | None = None):
        super().__init__(parent)
        self.desk, self.view, self.eventing = desk, view, eventing
        # The numbered pairs follow the focus, the current event and its arguments.
        view.focusedSpanChanged.connect(self._retag)
        eventing.currentChanged.connect(self._retag)
        eventing.eventsChanged.connect(self._retag)

    # --- numbered pairs on the current event's trigger -----------------------------------------

    def tag_keys(self) -> list[str]:
        """The keys that tag pairs, in order: the entity labels' digits 1-9 (the palette's
        own numbers), then their other keys, 0 and the letters (a pair beyond the ninth row)."""
        keys = [e.key.lower() for e in self.desk.label_set.entities if e.key]
        digits = [k for k in "123456789" if k in keys]
        return digits + [k for k in keys if k not in digits and k.isalnum()]

    def numbered(self) -> list[tuple[Span, str, str]]:
        """(entity span, role, the row's name) of the first rows of R's pairs palette, one
        per tag key (`tag_keys`), while the current event's trigger is focused; [] otherwise."""
        event, focused = self.eventing.current(), self.view.focused_span()
        if event is None or focused is None or focused.id != event.trigger.id:
            return []
        from desktop.ui.dialogs.palette import rank  # (as events.py: off the way to the first paint)

        pairs = self.eventing.pairs(event)
        where = {choice.name: (span_id, role) for choice, span_id, role in pairs}
        spans = {s.id: s for s in self.view.span_index().spans}
        rows = [c for c in rank([c for c, _s, _r in pairs], self.eventing._recent, "") if c.offered]
        rows = rows[:len(self.tag_keys())]
        return [(spans[where[c.name][0]], where[c.name][1], c.name) for c in rows if where[c.name][0] in spans]

    def _retag(self, *_args) -> None:
        self.view.tags.set([(span.start, f"{key.upper()} {role}")
                            for key, (span, role, _name) in zip(self.tag_keys(), self.numbered())])

    def number_key(self, key: str) -> bool:
        """An entity label's key while the current event's trigger is focused adds the pair
        its tag shows, as R and the pair would (the digits as the palette's own); True when it
        was taken so."""
        rows = self.numbered()
        keys = self.tag_keys()
        if not rows or key.lower() not in keys:
            return False
        at = keys.index(key.lower())
        if at >= len(rows):
            self.desk.message.emit(f"No pair is tagged {key.upper()}: R lists them all.")
            return True
        span, role, name = rows[at]
        event = self.eventing.current()
        self.eventing._chose(name)  # as the palette remembers a choice: the same order next time
        self.eventing._pair_chosen(event, span.id, role)
        return True

    def _open(self, event: Event | None) -> list[Argument]:
        """The event's arguments still to rule on, the model's least certain first (reading
        order among equal scores, or with none): where it most likely erred, X comes soonest,
        and Shift+Enter then accepts the rest at once."""
        if event is None:
            return []
        return sorted((a for a in event.arguments if a.state == State.SUGGESTED),
                      key=lambda a: (a.score if a.score is not None else 1.0, a.span.start, a.span.end))

    def rule(self, span: Span, accept: bool) -> bool:
        """Enter (`accept`) or X on the focused span: True when it was a suggested argument of
        the current event (or, for Enter, a suggested trigger with arguments) and was ruled on here."""
        event = self.eventing.current()
        if event is None:
            return False
        if span.id == event.trigger.id:
            if not accept or not self._open(event):
                return False
            if span.state != State.ACCEPTED and self.desk.act(ops.accept_span, span.id) is None:
                return True
            self._focus_open(event.id, after=None)
            return True
        arg = next((a for a in self._open(event) if a.span.id == span.id), None)
        if arg is None:
            return False
        fn = ops.accept_argument if accept else ops.reject_argument
        if self.desk.act(fn, event.id, span.id, arg.role) is None:
            return True  # refused: the desk said why; the focus stays
        verb = "accepted" if accept else "rejected"
        self.desk.message.emit(f"{arg.role} of the {event.type} event {verb}.")
        self._focus_open(event.id, after=span)
        return True

    def _focus_open(self, event_id: int, after: Span | None) -> None:
        """Focus the event's first suggested argument still open (`_open`'s order), or, with
        none left, the next suggested event's trigger (else the span after `after`)."""
        self.eventing.set_current(event_id)
        event = self.eventing.current()
        left = self._open(event)
        if left:
            self.view.focus_span(left[0].span.id)
        elif event is not None and self.next_event(event.trigger):
            return
        elif after is not None:
            self.view.focus_span(after.id)
            self.view.focus_next(1)

    def next_event(self, after: Span) -> bool:
        """Focus the trigger of the next suggested event after the span `after` in reading
        order (wrapping to the first); False, the focus untouched, when none is left."""
        key = (after.start, after.end)
        pending = sorted({(e.trigger.start, e.trigger.end, e.trigger.id) for e in self.eventing.events
                          if e.state == State.SUGGESTED and e.trigger.id != after.id})
        if not pending:
            return False
        later = [p for p in pending if p[:2] > key]
        self.view.focus_span((later or pending)[0][2])
        return self.view.focused_span() is not None

    def accept_whole(self, reject_open: bool = False) -> None:
        """Shift+Enter on the current event's trigger or one of its arguments: the event is
        right as it stands, its suggested arguments with it (one action); with `reject_open`
        (Shift+X) the event is right and its suggested arguments still open are all wrong.
        Then on to the next suggested event."""
        event, focused = self.eventing.current(), self.view.focused_span()
        if event is None or focused is None or (focused.id != event.trigger.id and focused.id not in {
                a.span.id for a in event.arguments}):
            key, what = ("Shift+X", "rejecting its open arguments") if reject_open else ("Shift+Enter", "whole")
            self.desk.message.emit(f"{key} accepts the current event {what}: focus its trigger or an argument.")
            return
        fn = ops.accept_event_reject_open if reject_open else ops.accept_event_whole
        if self.desk.act(fn, event.id) is None:
            return
        self.eventing.set_current(event.id)
        if not self.next_event(event.trigger):
            self.view.focus_span(event.trigger.id)

    # --- hover -------------------------------------------------------------------------------

    def tip_lines(self, span: Span) -> list[str]:
        """What a tooltip says of the model's suggestions on this span, with their scores."""
        lines = []
        events = self.eventing.events
        triggered = [e for e in events if e.trigger.id == span.id and e.state == State.SUGGESTED]
        for e in triggered:
            lines.append(f"Suggested {e.type} event" + _score(e.score if e.score is not None else span.score))
        if not triggered and span.state == State.SUGGESTED and span.score is not None and span.layer != Layer.TRIGGER:
            lines.append(f"Suggested {span.label}" + _score(span.score))
        for e in events:
            for a in e.arguments:
                if a.span.id == span.id and a.state == State.SUGGESTED:
                    lines.append(f"Suggested {a.role} of the {e.type} event on “{e.trigger.text}”" + _score(a.score))
        return lines


def _score(score: float | None) -> str:
    return "" if score is None else f", score {score:.2f}"
