"""Things that depend on others, put after what they depend on: events that have other
events as arguments (brat's `Theme:E1`) are built and stored after those. Iterative, so a
long chain in a file cannot exhaust Python's recursion limit."""

from __future__ import annotations

from collections.abc import Callable, Iterable


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
