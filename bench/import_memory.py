"""Importing a large JSONL file streams: peak memory against a file ten times smaller.

Each size is imported by `spandesk import` in a fresh process; the peak resident set
size of that process (ru_maxrss) is compared. The last line is one JSON object with
`memory_ratio` (large / small peak RSS; flat memory means near 1).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = int(os.environ.get("BENCH_LINES", "20000"))
WORDS = "protesters gathered in Almaty as police and troops watched the square on Tuesday".split()


def write(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for n in range(lines):
            words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(60))
            text = f"Report {n}. {words}."
            start = text.index("Almaty")
            span = {"start": start, "end": start + 6, "label": "GPE"}
            f.write(json.dumps({"id": f"r{n}", "text": text, "spans": [span]}) + "\n")


def peak_import(path: Path, db: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one `spandesk import` process."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "desktop", "import", str(path), "--db", str(db)], check=True,
                   capture_output=True, cwd=ROOT)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: run the small file first.
    return max(peak, before) / 1024, time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = folder / "small.jsonl", folder / "large.jsonl"
        write(small, SMALL)
        write(large, SMALL * 10)
        small_mb, small_s = peak_import(small, folder / "small.db")
        large_mb, large_s = peak_import(large, folder / "large.db")
        result = {
            "small_lines": SMALL, "large_lines": SMALL * 10,
            "small_file_mb": round(small.stat().st_size / 2**20, 1),
            "large_file_mb": round(large.stat().st_size / 2**20, 1),
            "small_peak_rss_mb": round(small_mb, 1), "large_peak_rss_mb": round(large_mb, 1),
            "memory_ratio": round(large_mb / small_mb, 2),
            "small_seconds": round(small_s, 1), "large_seconds": round(large_s, 1),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
