"""Training a project's pipeline with spaCy's own machinery (config + spacy.training.loop.train).

The base pipeline is loaded whole; its `ner` is fine-tuned on the annotators' entities and new
components are added: a `spancat` on the trigger layer ("triggers", event types as labels) and
a `textcat_multilabel` for document labels ("doc_labels"). Every other component stays frozen,
so the trained pipeline still tags and parses (event arguments need the parse).

Forgetting is guarded against by rehearsal: the base model's own entities on other documents
(not in the training or held-out set) are mixed into the training data, so what it knew and
the annotators did not touch stays known.

`max_seconds`, Ctrl+C and a caller's `stop()` end training cleanly at the next step (a
`before_update` callback in the config); the weights learnt so far are kept and scored.
Everything enters and leaves as plain data (texts and (start, end, label) triples).
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.model import SpandeskError
from desktop.nlp.scoring import prf
from desktop.nlp.suggest_events import TRIGGER_PIPE, TRIGGERS_KEY

if TYPE_CHECKING:
    from spacy.language import Language

    from desktop.core.label_set import LabelSet
    from desktop.core.triggers import Lexicon

COMPONENTS = ("ner", "triggers", "doc_labels")
DOC_LABEL_PIPE = "doc_labels"
Triple = tuple[int, int, str]


@dataclass
class TrainDoc:
    """One annotated document: its text and the accepted annotations to learn."""

    text: str
    entities: list[Triple] = field(default_factory=list)
    triggers: list[Triple] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    missing: list[tuple[int, int]] = field(default_factory=list)  # (start, end): tokens neither taught nor O


@dataclass
class Settings:
    base: str
    components: tuple[str, ...] = ("ner",)
    max_steps: int | None = None
    max_seconds: float | None = None
    max_epochs: int = 10
    seed: int = 0
    doc_labels: tuple[str, ...] = ()  # every document label of the label set
    # The entity labels the documents were annotated for, when not all (a corpus that marks
    # only some, e.g. CoNLL-2003's PER/ORG/LOC): empty means every label.
    annotated_labels: tuple[str, ...] = ()
    name: str = "spandesk"  # the trained pipeline's meta name and version
    version: str = "1.0.0"


@dataclass
class Result:
    """What training did: per component, per label, the base model's and the trained one's
    {p, r, f, n} on the held-out documents; how many steps, how long, and why it stopped."""

    scores: dict[str, dict[str, dict[str, dict[str, float]]]]
    steps: int
    seconds: float
    stopped: str  # "done", "time" (max_seconds), "interrupted" (Ctrl+C or stop())
    components: tuple[str, ...]
    notes: list[str]


class _Stop(Exception):
    """Raised from the before_update callback to end training where it is."""


class Control:
    """How a running training is watched and stopped; one per run (module-level for the
    registered callback, which spaCy builds from the config by name)."""

    def __init__(self, deadline: float | None, progress: Callable[[int], None] | None,
                 should_stop: Callable[[], bool] | None) -> None:
        self.deadline, self.progress, self.should_stop = deadline, progress, should_stop
        self.steps, self.stopped = 0, "done"

    def __call__(self, _nlp, info: dict) -> None:
        self.steps = info["step"]
        if self.progress:
            self.progress(self.steps)  # may raise (a window's Cancel): that ends training, unsaved
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.stopped = "time"
            raise _Stop
        if self.should_stop and self.should_stop():
            self.stopped = "interrupted"
            raise _Stop


_CONTROL: Control | None = None


def _registered() -> None:
    from spacy.util import registry

    if "spandesk.training_control.v1" in registry.callbacks:
        return

    @registry.callbacks("spandesk.training_control.v1")
    def training_control():
        return lambda nlp, info: _CONTROL(nlp, info) if _CONTROL is not None else None


def train(
    settings: Settings,
    train_docs: list[TrainDoc],
    eval_docs: list[TrainDoc],
    rehearsal: list[str],
    out: Path,
    *,
    label_set: LabelSet | None = None,
    lexicon: Lexicon | None = None,
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Result:
    """Train `settings.components` on `train_docs`, score base and trained on `eval_docs`, and
    save the trained pipeline to `out` (a folder that must not exist yet)."""
    global _CONTROL
    import spacy
    from spacy.training.loop import train as spacy_train

    from desktop.nlp.models import find_model

    started = time.monotonic()
    name = find_model(settings.base)
    if name is None:
        from desktop.nlp.models import NO_MODEL_HELP

        raise SpandeskError(NO_MODEL_HELP)
    if not train_docs:
        raise SpandeskError("nothing to train on: no document marked done has accepted annotations")
    try:
        nlp = spacy.load(name)
    except (OSError, ValueError) as err:
        raise SpandeskError(f"cannot load spaCy pipeline {name!r}: {err}") from err
    spacy.util.fix_random_seed(settings.seed)
    notes: list[str] = []
    components = _components(nlp, settings, train_docs, notes)
    trigger_base = _lexicon_triggers(nlp, label_set, lexicon)
    if settings.annotated_labels and "ner" in components:
        train_docs = only_annotated(nlp, train_docs, settings.annotated_labels)
        eval_docs = [_keep_labels(d, settings.annotated_labels) for d in eval_docs]
    base = _predict(nlp, [d.text for d in eval_docs], (), trigger_base)

    rehearsed = _rehearsal(nlp, rehearsal, trigger_base) if "ner" in components else []
    _registered()
    with tempfile.TemporaryDirectory(prefix="spandesk-train-") as tmp:
        train_path, dev_path = Path(tmp, "train.spacy"), Path(tmp, "dev.spacy")
        examples = _docbin(nlp, train_docs, components, settings.doc_labels, train_path, rehearsed)
        _docbin(nlp, (eval_docs or train_docs)[:1], components, settings.doc_labels, dev_path, [])
        _add_components(nlp, components, examples, settings.doc_labels)
        _configure(nlp, components, settings, train_path, dev_path)
        deadline = started + settings.max_seconds if settings.max_seconds else None
        _CONTROL = control = Control(deadline, progress, should_stop)
        try:
            spacy_train(nlp, None, stdout=io.StringIO(), stderr=io.StringIO())
        except _Stop:
            pass
        except KeyboardInterrupt:
            control.stopped = "interrupted"  # Ctrl+C: keep what was learnt, like --max-seconds
        finally:
            _CONTROL = None
    trained = _predict(nlp, [d.text for d in eval_docs], components, trigger_base)
    if settings.annotated_labels:  # only what the documents were annotated for is scored
        wanted = set(settings.annotated_labels)
        for found in (base, trained):
            found["entities"] = [e for e in found["entities"] if e[-1] in wanted]
    gold = _gold(eval_docs)
    scores = {what: {"base": prf(gold[what], base[what]), "trained": prf(gold[what], trained[what])}
              for what in ("entities", "triggers", "doc_labels")}
    _save(nlp, settings, out)
    return Result(scores, control.steps, round(time.monotonic() - started, 2), control.stopped,
                  tuple(components), notes)


def _components(nlp: Language, settings: Settings, docs: list[TrainDoc], notes: list[str]) -> list[str]:
    """The components asked for that can be trained from these documents."""
    out = []
    for what in settings.components:
        if what not in COMPONENTS:
            raise SpandeskError(f"unknown component {what!r}; choose from {', '.join(COMPONENTS)}")
        if what == "ner" and "ner" not in nlp.pipe_names:
            notes.append("ner: the base pipeline has no ner to fine-tune; skipped")
        elif what == "triggers" and not any(d.triggers for d in docs):
            notes.append("triggers: no accepted event trigger in the training documents; skipped")
        elif what == "doc_labels" and not (settings.doc_labels and any(d.labels for d in docs)):
            notes.append("doc_labels: no document label in the training documents; skipped")
        else:
            out.append(what)
    if not out:
        raise SpandeskError("nothing to train: " + "; ".join(notes))
    return out


def _keep_labels(d: TrainDoc, labels: tuple[str, ...]) -> TrainDoc:
    """`d` with only the entities of `labels`; the others' text becomes missing."""
    kept = [e for e in d.entities if e[2] in labels]
    others = [(s, e) for s, e, label in d.entities if label not in labels]
    return TrainDoc(d.text, kept, d.triggers, d.labels, d.missing + others)


