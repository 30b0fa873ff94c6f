"""The `spandesk` command's entry point: the window without the command line's cost.

`spandesk`, `spandesk gui` and either with `--db FILE` (the way a desktop icon or a user
starts the window) go straight to the window. Every other command line is `desktop.cli`'s
(click and every command's definitions): importing that alone took about 55 ms, a
third of the window's whole start on top of what a bare PySide6 window needs.

A command line this module is not sure about (`--help`, `--db` given twice, a value
click would refuse) goes to click too, so usage errors and help read as they always did.
The window's way of ending is click's: the same messages and exit statuses
(desktop.cli's `_ended`, imported only when something went wrong).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

_NOT_GUI = object()


def gui_db(args: list[str]):
    """The --db a plain window command line names (None: none given), or `_NOT_GUI` for
    any other command line, or one click must judge."""
    dbs, rest, named = [], list(args), False
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest:
            dbs.append(rest.pop(0))
        elif arg.startswith("--db="):
            dbs.append(arg[len("--db="):])
        elif arg == "gui" and not named:
            named = True
        else:
            return _NOT_GUI  # another command, an option, a second "gui"
    if len(dbs) > 1 or any(not _plain_file(db) for db in dbs):
        return _NOT_GUI  # click says what is wrong with it
    return Path(dbs[0]) if dbs else None


def _plain_file(value: str) -> bool:
    """A --db value click's Path(dir_okay=False) takes as it is."""
    if not value or value.startswith("-"):
        return False
    return not os.path.exists(value) or (not os.path.isdir(value) and os.access(value, os.R_OK))


def main() -> None:
    db = gui_db(sys.argv[1:])
    if db is _NOT_GUI:
        from desktop.cli import main as cli_main

        cli_main()
        return
    # No cyclic garbage collection until the first article is painted (desktop.ui.app's
    # _background turns it back on): importing PySide6 and Spandesk and building the window
    # make many objects and few cycles, and the collector's ~45 passes over them cost the
    # start about 4 ms of CPU. Whatever way the window ends, it is back on (finally).
    gc.disable()
    try:
        from desktop.ui.app import open_and_run

        code = open_and_run(db)
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - ended as every command ends (desktop.cli)
        from desktop.cli import _ended

        try:
            code = _ended(exc)
        except BaseException:  # noqa: BLE001 - stderr itself is gone: the status still tells
            code = 70
    finally:
        gc.enable()
    sys.exit(code)


if __name__ == "__main__":
    main()
