"""The real `spandesk` entry point over hostile input to the commands and options issues
10-13 added (assign, merge, agreement, train, models, schema from-conf, the new import and
export formats, preannotate --model/--threshold, render with relations): never a traceback,
never the generic internal error, a status of 0, 1 or 2 and, on 1, a reason. Each case
runs in its own process as test_hostile_cli_no_traceback's do."""

from __future__ import annotations

import os
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.helpers import annotate_file, dump, hostile_case_args as _args, hostile_spandesk as spandesk, team_project

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")]

DEEP = "[" * 100_000 + "]" * 100_000


def build(c: Path) -> None:
    """A merged team project (and its annotator files), damaged copies of it, hostile files."""
    master = team_project(c, 3)
    from desktop import ops

    with ops.open_project(master) as store:
        ops.assign(store, ["ana", "ben"], c / "team", overlap=1.0)
    annotate_file(c / "team" / "ana.db", "ana", {"Paris": "GPE"})
    annotate_file(c / "team" / "ben.db", "ben", {"Paris": "LOC"})
    with ops.open_project(master) as store:
        ops.merge_files(store, [c / "team" / "ana.db", c / "team" / "ben.db"])
    data = master.read_bytes()
    (c / "truncated.db").write_bytes(data[: len(data) // 2])
    shutil.copy(master, c / "newer.db")
    conn = sqlite3.connect(c / "newer.db")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    shutil.copy(master, c / "spans.db")
    conn = sqlite3.connect(c / "spans.db")
    conn.execute("UPDATE team_spans SET start = -5")
    conn.commit()
    conn.close()
    version = c / "master.db.models" / "v1"
    version.mkdir(parents=True)
    (version / "spandesk-model.json").write_text('{"scores": [], "documents": [1]}', encoding="utf-8")
    (c / "text.db").write_text("not a database\n", encoding="utf-8")
    os.mkfifo(c / "fifo.db")
    os.mkfifo(c / "fifo.conf")
    (c / "deep.json").write_text(DEEP, encoding="utf-8")
    (c / "big.jsonl").write_text('{"text": "Hi", "label": [[0, ' + "9" * 5000 + ', "X"]]}\n', encoding="utf-8")
    (c / "surrogate.json").write_text('[{"data": {"text": "Ana \\ud800 went."}, "annotations": [{"result": '
                                      '[{"type": "labels", "value": {"start": 0, "end": 3, "labels": ["P\\udc00"]}}]}]}]',
                                      encoding="utf-8")
    (c / "surrogate.jsonl").write_text('{"doc_key": "k\\ud800", "sentences": [["Ana\\udfff", "went"]], '
                                       '"ner": [[[0, 0, "P\\udc00"]]]}\n', encoding="utf-8")
    (c / "bad.conll").write_text("Ana\tI-PER\nwent\tB-\n", encoding="utf-8")
    (c / "not-docbin.spacy").write_bytes(b"not a DocBin\x00")
    (c / "a.txt").write_text("Ana went to Paris.", encoding="utf-8")


# (case id, arguments with "{c}" for the corpus folder). The project is {c}/master.db unless
# a case names another; cases that would change it run on a copy (see `outcomes`).
CASES = [
    ("merge-truncated", "merge {c}/truncated.db"),
    ("merge-newer", "merge {c}/newer.db"),
    ("merge-not-sqlite", "merge {c}/text.db"),
    ("merge-fifo", "merge {c}/fifo.db"),
    ("merge-itself", "merge {c}/master.db"),
    ("assign-overlap-2", "assign --annotators ana,ben --out {c}/o --overlap 2"),
    ("assign-empty-names", "assign --annotators , --out {c}/o"),
    ("assign-escape", "assign --annotators ../evil --out {c}/o"),
    ("assign-case", "assign --annotators Ana,ana --out {c}/o"),
    ("assign-device", "assign --annotators CON --out {c}/o"),
    ("assign-out-under-file", "assign --annotators x --out {c}/a.txt/o"),
    ("agreement-unknown-label", "agreement --labels GPEE"),
    ("agreement-newer", "agreement --db {c}/newer.db"),
    ("models-bad-record", "models"),
    ("models-not-sqlite", "models --db {c}/text.db"),
    ("train-max-steps-0", "train --max-steps 0"),
    ("train-eval-split-1", "train --eval-split 1"),
    ("train-components", "train --components nope"),
    ("train-nothing-done", "train --db {c}/truncated.db"),
    ("preannotate-v99", "preannotate --model v99"),
    ("preannotate-threshold", "preannotate --threshold 2"),
    ("schema-from-conf-fifo", "schema from-conf {c}/fifo.conf"),
    ("import-deep-json", "import {c}/deep.json"),
    ("import-big-int", "import --format doccano {c}/big.jsonl"),
    ("import-surrogate-labelstudio", "import {c}/surrogate.json"),
    ("import-surrogate-dygiepp", "import --format dygiepp {c}/surrogate.jsonl"),
    ("import-bad-conll", "import {c}/bad.conll"),
    ("import-not-docbin", "import {c}/not-docbin.spacy"),
    ("import-brat-file", "import --format brat {c}/a.txt"),
    ("export-damaged-annotator", "export --format labelstudio --all --annotator ana --out {c}/o.json --db {c}/spans.db"),
    ("export-unknown-annotator", "export --format conll --all --annotator nobody --out {c}/o.conll"),
    ("render-huge-number", "render --doc 99999999999999999999999 --out {c}/x.svg"),
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict:
    corpus = tmp_path_factory.mktemp("hostile-new")
    build(corpus)
    before = dump(corpus / "master.db")

    def one(name: str, template: str):
        home = tmp_path_factory.mktemp(name)
        args = _args(template, corpus)
        if "--db" not in template:  # each case on its own copy of the project
            shutil.copy(corpus / "master.db", home / "case.db")
            shutil.copytree(corpus / "master.db.models", home / "case.db.models")
        return spandesk(args, home)

    with ThreadPoolExecutor(max_workers=4) as pool:
        running = {name: pool.submit(one, name, args) for name, args in CASES}
        done = {name: future.result() for name, future in running.items()}
    assert dump(corpus / "master.db") == before  # no case wrote to the shared project
    return done


@pytest.mark.parametrize("name", [name for name, _ in CASES])
def test_no_traceback(outcomes, name):
    done = outcomes[name]
    assert not isinstance(done, str), done
    out = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out, out
    assert "internal error" not in out, out
    assert done.returncode in (0, 1, 2), (done.returncode, out)
    if done.returncode:
        assert done.stderr.strip(), "failed without saying why"
