"""Shared fixtures: a real project database in a temporary folder. Shared constants and helpers
(ROOT, SEED, DATA, find, open_window) live in tests/helpers.py; no test imports this file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SEED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.db"


@pytest.fixture
def store(db_path: Path):
    from desktop import ops

    s = ops.open_project(db_path)
    yield s
    s.close()


@pytest.fixture
def seeded(store):
    """A project holding the seed article; returns (store, doc_id)."""
    from desktop import ops

    report = ops.import_paths(store, [SEED])
    assert report.ok and report.imported == 1
    return store, store.documents.ids()[0]

