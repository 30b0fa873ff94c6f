"""Prodigy's text classification answers as document labels (the JSONL reader's part for
`textcat.teach`, `textcat.manual` and choice tasks).

- A binary task: `label` (one string) and `answer`. `accept` gives the document the
  label; `reject` says it has not got it: a rejected document label (kept as such, and
  written back); `ignore` decides nothing.
- A choice task without spans: `options` (`[{"id", "text"}]`) and `accept` (the chosen
  ids). With `answer: "accept"` each chosen option's id is a document label; a choice
  task rejected or ignored decides nothing. (A choice on a span task is Prodigy's entity
  linking, a normalisation of the span: not read here.)

Whether the project's label set knows a label is the import's to check.
"""

from __future__ import annotations

from typing import Any

from desktop.core.model import BadInput
from desktop.formats.event_dicts import kind, shown


def doc_labels(task: dict) -> tuple[list[str], list[str]]:
    """The document labels a Prodigy task's answer gives, and those it rejects. Raises
    BadInput for a malformed `label`, `options` or `accept`."""
    answer = task.get("answer")
    labels: list[str] = []
    rejected: list[str] = []
    if "label" in task:
        label = task["label"]
        if not isinstance(label, str) or not label.strip():
            raise BadInput(f'"label" must be a non-empty string, not {shown(label)}')
        if answer == "accept":
            labels.append(label)
        elif answer == "reject":
            rejected.append(label)
    if "options" in task and not task.get("spans"):
        ids = _option_ids(task["options"])
        accepted = task.get("accept", [])
        if not isinstance(accepted, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool)
                                                     for x in accepted):
            raise BadInput(f'"accept" is {kind(accepted)}, not a list of option ids')
        unknown = [x for x in accepted if x not in ids]
        if unknown:
            raise BadInput(f'"accept" names {shown(unknown[0])}, which is not the id of an option')
        if answer == "accept":
            labels += [str(x) for x in accepted if str(x) not in labels]
    return labels, rejected


def _option_ids(options: Any) -> list:
    if not isinstance(options, list) or not all(isinstance(o, dict) and "id" in o for o in options):
        raise BadInput('"options" is not a list of objects with an "id"')
    return [o["id"] for o in options]
