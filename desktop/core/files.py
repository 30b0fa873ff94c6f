"""Opening a file we were asked to read, and naming it safely.

Every file a user names (an import, a schema) is opened here, so the same rules hold
everywhere:

* Only regular files are read. A named pipe (FIFO), a device such as /dev/zero, a socket
  or a folder is refused with what it is, and is never opened: opening a FIFO for reading
  blocks until someone writes to it, and /dev/zero never ends.
* A caller may set a size limit; a larger file is refused before it is read whole.
* A failure names its real cause ("permission denied", "no such file or folder", "a
  symbolic link loop"), as a BadInput naming the file.

File names are bytes on POSIX; Python keeps a name that is not UTF-8 with its bad bytes
as lone surrogates (U+DC80–U+DCFF), which cannot be stored or printed. `display` gives
the name with each of them as U+FFFD, for messages and for the database; the real path
is still what gets opened.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from desktop.core.model import BadInput


# Opening with O_NONBLOCK means a FIFO put in a file's place between our check and the
# open does not block us; O_NOCTTY keeps a terminal device from becoming ours.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "a symbolic link loop",
    errno.EISDIR: "a folder, not a file",
    errno.ENOTDIR: "no such file or folder (a part of the path is not a folder)",
    errno.ENAMETOOLONG: "the path is too long",
}


def display(path: str | bytes | os.PathLike) -> str:
    """The path as text that can be printed and stored: undecodable bytes become U+FFFD."""
    # Imported here: core.text's patterns cost the window's start 1 ms, and a path is only
    # displayed when something went wrong with it.
    from desktop.core.text import scrub

    return scrub(os.fsdecode(path))


def reason(err: OSError) -> str:
    """What went wrong, in the app's words (the errno's own words when we have none)."""
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    return (err.strerror or str(err)).lower()


def kind(mode: int) -> str:
    """What a file that is not a regular file is, for "not a regular file: …"."""
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def check(path: str | os.PathLike, *, limit: int | None = None) -> os.stat_result:
    """The file's status (symbolic links followed), when it is a regular file we may read
    whole; raises BadInput otherwise. Never opens the file."""
    try:
        st = os.stat(path)
    except OSError as err:
        raise BadInput(_stat_reason(path, err), display(path)) from None
    except ValueError:  # a NUL in the name
        raise BadInput("not a valid file name", display(path)) from None
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(f"not a regular file: {kind(st.st_mode)}", display(path))
    if limit is not None and st.st_size > limit:
        raise _too_large(path, limit)
    return st


def open_binary(path: str | os.PathLike, *, limit: int | None = None) -> BinaryIO:
    """The regular file at `path`, open for reading bytes; raises BadInput (see `check`)."""
    check(path, limit=limit)
    try:
        fd = os.open(path, _OPEN_FLAGS | _NONBLOCK)
    except OSError as err:
        raise BadInput(f"cannot read: {reason(err)}", display(path)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between check() and open()
            raise BadInput(f"not a regular file: {kind(st.st_mode)}", display(path))
        if _NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: str | os.PathLike, *, limit: int | None = None) -> bytes:
    """The whole regular file at `path`, at most `limit` bytes; raises BadInput."""
    with open_binary(path, limit=limit) as f:
        try:
            data = f.read() if limit is None else f.read(limit + 1)
        except OSError as err:
            raise BadInput(f"cannot read: {reason(err)}", display(path)) from None
    if limit is not None and len(data) > limit:  # it grew, or its size was not known (/proc)
        raise _too_large(path, limit)
    return data


def _too_large(path, limit: int) -> BadInput:
    return BadInput(f"too large: the limit is {limit:,} bytes", display(path))


def _stat_reason(path, err: OSError) -> str:
    if err.errno == errno.ENOENT and os.path.islink(path):
        return "no such file or folder (a broken symbolic link)"
    return reason(err)
