"""`desktop.core.atomic.written_beside`: the new file whole, or the old one untouched."""

from __future__ import annotations

import os

import pytest

from desktop.core.atomic import written_beside
from desktop.core.model import SpandeskError


def test_the_new_file_replaces_the_old_only_at_the_end(tmp_path):
    out = tmp_path / "a.txt"
    out.write_text("old")
    with written_beside(out) as part:
        part.write_text("new")
        assert part.parent == tmp_path and part.name.startswith(".a.txt.") and out.read_text() == "old"
    assert out.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_failure_leaves_the_old_file_and_no_temporary_one(tmp_path):
    out = tmp_path / "a.txt"
    out.write_text("old")
    with pytest.raises(ZeroDivisionError), written_beside(out) as part:
        part.write_text("half")
        1 / 0
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_errors_name_the_target_not_the_temporary_file(tmp_path):
    with pytest.raises(FileNotFoundError) as missing, written_beside(tmp_path / "no" / "a.txt"):
        pass
    assert missing.value.filename == str(tmp_path / "no")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")
def test_only_a_regular_file_is_replaced(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "dir").mkdir()
    for target in (tmp_path / "pipe", tmp_path / "dir"):
        with pytest.raises(SpandeskError, match="nothing was written"), written_beside(target) as part:
            part.write_text("x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "pipe"] and (tmp_path / "pipe").is_fifo()
