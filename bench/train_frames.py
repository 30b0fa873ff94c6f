"""Is the window still smooth while Model → Train runs (issue 13)? Frame times of the article
view while a training job runs, against the same with no job; the last line printed is one
JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/train_frames.py [--quick] [--keep DIR]

The project: comments of the DRUG corpus (tests/data/learning/, MIT; see its README), their
DRUG spans given the news label set's PRODUCT (so a key marks them), all marked done. The
window opens on one, and Model → Train's dialog starts the job (ui/runner.Job, a QThread in
this process, as in the app). Each frame is one Tab press in the article (the focus moves,
the view repaints) handled to the end of its paint; frames are 20 ms apart, as a hand on
the keyboard at a fast pace. `frame_p95_ms` is the 95th percentile while training (goal
< 16 ms); `idle_p95_ms` the same with no job.

`--keep DIR` copies the trained model to DIR/model and writes DIR/gold-heldout.jsonl, the
held-out comments (never trained on) as Spandesk JSONL, for
`bench/effort.py DIR/gold-heldout.jsonl --quick --model DIR/model` (keys per document from
the trained model's suggestions against the base model's: `effort_ratio`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import ops  # noqa: E402

DATA = ROOT / "tests" / "data" / "learning"
LABEL = "PRODUCT"  # the corpus's DRUG, under a label of the shipped set that has a key


def comments(name: str, limit: int) -> list[dict]:
    """The corpus's first `limit` comments, DRUG spans relabelled `LABEL`."""
    with open(DATA / name, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f][:limit]
    return [{**r, "spans": [{**s, "label": LABEL} for s in r.get("spans", [])]} for r in rows]


def write_jsonl(path: Path, rows: list[dict], prefix: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for n, row in enumerate(rows):
            f.write(json.dumps({**row, "id": f"{prefix}-{n}", "answer": "accept", "status": "done"}) + "\n")


def p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 2) if len(values) >= 2 else round(max(values, default=0), 2)


def frames(app, view, until, most: int) -> list[float]:
    """Tab presses in the view, 20 ms apart, until `until()` or `most` of them: ms each."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    out: list[float] = []
    while len(out) < most and not until():
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Tab)
        view.viewport().repaint()  # the paint the press asked for, now (offscreen has no vsync)
        app.processEvents()
        out.append((time.perf_counter() - t0) * 1000)
        time.sleep(max(0.0, 0.020 - (time.perf_counter() - t0)))
        app.processEvents()  # the job's progress signals, as the event loop would deliver them
    return out


def measure(quick: bool, keep: Path | None) -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import make_app, start
    from desktop.ui.dialogs.train import TrainDialog
    from desktop.ui.runner import Job
    from desktop.ui.settings import Settings

    n_train, n_held, seconds = (80, 30, 25) if quick else (240, 80, 110)
    folder = Path(tempfile.mkdtemp(prefix="spandesk-train-frames-"))
    write_jsonl(folder / "train.jsonl", comments("drugs-train.jsonl", n_train), "train")
    store = ops.open_project(folder / "p.db")
    report = ops.import_paths(store, [folder / "train.jsonl"])
    assert report.imported == n_train, report

    app = make_app([sys.argv[0]])
    win = start(store, Settings(folder / "settings.ini"), "bench", background=False)
    win.resize(1480, 880)
    win.show()
    longest = max(store.documents.ids(), key=lambda i: len(store.documents.text(i)))
    win.desk.open_doc(longest)
    win.view.setFocus()
    app.processEvents()
    idle = frames(app, win.view, lambda: False, 150)

    dialog = TrainDialog(win.desk.path, Job, None, win)
    dialog.boxes["triggers"].setChecked(False)  # the corpus has no events nor document labels
    dialog.boxes["doc_labels"].setChecked(False)
    dialog.seconds.setValue(seconds)
    dialog.show()
    started = time.monotonic()
    dialog.train()
    win.view.setFocus()
    busy = frames(app, win.view, lambda: not dialog.running, 100_000)
    took = time.monotonic() - started
    while dialog.running:  # (only when `most` ran out first)
        app.processEvents()
        time.sleep(0.05)
    trained = dialog.report
    figures = {
        "frames": len(busy), "frame_p95_ms": p95(busy), "frame_p50_ms": round(statistics.median(busy), 2),
        "frame_max_ms": round(max(busy), 1), "idle_p95_ms": p95(idle),
        "goal_ms": 16, "meets_goal": p95(busy) < 16,
        "train_seconds": round(took, 1), "documents": n_train,
        "steps": trained.steps if trained else 0, "trained": trained is not None, "quick": quick,
        "cpus": os.cpu_count(),
    }
    if trained is not None:
        figures["f1_base"] = trained.scores["entities"]["base"].get(LABEL, {}).get("f", 0.0)
        figures["f1_trained"] = trained.scores["entities"]["trained"].get(LABEL, {}).get("f", 0.0)
    if keep is not None and trained is not None:
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copytree(trained.path, keep / "model", dirs_exist_ok=True)
        held = comments("drugs-eval.jsonl", n_held)
        with open(keep / "gold-heldout.jsonl", "w", encoding="utf-8") as f:
            for n, row in enumerate(held):
                spans = [{**s, "text": row["text"][s["start"]:s["end"]]} for s in row["spans"]]
                f.write(json.dumps({"text": row["text"], "spans": spans, "id": f"held-{n}",
                                    "answer": "accept", "status": "done"}) + "\n")
        figures["kept"] = str(keep)
    dialog.close()
    win.close()
    store.close()
    QApplication.processEvents()
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="80 comments, at most 25 s of training")
    parser.add_argument("--keep", type=Path, help="copy the trained model and the held-out gold here")
    args = parser.parse_args()
    figures = measure(args.quick, args.keep)
    print(json.dumps(figures))
    return 0 if figures["trained"] else 1


if __name__ == "__main__":
    sys.exit(main())
