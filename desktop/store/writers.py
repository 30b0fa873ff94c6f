"""Who is writing: one row per process that holds the project open for writing (the
window) or runs a long write (an import, a pre-annotation), so that a second writer can
say whom it waits for, and the window can say who else has the project open.

A row belongs to a process (pid on a host). Rows of processes that died on this host are
swept by the next writer that starts, with what they left half-done: documents an import
had staged but not published (see Staging in store/documents.py), the import's action
row, and pre-annotation claims. A row from another host is never swept: its process
cannot be seen from here.
"""

from __future__ import annotations

import os
import sys
import time
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path


def _host_name() -> str:
    # What socket.gethostname() says, without importing socket (and uuid, and platform) on
    # the way to the window's first article: POSIX's uname has it; Windows has no uname.
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


HOST = _host_name()
TOKEN = os.urandom(16).hex()  # this process run (pids are reused, in containers soon and often)
WINDOW = "the annotation window"  # what a window registers as: holds the project open
DISCARD_BATCH = 500  # staged documents deleted per transaction (they are invisible anyway)
# A writer that waits for the lock touches a flag file beside the database; a long writer
# that sees a fresh one pauses YIELD_SECONDS after each commit, so the waiter gets in. (SQLite's
# busy handler polls: a batch writer that commits and begins again at once starves it.)
FLAG_FRESH = 1.0
YIELD_SECONDS = 0.03


@dataclass(frozen=True, slots=True)
class Writer:
    id: int
    what: str
    pid: int
    host: str
    annotator: str | None
    since: str
    token: str

    @property
    def mine(self) -> bool:
        return self.host == HOST and self.token == TOKEN

    @property
    def dead(self) -> bool:
        """Known to be gone: its process ended here, or its pid now belongs to this process."""
        return self.host == HOST and not self.mine and (self.pid == os.getpid() or not pid_alive(self.pid))

    def __str__(self) -> str:
        who = f"{self.annotator}, " if self.annotator else ""
        where = "" if self.host == HOST else f" on {self.host}"
        return f"{self.what} ({who}pid {self.pid}{where})"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False  # os.kill(0, …) would ask about our own process group
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


class Writers:
    def __init__(self, conn: sqlite3.Connection, transaction: Callable[[], AbstractContextManager], path: Path,
                 clock: Callable[[], str]):
        self.conn, self.transaction, self.path, self.clock = conn, transaction, path, clock
        self.mine: set[int] = set()

    def start(self, what: str, annotator: str | None = None) -> int:
        """Register this process as writing `what`; sweeps the dead first. Returns the row id."""
        self.sweep()
        with self.transaction():
            cursor = self.conn.execute(
                "INSERT INTO writers (what, pid, host, annotator, since, token) VALUES (?, ?, ?, ?, ?, ?)",
                (what, os.getpid(), HOST, annotator, self.clock(), TOKEN),
            )
        self.mine.add(cursor.lastrowid)
        return cursor.lastrowid

    def end(self, writer_id: int) -> None:
        """This writer is done: its claims go with it; staged documents are discarded."""
        self.discard(writer_id)
        with self.transaction():
            self.conn.execute("DELETE FROM writers WHERE id = ?", (writer_id,))
        self.mine.discard(writer_id)

    @contextmanager
    def writing(self, what: str, annotator: str | None = None) -> Iterator[int]:
        writer_id = self.start(what, annotator)
        try:
            yield writer_id
        finally:
            self.end(writer_id)

    def _rows(self) -> list[Writer]:
        rows = self.conn.execute(
            "SELECT id, what, pid, host, annotator, since, token FROM writers ORDER BY id")
        return [Writer(*r) for r in rows]

    def others(self) -> list[Writer]:
        """Writers in other processes that are (or may be, on another host) alive."""
        return [w for w in self._rows() if not (w.mine or w.dead)]

    def holder(self) -> str:
        """Who most likely holds the write lock: a long write before a window."""
        others = sorted(self.others(), key=lambda w: w.what == WINDOW)
        return str(others[0]) if others else "another program writing to the file"

    def sweep(self) -> int:
        """Forget writers whose process died here, undoing what they left half-done."""
        dead = [w for w in self._rows() if w.dead]
        for writer in dead:
            self.end(writer.id)
        return len(dead)

    def set_action(self, writer_id: int, action_id: int | None) -> None:
        """The action whose rows are staged (inside the caller's transaction): discarded with them."""
        self.conn.execute("UPDATE writers SET action_id = ? WHERE id = ?", (action_id, writer_id))

    def discard(self, writer_id: int) -> int:
        """Delete the documents a writer staged and never published, a few hundred per
        transaction so other writers interleave, then its unfinished action. Returns how many."""
        conn, removed = self.conn, 0
        r = conn.execute("SELECT action_id FROM writers WHERE id = ?", (writer_id,)).fetchone()
        if (r is None or r[0] is None) and not conn.execute(
                "SELECT 1 FROM staged WHERE writer = ? LIMIT 1", (writer_id,)).fetchone():
            return 0  # the usual end: everything published, nothing to undo
        while True:
            with self.transaction():
                ids = [r[0] for r in conn.execute(
                    "SELECT doc_id FROM staged WHERE writer = ? LIMIT ?", (writer_id, DISCARD_BATCH))]
                conn.executemany("DELETE FROM documents WHERE id = ?", [(i,) for i in ids])
            removed += len(ids)
            if len(ids) < DISCARD_BATCH:
                break
            make_way(self.path)
        with self.transaction():
            r = conn.execute("SELECT action_id FROM writers WHERE id = ?", (writer_id,)).fetchone()
            if r and r[0] is not None:
                conn.execute("DELETE FROM history WHERE action_id = ?", (r[0],))
                conn.execute("DELETE FROM actions WHERE id = ?", (r[0],))
                self.set_action(writer_id, None)
        return removed


def _flag(path: Path) -> str:
    return str(path) + "-wait"


def want_lock(path: Path) -> None:
    """Say that someone waits for the write lock (called while waiting, again and again)."""
    try:
        with open(_flag(path), "a"):
            pass
        os.utime(_flag(path))
    except OSError:
        pass  # a read-only folder: the waiter still gets in when the long write ends


def got_lock(path: Path) -> None:
    try:
        os.remove(_flag(path))
    except OSError:
        pass


def flag_stale(path: Path) -> bool:
    """A wait flag no one has touched for a while (its waiter got in, gave up or died)."""
    try:
        return time.time() - os.stat(_flag(path)).st_mtime > FLAG_FRESH
    except OSError:
        return False


def make_way(path: Path) -> None:
    """Between two batches of a long write: pause if someone is waiting for the lock."""
    try:
        age = time.time() - os.stat(_flag(path)).st_mtime
    except OSError:
        return
    if age < FLAG_FRESH:
        time.sleep(YIELD_SECONDS)
    elif age > 5 * FLAG_FRESH:
        got_lock(path)  # left by a waiter that died