def only_annotated(nlp: Language, docs: list[TrainDoc], labels: tuple[str, ...]) -> list[TrainDoc]:
    """Documents annotated for `labels` only: their entities of other labels (CoNLL's MISC)
    and whatever the base model tags with another label (a date, a number) are missing, not
    O, so training neither teaches them nor unlearns what the base model knew of them."""
    out = []
    for d, predicted in zip(docs, nlp.pipe(d.text for d in docs)):
        d = _keep_labels(d, labels)
        d.missing += [(e.start_char, e.end_char) for e in predicted.ents if e.label_ not in labels]
        out.append(d)
    return out


def _missing_tokens(doc, missing: list[tuple[int, int]], ents: list) -> list:
    """One-token spans for the tokens `missing` covers that no entity of `ents` holds."""
    taken = {i for span in ents for i in range(span.start, span.end)}
    found = set()
    for s, e in missing:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return [doc[i:i + 1] for i in sorted(found - taken)]


def _spans(doc, triples, mode: str = "contract"):
    from spacy.util import filter_spans

    spans = [doc.char_span(s, e, label=label, alignment_mode=mode) for s, e, label in triples]
    return filter_spans([s for s in spans if s is not None and len(s)])


def _docbin(nlp: Language, docs: list[TrainDoc], components: list[str], doc_labels: tuple[str, ...],
            path: Path, rehearsed: list) -> list:
    """Write the reference docs to a DocBin for spaCy's corpus reader; returns them as Examples
    (for initializing the new components)."""
    from spacy.tokens import DocBin
    from spacy.training import Example

    bin_, examples = DocBin(store_user_data=False), []
    for d in docs:
        doc = reference_doc(nlp, d, components, doc_labels)
        bin_.add(doc)
        examples.append(Example(nlp.make_doc(d.text), doc))
    for doc in rehearsed:
        bin_.add(doc)
    bin_.to_disk(path)
    return examples


