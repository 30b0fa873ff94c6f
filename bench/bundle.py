"""Start time of the installer's bundle against the venv's `spandesk`, in the same run.

    python bench/bundle.py [dist/spandesk/spandesk]      (make bench-bundle builds it first)

Each sample is one new process, as a user starts it: `spandesk --version` (the executable and
the command line, no database), `spandesk stats` (opens the project database: the store,
SQLite and the operations layer), `spandesk render` (loads Qt and draws an article offscreen)
and, once the GUI knows SPANDESK_SMOKE_QUIT=1 (quit when the first article is shown),
`spandesk gui` to its first article. Both sides get the same temporary HOME and the same database;
the runs alternate bundle and venv so that drift in the machine's load hits both alike, and the
first run of each is a warm-up that is not counted (the figures are warm file cache: the usual
case after the first start of a session). The last line printed is one JSON object: medians in
seconds, the bundle's time over the venv's, and the bundle's size.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
GOAL = 1.3


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def gui_quits(exe: Path, db: Path, env: dict[str, str]) -> bool:
    """Whether `spandesk gui` quits by itself after the first article (SPANDESK_SMOKE_QUIT)."""
    try:
        subprocess.run([str(exe), "--db", str(db), "gui"], env={**env, "SPANDESK_SMOKE_QUIT": "1"}, timeout=20,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return False
    return True


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main() -> None:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "spandesk" / "spandesk").resolve()
    venv = Path(sys.executable).with_name("spandesk")
    for exe in (bundle, venv):
        if not exe.is_file():
            sys.exit(f"{exe}: not found (make dist builds the bundle; make install the venv)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "HOME": tmp, "XDG_DATA_HOME": f"{tmp}/data", "XDG_CONFIG_HOME": f"{tmp}/config",
               "QT_QPA_PLATFORM": "offscreen"}
        env.pop("SPANDESK_DB", None)
        db = Path(tmp) / "bench.db"
        subprocess.run([str(venv), "--db", str(db), "import", str(ROOT / "seeds")], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        Path(env["XDG_CONFIG_HOME"], "spandesk").mkdir(parents=True)
        Path(env["XDG_CONFIG_HOME"], "spandesk", "spandesk.ini").write_text("[General]\nannotator=bench\n")
        commands = {"version": ["--version"], "stats": ["--db", str(db), "stats"],
                    "render": ["--db", str(db), "render", "--doc", "1", "--out", f"{tmp}/doc.png"]}
        if gui_quits(venv, db, env):
            commands["gui"] = ["--db", str(db), "gui"]
            env["SPANDESK_SMOKE_QUIT"] = "1"
        else:
            print("gui: not measured (spandesk gui does not quit by itself with SPANDESK_SMOKE_QUIT=1 yet)")
        sides = {"bundle": bundle, "venv": venv}
        samples: dict[str, dict[str, list[float]]] = {c: {s: [] for s in sides} for c in commands}
        for run in range(RUNS + 1):
            order = list(sides.items()) if run % 2 else list(reversed(sides.items()))
            for command, args in commands.items():
                for side, exe in order:
                    seconds = timed([str(exe), *args], env)
                    if run:  # run 0 warms the file cache for both
                        samples[command][side].append(seconds)
    medians = {c: {s: statistics.median(v) for s, v in by_side.items()} for c, by_side in samples.items()}
    ratios = {c: m["bundle"] / m["venv"] for c, m in medians.items()}
    print(f"{'command':<12}{'bundle':>10}{'venv':>10}{'ratio':>8}   (median of {RUNS} runs, seconds)")
    for command, m in medians.items():
        print(f"{command:<12}{m['bundle']:>10.3f}{m['venv']:>10.3f}{ratios[command]:>8.2f}")
    size = folder_mb(bundle.parent)
    print(f"bundle: {bundle.parent} {size:.0f} MiB unpacked; goal: ratio <= {GOAL}")
    print(json.dumps({
        "bench": "bundle_start",
        "runs": RUNS,
        "median_s": {c: {s: round(v, 4) for s, v in m.items()} for c, m in medians.items()},
        "ratio": {c: round(r, 3) for c, r in ratios.items()},
        "goal_ratio": GOAL,
        "within_goal": all(r <= GOAL for r in ratios.values()),
        "bundle_mib": round(size, 1),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, {platform.python_implementation()} "
                   f"{platform.python_version()}",
    }))


if __name__ == "__main__":
    main()
