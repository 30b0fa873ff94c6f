"""Document-label suggestions for pre-annotation (issue 13): a trained model's
`textcat_multilabel` ("doc_labels", made by `spandesk train`) scores each label of the
project's set; those at or above the suggestion threshold are suggested, with their score.
A pipeline without that component suggests none.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.model import SpandeskError
from desktop.nlp.training import DOC_LABEL_PIPE

MAX_TEXT = 200_000  # as for events: a book-length document gets entity suggestions only


def has_doc_labels(model: str) -> bool:
    """Whether the pipeline (a folder) has the trained document-label component."""
    meta = Path(model) / "meta.json"
    try:
        return DOC_LABEL_PIPE in json.loads(meta.read_text(encoding="utf-8")).get("pipeline", [])
    except (OSError, ValueError):
        return False


class DocLabelSuggestions:
    """Loads the document-label component once (bag of words: no other component runs)."""

    def __init__(self, model: str, names: set[str], threshold: float) -> None:
        import spacy

        from desktop.nlp.models import model_id

        try:
            self.nlp = spacy.load(model)
        except (OSError, ValueError) as err:
            raise SpandeskError(f"cannot load spaCy pipeline {model!r}: {err}") from err
        for name in self.nlp.pipe_names:
            if name != DOC_LABEL_PIPE:
                self.nlp.disable_pipe(name)
        self.names, self.threshold, self.model = names, threshold, model_id(self.nlp)

    def labels(self, text: str) -> list[tuple[str, float]]:
        """(label, score) of the labels the model gives the text at or above the threshold."""
        if not text.strip() or len(text) > MAX_TEXT:
            return []
        cats = self.nlp(text).cats
        return sorted((label, round(float(score), 3)) for label, score in cats.items()
                      if score >= self.threshold and label in self.names)
