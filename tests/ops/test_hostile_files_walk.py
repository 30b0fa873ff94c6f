"""What import finds on disk: symbolic link loops, hidden files, pipes, unreadable files and
folders, file names that are not UTF-8. Every case ends in a report, never a hang or a traceback."""

from __future__ import annotations

import os
import pathlib
import sys

import pytest
from click.testing import CliRunner

from desktop import ops
from desktop.cli import main

posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links, FIFOs and byte names are POSIX")


def _article(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@posix_only
def test_symlink_loop_is_walked_once_and_reported_once(store, tmp_path):
    corpus = tmp_path / "corpus"
    _article(corpus / "a" / "one.txt", "One article about Almaty.")
    (corpus / "a" / "up").symlink_to("..")  # corpus/a/up → corpus: a loop
    report = ops.import_paths(store, [corpus])
    assert report.ok and report.imported == 1 and report.files == 1
    assert report.duplicates == []
    assert [(b.file, "loop" in b.reason) for b in report.skipped] == [(str(corpus / "a" / "up"), True)]


@posix_only
def test_two_links_to_one_folder_read_it_once(store, tmp_path):
    _article(tmp_path / "real" / "one.txt", "One article about Astana.")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x").symlink_to(tmp_path / "real")
    (corpus / "y").symlink_to(tmp_path / "real")
    report = ops.import_paths(store, [corpus])
    assert report.imported == 1 and report.files == 1 and report.duplicates == []
    assert [b.file for b in report.skipped] == [str(corpus / "y")]
    assert "searched already" in report.skipped[0].reason


def test_hidden_importable_file_is_reported_not_silently_skipped(store, tmp_path):
    _article(tmp_path / "corpus" / "seen.txt", "A visible article.")
    _article(tmp_path / "corpus" / ".draft.txt", "A hidden article.")
    _article(tmp_path / "corpus" / ".notes", "not a kind of file import reads")
    report = ops.import_paths(store, [tmp_path / "corpus"])
    assert report.ok and report.imported == 1
    assert [(b.file, b.reason.startswith("hidden file")) for b in report.skipped] == [
        (str(tmp_path / "corpus" / ".draft.txt"), True)]
    # Named on its own, a hidden file is imported.
    assert ops.import_paths(store, [tmp_path / "corpus" / ".draft.txt"]).imported == 1


def test_hidden_folder_is_reported_not_searched(store, tmp_path):
    _article(tmp_path / "corpus" / ".cache" / "old.txt", "An article in a hidden folder.")
    _article(tmp_path / "corpus" / "new.txt", "An article in plain sight.")
    report = ops.import_paths(store, [tmp_path / "corpus"])
    assert report.imported == 1
    assert [b.file for b in report.skipped] == [str(tmp_path / "corpus" / ".cache")]
    assert "hidden folder" in report.skipped[0].reason


@posix_only
def test_named_fifo_is_refused_without_opening_it(store, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = ops.import_paths(store, [fifo])  # opening it would block this test forever
    assert [str(b) for b in report.refused] == [f"{fifo}: not a regular file: a named pipe (FIFO)"]


@posix_only
def test_fifo_in_a_folder_is_skipped_with_a_line(store, tmp_path):
    _article(tmp_path / "corpus" / "ok.txt", "A readable article.")
    os.mkfifo(tmp_path / "corpus" / "pipe.jsonl")
    report = ops.import_paths(store, [tmp_path / "corpus"])
    assert report.ok and report.imported == 1
    assert [str(b) for b in report.skipped] == [
        f"{tmp_path / 'corpus' / 'pipe.jsonl'}: not a regular file: a named pipe (FIFO)"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_not_a_regular_file(store):
    report = ops.import_paths(store, ["/dev/zero"])
    assert [str(b) for b in report.refused] == ["/dev/zero: not a regular file: a character device"]


@posix_only
def test_broken_link_in_a_folder_is_reported(store, tmp_path):
    _article(tmp_path / "corpus" / "ok.txt", "A readable article.")
    (tmp_path / "corpus" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    report = ops.import_paths(store, [tmp_path / "corpus"])
    assert report.ok and report.imported == 1
    assert [str(b) for b in report.skipped] == [f"{tmp_path / 'corpus' / 'gone.txt'}: a broken symbolic link"]


def _deny(monkeypatch, denied: pathlib.Path) -> None:
    """Make one path unreadable. The tests run as root, whom chmod 000 does not stop, so
    the calls that open files and list folders are made to fail for that path as the
    system would (PermissionError, EACCES)."""
    import builtins
    import errno

    def refuse(path) -> bool:
        return os.fspath(path) == str(denied)

    def wrap(real):
        def call(path, *args, **kwargs):
            if refuse(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "open", wrap(os.open))
    monkeypatch.setattr(os, "scandir", wrap(os.scandir))
    monkeypatch.setattr(os, "listdir", wrap(os.listdir))
    monkeypatch.setattr(builtins, "open", wrap(builtins.open))
    real_path_open = pathlib.Path.open
    monkeypatch.setattr(pathlib.Path, "open", lambda self, *a, **k: wrap(real_path_open)(self, *a, **k))


def test_unreadable_file_is_reported_and_the_rest_imported(store, tmp_path, monkeypatch):
    """Permission denied is simulated (see _deny): the tests run as root."""
    _article(tmp_path / "corpus" / "a.txt", "The first article.")
    _article(tmp_path / "corpus" / "b.jsonl", '{"text": "The second article."}\n')
    _article(tmp_path / "corpus" / "c.txt", "The third article.")
    _deny(monkeypatch, tmp_path / "corpus" / "b.jsonl")
    report = ops.import_paths(store, [tmp_path / "corpus"])
    assert report.imported == 2
    assert [str(b) for b in report.refused] == [f"{tmp_path / 'corpus' / 'b.jsonl'}: cannot read: permission denied"]


def test_unreadable_folder_is_reported_and_the_rest_imported(store, tmp_path, monkeypatch):
    """Permission denied is simulated (see _deny): the tests run as root."""
    _article(tmp_path / "corpus" / "a.txt", "The first article.")
    _article(tmp_path / "corpus" / "locked" / "b.txt", "The second article.")
    _article(tmp_path / "corpus" / "z" / "c.txt", "The third article.")
    _deny(monkeypatch, tmp_path / "corpus" / "locked")
    report = ops.import_paths(store, [tmp_path / "corpus"])
    assert report.imported == 2
    assert [str(b) for b in report.refused] == [
        f"{tmp_path / 'corpus' / 'locked'}: cannot list the folder: permission denied"]


def test_cli_unreadable_file_prints_summary_and_exits_1(tmp_path, db_path, monkeypatch):
    """Permission denied is simulated (see _deny): the tests run as root."""
    _article(tmp_path / "corpus" / "a.txt", "The first article.")
    _article(tmp_path / "corpus" / "b.txt", "The second article.")
    _deny(monkeypatch, tmp_path / "corpus" / "b.txt")
    result = _cli("import", tmp_path / "corpus", "--db", db_path)
    assert result.exit_code == 1 and not isinstance(result.exception, Exception)
    assert f"{tmp_path / 'corpus' / 'b.txt'}: cannot read: permission denied" in result.stderr
    assert "imported 1 documents" in result.stdout and "1 refused" in result.stdout


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_file_and_folder_are_reported(store, tmp_path):
    _article(tmp_path / "corpus" / "a.txt", "The first article.")
    _article(tmp_path / "corpus" / "b.txt", "The second article.")
    _article(tmp_path / "corpus" / "locked" / "c.txt", "The third article.")
    (tmp_path / "corpus" / "b.txt").chmod(0)
    (tmp_path / "corpus" / "locked").chmod(0)
    try:
        report = ops.import_paths(store, [tmp_path / "corpus"])
    finally:
        (tmp_path / "corpus" / "b.txt").chmod(0o644)
        (tmp_path / "corpus" / "locked").chmod(0o755)
    assert report.imported == 1
    assert sorted(b.reason for b in report.refused) == ["cannot list the folder: permission denied",
                                                        "cannot read: permission denied"]


def _byte_named(folder: pathlib.Path, name: bytes, content: bytes) -> pathlib.Path:
    """A file whose name is not UTF-8; skipped where the file system refuses such names."""
    path = os.path.join(os.fsencode(folder), name)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    except (OSError, UnicodeError):
        pytest.skip("this file system only takes UTF-8 names")
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    return pathlib.Path(os.fsdecode(path))


@pytest.mark.skipif(sys.platform != "linux", reason="names are bytes on Linux")
def test_non_utf8_file_name_is_imported_and_stored_safely(store, tmp_path):
    _byte_named(tmp_path, b"caf\xe9.txt", "Caf\u00e9 owners met in Almaty.".encode())
    report = ops.import_paths(store, [tmp_path])
    assert report.ok and report.imported == 1
    source, ext_id, meta = store.conn.execute("SELECT source, ext_id, meta FROM documents").fetchone()
    assert source == str(tmp_path / "caf\ufffd.txt")
    assert ext_id == "caf\ufffd" and "caf\ufffd.txt" in meta


@pytest.mark.skipif(sys.platform != "linux", reason="names are bytes on Linux")
def test_non_utf8_file_name_printed_safely_by_the_cli(tmp_path, db_path):
    _byte_named(tmp_path, b"bad\xe9.jsonl", b'{"text": "fine"}\n{"nope": 1}\n')
    _byte_named(tmp_path, b"good\xff.txt", b"A good article.")
    result = _cli("import", tmp_path, "--db", db_path)
    assert result.exit_code == 1 and not isinstance(result.exception, Exception), result.output
    assert f"{tmp_path / 'bad'}\ufffd.jsonl:2: " in result.stderr
    assert "imported 1 documents" in result.stdout


def _brat_doc(folder: pathlib.Path, name: str, text: str, ann: str = "") -> None:
    _article(folder / f"{name}.txt", text)
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")


def test_brat_folder_reads_sub_folders_and_names_what_it_leaves(store, tmp_path):
    corpus = tmp_path / "corpus"
    _brat_doc(corpus, "one", "Tokayev spoke in Astana.", "T1\tPERSON 0 7\tTokayev\n")
    _brat_doc(corpus / "more", "two", "Protesters met in Almaty.")
    _article(corpus / "extra.jsonl", '{"text": "A task beside the brat files."}\n')
    report = ops.import_paths(store, [tmp_path])
    assert report.ok and report.imported == 2 and report.spans == 1
    assert [b.file for b in report.skipped] == [str(corpus / "extra.jsonl")]
    assert "inside a brat folder" in report.skipped[0].reason


def test_unreadable_sub_folder_of_a_brat_folder_is_reported(store, tmp_path, monkeypatch):
    """Permission denied is simulated (see _deny): the tests run as root."""
    corpus = tmp_path / "corpus"
    _brat_doc(corpus, "one", "Tokayev spoke in Astana.")
    _brat_doc(corpus / "locked", "two", "Protesters met in Almaty.")
    _deny(monkeypatch, corpus / "locked")
    report = ops.import_paths(store, [corpus])
    assert [str(b) for b in report.refused] == [f"{corpus / 'locked'}: cannot list the folder: permission denied"]


@posix_only
def test_named_broken_link_says_so(store, tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    report = ops.import_paths(store, [link])
    assert [str(b) for b in report.refused] == [f"{link}: no such file or folder (a broken symbolic link)"]
