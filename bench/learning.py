"""How much the model learns from the annotators (issue 13): `spandesk train` on a label the
base model lacks, F1 on held-out documents after training on 25 %, 50 % and 100 % of the rest.

The corpus is tests/data/learning/: Reddit comments annotated with DRUG (explosion/projects'
ner_drugs tutorial, MIT; README there). Each point is a fresh project holding the held-out
comments and that share of the training ones, all marked done, trained through
`ops.train_model` with the held-out comments fixed (no rehearsal: the project has no other
documents). Prints JSON: f1_base and f1_trained (DRUG, on the held-out comments, at 100 %),
the curve, train_seconds (at 100 %) and each point's micro F1 over every label.

    python bench/learning.py --quick     # 120 + 40 comments, at most 20 s of training a point (~1 min)
    python bench/learning.py             # 240 + 80 comments, up to 10 passes or 120 s a point
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import ops  # noqa: E402  (after the path: run from a checkout)

DATA = ROOT / "tests" / "data" / "learning"
LABEL = "DRUG"


def _lines(name: str, limit: int) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f][:limit]


def point(folder: Path, train: list[dict], held: list[dict], seconds: float, seed: int) -> dict:
    """One project: `held` and `train`, all done; trained with `held` held out."""
    corpus = folder / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for n, rec in enumerate(held + train):
            kind = "held" if n < len(held) else "train"
            f.write(json.dumps({**rec, "id": f"{kind}-{n}", "answer": "accept", "status": "done"}) + "\n")
    with ops.open_project(folder / "p.db") as store:
        report = ops.import_paths(store, [corpus])
        assert report.imported == len(held) + len(train), report
        held_ids = [i for i in store.documents.ids() if store.documents.get(i).ext_id.startswith("held-")]
        started = time.monotonic()
        trained = ops.train_model(store, components=("ner",), max_seconds=seconds, seed=seed, held_out=held_ids)
        took = time.monotonic() - started
    entities = trained.scores["entities"]
    return {
        "documents": trained.documents, "steps": trained.steps, "seconds": round(took, 1),
        "f1_base": entities["base"].get(LABEL, {}).get("f", 0.0),
        "f1_trained": entities["trained"].get(LABEL, {}).get("f", 0.0),
        "p_trained": entities["trained"].get(LABEL, {}).get("p", 0.0),
        "r_trained": entities["trained"].get(LABEL, {}).get("r", 0.0),
        "micro_f1_base": entities["base"]["ALL"]["f"], "micro_f1_trained": entities["trained"]["ALL"]["f"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="120 training + 40 held-out comments, 20 s a point")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    n_train, n_held, seconds = (120, 40, 20.0) if args.quick else (240, 80, 120.0)
    train, held = _lines("drugs-train.jsonl", n_train), _lines("drugs-eval.jsonl", n_held)
    curve = []
    with tempfile.TemporaryDirectory(prefix="spandesk-bench-learning-") as tmp:
        for share in (0.25, 0.5, 1.0):
            folder = Path(tmp, f"p{int(share * 100)}")
            folder.mkdir()
            result = point(folder, train[: round(len(train) * share)], held, seconds, args.seed)
            curve.append({"share": share, **result})
    last = curve[-1]
    print(json.dumps({
        "corpus": "explosion/projects ner_drugs excerpt", "label": LABEL, "held_out": len(held),
        "f1_base": last["f1_base"], "f1_trained": last["f1_trained"], "train_seconds": last["seconds"],
        "curve": curve, "quick": args.quick,
    }, indent=2))


if __name__ == "__main__":
    main()
