"""DyGIE++'s loading code, re-implemented for the tests (DyGIE++ needs AllenNLP and torch,
which are not installable here). It follows, check for check, what DyGIE++ does with
each line of a data file before training on it:

- dwadden/dygiepp at commit b55dec4520a7f4cfa560db51ee32e9dd684e558b,
  `dygie/data/dataset_readers/document.py`: `Document.from_json` (`_check_fields`, then
  `fields_to_batches`: every key but doc_key, dataset, clusters, predicted_clusters,
  weight, event_clusters and predicted_event_clusters is a per-sentence list of one
  length), `Sentence` (`ner`, `relations`, `events` made sentence-relative), `Cluster`
  (`get_sentence_of_span`), `Trigger`/`Argument`/`NER`/`Relation`;
- the same commit, `dygie/data/dataset_readers/dygie.py`: `DyGIEReader._read` (one
  `json.loads` per line), `text_to_instance` and `_process_sentence`: spans enumerated up
  to `max_span_width` in each sentence, `span_tuples.index(span)` for every entity,
  relation end and argument (a span outside its sentence raises ValueError there), a
  trigger's token indexing its sentence's `trigger_labels`, and every sentence of a
  document having the same fields.

`load(path)` raises what DyGIE++ would raise (ValueError, KeyError, IndexError,
TypeError) and returns, per document, what DyGIE++ trains on, in document token offsets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_ALLOWED = re.compile("doc_key|dataset|sentences|weight|.*ner$|.*relations$|.*clusters$|.*events$|^_.*")
_NOT_PER_SENTENCE = ["doc_key", "dataset", "clusters", "predicted_clusters", "weight", "event_clusters",
                     "predicted_event_clusters"]
MAX_SPAN_WIDTH = 8  # DyGIE++'s training configs (training_config/*.jsonnet) use 8


def load(path: Path, max_span_width: int = MAX_SPAN_WIDTH) -> list[dict]:
    out = []
    with open(path) as f:  # DyGIEReader._read: f.readlines(), json.loads per line
        for line in f.readlines():
            out.append(_document(json.loads(line), max_span_width))
    return out


def _document(js: dict, width: int) -> dict:
    unexpected = [k for k in js if not _ALLOWED.match(k)]  # Document._check_fields
    if unexpected:
        raise ValueError(f"The following unexpected fields should be prefixed with an underscore: {unexpected}")
    doc_key = js["doc_key"]
    dataset = js.get("dataset")
    keys = [k for k in js if k not in _NOT_PER_SENTENCE]  # fields_to_batches
    lengths = {k: len(js[k]) for k in keys}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"For document {doc_key}, fields have different lengths: {lengths}.")
    entries = [{k: js[k][i] for k in keys} for i in range(next(iter(lengths.values())))]
    starts, n = [], 0
    for entry in entries:
        starts.append(n)
        n += len(entry["sentences"])
    got = {"doc_key": doc_key, "dataset": dataset, "ner": [], "relations": [], "events": [], "clusters": []}
    fields = []
    for entry, start in zip(entries, starts):
        fields.append(_sentence(entry, start, width, got))
    if any(f != fields[0] for f in fields):  # DyGIEReader._process_sentence_fields
        raise ValueError(f"Keys do not match across sentences for document {doc_key}.")
    for cluster in js.get("clusters", []):  # Cluster: members crossing sentences are skipped
        members = []
        for a, b in cluster:
            inside = [a >= s and b <= e for s, e in zip(starts, [x - 1 for x in starts[1:]] + [n - 1])]
            if sum(inside) == 1:
                members.append((a, b))
        got["clusters"].append(members)
    return got


def _sentence(entry: dict, start: int, width: int, got: dict) -> set[str]:
    words = entry["sentences"]
    if any(not isinstance(w, str) or w == "" for w in words):
        raise ValueError("empty token")  # doc/data.md: empty strings are not allowed
    spans = [(i, j) for i in range(len(words)) for j in range(i, min(i + width, len(words)))]  # enumerate_spans

    def index(a: int, b: int) -> None:
        """DyGIEReader: `span_tuples.index(span)` for spans no wider than max_span_width."""
        if b - a + 1 <= width:
            spans.index((a - start, b - start))

    fields = {"text", "spans"}
    if "ner" in entry:
        fields.add("ner_labels")
        for a, b, label in ((x[0], x[1], x[2]) for x in entry["ner"]):
            index(a, b)
            got["ner"].append((a, b, label))
    if "relations" in entry:
        fields.add("relation_labels")
        for a, b, c, d, label in ((x[0], x[1], x[2], x[3], x[4]) for x in entry["relations"]):
            index(a, b)
            index(c, d)
            got["relations"].append((a, b, c, d, label))
    if "events" in entry:
        fields |= {"trigger_labels", "argument_labels"}
        labels = [""] * len(words)
        for event in entry["events"]:
            (trigger, kind), args = event[0][:2], event[1:]
            if not 0 <= trigger - start < len(words):
                raise IndexError(f"trigger {trigger} is not in its sentence")
            labels[trigger - start] = kind
            for a, b, role in ((x[0], x[1], x[2]) for x in args):
                index(a, b)
            got["events"].append((trigger, kind, tuple((x[0], x[1], x[2]) for x in args)))
    return fields
