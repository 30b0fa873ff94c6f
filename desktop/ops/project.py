"""Opening a project: the schema copied in on creation, the seeds on first run.

The label set's module is imported only where a label set is read or written: the window
opens a project and paints its first article with the colours alone (`project_label_colours`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.label_colours import entity_colours
from desktop.store import Store, open_store

if TYPE_CHECKING:
    from desktop.core.label_set import LabelSet


def open_project(path: str | Path, *, seed: bool = False, check: bool = True) -> Store:
    """Open or create a project; a new one gets the default schema, and the seed
    articles when `seed` (the user's default database on first run)."""
    path = Path(path)
    store = open_store(path, check=check)
    try:
        if store.project.get("schema") is None:
            from desktop.core import label_set as label_set_mod

            store.project.set("schema", label_set_mod.to_json(label_set_mod.default_label_set()))
            if seed and store.documents.count() == 0:
                # Imported here: only a new default project needs the import code (~10 ms,
                # python -X importtime), and every window start comes through this function.
                from desktop.ops.importing import import_seeds

                import_seeds(store)
    except BaseException:
        store.close()
        raise
    return store


def project_label_set(store: Store) -> LabelSet:
    from desktop.core import label_set as label_set_mod

    stored = store.project.get("schema")
    return label_set_mod.from_json(stored, _where(store)) if stored else label_set_mod.default_label_set()


def project_label_colours(store: Store) -> dict[str, str]:
    """Each entity label's colour ("#rrggbb" as the label set gives it), read without the
    rest of the label set; a stored label set that is not JSON is refused as by
    `project_label_set`, any other fault of it is left for that to report."""
    stored = store.project.get("schema")
    if stored:
        return entity_colours(stored, _where(store))
    return {e.name: e.colour for e in project_label_set(store).entities}


def preset_annotator(store: Store) -> str | None:
    """The annotator a file `spandesk assign` wrote is for (None for any other project).
    Here, not with `assign` (ops/assigning.py): the window asks it on its way to the first
    article, which need not wait for the rest of that module."""
    return store.project.get("annotator") or None


def _where(store: Store) -> str:
    """Where a project keeps its label set, as a message about it names it."""
    return f"{store.path}, label set"
