"""Writing a file whole or not at all: a temporary file beside the target, renamed onto it.

A rename within one folder is atomic, so a reader (or the user) sees the old file or
the new one, never half of one, and a failed or killed writer leaves the old file as it
was. The temporary file is hidden and named `.NAME.RANDOM.part`.

Only a regular file (or a new one) is replaced: renaming onto /dev/null or a FIFO would put
a file where the device or pipe was, which root can do even in /dev.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.model import SpandeskError


@contextmanager
def written_beside(target: str | Path) -> Iterator[Path]:
    """A new empty file beside `target` to write to; renamed onto `target` when the block
    ends normally, removed when it raises. An OSError names `target`, not the temporary file."""
    target = Path(target)
    check_target(target)
    part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        # Not mkstemp: its files are 0600; a picture or a corpus gets the user's usual mode.
        os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as err:
        raise _about(err, target.parent) from None
    try:
        yield part
        os.replace(part, target)
    except BaseException as err:
        part.unlink(missing_ok=True)
        if isinstance(err, OSError) and err.filename is not None and Path(os.fsdecode(err.filename)) == part:
            raise _about(err, target) from None
        raise


def check_target(target: Path, *, folder: bool = False) -> None:
    """Refuse a target that a rename must not replace: anything but a regular file (or,
    with `folder`, a folder) that exists. Nothing is written."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise _about(err, target) from None
    if stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode)):
        return
    what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
    raise SpandeskError(f"{target}: {what}; nothing was written")


def _about(err: OSError, path: Path) -> OSError:
    return type(err)(err.errno, err.strerror, str(path))
