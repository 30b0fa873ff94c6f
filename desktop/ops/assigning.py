"""Assign: hand out the project's documents to annotators, one project file each.

Every annotator gets the overlap set (the same documents for everyone, for agreement) and a
disjoint part of the rest, dealt in turn. The order is a shuffle by `seed`, so the same seed
on the same project hands out the same shares. The master records who got what; running it
again hands out only documents never handed out (say, after an import).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.model import SpandeskError, Status
from desktop.store import Store

# A name becomes a file name: letters, digits, dot, dash and underscore, not starting with a dot.
_NAME = re.compile(r"[\w-][\w.-]*")
# Names Windows keeps for devices, whatever follows the first dot ("CON.db" is the console).
_DEVICE = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)


@dataclass
class AssignReport:
    files: dict[str, Path] = field(default_factory=dict)
    shares: dict[str, int] = field(default_factory=dict)  # documents per annotator
    overlap: int = 0
    handed_out: int = 0  # documents given to someone this time
    documents: int = 0  # documents that could be handed out (with the status asked for), given before or not


def split(doc_ids: list[int], annotators: list[str], overlap: int, seed: int) -> tuple[set[int], dict[str, list[int]]]:
    """The overlap set (the first `overlap` of a seeded shuffle, for everyone) and each
    annotator's documents (the overlap set and a dealt part of the rest)."""
    order = sorted(doc_ids)
    random.Random(seed).shuffle(order)
    common, rest = order[:overlap], order[overlap:]
    return set(common), {name: sorted(common + rest[i::len(annotators)]) for i, name in enumerate(annotators)}


def assign(store: Store, annotators: list[str], out: str | Path, *, overlap: float | None = None,
           overlap_docs: int | None = None, seed: int = 0, status: str | None = None,
           by: str | None = None) -> AssignReport:
    """Write OUT/<name>.db for each annotator; see the module's docstring.

    `overlap` is a fraction of the documents handed out (default 0.2), `overlap_docs` a
    number; `status` hands out only documents with that status. Nothing is written when a
    target file exists already (an annotator may be working in it).
    """
    # Imported here: the window asks preset_annotator (above) before its first article.
    from desktop.store.team import team_of
    from desktop.store.team_copy import write_share

    names = list(dict.fromkeys(a.strip() for a in annotators if a.strip()))
    if len(names) < 1:
        raise SpandeskError("name at least one annotator")
    for name in names:
        if not _NAME.fullmatch(name):
            raise SpandeskError(f"{name!r}: an annotator's name becomes a file name; use letters, digits, . - _")
        if _DEVICE.fullmatch(name):
            raise SpandeskError(f"{name!r}: Windows keeps this name for a device, so it cannot name an annotator's "
                                "file; nothing was written")
    folded: dict[str, str] = {}
    for name in names:  # macOS and Windows see Ana.db and ana.db as one file
        if name.casefold() in folded:
            raise SpandeskError(f"{folded[name.casefold()]!r} and {name!r} differ only in case: their files would "
                                "be one file on macOS and Windows; nothing was written")
        folded[name.casefold()] = name
    if status is not None and status not in set(Status):
        raise SpandeskError(f"{status!r} is not a status ({', '.join(Status)})")
    if overlap is not None and not 0 <= overlap <= 1:
        raise SpandeskError(f"--overlap {overlap}: give a fraction between 0 and 1")
    out = Path(out)
    blocker = next((p for p in (out, *out.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise SpandeskError(f"{blocker}: not a folder, so --out cannot be made there; nothing was written")
    targets = {name: out / f"{name}.db" for name in names}
    taken = [str(p) for p in targets.values() if p.exists()]
    if taken:
        raise SpandeskError(f"{', '.join(taken)}: exists already (an annotator may be working in it); "
                            "choose another --out folder; nothing was written")
    team = team_of(store)
    given = team.assigned()
    candidates = [d for d in store.documents.ids(status) if d not in given]
    k = overlap_docs if overlap_docs is not None else round((0.2 if overlap is None else overlap) * len(candidates))
    k = max(0, min(k, len(candidates)))
    overlap_set, shares = split(candidates, names, k, seed)
    report = AssignReport(overlap=k, handed_out=len(candidates), documents=len(store.documents.ids(status)))
    if not candidates:
        return report
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name in names:
            write_share(store, targets[name], shares[name], name, store.now)
            written.append(targets[name])
            report.files[name], report.shares[name] = targets[name], len(shares[name])
        with store.action(f"assign {len(candidates)} documents to {', '.join(names)}", annotator=by,
                          undoable=False, detail=f"seed {seed}, overlap {k}"):
            team.assign((d, name, d in overlap_set) for name in names for d in shares[name])
    except BaseException:
        for path in written:  # all the files or none: a re-run must not find half of them
            path.unlink(missing_ok=True)
        raise
    return report
