"""Cold start, what it leaves out: the modules the first article does not need stay unloaded.

Each of these was once imported on the way to the first paint and is now imported where it
is used (issue 12's cold-start goal): sqlite_utils (and numpy) by the store's `db` property,
socket/uuid/platform by who-is-writing and the crash log, hashlib by content hashing.
A fresh process starts the window as `spandesk gui` does and reports, at the article's
first paint, which of them are loaded.
"""

from __future__ import annotations

from desktop import ops

from tests.helpers import first_paint

LEFT_OUT = ("spacy", "sqlite_utils", "numpy", "click", "socket", "uuid", "platform", "hashlib")


def test_first_article_paints_without_the_modules_it_does_not_need(tmp_path):
    db = tmp_path / "returning.db"
    with ops.open_project(db, seed=True):  # a returning user's project: the seed is there
        pass
    report = first_paint(db, tmp_path / "s.ini", LEFT_OUT)
    assert report["loaded"] == [] and report["title"]


def test_the_writer_row_names_this_host_as_socket_does():
    import socket

    from desktop.store import writers

    assert writers.HOST == socket.gethostname()
    assert len(writers.TOKEN) == 32 and int(writers.TOKEN, 16) >= 0
