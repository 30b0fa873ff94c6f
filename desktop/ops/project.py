"""Opening a project: the schema copied in on creation, the seeds on first run."""

from __future__ import annotations

from pathlib import Path

from desktop.core import label_set as label_set_mod
from desktop.core.label_set import LabelSet
from desktop.store import Store, open_store


def open_project(path: str | Path, *, seed: bool = False, check: bool = True) -> Store:
    """Open or create a project; a new one gets the default schema, and the seed
    articles when `seed` (the user's default database on first run)."""
    path = Path(path)
    store = open_store(path, check=check)
    try:
        if store.project.get("schema") is None:
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
    stored = store.project.get("schema")
    return label_set_mod.from_json(stored) if stored else label_set_mod.default_label_set()
