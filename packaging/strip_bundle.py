"""Strip the debugging symbols from a built bundle's shared libraries (Linux; make dist).

    python packaging/strip_bundle.py dist/spandesk

Why not PyInstaller's `strip=True`: it strips everything, and that breaks libraries that
auditwheel vendored and patched with patchelf (numpy.libs/ and its OpenBLAS: numpy then fails
to import). Those live in a `<package>.libs/` folder and are left alone here, as are files
already stripped and the executable (its archive is appended to it). Spacy's, blis's and
Python's own extension modules carry most of the debugging symbols.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def candidates(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*.so*")):
        if path.is_symlink() or not path.is_file() or not (path.suffix == ".so" or ".so." in path.name):
            continue
        if any(part.endswith(".libs") for part in path.relative_to(bundle).parts):
            continue  # patched by auditwheel: strip would corrupt it
        with path.open("rb") as file:
            if file.read(4) != b"\x7fELF":
                continue
        if has_symbols(path):
            found.append(path)
    return found


def has_symbols(path: Path) -> bool:
    sections = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True).stdout
    return ".symtab" in sections or ".debug_" in sections


def size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def main(bundle: Path) -> int:
    before = size(bundle)
    files = candidates(bundle)
    failed = []
    for path in files:
        result = subprocess.run(["strip", "--strip-unneeded", str(path)], capture_output=True, text=True)
        if result.returncode:
            failed.append(f"{path}: {result.stderr.strip()}")
    after = size(bundle)
    print(f"stripped {len(files) - len(failed)} libraries: {before / 2**20:.0f} MiB -> {after / 2**20:.0f} MiB")
    for line in failed:
        print(f"strip failed (left as it was): {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: strip_bundle.py BUNDLE_FOLDER")
    sys.exit(main(Path(sys.argv[1])))
