"""Cold start of this tree against another checkout of Spandesk, in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_compare.py OTHER_TREE [--runs 9]

A refactoring must not slow the window's start; figures taken on different days on this
shared machine differ by more than the change. This alternates four kinds of fresh
process, one after another: this tree's `python -m desktop gui --db FILE`, the other
tree's (its own venv and code: the real command line of either, whatever it imports), and
a bare PySide6 window timed two ways (bench/gui.py's `bare` and `bare_plain`); each is
timed from its spawn to the line it prints when its first article is painted (bench/gui.py's
`time_to_line`). Prints, in CPU time (Linux) and in wall time, the medians,
`*_ratio_vs_other` (this / other) and each tree against each bare window
(`cpu_this_vs_bare_plain`...) with the quartiles of the per-round ratios, JSON on the last
line. Both trees' bytecode is compiled first (see bench/gui.py: an installed Spandesk has
it), and each tree's window is started once, untimed, as a returning user's was. The other
tree needs a `.venv` whose python runs it: its own, or a link to this one's (PYTHONPATH
picks the code).
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
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def _tree(root: Path) -> dict:
    return {"root": root, "python": str(root / ".venv" / "bin" / "python")}


def _run(tree: dict, code: str, *args: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree["root"])}
    done = subprocess.run([tree["python"], "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          env=env, cwd=tree["root"], timeout=300)
    if not any(line.startswith("{") for line in done.stdout.splitlines()):
        raise RuntimeError(f"{tree['root']}: child failed:\n{done.stderr[-2000:]}")


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
    parser.add_argument("other", type=Path, help="another Spandesk checkout with a .venv")
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    gui = runpy.run_path(str(ROOT / "bench" / "gui.py"), run_name="bench_gui")
    time_to_line, spread = gui["time_to_line"], gui["spread"]
    here, other = _tree(ROOT), _tree(options.other.resolve())
    for tree in (here, other):
        compileall.compile_dir(str(tree["root"] / "desktop"), quiet=1)
    kinds = ("this", "other", "bare", "bare_plain")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float | None]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        places = {}
        for name, tree in (("this", here), ("other", other)):
            folder = Path(tmp) / name
            (folder / "home").mkdir(parents=True)
            places[name] = (*_project(tree, folder), folder / "home")
            gui["warm_up"](tree["python"], places[name][0], places[name][2], tree["root"])  # a last session
        for _ in range(options.runs):
            for name, tree in (("this", here), ("other", other)):
                db, _text, home = places[name]
                wall, _line, used = time_to_line([tree["python"], "-m", "desktop", "gui", "--db", str(db)], home,
                                                 tree["root"])
                times[name].append(wall)
                cpu[name].append(used)
            for kind in ("bare", "bare_plain"):
                wall, _line, used = time_to_line([here["python"], "-c", textwrap.dedent(gui[f"{kind.upper()}_CHILD"]),
                                                  str(places["this"][1])], places["this"][2])
                times[kind].append(wall)
                cpu[kind].append(used)
    figures: dict = {}
    # CPU time (Linux) is what other jobs on a shared machine stretch least; then wall time.
    for unit, table in (("cpu", cpu), ("wall", times)):
        if None in sum(table.values(), []):
            continue
        medians = {k: statistics.median(table[k]) for k in kinds}
        figures[f"{unit}_ms"] = {k: round(v * 1e3, 1) for k, v in medians.items()}
        figures[f"{unit}_ratio_vs_other"] = round(medians["this"] / medians["other"], 3)
        for side in ("this", "other"):
            for bare in ("bare", "bare_plain"):
                # bare_plain: the bare window timed from its own paintEvent (bench/gui.py)
                figures[f"{unit}_{side}_vs_{bare}"] = round(medians[side] / medians[bare], 2)
                figures[f"{unit}_{side}_vs_{bare}_spread"] = spread([a / b for a, b in zip(table[side], table[bare])])
    return {**figures, "runs": options.runs}


if __name__ == "__main__":
    print(json.dumps(main()))
