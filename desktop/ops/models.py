"""The project's trained models: versions stored beside the database, listed and chosen.

Each `spandesk train` makes a version: a spaCy pipeline folder `<project>.models/vN/` (so any
spaCy tool loads it) with `spandesk-model.json` beside its config (base, documents, scores,
date). A version is written under a temporary name and renamed into place whole, so a crash
or Ctrl+C never leaves a half version that `models` would list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.model import SpandeskError
from desktop.store import Store

META = "spandesk-model.json"
_VERSION = re.compile(r"v(\d+)")


@dataclass(frozen=True)
class ModelVersion:
    version: int
    path: Path
    info: dict[str, Any]

    @property
    def name(self) -> str:
        return f"v{self.version}"

    def f1(self, what: str = "entities") -> tuple[float | None, float | None]:
        """(base, trained) micro F1 of one kind of annotation on the held-out documents."""
        def at(value: Any, key: str) -> Any:  # the record is a file a user may have edited: any shape
            return value.get(key) if isinstance(value, dict) else None

        found = at(at(self.info, "scores"), what)
        f1s = (at(at(at(found, side), "ALL"), "f") for side in ("base", "trained"))
        return tuple(f if isinstance(f, (int, float)) and not isinstance(f, bool) else None for f in f1s)


def models_dir(store: Store | Path) -> Path:
    """Where a project's model versions live: beside it, named after it."""
    path = store.path if isinstance(store, Store) else Path(store)
    return path.with_name(path.name + ".models")


def list_models(store: Store | Path) -> list[ModelVersion]:
    """The project's trained versions, oldest first; a folder without its record is left out."""
    folder = models_dir(store)
    out = []
    for child in folder.iterdir() if folder.is_dir() else ():
        match = _VERSION.fullmatch(child.name)
        if not match or not (child / META).is_file():
            continue
        try:
            # NaN and Infinity (a hand edit) become null: `models --json` must print strict JSON.
            info = json.loads((child / META).read_text(encoding="utf-8"), parse_constant=lambda _name: None)
        except (OSError, ValueError):
            continue  # unreadable: not offered (its folder stays for the user to look at)
        out.append(ModelVersion(int(match.group(1)), child, info if isinstance(info, dict) else {}))
    return sorted(out, key=lambda m: m.version)


def resolve_model(store: Store, spec: str | None) -> str | None:
    """The pipeline a `--model` names: "latest" or a version ("v3", "3") of this project, else
    `spec` itself (a spaCy package or folder); None stays None (the project's model)."""
    if spec is None:
        return None
    versions = list_models(store)
    if spec == "latest":
        if not versions:
            raise SpandeskError(f"{store.path}: no trained model yet; run `spandesk train` first")
        return str(versions[-1].path)
    match = _VERSION.fullmatch(spec) or re.fullmatch(r"(\d+)", spec)
    if match:
        found = [m for m in versions if m.version == int(match.group(1))]
        if not found:
            have = ", ".join(m.name for m in versions) or "none yet"
            raise SpandeskError(f"{store.path}: no model version {spec} (versions: {have})")
        return str(found[0].path)
    return spec


def new_version_dir(store: Store) -> tuple[int, Path]:
    """The next version's number and its folder (not made yet)."""
    folder = models_dir(store)
    if folder.exists() and not folder.is_dir():  # said before training, not as "File exists" after it
        raise SpandeskError(f"{folder}: not a folder; the project's trained models are kept there (move the file "
                            "away or train with --out)")
    taken = [int(m.group(1)) for c in (folder.iterdir() if folder.is_dir() else ())
             if (m := _VERSION.fullmatch(c.name.lstrip(".").removesuffix(".part")))]
    number = max(taken, default=0) + 1
    return number, folder / f"v{number}"


def write_info(path: Path, info: dict[str, Any]) -> None:
    (path / META).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# Triggers a model (or the lexicon) is less sure of than this are not suggested. The lexicon
# scores a word 1.0 for one event type, 0.5 when weak, shared among the types it may evoke.
DEFAULT_THRESHOLD = 0.25


def suggestion_threshold(store: Store) -> float:
    """The project's suggestion threshold (Settings; `preannotate --threshold`)."""
    try:
        return float(store.project.get("suggestion_threshold") or DEFAULT_THRESHOLD)
    except ValueError:
        return DEFAULT_THRESHOLD


def set_suggestion_threshold(store: Store, value: float) -> None:
    """Remember the suggestion threshold for the project's next pre-annotation runs."""
    if not 0 <= value <= 1:
        raise SpandeskError(f"the suggestion threshold is a confidence from 0 to 1, not {value}")
    store.project.set("suggestion_threshold", repr(float(value)))
