"""Event suggestions for pre-annotation: whole texts in, core Events (state "suggested") out.

Triggers come from a trained trigger model when the pipeline has one (a `spancat` on the
"triggers" key, made by `spandesk train`, with its scores), else from the trigger lexicon.
Arguments always come from the label set's roles (nlp/events.py's Suggester): an entity of
the trigger's sentence in a role its label may fill, nearest in the dependency tree first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from desktop.core.model import Argument, Event, Layer, Source, Span, State
from desktop.nlp.events import EventSuggestion, Suggester, lexicon_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from desktop.core.label_set import LabelSet
    from desktop.core.triggers import Lexicon

# News articles run to 20,000 characters; a book-length document gets entity suggestions only.
MAX_TEXT = 200_000
TRIGGERS_KEY = "triggers"  # doc.spans key of the trained trigger spancat (nlp/training.py)
TRIGGER_PIPE = "triggers"  # and the component's name


class ModelSuggester(Suggester):
    """Triggers from the pipeline's trained spancat instead of the lexicon; arguments as ever."""

    def __init__(self, nlp: Language, label_set: LabelSet, threshold: float = 0.5) -> None:
        from desktop.nlp.models import model_id

        self.label_set, self.lexicon, self.threshold = label_set, None, threshold
        self.model = model_id(nlp)

    def triggers(self, doc: Doc) -> list[tuple[Span, float]]:
        group = doc.spans.get(TRIGGERS_KEY, [])
        scores = group.attrs.get("scores", []) if len(group) else []
        out = []
        for n, span in enumerate(group):
            # spancat keeps one score per span (an array of one with max_positive = 1)
            score = float(scores[n].max()) if n < len(scores) else 1.0
            if score < self.threshold or self.label_set.event(span.label_) is None:
                continue
            if not span.text.strip() or span.text != span.text.strip():
                continue  # an n-gram of spaces or with a space at its edge is no word
            out.append((Span(span.start_char, span.end_char, span.label_, span.text, layer=Layer.TRIGGER,
                             source=Source.MODEL, state=State.SUGGESTED, model=self.model), round(score, 3)))
        return sorted(out, key=lambda t: (t[0].start, t[0].end, t[0].label))


class EventSuggestions:
    """Loads the parsing pipeline once and suggests the events of one text at a time."""

    def __init__(self, model: str, label_set: LabelSet, lexicon: Lexicon | None, threshold: float = 0.25) -> None:
        from desktop.nlp.events import load

        self.nlp, self.threshold = load(model), threshold
        if TRIGGER_PIPE in self.nlp.pipe_names:
            # spancat drops what it scores under its threshold (0.5 as trained): a higher one
            # is applied there; a lower one does not let an unsure model's noise through.
            self.nlp.get_pipe(TRIGGER_PIPE).cfg["threshold"] = max(threshold, 0.5)
            self.suggester: Suggester = ModelSuggester(self.nlp, label_set, threshold)
        elif lexicon is not None:
            self.suggester = Suggester(self.nlp, label_set, lexicon)
        else:
            raise ValueError("no trigger model and no lexicon")
        # Only what the trigger model and the Suggester read: the rest would run for nobody.
        for name in self.nlp.pipe_names:
            if name not in (TRIGGER_PIPE, "tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler",
                            "lemmatizer", "trainable_lemmatizer"):
                self.nlp.disable_pipe(name)
        self.model = self.suggester.model

    def events(self, text: str, entities: Iterable[Span]) -> list[Event]:
        """The text's suggested events, each trigger and argument with its score (none for a
        text over MAX_TEXT characters: parsing it would hold pre-annotation up for minutes)."""
        if len(text) > MAX_TEXT:
            return []
        found = self.suggester.suggest_text(self.nlp, text, list(entities))
        return [as_event(s, self.model) for s in found if s.score >= self.threshold]


def can_suggest(model: str | None, label_set: LabelSet, lexicon: Lexicon | None) -> bool:
    """Whether events can be suggested at all: the label set has event types and either the
    lexicon is for it or the model has a trained trigger component."""
    if not label_set.events:
        return False
    if lexicon is not None and lexicon.label_set == label_set.name:
        return True
    return model is not None and has_trigger_model(model)


def has_trigger_model(model: str) -> bool:
    """Whether the pipeline (a folder) lists a trained trigger component, read from its config."""
    from pathlib import Path

    config = Path(model) / "config.cfg"
    try:
        return f"[components.{TRIGGER_PIPE}]" in config.read_text(encoding="utf-8")
    except OSError:
        return False


def as_event(found: EventSuggestion, model: str) -> Event:
    trigger = replace(found.event.trigger, model=model, score=found.score)
    arguments = tuple(Argument(a.role, a.span, State.SUGGESTED, score)
                      for a, score in zip(found.event.arguments, found.argument_scores))
    return Event(found.event.type, trigger, arguments, state=State.SUGGESTED, score=found.score)


__all__ = ["EventSuggestions", "ModelSuggester", "as_event", "can_suggest", "lexicon_id"]
