"""The real `spandesk` command over a corpus of hostile files: never a traceback, never a hang.

Each case runs the CLI as a subprocess (HOME and the XDG folders in a temporary folder, a
time limit, a memory limit) and fails on the word "Traceback", on an exit status other than
0, 1 or 2, on the generic "internal error" line (every case deserves its own message), and
on a status 1 with nothing said.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import hostile_case_args as _args, hostile_spandesk as spandesk


pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="FIFOs, /dev/zero and modes are POSIX")]


def _nested_json(depth: int) -> str:
    return '{"text": "Deep.", "meta": {"x": ' + "[" * depth + "]" * depth + "}}\n"


def build(corpus: Path) -> None:
    """Every hostile input, once, in `corpus`."""
    w = corpus.joinpath
    w("bad.jsonl").write_text('{"text": "fine"}\n{"text": \n[1, 2\n"just a string"\n', encoding="utf-8")
    w("deep.jsonl").write_text(_nested_json(100_000), encoding="utf-8")
    w("deep-text.jsonl").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    w("surrogate-title.jsonl").write_text('{"text": "A text.", "title": "\\ud800 title"}\n', encoding="utf-8")
    w("surrogate-meta.jsonl").write_text('{"text": "A text.", "meta": {"\\udfff": "\\ud83d"}}\n', encoding="utf-8")
    w("surrogate-id.jsonl").write_text('{"text": "A text.", "id": "id-\\udc80"}\n', encoding="utf-8")
    w("surrogate-label.jsonl").write_text(
        '{"text": "Tokayev spoke.", "spans": [{"start": 0, "end": 7, "label": "P\\ud800"}]}\n', encoding="utf-8")
    w("utf16.txt").write_bytes("Title line\nTokayev met Putin in Almaty.\n".encode("utf-16-le"))
    w("empty.txt").write_bytes(b"")
    w("empty.jsonl").write_bytes(b"")
    w("junk.txt").write_bytes(bytes(range(256)) * 64)
    w("junk.jsonl").write_bytes(b"\x00\xff\xfe garbage \x80\x81" * 1000)
    os.mkfifo(w("fifo.txt"))
    os.mkfifo(w("fifo.toml"))
    os.mkfifo(w("out-fifo.jsonl"))
    os.mkfifo(w("out-fifo.svg"))
    w("dir.jsonl").mkdir()
    w("loops").mkdir()
    w("loops", "a.txt").write_text("An article in a folder with loops.", encoding="utf-8")
    os.symlink(".", w("loops", "again"))
    os.symlink("..", w("loops", "up"))
    os.symlink("self.txt", w("loops", "self.txt"))  # a link to itself
    os.makedirs(os.fsencode(corpus / "names"))
    with open(os.fsencode(corpus / "names") + b"/caf\xe9.txt", "wb") as f:  # Latin-1, not UTF-8
        f.write(b"A file whose name is not UTF-8.")
    w("locked.txt").write_text("You may not read me.", encoding="utf-8")
    w("locked.txt").chmod(0)
    w("locked-dir").mkdir()
    w("locked-dir", "inside.txt").write_text("Unreachable.", encoding="utf-8")
    w("locked-dir").chmod(0)
    w("damaged.db").write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 4096)
    for version in (1, 2):
        foreign = sqlite3.connect(w(f"foreign{version}.db"))
        foreign.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, secret TEXT)")
        foreign.execute(f"PRAGMA user_version = {version}")
        foreign.commit()
        foreign.close()
    w("deep.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    w("deep-table.toml").write_text("x = " + "{a = " * 50_000 + "1" + "}" * 50_000 + "\n", encoding="utf-8")
    w("binary.toml").write_bytes(bytes(range(256)))
    w("good.txt").write_text("Tokayev met Putin in Almaty.", encoding="utf-8")


# (case id, arguments with "{c}" for the corpus folder, and why a case is expected to fail:
# None for all of them now; a reason marks it xfail(strict)). Without --db a case uses a
# fresh project of its own.
CASES = [
    ("import-bad-json", "import {c}/bad.jsonl", None),
    ("import-bad-json-skip", "import --skip-bad-lines {c}/bad.jsonl", None),
    ("import-deep-json", "import {c}/deep.jsonl", None),  # JSON nested 100,000 deep (item 5)
    ("import-deep-json-skip", "import --skip-bad-lines {c}/deep.jsonl {c}/deep-text.jsonl", None),  # JSON nested 100,000 deep with --skip-bad-lines (item 5)
    ("import-surrogate-title", "import {c}/surrogate-title.jsonl", None),  # lone surrogates become U+FFFD (item 5)
    ("import-surrogate-meta", "import {c}/surrogate-meta.jsonl", None),  # lone surrogates become U+FFFD (item 5)
    ("import-surrogate-id", "import {c}/surrogate-id.jsonl", None),  # lone surrogates become U+FFFD (item 5)
    ("import-surrogate-label", "import {c}/surrogate-label.jsonl", None),  # lone surrogates become U+FFFD (item 5)
    ("import-utf16-no-bom", "import {c}/utf16.txt", None),
    ("import-empty", "import {c}/empty.txt {c}/empty.jsonl", None),
    ("import-junk", "import {c}/junk.txt {c}/junk.jsonl", None),
    ("import-fifo", "import {c}/fifo.txt", None),
    ("import-dev-zero", "import /dev/zero", None),
    ("import-dir-named-jsonl", "import {c}/dir.jsonl", None),
    ("import-symlink-loop", "import {c}/loops", None),  # each real folder once (item 6)
    ("import-non-utf8-name", "import {c}/names", None),  # file names that are not UTF-8 (item 5)
    ("import-unreadable", "import {c}/locked.txt {c}/locked-dir {c}/good.txt", None),
    ("import-into-damaged-db", "import {c}/good.txt --db {c}/damaged.db", None),
    ("import-into-foreign-db-1", "import {c}/good.txt --db {c}/foreign1.db", None),
    ("import-into-foreign-db-2", "import {c}/good.txt --db {c}/foreign2.db", None),  # a foreign SQLite file is recognised (item 2),
    ("schema-check-deep", "schema check {c}/deep.toml", None),  # deeply nested TOML (item 5)
    ("schema-check-deep-table", "schema check {c}/deep-table.toml", None),  # deeply nested TOML (item 5)
    ("schema-check-binary", "schema check {c}/binary.toml", None),
    ("schema-check-fifo", "schema check {c}/fifo.toml", None),  # only regular files are read (item 5)
    ("schema-check-dev-zero", "schema check /dev/zero", None),  # only regular files are read, with a size limit (item 5)
    ("schema-set-deep", "schema set {c}/deep.toml", None),  # deeply nested TOML (item 5)
    ("schema-set-dev-zero", "schema set /dev/zero", None),  # only regular files are read, with a size limit (item 5)
    ("schema-set-fifo", "schema set {c}/fifo.toml", None),  # only regular files are read (item 5)
    ("schema-set-missing", "schema set {c}/no-such.toml", None),
    ("validate-damaged", "validate --db {c}/damaged.db", None),
    ("validate-foreign-2", "validate --db {c}/foreign2.db", None),  # a foreign SQLite file is recognised (item 2),
    ("stats-damaged", "stats --db {c}/damaged.db", None),
    ("stats-foreign-1", "stats --json --db {c}/foreign1.db", None),
    ("stats-foreign-2", "stats --db {c}/foreign2.db", None),  # a foreign SQLite file is recognised (item 2),
    ("export-damaged", "export --format jsonl --out {c}/out.jsonl --db {c}/damaged.db", None),
    ("export-missing-folder", "export --format jsonl --all --out {c}/no/such/out.jsonl", None),
    # Never a device as an output here: as root, a rename onto /dev/full replaces the device.
    ("export-onto-fifo", "export --format jsonl --all --out {c}/out-fifo.jsonl", None),
    ("render-onto-fifo", "render --doc 1 --out {c}/out-fifo.svg", None),
    ("render-damaged", "render --doc 1 --out {c}/out.svg --db {c}/damaged.db", None),
    ("render-missing-folder", "render --doc 1 --out {c}/no/such/out.png", None),
    ("render-no-document", "render --doc \x1b[2J --out {c}/out.html", None),
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, subprocess.CompletedProcess | str]:
    """Every case run once, a few at a time: a case that hangs costs its time limit once."""
    corpus = tmp_path_factory.mktemp("hostile")
    build(corpus)
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            running = {name: pool.submit(spandesk, _args(args, corpus), tmp_path_factory.mktemp(name))
                       for name, args, _ in CASES}
            yield {name: future.result() for name, future in running.items()}
    finally:
        for locked in ("locked.txt", "locked-dir"):  # so pytest can remove the folder
            (corpus / locked).chmod(0o700)


@pytest.mark.parametrize("name", [
    pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=True, reason=why)] if why else [])
    for name, _, why in CASES
])
def test_no_traceback(outcomes, name):
    done = outcomes[name]
    assert not isinstance(done, str), done
    out = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out, out
    assert done.returncode in (0, 1, 2), (done.returncode, out)
    assert "internal error" not in out, out
    if done.returncode:
        assert done.stderr.strip(), "failed without saying why"
