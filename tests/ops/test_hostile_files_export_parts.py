"""A killed export leaves `<target>.<pid>.part`; the next export to that target removes the
parts whose process is gone, never the part of an export still running."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop import ops

from tests.helpers import SEED

posix_only = pytest.mark.skipif(os.name != "posix", reason="process ids are checked with POSIX signals")


def _dead_pid() -> int:
    """The id of a process that has ended (waited for, so not a zombie either)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@posix_only
def test_stale_parts_are_removed_and_a_live_one_is_kept(store, tmp_path):
    ops.import_paths(store, [SEED])
    out = tmp_path / "corpus.jsonl"
    stale = tmp_path / f"corpus.jsonl.{_dead_pid()}.part"
    stale.write_text("half a corpus", encoding="utf-8")
    stale_folder = tmp_path / f"corpus.jsonl.{_dead_pid()}.part"
    stale_folder.mkdir()
    (stale_folder / "x.txt").write_text("half", encoding="utf-8")
    live = tmp_path / f"corpus.jsonl.{os.getppid()}.part"  # our parent runs: another export's part
    live.write_text("being written", encoding="utf-8")
    other = tmp_path / f"other.jsonl.{_dead_pid()}.part"  # another target's part: not ours to judge
    other.write_text("x", encoding="utf-8")

    assert ops.export(store, "jsonl", out, everything=True) == 1
    assert out.exists()
    assert not stale.exists() and not stale_folder.exists()
    assert live.read_text(encoding="utf-8") == "being written"
    assert other.exists()


def test_export_leaves_no_part_of_its_own(store, tmp_path):
    ops.import_paths(store, [SEED])
    out = tmp_path / "corpus.jsonl"
    ops.export(store, "jsonl", out, everything=True)
    assert out.exists() and [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
