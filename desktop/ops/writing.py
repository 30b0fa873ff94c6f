"""Who writes to a project: a window says it holds the project open, and shows the others.

The rules themselves live in the store (store/writers.py, store/batches.py): long writes
commit in short batches, a second writer waits and says whom for.
"""

from __future__ import annotations

from desktop.store import Store
from desktop.store.errors import Locked  # offered as ops.Locked (desktop/ops/__init__.py)
from desktop.store.writers import WINDOW


def open_for_writing(store: Store, annotator: str | None) -> int:
    """Record that this process holds the project open for writing (a window), until the
    store closes; also clears what writers that died left half-done."""
    return store.writers.start(WINDOW, annotator)


def other_writers(store: Store) -> list[str]:
    """Other live processes writing to the project, each as "what (annotator, pid N)"."""
    return [str(w) for w in store.writers.others()]
