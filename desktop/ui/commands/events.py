"""What the event keys do, and which event is current.

E marks an event: on the selected words (or the focused span's), a palette of the schema's
event types opens, and Enter creates the trigger and the event. E on a focused trigger
changes its event's type. R makes the focused entity span an argument of the current event,
in a role chosen from a palette that offers only the roles its label may fill. R on the
event's own trigger (where E leaves the focus) offers (entity, role) pairs instead, the
entities nearest the trigger first: R and a digit add an argument without reaching it.

The current event is the one R adds to. It is
- the event just created with E;
- the event of a trigger span when that span gets the focus (Tab, a click), or of the row
  picked in the events panel;
and it stays current while the focus moves on to entity spans, so Tab, Tab, R, Tab, R…
fills its roles. Esc with nothing selected or focused lets it go; so does opening another
document, or its deletion (or an undo taking it away). It is shown three ways: its arcs and
rings in the article, its row selected in the events panel, and a line above the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop import ops
from desktop.core.model import Changes, Event, Layer, State
from desktop.ui.article.links import event_links as _links
from desktop.ui.desk import Desk
from desktop.ui.guard import guarded

if TYPE_CHECKING:
    from desktop.ui.dialogs.palette import Palette


class Eventing(QObject):
    currentChanged = Signal(object)  # the current Event, or None
    eventsChanged = Signal(object)  # the document's events, list[Event]
    docLabelsChanged = Signal(object)  # the document's labels, list[str]

    def __init__(self, desk: Desk, view, window: QWidget):
        super().__init__(window)
        self.desk, self.view, self.window = desk, view, window
        self.events: list[Event] = []
        self.labels: list[str] = []
        self.current_id: int | None = None
        self.palette: Palette | None = None  # the palette on show, if one is
        self._recent: list[str] = []  # event types and roles chosen this session, latest first
        # A document's events are loaded by open_document, which the window calls once it has
        # shown the document's text: their arcs' room comes in that text's first paint. (This
        # object exists only once the window is complete: the first article is painted without it.)
        desk.changed.connect(self._changed)
        view.focusedSpanChanged.connect(self._span_focused)

    # --- the current event ----------------------------------------------------------------

    def current(self) -> Event | None:
        return next((e for e in self.events if e.id == self.current_id), None)

    def set_current(self, event_id: int | None) -> None:
        found = next((e for e in self.events if e.id == event_id), None)
        self.current_id = found.id if found else None
        self._show_current()

    def _show_current(self) -> None:
        event = self.current()
        if event is None:
            self.view.set_links([])
        else:
            self.view.set_links(_links(event), [(event.trigger.start, event.trigger.end)])
        self.currentChanged.emit(event)

    @guarded()
    def _span_focused(self, _span_id) -> None:
        span = self.view.focused_span()
        if span is not None and span.layer == Layer.TRIGGER:
            mine = [e for e in self.events if e.trigger.id == span.id]
            if mine and self.current_id not in {e.id for e in mine}:
                self.set_current(mine[0].id)

    # --- following the desk -----------------------------------------------------------------

    def open_document(self) -> None:
        """The desk's document is on show (MainWindow._document_opened): its events and
        labels, none of them current."""
        self.current_id = None
        self._reload(Changes.EVENTS | Changes.DOC_LABELS)

    @guarded()
    def _changed(self, changes: Changes, doc_ids) -> None:
        doc_id = self.desk.doc_id
        if doc_id is not None and (doc_ids is None or doc_id in doc_ids):
            # A span's label or extent is also its argument's: SPANS reloads the events too.
            self._reload(changes)

    @guarded()
    def _reload(self, changes: Changes) -> None:
        doc_id, store = self.desk.doc_id, self.desk.store
        if changes & (Changes.EVENTS | Changes.SPANS):
            self.events = ops.events(store, doc_id) if doc_id is not None else []
            self.view.reserve_links([_links(e) for e in self.events])
            self.eventsChanged.emit(self.events)
            self.set_current(self.current_id)
            self._span_focused(None)  # a trigger already focused makes its event current
        if changes & Changes.DOC_LABELS:
            self.labels = ops.doc_labels(store, doc_id) if doc_id is not None else []
            self.docLabelsChanged.emit(self.labels)

    # --- keys ---------------------------------------------------------------------------------

    def add_event(self) -> None:
        """E: a type palette for the selected words (or the focused span's); on a focused
        trigger, a new type for its event."""
        if self.desk.doc_id is None:
            return
        selection, span = self.view.selection(), self.view.focused_span()
        if selection is None and span is None:
            self.desk.message.emit("Select the words that say what happened (the trigger), then press E.")
            return
        if selection is None and span.layer == Layer.TRIGGER:
            event = next((e for e in self.events if e.trigger.id == span.id), None)
            if event is not None:
                self._open(f"New type for the {event.type} event on “{span.text}”", _palettes().event_type_choices(
                    self.desk.label_set), span.start, lambda kind: self.desk.act(ops.set_event_type, event.id, kind))
                return
        start, end = selection if selection is not None else (span.start, span.end)
        words = self.view.words(start, end)
        self._open(f"Event type for “{_short(words)}”", _palettes().event_type_choices(self.desk.label_set), start,
                   lambda kind: self._event_chosen(start, end, kind))

    def _event_chosen(self, start: int, end: int, kind: str) -> None:
        outcome = self.desk.act(ops.add_event, self.desk.doc_id, start, end, kind)
        if outcome is None:
            return
        self.view.clear_selection()
        self.set_current(outcome.event_id)
        self.view.focus_span(outcome.span_id)
        self.desk.message.emit(f"{kind} marked. Tab to each participant, or select it and give it a label, "
                               "then press R to give it a role.")

    def add_argument(self) -> None:
        """R: the focused entity span (or the one holding the selected words: `;` and a
        hint reach it without Tabs across other events' triggers) becomes an argument of the
        current event."""
        event = self.current()
        if event is None:
            self.desk.message.emit("No current event: focus a trigger (Tab), or mark one (select words, E); then R.")
            return
        selection = self.view.selection()
        if selection is not None:
            # Words of an entity span (a jump hint selects one): that span, the innermost.
            span = min((s for s in self.view.span_index().spans if s.layer == Layer.ENTITY
                        and s.start <= selection[0] and selection[1] <= s.end),
                       key=lambda s: s.end - s.start, default=None)
            if span is None:
                self.desk.message.emit("Give the selected words an entity label first (its key), then press R.")
                return
            self.view.clear_selection()
        else:
            span = self.view.focused_span()
        if span is None or span.id == event.trigger.id:
            self._pairs_palette(event)
            return
        if span.layer == Layer.TRIGGER:
            self.desk.message.emit(f"“{span.text}” is a trigger; an argument is an entity span.")
            return
        choices = _palettes().role_choices(ops.role_choices(self.desk.label_set, event.type, span.label, event))
        self._open(f"Role of “{_short(span.text)}” ({span.label}) in the {event.type} event on "
                   f"“{_short(event.trigger.text)}”", choices, span.start,
                   lambda role: self._role_chosen(event.id, span.id, role))

    def _pairs_palette(self, event: Event) -> None:
        """R on the trigger (or with nothing focused): the (entity, role) pairs the event can
        take, nearest the trigger first; the focus stays on the trigger, so R follows R."""
        pairs = self.pairs(event)
        if not pairs:
            self.desk.message.emit(f"No entity in this document can fill a role of {event.type} now: "
                                   "give the participant an entity label first, then press R.")
            return
        where = {choice.name: (span_id, role) for choice, span_id, role in pairs}
        self._open(f"Participant and role in the {event.type} event on “{_short(event.trigger.text)}”",
                   [choice for choice, _span, _role in pairs], event.trigger.start,
                   lambda name: self._pair_chosen(event, *where[name]), digits=True)

    def pairs(self, event: Event) -> list:
        """(palette Choice, span id, role) for each entity span and each role its label can
        fill. First each span's likeliest role (the one chosen last, else the most specific),
        nearest the trigger first, so the digits reach nine participants; then the others."""
        choice = _palettes().Choice
        trigger, label_set = event.trigger, self.desk.label_set
        taken = {(a.span.id, a.role) for a in event.arguments}
        recent = {name: n for n, name in enumerate(self._recent)}
        spans = sorted((s for s in self.desk.spans() if s.layer == Layer.ENTITY and s.state != State.REJECTED),
                       key=lambda s: (abs(s.start - trigger.start), s.start))
        rows, names = [], {}
        for distance, span in enumerate(spans):
            fits = [role for role, why in ops.role_choices(label_set, event.type, span.label, event)
                    if why is None and (span.id, role.name) not in taken]
            # After the roles chosen lately, the most specific: a role that takes fewer kinds of
            # entity says more of a span that fits it (a PERSON in Life:Die is likelier its
            # Victim, PERSON only, than its Agent, which any actor fills). Stable: schema order.
            fits.sort(key=lambda role: (recent.get(role.name, len(recent)), len(role.labels)))
            roles = [role.name for role in fits]
            for tier, role in enumerate(roles):
                name = f"{_short(span.text)} → {role}"
                names[name] = names.get(name, 0) + 1
                if names[name] > 1:  # the same words elsewhere: the nearer keeps the plain name
                    name += f" ({names[name]})"
                side = "before" if span.start < trigger.start else "after"
                rows.append((min(tier, 1), distance, choice(name, f"{span.label}, {side} the trigger"), span.id, role))
        rows.sort(key=lambda r: r[:2])
        return [(c, span_id, role) for _tier, _d, c, span_id, role in rows]

    def _pair_chosen(self, event: Event, span_id: int, role: str) -> None:
        if self.desk.act(ops.add_argument, event.id, span_id, role) is not None:
            self.view.focus_span(event.trigger.id)

    def _role_chosen(self, event_id: int, span_id: int, role: str) -> None:
        outcome = self.desk.act(ops.add_argument, event_id, span_id, role)
        if outcome is not None:
            self.view.focus_span(span_id)

    def escape(self) -> None:
        """Esc: drop the selection and the span focus; with neither, let the current event go."""
        if self.view.selection() is not None or self.view.focused_span() is not None:
            if self.view.selection() is not None:
                self.view.clear_selection()
            self.view.focus_span(None)
        elif self.current_id is not None:
            self.set_current(None)

    def toggle_doc_label(self, name: str) -> None:
        if self.desk.doc_id is not None and self.desk.act(ops.toggle_doc_label, self.desk.doc_id, name):
            state = "on" if name in self.labels else "off"
            self.desk.message.emit(f"Document label {name}: {state}.")

    # --- the events panel's requests ----------------------------------------------------------

    def focus_trigger(self, event_id: int) -> None:
        event = next((e for e in self.events if e.id == event_id), None)
        if event is not None:
            self.set_current(event.id)
            self.view.focus_span(event.trigger.id)
            self.view.setFocus()

    def delete_event(self, event_id: int) -> None:
        self.desk.act(ops.delete_event, event_id)

    def remove_argument(self, event_id: int, span_id: int, role: str) -> None:
        self.desk.act(ops.remove_argument, event_id, span_id, role)

    # --- the palette ---------------------------------------------------------------------------

    def _open(self, title: str, choices, at: int, then, digits: bool | None = None) -> None:
        if self.palette is not None:
            self.palette.reject()
        palette = self.palette = _palettes().Palette(title, choices, self.window, recent=self._recent, digits=digits)
        palette.accepted.connect(lambda: (choice := palette.choice()) and (self._chose(choice), then(choice)))
        palette.finished.connect(lambda _result: self._closed(palette))
        palette.popup_at(self.view.point_below(at))

    def _chose(self, name: str) -> None:
        """Remember a palette's choice, latest first (types and roles never share a name)."""
        self._recent[:] = [name] + [n for n in self._recent if n != name][:30]

    def _closed(self, palette: Palette) -> None:
        if self.palette is palette:
            self.palette = None
        palette.deleteLater()
        self.window.activateWindow()
        self.view.setFocus()


def _palettes():
    """The palettes module, loaded at the first E or R rather than on the way to the first article."""
    from desktop.ui.dialogs import palette

    return palette


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"

