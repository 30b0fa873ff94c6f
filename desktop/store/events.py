"""Events and their arguments: a trigger span with a type, and entity spans in roles.

Every insert, update and delete is logged in history (store/rows.py) (whole rows for inserts and
deletes, changed columns for updates), so undo and redo cover events as they cover
spans. SQLite would cascade a span's deletion to the events and arguments using it,
past history; callers detach the span first (`detach_span`) so nothing goes unlogged.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from desktop.core.ordering import linked_events, storing_order
from desktop.core.model import Argument, Event, EventId, Layer, Span
from desktop.store import dependents
from desktop.store.rows import Rows, missing
from desktop.store.spans import COLUMNS, Spans, from_row

_S = ", ".join(f's."{c}"' for c in COLUMNS)


class Events:
    """Events over the spans they link (`spans`: for imports and relabelling)."""

    def __init__(self, conn: sqlite3.Connection, rows: Rows, clock: Callable[[], str], spans: Spans):
        self.conn, self.rows, self.clock, self.spans = conn, rows, clock, spans

    # --- reading ------------------------------------------------------------------------

    def for_doc(self, doc_id: int, *, rejected: bool = False) -> list[Event]:
        """The document's events with their triggers and arguments, in reading order:
        accepted and suggested ones (and rejected suggestions too, if asked). An argument
        that is another event carries that event (`Argument.event`, the same object as in
        the list) unless it is not listed (a rejected one)."""
        conn = self.conn
        keep = "" if rejected else " AND a.state != 'rejected'"
        arguments: dict[int, list[tuple[Argument, int | None]]] = defaultdict(list)
        for r in conn.execute(
            f"SELECT a.event_id, a.role, a.state, a.score, a.arg_event_id, {_S} FROM event_arguments a"
            f" JOIN spans s ON s.id = a.span_id WHERE s.doc_id = ?{keep}"
            ' ORDER BY s.start, s."end", s.label, a.role, a.arg_event_id',
            (doc_id,),
        ):
            arguments[r[0]].append((Argument(r[1], from_row(r[5:]), r[2], r[3]), r[4]))
        keep = "" if rejected else " AND e.state != 'rejected'"
        heads = {r[0]: r for r in conn.execute(
            f"SELECT e.id, e.type, e.state, e.score, {_S} FROM events e JOIN spans s ON s.id = e.trigger_span_id"
            f' WHERE e.doc_id = ?{keep} ORDER BY s.start, s."end", e.type, e.id',
            (doc_id,),
        )}
        def make(event_id: int, args: tuple[Argument, ...]) -> Event:
            r = heads[event_id]
            return Event(r[1], from_row(r[4:]), args, EventId(r[0]), r[2], r[3])

        # (a cycle cannot be stored: imports refuse one, and an event is added before any
        # argument names it)
        built = linked_events(heads, arguments, make)
        return [built[event_id] for event_id in heads]

    def get(self, event_id: int) -> tuple[int, Event]:
        """(document id, event); NotFound when there is no such event."""
        r = self.conn.execute("SELECT doc_id FROM events WHERE id = ?", (event_id,)).fetchone()
        if r is None:
            raise missing("events", event_id)
        return r[0], next(e for e in self.for_doc(r[0], rejected=True) if e.id == event_id)

    def triggered_by(self, span_id: int) -> list[EventId]:
        rows = self.conn.execute("SELECT id FROM events WHERE trigger_span_id = ? ORDER BY id", (span_id,))
        return [EventId(r[0]) for r in rows]

    def argument_ids(self, event_id: int, span_id: int, role: str | None = None) -> list[int]:
        sql, params = "SELECT id FROM event_arguments WHERE event_id = ? AND span_id = ?", [event_id, span_id]
        if role is not None:
            sql += " AND role = ?"
            params.append(role)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY id", params)]

    # --- writing ------------------------------------------------------------------------

    def add(self, doc_id: int, trigger_span_id: int, event_type: str, annotator: str | None = None,
            *, logged: bool = True) -> EventId:
        """A new event on an existing trigger span. `logged=False` is for bulk imports,
        audited as one action rather than row by row (as `Spans.add`)."""
        return EventId(self.rows.insert("events", {
            "doc_id": doc_id, "trigger_span_id": trigger_span_id, "type": event_type,
            "annotator": annotator, "updated_at": self.clock()}, logged=logged))

    def update(self, event_id: int, **changes) -> bool:
        """Change columns of an event (type, trigger_span_id, annotator); False when unchanged."""
        before = self.rows.read("events", event_id)
        if before is None:
            raise missing("events", event_id)
        changes = {k: v for k, v in changes.items() if before[k] != v}
        if not changes:
            return False
        changes["updated_at"] = self.clock()
        self.rows.update("events", event_id, changes, before=before)
        if "trigger_span_id" in changes:  # an argument that is this event is drawn to its trigger
            for (arg_id,) in self.conn.execute(
                    "SELECT id FROM event_arguments WHERE arg_event_id = ? ORDER BY id", (event_id,)).fetchall():
                self.rows.update("event_arguments", arg_id, {"span_id": changes["trigger_span_id"]})
        return True

    def delete(self, event_id: int) -> None:
        """Delete an event and its arguments (not its trigger span)."""
        for (arg_id,) in self.conn.execute(
            "SELECT id FROM event_arguments WHERE event_id = ? ORDER BY id", (event_id,)
        ).fetchall():
            self.remove_argument(arg_id)
        dependents.detach_event(self.conn, self.rows, event_id)
        self.rows.delete("events", event_id)

    def add_argument(self, event_id: int, span_id: int, role: str, *, logged: bool = True,
                     arg_event_id: int | None = None) -> int | None:
        """Link a span to an event in a role; None when exactly that link exists.
        `arg_event_id`: the argument is that event, and `span_id` its trigger."""
        values = {"event_id": event_id, "span_id": span_id, "role": role}
        if arg_event_id is not None:
            values["arg_event_id"] = arg_event_id
        return self.rows.insert("event_arguments", values, logged=logged, ignore=True)

    # --- a model's suggestions (see desktop/store/suggested_events.py for storing them) --

    def argument_state(self, event_id: int, span_id: int, role: str) -> str | None:
        """The state of one argument link; None when there is no such link."""
        r = self.conn.execute("SELECT state FROM event_arguments WHERE event_id = ? AND span_id = ? AND role = ?",
                              (event_id, span_id, role)).fetchone()
        return r[0] if r else None

    def set_state(self, event_id: int, state: str) -> bool:
        """Accept or reject an event, in history; False when it already was."""
        before = self.rows.read("events", event_id, ("state",))
        if before is None:
            raise missing("events", event_id)
        if before["state"] == str(state):
            return False
        self.rows.update("events", event_id, {"state": str(state), "updated_at": self.clock()})
        return True

    def set_argument_state(self, arg_id: int, state: str) -> bool:
        """Accept or reject one argument link, in history; False when it already was."""
        before = self.rows.read("event_arguments", arg_id, ("state",))
        if before is None:
            raise missing("event_arguments", arg_id)
        if before["state"] == str(state):
            return False
        self.rows.update("event_arguments", arg_id, {"state": str(state)}, before=before)
        return True

    def remove_argument(self, arg_id: int) -> None:
        self.rows.delete("event_arguments", arg_id)

    def detach_span(self, span_id: int) -> tuple[int, int]:
        """Before a span goes: remove the arguments it fills and the events it triggers
        (with their arguments), in history. Returns (events, arguments) removed."""
        args = [r[0] for r in self.conn.execute(
            "SELECT id FROM event_arguments WHERE span_id = ? ORDER BY id", (span_id,))]
        for arg_id in args:
            self.remove_argument(arg_id)
        events = self.triggered_by(span_id)
        for event_id in events:
            self.delete(event_id)
        return len(events), len(args)

    def move_span(self, old: int, new: int) -> int:
        """Point every argument and trigger from span `old` to span `new` (a corrected
        twin); an argument `new` already fills is dropped. Returns how many rows changed."""
        conn, moved = self.conn, 0
        for arg_id, event_id, role in conn.execute(
            "SELECT id, event_id, role FROM event_arguments WHERE span_id = ? ORDER BY id", (old,)
        ).fetchall():
            if self.argument_ids(event_id, new, role):
                self.remove_argument(arg_id)
            else:
                self.rows.update("event_arguments", arg_id, {"span_id": new})
            moved += 1
        for event_id in self.triggered_by(old):
            moved += self.update(event_id, trigger_span_id=new)
        return moved + dependents.move_span(self.conn, self.rows, old, new)

    def rename_type(self, old: str, new: str) -> int:
        """Rename an event type on every event (their trigger spans are relabelled apart)."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM events WHERE type = ? ORDER BY id", (old,))]
        for event_id in ids:
            self.update(event_id, type=new)
        return len(ids)

    def rename_role(self, event_type: str, old: str, new: str) -> int:
        """Rename a role on the arguments of one event type's events."""
        rows = self.conn.execute(
            "SELECT a.id, a.event_id, a.span_id FROM event_arguments a JOIN events e ON e.id = a.event_id"
            " WHERE e.type = ? AND a.role = ? ORDER BY a.id",
            (event_type, old),
        ).fetchall()
        for arg_id, event_id, span_id in rows:
            if self.argument_ids(event_id, span_id, new):
                self.remove_argument(arg_id)  # the same span already fills the new role
            else:
                self.rows.update("event_arguments", arg_id, {"role": new})
        return len(rows)

    def rename_span_label(self, old: str, new: str, layer: str) -> int:
        """Relabel every span of a layer from `old` to `new`, in history; returns how many.

        Where a document already holds the same stretch labelled `new`, that span is kept:
        the events and arguments move to it and the old one is deleted. (Here rather than
        in Spans: moving the links is the events' business.)
        """
        spans = self.spans
        rows = self.conn.execute(
            'SELECT id, doc_id, start, "end" FROM spans WHERE layer = ? AND label = ? ORDER BY id', (layer, old)
        ).fetchall()
        for span_id, doc_id, start, end in rows:
            twin = spans.find(doc_id, start, end, new, layer)
            if twin is not None:
                self.move_span(span_id, twin.id)
                spans.delete(span_id)
            else:
                spans.update(span_id, "", label=new)  # no offsets change: the text is not needed
        return len(rows)

    def add_imported(self, doc_id: int, event: Event, text: str, stored: dict[Event, EventId] | None = None
                     ) -> tuple[EventId, list[Argument]]:
        """Store an event read from a file, inside an import: its trigger and argument spans
        are found by offsets and label, or added; rows are audited with the import. An
        argument that is an event refers to it when `stored` (the record's events stored so
        far: `argument_order` stores them first) holds it. Returns the event's id and the
        arguments not stored as read (an event argument whose trigger and role the event
        has already for another event: one row per event, span and role)."""
        spans, stored = self.spans, stored or {}
        t = event.trigger
        trigger = spans.find(doc_id, t.start, t.end, event.type, Layer.TRIGGER)
        trigger_id = trigger.id if trigger else spans.add(
            doc_id, replace(t, label=event.type, layer=Layer.TRIGGER), text, logged=False)
        event_id = self.add(doc_id, trigger_id, event.type, t.annotator, logged=False)
        lost = []
        for arg in event.arguments:
            s: Span = arg.span
            # An argument that is an event (brat's `Theme:E1`) is that event's trigger span.
            layer = Layer.TRIGGER if s.layer == Layer.TRIGGER else Layer.ENTITY
            found = spans.find(doc_id, s.start, s.end, s.label, layer)
            span_id = found.id if found else spans.add(doc_id, replace(s, layer=layer), text, logged=False)
            ref = stored.get(arg.event) if arg.event is not None else None
            if self.add_argument(event_id, span_id, arg.role, logged=False, arg_event_id=ref) is None and ref:
                lost.append(arg)
        return event_id, lost


def argument_order(events: list[Event]) -> list[Event]:
    """Every one of `events` (equal ones too), each after the events it has as arguments,
    so storing them in this order finds each argument event stored; otherwise in order."""
    order, _first = storing_order(events)  # the readers refuse a cycle; stored in order then
    return [events[n] for n in order]
