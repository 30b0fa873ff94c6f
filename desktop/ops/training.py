"""`spandesk train` and the window's Model → Train: a new model version from the annotators' work.

Trains on the accepted annotations of documents marked done (entities, event triggers,
document labels), holds some of them out to score the base model and the trained one side
by side, and mixes in the base model's own entities on other documents so fine-tuning does
not forget what nobody corrected. The result is the project's next model version
(ops/models.py), chosen later with `preannotate --model latest`.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.model import Layer, SpandeskError, State, Status
from desktop.ops.models import new_version_dir, resolve_model, write_info
from desktop.ops.project import project_label_set
from desktop.store import Store

REHEARSAL_PER_DOCUMENT = 1  # other documents' base predictions mixed in per training document
MAX_REHEARSAL = 200


@dataclass
class TrainReport:
    version: int | None  # None when written to --out rather than as a version
    path: Path
    base: str
    documents: int  # trained on
    held_out: int
    rehearsal: int
    components: tuple[str, ...]
    scores: dict[str, Any]
    steps: int
    seconds: float
    stopped: str
    notes: list[str] = field(default_factory=list)


def train_model(
    store: Store,
    *,
    base: str | None = None,
    components: tuple[str, ...] = ("ner", "triggers", "doc_labels"),
    eval_split: float = 0.2,
    max_steps: int | None = None,
    max_seconds: float | None = None,
    seed: int = 0,
    out: Path | None = None,
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    held_out: Collection[int] | None = None,
    annotated_labels: Collection[str] | None = None,
) -> TrainReport:
    """Train and store a new model version (or a pipeline in `out`); see the module.
    `progress(step)` is called before each update; `max_seconds`, Ctrl+C and `should_stop`
    end training early and keep what was learnt; an exception from `progress` (a
    window's Cancel) ends it with nothing saved. `held_out`: these done documents (ids) are
    the held-out set, instead of a random `eval_split` of them (a benchmark's fixed test set).
    `annotated_labels`: the only entity labels the done documents were annotated for (an
    imported corpus such as CoNLL-2003): other labels' tokens are missing in training, not
    O, and only these are scored."""
    from desktop.core.triggers import default_lexicon
    from desktop.nlp import training
    from desktop.nlp.models import NO_MODEL_HELP, find_model

    if not 0 <= eval_split < 1:
        raise SpandeskError(f"--eval-split must be from 0 up to (not including) 1, not {eval_split}")
    components = tuple(dict.fromkeys(components))  # "ner,ner" is ner once
    unknown = [c for c in components if c not in training.COMPONENTS]
    if unknown or not components:  # said before the documents are read and the model loaded
        raise SpandeskError(f"--components: {', '.join(map(repr, unknown)) or 'none given'}; choose from "
                            f"{', '.join(training.COMPONENTS)}")
    base_name = find_model(resolve_model(store, base) or store.project.get("model"))
    if base_name is None:
        raise SpandeskError(NO_MODEL_HELP)
    label_set = project_label_set(store)
    docs = training_documents(store)
    rng = random.Random(seed)
    if held_out is not None:
        eval_docs = [d for doc_id, d in docs if doc_id in set(held_out)]
        train_docs = [d for doc_id, d in docs if doc_id not in set(held_out)]
    else:
        rng.shuffle(docs)
        held = int(round(len(docs) * eval_split)) if len(docs) > 1 else 0
        if eval_split and len(docs) > 1:
            held = max(held, 1)
        eval_docs, train_docs = [d for _, d in docs[:held]], [d for _, d in docs[held:]]
    rehearsal = _rehearsal_texts(store, rng, min(MAX_REHEARSAL, REHEARSAL_PER_DOCUMENT * len(train_docs)))
    lexicon = default_lexicon()
    lexicon = lexicon if lexicon.label_set == label_set.name else None

    version, final = (None, Path(out)) if out else new_version_dir(store)
    if final.exists():
        raise SpandeskError(f"{final} already exists; name a new folder with --out")
    part = final.with_name(f".{final.name}.part")  # renamed into place whole
    shutil.rmtree(part, ignore_errors=True)
    try:  # a read-only or full place says so now, not after minutes of training
        part.parent.mkdir(parents=True, exist_ok=True)
        part.mkdir()
        part.rmdir()
    except OSError as exc:
        raise SpandeskError(f"{final}: cannot be written ({exc.strerror or exc}); nothing was trained") from exc
    settings = training.Settings(
        base=base_name, components=tuple(components), max_steps=max_steps, max_seconds=max_seconds, seed=seed,
        doc_labels=tuple(d.name for d in label_set.doc_labels),
        name=f"spandesk_v{version}" if version else "spandesk", version=f"{version or 0}.0.0",
        annotated_labels=tuple(annotated_labels or ()))
    try:
        result = training.train(settings, train_docs, eval_docs, rehearsal, part, label_set=label_set,
                                lexicon=lexicon, progress=progress, should_stop=should_stop)
        info = {
            "version": version, "base": base_name, "documents": len(train_docs), "held_out": len(eval_docs),
            "rehearsal": len(rehearsal), "components": list(result.components), "scores": result.scores,
            "steps": result.steps, "seconds": result.seconds, "stopped": result.stopped, "seed": seed,
            "date": time.strftime("%Y-%m-%d %H:%M:%S"), "notes": result.notes,
        }
        write_info(part, info)
        part.rename(final)
    except OSError as exc:  # saving ran out of room (or the folder went away): name the model, not its part
        raise SpandeskError(f"{final}: {exc.strerror or exc} while saving the model; nothing was kept") from exc
    finally:
        shutil.rmtree(part, ignore_errors=True)
    return TrainReport(version, final, base_name, len(train_docs), len(eval_docs), len(rehearsal),
                       result.components, result.scores, result.steps, result.seconds, result.stopped,
                       result.notes)


def training_documents(store: Store) -> list:
    """Every document marked done, as (id, training data): its accepted annotations only.

    Only the master's own layer is read (store.spans, store.doc_labels): where a team
    worked, that layer is the adjudicated one, and the annotators' own layers (team_*
    tables) never train a model until an adjudicator has taken from them."""
    from desktop.nlp.training import TrainDoc

    out = []
    for doc_id in store.documents.ids(Status.DONE):
        spans = store.spans.for_doc(doc_id, rejected=False)
        accepted = [s for s in spans if s.state == State.ACCEPTED]
        out.append((doc_id, TrainDoc(
            store.documents.text(doc_id),
            entities=[(s.start, s.end, s.label) for s in accepted if s.layer == Layer.ENTITY],
            triggers=[(s.start, s.end, s.label) for s in accepted if s.layer == Layer.TRIGGER],
            labels=store.doc_labels.for_doc(doc_id))))
    return out


def _rehearsal_texts(store: Store, rng: random.Random, count: int) -> list[str]:
    """Texts of documents nobody has finished, for the base model's own predictions."""
    if count <= 0:
        return []
    ids = store.documents.ids([Status.TODO, Status.IN_PROGRESS])
    return [store.documents.text(i) for i in sorted(rng.sample(ids, min(count, len(ids))))]


def score_lines(scores: dict[str, Any]) -> list[str]:
    """The held-out scores as a table: per kind and label, base P R F beside trained P R F."""
    lines = [f"{'':<28}{'base P':>8}{'R':>6}{'F':>6}  {'trained P':>10}{'R':>6}{'F':>6}{'n':>6}"]
    for what in ("entities", "triggers", "doc_labels"):
        sides = scores.get(what, {})
        labels = sorted({*sides.get("base", {}), *sides.get("trained", {})} - {"ALL"}) + ["ALL"]
        if not any(sides.get(s, {}).get("ALL", {}).get("n") for s in ("base", "trained")):
            continue  # nothing of this kind held out
        lines.append(what)
        for label in labels:
            b = sides.get("base", {}).get(label, {})
            t = sides.get("trained", {}).get(label, {})
            n = t.get("n", b.get("n", 0))
            lines.append(f"  {label[:26]:<26}{b.get('p', 0):8.2f}{b.get('r', 0):6.2f}{b.get('f', 0):6.2f}  "
                         f"{t.get('p', 0):10.2f}{t.get('r', 0):6.2f}{t.get('f', 0):6.2f}{n:6d}")
    return lines
