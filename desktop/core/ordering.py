"""Things that depend on others, put after what they depend on: events that have other
events as arguments (brat's `Theme:E1`) are built and stored after those. Iterative, so a
long chain in a file cannot exhaust Python's recursion limit."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from desktop.core.model import Argument, Event


class Cycle(ValueError):
    """`path`: the items of a cycle, its first repeated at the end."""

    def __init__(self, path: list):
        super().__init__(" → ".join(map(str, path)))
        self.path = path


def dependencies_first(items: Iterable, needs: Callable[[object], Iterable]) -> list:
    """`items` in their order, except that each comes after the items it needs (`needs(x)`:
    those of `items` it depends on; others are ignored). Raises Cycle on a cycle."""
    items = list(items)
    known, done, on_path, out = set(items), set(), {}, []
    for root in items:
        if root in done:
            continue
        stack = [(root, iter(needs(root)))]
        on_path[root] = True
        while stack:
            item, pending = stack[-1]
            for need in pending:
                if need not in known or need in done:
                    continue
                if need in on_path:
                    path = [i for i, _ in stack]
                    raise Cycle([*path[path.index(need):], need])
                on_path[need] = True
                stack.append((need, iter(needs(need))))
                break
            else:
                stack.pop()
                del on_path[item]
                done.add(item)
                out.append(item)
    return out


def storing_order(events: list[Event]) -> tuple[list[int], dict[Event, int]]:
    """The indices of `events` in an order that stores each after the events it has as
    arguments (otherwise in order; on a cycle, in order), and each distinct event's first
    index, by which an argument's event is found among them."""
    first: dict[Event, int] = {}
    for n, event in enumerate(events):
        first.setdefault(event, n)
    needs = [[first[a.event] for a in e.arguments if a.event is not None and a.event in first] for e in events]
    try:
        return dependencies_first(range(len(events)), needs.__getitem__), first
    except Cycle:  # cannot be stored as read: stored in order, an argument stays its trigger
        return list(range(len(events))), first


def linked_events(heads: Iterable[int], arguments: Mapping[int, list[tuple[Argument, int | None]]],
                  make: Callable[[int, tuple[Argument, ...]], Event]) -> dict[int, Event]:
    """Events read back from rows: `make(id, arguments)` for each of `heads`, after the events
    its arguments name (`arguments[id]`: each argument with the id of the event it is, or
    None), so such an argument carries that very event (`Argument.event`). Raises Cycle."""
    built: dict[int, Event] = {}
    for event_id in dependencies_first(heads, lambda e: [ref for _, ref in arguments.get(e, ()) if ref is not None]):
        built[event_id] = make(event_id, tuple(replace(arg, event=built[ref]) if ref in built else arg
                                               for arg, ref in arguments.get(event_id, ())))
    return built
