"""Teams at scale (issue 11): merge throughput against importing the same annotations, and
the agreement report's time over the merged project.

Three annotator files of 2,000 documents each (--quick: 200), 20 % of each file the
overlap set everyone gets. The master is made with `assign`; each annotator marks every
document done with its entities (the same spans as the others, about one in ten changed:
dropped, relabelled or moved), relations between neighbouring entities (about one in ten
labelled differently) and an event on "PER-SOC:Business" or "talks" with an argument. Then, in the same run:

- merge: `merge_files` of the three files into the master;
- import: the same three annotators' work exported as JSONL (`export --annotator`'s
  records' format) and imported into a fresh project (ratio `merge_vs_import`, goal <= 1.5);
- agreement: `measure_agreement` over the merged master (`agreement_s_per_1000_docs`).

    .venv/bin/python bench/teams.py [--quick]

The last line printed is one JSON object; `measure()` returns it as a dict.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import ops  # noqa: E402
from desktop.core.model import Document, Layer, Source, Span, State, Status, Token  # noqa: E402
from desktop.core.text import content_hash  # noqa: E402

LABELS = ["PERSON", "ORG", "GPE", "DATE", "NORP"]
WORDS = ("the government said troops would leave the city after talks with officials on Monday while "
         "protesters gathered near the square and ministers met foreign envoys to discuss prices").split()
NAMES = ["Tokayev", "Almaty", "Moscow", "Putin", "Nur-Sultan", "Kazakhstan", "CSTO", "January", "Russian"]
_WORD = re.compile(r"\S+")


def _text(rng: random.Random, n: int) -> str:
    words = [rng.choice(NAMES) if rng.random() < 0.12 else rng.choice(WORDS) for _ in range(60)]
    return f"Report {n}. " + " ".join(words) + "."


def _master(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with ops.open_project(path) as store:
        with store.action("bench documents", undoable=False):
            for n in range(count):
                text = _text(rng, n)
                doc_id, _ = store.documents.add(Document(text=text, title=f"Report {n}",
                                                         content_hash=content_hash(text)))
                bounds = [m.span() for m in _WORD.finditer(text)]
                store.tokens.put(doc_id, [Token(s, e, text[e:e + 1] == " ") for s, e in bounds], "whitespace")


def _annotate(path: Path, name: str, seed: int, differ: float = 0.1) -> int:
    """Every document done with its name-like words as entities; about `differ` of them changed."""
    rng, spans = random.Random(seed), 0
    with ops.open_project(path) as store:
        with store.action(f"bench {name}", annotator=name, undoable=False):
            for doc_id in store.documents.ids():
                text = store.documents.text(doc_id)
                base = random.Random(doc_id)  # the same reading for everyone, then each annotator's changes
                found = []
                for m in _WORD.finditer(text):
                    if m.group().rstrip(".") in NAMES:
                        start, end = m.start(), m.start() + len(m.group().rstrip("."))
                        label = LABELS[base.randrange(len(LABELS))]
                        if rng.random() < differ:
                            roll = rng.random()
                            if roll < 0.4:
                                continue
                            if roll < 0.8:
                                label = rng.choice(LABELS)
                            elif end - start > 2:
                                end -= 1
                        found.append(Span(start, end, label, text[start:end], source=Source.ANNOTATOR,
                                          state=State.ACCEPTED, annotator=name))
                spans += store.spans.add_many(doc_id, found, text)
                _relate_and_event(store, doc_id, text, name, rng)
                store.documents.set_status(doc_id, Status.DONE)
    return spans


def _relate_and_event(store, doc_id: int, text: str, name: str, rng: random.Random) -> None:
    """Relations between the first neighbouring entities, and one event with an argument."""
    entities = [s for s in store.spans.for_doc(doc_id, layer=Layer.ENTITY)]
    for head, child in list(zip(entities, entities[1:]))[:3]:
        label = "related" if rng.random() < 0.1 else "near"
        store.kinds.add_relation(doc_id, head.id, child.id, label, annotator=name, logged=False)
    trigger = re.search(r"\b(met|talks)\b", text)
    if trigger and entities:
        span = Span(trigger.start(), trigger.end(), "Meet", trigger.group(), Layer.TRIGGER, Source.ANNOTATOR,
                    State.ACCEPTED, name)
        trigger_id = store.spans.add(doc_id, span, text, logged=False)
        event_id = store.events.add(doc_id, trigger_id, "Meet", name, logged=False)
        store.events.add_argument(event_id, entities[0].id, "Entity", logged=False)


def measure(per_file: int = 2000, overlap: float = 0.2, seed: int = 11) -> dict:
    names = ["ana", "ben", "chen"]
    shared = round(per_file * overlap)
    total = shared + (per_file - shared) * len(names)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        master = tmp / "master.db"
        _master(master, total, seed)
        with ops.open_project(master) as store:
            started = time.perf_counter()
            files = ops.assign(store, names, tmp / "out", overlap_docs=shared, seed=seed).files
            assign_s = time.perf_counter() - started
        spans = sum(_annotate(files[n], n, seed + i) for i, n in enumerate(names))
        # The same annotations as JSONL, one file per annotator (each file's done documents).
        jsonl = []
        for name in names:
            with ops.open_project(files[name]) as store:
                out = tmp / f"{name}.jsonl"
                ops.export(store, "jsonl", out)
                jsonl.append(out)
        with ops.open_project(master) as store:
            started = time.perf_counter()
            reports = ops.merge_files(store, files.values())
            merge_s = time.perf_counter() - started
        assert sum(r.documents for r in reports) == per_file * len(names)
        with ops.open_project(tmp / "imported.db") as store:
            started = time.perf_counter()
            imported = ops.import_paths(store, jsonl, annotator="bench")
            import_s = time.perf_counter() - started
        with ops.open_project(master) as store:
            started = time.perf_counter()
            report = ops.measure_agreement(store)
            agreement_s = time.perf_counter() - started
            switch_ms = _review_switch(store)
    return {
        "files": len(names), "documents_per_file": per_file, "overlap_documents": shared, "spans": spans,
        "assign_s": round(assign_s, 3), "merge_s": round(merge_s, 3),
        "import_s": round(import_s, 3), "imported_documents": imported.imported,
        "merge_vs_import": round(merge_s / import_s, 3),
        "agreement_documents": report["documents"], "agreement_s": round(agreement_s, 3),
        "agreement_s_per_1000_docs": round(agreement_s / max(report["documents"], 1) * 1000, 3),
        "krippendorff_alpha": report["entities"]["krippendorff_alpha"],
        "relations_f1": report["relations"]["f1"], "event_trigger_f1": report["events"]["trigger_f1"],
        "review_switch_ms_median": switch_ms[0], "review_switch_ms_p95": switch_ms[1],
    }


def _review_switch(store, rounds: int = 60) -> tuple[float, float]:
    """Median and 95th percentile of the review window's switch to another document
    (offscreen; pre-acceptance off, so the switch reads and draws and writes nothing)."""
    import os
    import statistics

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.look.colours import label_colours
    from desktop.ui.review.window import ReviewWindow

    app = QApplication.instance() or QApplication([])
    win = ReviewWindow(store, "bench", label_colours(ops.project_label_set(store)), preaccept=False)
    win.show()
    app.processEvents()
    times = []
    for n in range(rounds):
        started = time.perf_counter()
        win.show_document((n + 1) % len(win.docs))
        win.view.viewport().repaint()
        times.append(time.perf_counter() - started)
    win.close()
    ordered = sorted(times)
    return (round(statistics.median(ordered) * 1e3, 2),
            round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1e3, 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 files of 200 documents instead of 2,000")
    args = parser.parse_args()
    print(json.dumps(measure(200 if args.quick else 2000)))


if __name__ == "__main__":
    main()