def reference_doc(nlp: Language, d: TrainDoc, components, doc_labels: tuple[str, ...] = ()):
    """What training learns from one document: its entities (every other token O, but for
    `d.missing`'s, which are missing), triggers and document labels, as a spaCy Doc."""
    doc = nlp.make_doc(d.text)
    if "ner" in components:
        ents = _spans(doc, d.entities)
        # A done document: the rest is O, but for what it was not annotated for.
        doc.set_ents(ents, missing=_missing_tokens(doc, d.missing, ents), default="outside")
    if "triggers" in components:
        doc.spans[TRIGGERS_KEY] = _spans(doc, d.triggers, "expand")
    if "doc_labels" in components:
        doc.cats = {label: float(label in d.labels) for label in doc_labels}
    return doc


def _rehearsal(nlp: Language, texts: list[str], trigger_base) -> list:
    """The base model's own entities (and lexicon triggers) on other documents, as reference docs."""
    out = []
    for predicted in nlp.pipe(texts):
        doc = predicted.copy()
        doc.set_ents(list(predicted.ents), default="outside")
        doc.cats = {}  # a base that is an earlier version guesses these: missing, not taught
        doc.spans.clear()
        if trigger_base is not None:
            doc.spans[TRIGGERS_KEY] = _spans(doc, trigger_base(predicted), "expand")
        out.append(doc)
    return out


