"""One very large document: peak memory of `spandesk import` against the file's size (issue 8).

Imports, each in a fresh process, a one-line file (`tiny.txt`, the baseline: interpreter,
spaCy's tokenizer, SQLite), then a single `--mb`-megabyte article as a `.txt` file and as
one JSONL line. Peak resident memory (ru_maxrss) is read per child process. The last line
is one JSON object; `*_ratio` is the peak over the file's size, `*_growth` the peak less
the baseline over the file's size.

`--distinct` makes every word a new string (the worst case for spaCy's vocabulary, and
about 6 s per MB on a shared 2-core machine) instead of news words repeated.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = "protesters gathered in Almaty as police and troops watched the square on Tuesday".split()


def article(size: int, distinct: bool) -> str:
    """About `size` characters of text: sentences, paragraphs, a title line."""
    rnd = random.Random(8)
    parts, length, n = ["Title of a very long article\n"], 0, 0
    while length < size:
        if distinct:
            word = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rnd.randint(3, 9)))
        else:
            word = WORDS[n % len(WORDS)]
        n += 1
        word += " " if n % 17 else ".\n\n" if n % 170 == 0 else ". "
        parts.append(word)
        length += len(word)
    return "".join(parts)


def peak_import(path: Path, db: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one `spandesk import` child process."""
    started = time.perf_counter()
    # A child of its own, so RUSAGE_CHILDREN holds this import's peak alone.
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "desktop", "import", str(path), "--db", str(db)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout
    return int(out.split()[-1]) / 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="size of the large article (default 50)")
    parser.add_argument("--distinct", action="store_true", help="every word a new string")
    args = parser.parse_args()
    result: dict[str, object] = {"mb": args.mb, "distinct": args.distinct}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.txt"
        tiny.write_text("A title\nOne short line.\n", encoding="utf-8")
        baseline, _ = peak_import(tiny, folder / "tiny.db")
        result["baseline_peak_mb"] = round(baseline, 1)
        text = article(int(args.mb * 2**20), args.distinct)
        (folder / "big.txt").write_text(text, encoding="utf-8")
        with (folder / "big.jsonl").open("w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "big", "text": text}) + "\n")
        del text
        for kind in ("txt", "jsonl"):
            path = folder / f"big.{kind}"
            size = path.stat().st_size / 2**20
            peak, seconds = peak_import(path, folder / f"{kind}.db")
            result |= {
                f"{kind}_file_mb": round(size, 1), f"{kind}_peak_mb": round(peak, 1),
                f"{kind}_ratio": round(peak / size, 2), f"{kind}_growth": round((peak - baseline) / size, 2),
                f"{kind}_seconds": round(seconds, 1),
            }
            path.unlink()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
