"""Write THIRD-PARTY-NOTICES.txt into the bundle: every package the app runs on, its
version, its licence as its metadata states it, and the licence files it ships.

The set is the runtime closure of Spandesk's own requirements (the model included), read
from the installed packages' metadata, so the test and build tools are not listed.
    python packaging/notices.py dist/spandesk
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE)[^/]*$", re.IGNORECASE)


def closure(root: str, extras: tuple[str, ...]) -> dict[str, metadata.Distribution]:
    """The distributions `root` needs at run time, with the given extras of root."""
    found: dict[str, metadata.Distribution] = {}
    todo = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency that is not installed is not bundled either
        found[key] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            envs = [{"extra": e} for e in wanted] or [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, tuple(req.extras)))
    return found


def licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    stated = meta.get("License-Expression") or meta.get("License") or ""
    if len(stated) > 200 or not stated.strip():  # some packages paste the whole text here
        classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
        stated = ", ".join(classifiers) or "see the licence files below"
    return stated.strip()


def main(bundle: Path) -> None:
    dists = closure("spandesk", ("model",))
    dists.pop("spandesk", None)
    out = ["Spandesk is MIT-licensed. It ships with the following packages, each under its own",
           "licence. Qt (through PySide6) is used under the LGPL v3: its libraries are separate",
           "shared libraries in _internal/PySide6 and may be replaced with compatible builds.",
           f"The Python {sys.version.split()[0]} interpreter inside is under the PSF License 2.0;",
           "the DejaVu fonts under resources/fonts carry their licence beside them.", ""]
    for key in sorted(dists):
        dist = dists[key]
        out += ["=" * 78, f"{dist.metadata['Name']} {dist.version}: {licence(dist)}",
                f"{dist.metadata.get('Home-page') or dist.metadata.get('Project-URL', '')}".strip(), ""]
        for file in sorted(dist.files or [], key=str):
            if LICENCE_FILE.search(str(file)):
                text = Path(file.locate()).read_text(encoding="utf-8", errors="replace")
                out += [f"--- {file}", text.rstrip(), ""]
    (bundle / "THIRD-PARTY-NOTICES.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{bundle}/THIRD-PARTY-NOTICES.txt: {len(dists)} packages")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
