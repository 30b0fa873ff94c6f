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

News, with the base labels (`--news eng.train [--news-eval eng.testb]`): CoNLL-2003's English
Reuters articles (not redistributable, so never in this repository: pass your copy's path).
Its labels are mapped to the base model's (PER→PERSON, ORG→ORG, LOC→GPE); MISC is neither
taught nor scored (its tokens are missing in training, not O), nor is anything the base model
tags with another label (CoNLL-2003 marks no dates or numbers). Only seed-like articles are
trained on and scored: at least 150 tokens, at least 80 % of them words (no result tables).
The file is read by Spandesk's own CoNLL import into a project: `--news-docs` articles done,
the held-out articles done (from `--news-eval`, else held back from `--news`, never trained
on), the file's other documents left to do for the forgetting guard's rehearsal; trained
with `ops.train_model` as `spandesk train --components ner` trains, and scored per label.

    python bench/learning.py --news eng.train --news-eval eng.testb --news-only          # 200 articles
    python bench/learning.py --news eng.train --news-only --quick                        # 40, 60 s
"""

from __future__ import annotations

import argparse
import json
import random
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


NEWS_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}  # MISC: kept, then missing
SCORED = ("PERSON", "ORG", "GPE")


def conll_documents(path: Path) -> list[list[str]]:
    """The file's documents as lists of lines (each from its -DOCSTART- line)."""
    docs: list[list[str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("-DOCSTART-") or not docs:
                docs.append([])
            docs[-1].append(line)
    return [d for d in docs if any(line.strip() and not line.startswith("-DOCSTART-") for line in d)]


def seed_like(doc: list[str]) -> bool:
    """An article of running text, like the seed article: not a short brief or a table of results."""
    words = [line.split()[0] for line in doc if line.strip() and not line.startswith("-DOCSTART-")]
    return len(words) >= 150 and sum(w.isalpha() for w in words) >= 0.8 * len(words)


def _retag(line: str, todo: bool) -> str:
    """A token line with the tag mapped to the base model's labels (`-`, missing, for a to-do document)."""
    cols = line.split()
    if not cols or cols[0] == "-DOCSTART-":
        return line
    tag = cols[-1]
    if todo:
        tag = "-"
    elif tag != "O":
        prefix, label = tag.split("-", 1)
        tag = f"{prefix}-{NEWS_LABELS[label]}"
    return f"{cols[0]}\t{tag}\n"


def _write(path: Path, docs: list[list[str]], todo: bool = False) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write("-DOCSTART- O\n\n")
            f.writelines(_retag(line, todo) for line in doc if not line.startswith("-DOCSTART-"))
            f.write("\n")


def news(folder: Path, path: Path, eval_path: Path | None, n_docs: int, n_held: int, seconds: float | None,
         seed: int) -> dict:
    """Train on `n_docs` seed-like articles of `path`; score base and trained on held-out ones."""
    docs = conll_documents(path)
    random.Random(seed).shuffle(docs)
    articles = [d for d in docs if seed_like(d)]
    if eval_path is not None:
        held = [d for d in conll_documents(eval_path) if seed_like(d)][:n_held]
    else:
        held, articles = articles[:n_held], articles[n_held:]
    train = articles[:n_docs]
    chosen = {id(d) for d in train + held}
    rest = [d for d in docs if id(d) not in chosen]  # left to do: the rehearsal's texts
    if len(train) < n_docs:
        raise SystemExit(f"{path}: only {len(train)} seed-like articles to train on, not {n_docs}")
    files = {"held": folder / "held.conll", "train": folder / "train.conll", "rest": folder / "rest.conll"}
    _write(files["held"], held)
    _write(files["train"], train)
    _write(files["rest"], rest, todo=True)
    with ops.open_project(folder / "news.db") as store:
        report = ops.import_paths(store, list(files.values()))
        assert report.imported == len(held) + len(train) + len(rest), report
        sources = {i: store.documents.get(i).meta.get("source") for i in store.documents.ids()}
        # The import marks a wholly tagged document done; any other (a `-` in the file) is marked
        # done here, as an annotator would.
        for i, source in sources.items():
            if source != "rest.conll" and store.documents.get(i).status != "done":
                ops.mark_done(store, i)
        held_ids = [i for i, source in sources.items() if source == "held.conll"]
        wall, cpu = time.monotonic(), time.process_time()
        trained = ops.train_model(store, components=("ner",), max_seconds=seconds, seed=seed, held_out=held_ids,
                                  annotated_labels=SCORED)
        wall, cpu = time.monotonic() - wall, time.process_time() - cpu
    entities = trained.scores["entities"]

    return {
        "documents": trained.documents, "held_out": trained.held_out, "rehearsal": trained.rehearsal,
        # ALL: micro over the scored labels only (annotated_labels drops the rest from both sides)
        "f1_base": entities["base"]["ALL"]["f"], "f1_trained": entities["trained"]["ALL"]["f"],
        "per_label": {lab: {"base": entities["base"].get(lab), "trained": entities["trained"].get(lab)}
                      for lab in SCORED},
        "train_seconds": round(wall, 1), "train_cpu_seconds": round(cpu, 1), "steps": trained.steps,
        "stopped": trained.stopped, "mapping": "PER→PERSON, ORG→ORG, LOC→GPE; MISC missing, not scored",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="120 training + 40 held-out comments, 20 s a point; "
                        "with --news, 40 articles and 60 s")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--news", type=Path, help="CoNLL-2003 English training file (eng.train): the news half")
    parser.add_argument("--news-eval", type=Path, help="held-out articles from this file (eng.testb); "
                        "default: held back from --news")
    parser.add_argument("--news-docs", type=int, help="articles to train on (200; 40 with --quick)")
    parser.add_argument("--news-held", type=int, default=60, help="held-out articles (60)")
    parser.add_argument("--news-seconds", type=float, help="stop training after this long (default: 10 passes)")
    parser.add_argument("--news-only", action="store_true", help="only the news half")
    args = parser.parse_args()
    for given in (args.news, args.news_eval):
        if given is not None and not given.is_file():
            parser.error(f"{given}: no such file (CoNLL-2003's eng.train / eng.testb: see bench/README.md)")
    result: dict = {}
    if args.news is not None:
        n_docs = args.news_docs or (40 if args.quick else 200)
        seconds = args.news_seconds or (60.0 if args.quick else None)
        with tempfile.TemporaryDirectory(prefix="spandesk-bench-news-") as tmp:
            result["news"] = news(Path(tmp), args.news, args.news_eval, n_docs, args.news_held, seconds, args.seed)
        if args.news_only:
            print(json.dumps(result["news"], indent=2, ensure_ascii=False))
            return
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
        "curve": curve, "quick": args.quick, **result,
    }, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
