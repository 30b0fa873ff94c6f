"""What import reads from disk: the files in the paths a user names.

Only regular files are read. A folder is walked in sorted order; symbolic links are
followed, but each real folder (its device and inode) is searched once, so a link loop
ends in one "skipped" line. Hidden entries (names starting with ".") are not imported from
a folder, and those import would read are named in the report; pipes, devices and broken
links with an importable name are named too. A file or folder that cannot be read is
refused with its cause and the walk goes on. A brat folder is handed whole to the brat
reader, and what that reader leaves there is named.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import formats
from desktop.core import files
from desktop.core.model import BadInput

if TYPE_CHECKING:
    from desktop.ops.importing import ImportReport


class Skipped(BadInput):
    """Something in a folder that import passes over on purpose: listed, not an error."""


def expand(paths_: Iterable[str | Path], report: ImportReport | None = None) -> Iterator[Path]:
    """Files named, and importable files in folders (recursively, in a stable order).

    A folder a format reads whole (a brat folder) is yielded as one item, not walked.
    Only regular files are yielded; symbolic links are followed, each real folder once.
    What a folder holds that is passed over on purpose (hidden files and folders, a pipe
    or device with an importable name, a folder reached again) goes to `report.skipped`;
    what cannot be read goes to `report.refused`, and the walk goes on. Without a
    report, the first refusal is raised and skips are not told.
    """
    seen: dict[tuple[int, int], Path] = {}
    for given in paths_:
        for found in _find(Path(given), seen):
            if isinstance(found, Path):
                yield found
            elif report is not None:
                (report.skipped if isinstance(found, Skipped) else report.refused).append(found)
            elif not isinstance(found, Skipped):
                raise found


def _find(path: Path, seen: dict) -> Iterator[Path | BadInput]:
    """A path the user named: a folder to walk, or a regular file; anything else is refused
    without being opened (opening a FIFO for reading blocks)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        st = None  # files.check names the cause
    if st is not None and stat.S_ISDIR(st.st_mode):
        yield from _walk(path, st, seen, ())
        return
    try:
        files.check(path)
    except BadInput as bad:
        yield bad
        return
    yield path


def _walk(folder: Path, st: os.stat_result, seen: dict, above: tuple) -> Iterator[Path | BadInput]:
    key = (st.st_dev, st.st_ino)
    if key in above:
        yield Skipped(f"folder not searched again: a symbolic link loop leads back to {files.display(seen[key])}",
                      files.display(folder))
        return
    if key in seen:
        yield Skipped(f"folder not searched again: it is {files.display(seen[key])}, searched already",
                      files.display(folder))
        return
    seen[key] = folder
    if formats.reader_for(folder):
        yield folder
        yield from _inside_brat(folder)
        return
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as err:
        yield BadInput(f"cannot list the folder: {files.reason(err)}", files.display(folder))
        return
    for name in names:
        found = folder / name
        if name.startswith("."):
            yield from _hidden(found)
            continue
        try:
            inner = os.stat(found)
        except OSError as err:
            if formats.reader_for(found) or os.path.islink(found):
                yield _unreachable(found, err)
            continue
        if stat.S_ISDIR(inner.st_mode):
            yield from _walk(found, inner, seen, (*above, key))
        elif not formats.reader_for(found):
            continue  # not a kind of file import reads: images, notes and the like stay quiet
        elif stat.S_ISREG(inner.st_mode):
            yield found
        else:
            yield Skipped(f"not a regular file: {files.kind(inner.st_mode)}", files.display(found))


def _inside_brat(folder: Path) -> Iterator[BadInput]:
    """A brat folder is read whole by the brat reader: every NAME.txt with its NAME.ann, in
    sub-folders too, links to folders not followed. What else is there that import would
    read, and what cannot be listed, is named, so nothing is left out unseen. (Hidden
    entries are the brat reader's to report.)"""
    unlisted: list[OSError] = []
    for top, dirs, names in os.walk(folder, onerror=unlisted.append):  # links not followed, as brat reads
        here = Path(top)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            if os.path.islink(here / name):
                yield Skipped("a symbolic link to a folder inside a brat folder: not followed",
                              files.display(here / name))
        for name in sorted(names):
            found = here / name
            if not name.startswith(".") and not name.lower().endswith(".txt") and formats.reader_for(found):
                yield Skipped("inside a brat folder, which is read as brat (NAME.txt with NAME.ann); "
                              "name it to import it", files.display(found))
    for err in unlisted:
        yield BadInput(f"cannot list the folder: {files.reason(err)}", files.display(err.filename))


def _hidden(found: Path) -> Iterator[Skipped]:
    """Hidden entries are not imported from a folder (editors and tools keep their own files
    there), but one import would read is named, so nothing is left out unseen."""
    if os.path.isdir(found):
        yield Skipped('hidden folder (its name starts with "."), not searched', files.display(found))
    elif formats.reader_for(found):
        yield Skipped('hidden file (its name starts with "."); name it to import it', files.display(found))


def _unreachable(found: Path, err: OSError) -> BadInput:
    """An entry the listing names but whose status cannot be read."""
    if err.errno in (errno.ENOENT, errno.ELOOP):  # a broken link, a link to itself, or gone since listed
        what = "a broken symbolic link" if err.errno == errno.ENOENT else files.reason(err)
        return Skipped(what, files.display(found))
    return BadInput(f"cannot read: {files.reason(err)}", files.display(found))