def _add_components(nlp: Language, components: list[str], examples: list, doc_labels: tuple[str, ...]) -> None:
    """Add the new components (a base that is an earlier version has them: they are learnt
    anew from every done document, which is all they ever learnt from) and teach ner new labels."""
    for name, what in ((TRIGGER_PIPE, "triggers"), (DOC_LABEL_PIPE, "doc_labels")):
        if what in components and name in nlp.pipe_names:
            nlp.remove_pipe(name)
    if "ner" in components:
        ner = nlp.get_pipe("ner")
        for eg in examples:
            for ent in eg.reference.ents:
                if ent.label_ not in ner.labels:
                    ner.add_label(ent.label_)
    if "triggers" in components:
        pipe = nlp.add_pipe("spancat", name=TRIGGER_PIPE, config={
            "spans_key": TRIGGERS_KEY, "threshold": 0.5, "max_positive": 1,
            "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3]}})
        pipe.initialize(lambda: examples, nlp=nlp)
    if "doc_labels" in components:
        pipe = nlp.add_pipe("textcat_multilabel", name=DOC_LABEL_PIPE, config={"model": {
            "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 1,
            "no_output_layer": False}})
        pipe.initialize(lambda: examples, nlp=nlp, labels=list(doc_labels))


def _configure(nlp: Language, components: list[str], settings: Settings, train_path: Path, dev_path: Path) -> None:
    """The [training] section spacy.training.loop.train reads: what is trained, for how long."""
    trained = [{"ner": "ner", "triggers": TRIGGER_PIPE, "doc_labels": DOC_LABEL_PIPE}[c] for c in components]
    config = nlp.config
    config["paths"]["train"], config["paths"]["dev"] = str(train_path), str(dev_path)
    weights = {"ner": "ents_f", "triggers": f"spans_{TRIGGERS_KEY}_f", "doc_labels": "cats_macro_f"}
    config["training"].update({
        "frozen_components": [p for p in nlp.pipe_names if p not in trained],
        "annotating_components": [],
        "seed": settings.seed,
        "max_steps": settings.max_steps or 0,
        "max_epochs": 0 if settings.max_steps else settings.max_epochs,
        "patience": 0,
        # Scored once, at step 0, on one document: the real scores are taken after, on every
        # held-out document, for the base model and the trained one alike.
        "eval_frequency": 10**9,
        "score_weights": {weights[c]: 1.0 / len(components) for c in components},
        # spaCy's own default: batches growing from 100 to 1,000 words, so a small project
        # still gets many updates a pass.
        "batcher": {"@batchers": "spacy.batch_by_words.v1", "tolerance": 0.2, "discard_oversize": False,
                    "get_length": None, "size": {"@schedules": "compounding.v1", "start": 100, "stop": 1000,
                                                 "compound": 1.001, "t": 0.0}},
        "before_update": {"@callbacks": "spandesk.training_control.v1"},
        "logger": {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
    })


def _lexicon_triggers(nlp: Language, label_set: LabelSet | None, lexicon: Lexicon | None):
    """(start, end, type) of the lexicon's triggers in a parsed doc: the base for triggers."""
    if label_set is None or lexicon is None or not {"parser", "lemmatizer"} <= set(nlp.pipe_names):
        return None
    from desktop.nlp.events import Suggester

    suggester = Suggester(nlp, label_set, lexicon)
    return lambda doc: [(s.start, s.end, s.label) for s, _score in suggester.triggers(doc)]


def _predict(nlp: Language, texts: list[str], components, trigger_base) -> dict[str, list[tuple]]:
    """What a pipeline finds in each text, as (text's index, start, end, label) / (index, label)."""
    out: dict[str, list[tuple]] = {"entities": [], "triggers": [], "doc_labels": []}
    for i, doc in enumerate(nlp.pipe(texts)):
        out["entities"] += [(i, e.start_char, e.end_char, e.label_) for e in doc.ents]
        if "triggers" in components:
            out["triggers"] += [(i, s.start_char, s.end_char, s.label_) for s in doc.spans.get(TRIGGERS_KEY, [])]
        elif trigger_base is not None:
            out["triggers"] += [(i, *t) for t in trigger_base(doc)]
        out["doc_labels"] += [(i, label) for label, p in doc.cats.items() if p >= 0.5]
    return out


def _gold(docs: list[TrainDoc]) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {"entities": [], "triggers": [], "doc_labels": []}
    for i, d in enumerate(docs):
        out["entities"] += [(i, *t) for t in d.entities]
        out["triggers"] += [(i, *t) for t in d.triggers]
        out["doc_labels"] += [(i, label) for label in d.labels]
    return out


def _save(nlp: Language, settings: Settings, out: Path) -> None:
    nlp.meta["name"], nlp.meta["version"] = settings.name, settings.version
    nlp.meta["description"] = f"Trained by Spandesk from {settings.base}"
    config = nlp.config
    config["training"]["before_update"] = None  # loading it later must not need this module
    nlp.config = config
    nlp.to_disk(out)
