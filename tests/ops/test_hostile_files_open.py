"""Opening files the user names (desktop/core/files.py): regular files only, a size limit
where asked, the real cause named. The schema commands read through it too."""

from __future__ import annotations

import os
import threading

import pytest
from click.testing import CliRunner

from desktop import ops
from desktop.cli import main
from desktop.core import files
from desktop.core.model import BadInput
from desktop.core.label_set import MAX_LABEL_SET_BYTES

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")


def _within(seconds: float, fifo, call):
    """call() in a thread; a call blocked on opening `fifo` is released (a writer opens and
    closes it) and the test fails, instead of hanging the suite."""
    out: list = []

    def run() -> None:
        try:
            out.append(call())
        except BaseException as exc:  # handed to the test's thread below
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY))  # EOF for the blocked reader
        thread.join(5)
        pytest.fail(f"reading {fifo} blocked: a FIFO was opened")
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


@posix_only
def test_check_refuses_a_fifo_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(BadInput, match="not a regular file: a named pipe"):
        _within(5, fifo, lambda: files.read_bytes(fifo))


def test_folder_and_missing_file_name_their_cause(tmp_path):
    with pytest.raises(BadInput, match="not a regular file: a folder"):
        files.read_bytes(tmp_path)
    with pytest.raises(BadInput, match="no such file or folder"):
        files.read_bytes(tmp_path / "nope.txt")


def test_limit_refuses_a_larger_file_and_reads_one_at_the_limit(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    assert files.read_bytes(path, limit=10) == b"x" * 10
    with pytest.raises(BadInput, match="too large: the limit is 9 bytes"):
        files.read_bytes(path, limit=9)


def test_display_replaces_undecodable_bytes():
    assert files.display(os.fsdecode(b"caf\xe9.txt")) == "caf\ufffd.txt"
    assert files.display(b"caf\xc3\xa9.txt") == "caf\u00e9.txt"


@posix_only
def test_schema_check_on_a_fifo_is_refused_not_blocked(tmp_path):
    fifo = tmp_path / "schema.toml"
    os.mkfifo(fifo)
    problems = _within(5, fifo, lambda: ops.check_label_set_file(fifo))
    assert problems == [f"{fifo}: not a regular file: a named pipe (FIFO)"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_schema_set_on_dev_zero_is_refused(db_path):
    result = CliRunner().invoke(main, ["schema", "set", "/dev/zero", "--db", str(db_path)])
    assert result.exit_code == 1 and not isinstance(result.exception, Exception)
    assert "/dev/zero: not a regular file: a character device" in result.output


def test_schema_larger_than_the_limit_is_refused(tmp_path):
    big = tmp_path / "big.toml"
    big.write_bytes(b"# a comment\n" * (MAX_LABEL_SET_BYTES // 12 + 1))
    assert ops.check_label_set_file(big) == [f"{big}: too large: the limit is {MAX_LABEL_SET_BYTES:,} bytes"]


def test_shipped_schema_still_loads():
    from desktop.core.label_set import load
    from desktop.paths import resource

    assert load(resource("schemas", "news-events.toml")).entities


@posix_only
def test_db_that_is_a_fifo_or_device_is_refused(tmp_path):
    from desktop.core.model import SpandeskError

    fifo = tmp_path / "project.db"
    os.mkfifo(fifo)
    with pytest.raises(SpandeskError, match="not a regular file: a named pipe"):
        _within(5, fifo, lambda: ops.open_project(fifo))
    if os.path.exists("/dev/zero"):
        with pytest.raises(SpandeskError, match="/dev/zero: not a regular file: a character device"):
            ops.open_project("/dev/zero")
