"""Cold start of this tree against another checkout of Spandesk, in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_compare.py OTHER_TREE [--runs 9]

A refactoring must not slow the window's start; figures taken on different days on this
shared machine differ by more than the change. This alternates three kinds of fresh
process, one after another: this tree's window, the other tree's window (its own venv
and code, the child it measures with taken from its own bench/gui.py), and a bare PySide6
window; each runs until its first article is painted. Prints the medians and the ratios
`ratio_vs_other` (this / other) and `ratio_vs_bare` for both, JSON on the last line.
Both trees' bytecode is compiled first (see bench/gui.py: an installed Spandesk has it).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import runpy
import statistics
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def _tree(root: Path) -> dict:
    """A tree's python and its own gui.py children (read, not imported: the code differs)."""
    found = runpy.run_path(str(root / "bench" / "gui.py"), run_name="bench_gui_children")
    return {"root": root, "python": str(root / ".venv" / "bin" / "python"),
            "app": found["APP_CHILD"], "bare": found["BARE_CHILD"]}


def _run(tree: dict, code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree["root"])}
    t0 = time.perf_counter()
    done = subprocess.run([tree["python"], "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          env=env, cwd=tree["root"], timeout=300)
    wall = time.perf_counter() - t0
    if not any(line.startswith("{") for line in done.stdout.splitlines()):
        raise RuntimeError(f"{tree['root']}: child failed:\n{done.stderr[-2000:]}")
    return wall


def _project(tree: dict, folder: Path) -> tuple[Path, Path]:
    """A returning user's project made by that tree's own code (schemas differ between trees)."""
    db, text = folder / "project.db", folder / "seed.txt"
    code = f"""
        from desktop import ops
        with ops.open_project({str(db)!r}, seed=True) as store:
            ops.preannotate(store)
            open({str(text)!r}, "w", encoding="utf-8").write(store.documents.text(store.documents.ids()[0]))
        print("{{}}")
    """
    _run(tree, code)
    return db, text


def main() -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="another Spandesk checkout with its own .venv")
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    here, other = _tree(ROOT), _tree(options.other.resolve())
    for tree in (here, other):
        compileall.compile_dir(str(tree["root"] / "desktop"), quiet=1)
    times: dict[str, list[float]] = {"this": [], "other": [], "bare": []}
    with tempfile.TemporaryDirectory() as tmp:
        places = {}
        for name, tree in (("this", here), ("other", other)):
            folder = Path(tmp) / name
            folder.mkdir()
            places[name] = (*_project(tree, folder), folder / "settings.ini")
        for _ in range(options.runs):
            for name, tree in (("this", here), ("other", other)):
                db, _text, settings = places[name]
                times[name].append(_run(tree, tree["app"], str(db), str(settings)))
            times["bare"].append(_run(here, here["bare"], str(places["this"][1])))
    this, that, bare = (statistics.median(times[k]) for k in ("this", "other", "bare"))
    return {"this_ms": round(this * 1e3), "other_ms": round(that * 1e3), "bare_ms": round(bare * 1e3),
            "ratio_vs_other": round(this / that, 3), "this_vs_bare": round(this / bare, 2),
            "other_vs_bare": round(that / bare, 2), "runs": options.runs}


if __name__ == "__main__":
    print(json.dumps(main()))
