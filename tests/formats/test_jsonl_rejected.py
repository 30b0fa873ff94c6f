"""Rejected spans survive a JSONL round trip (issue 10: no verdict is lost silently), and
stay out of the gold formats (DocBin, CoNLL)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

from desktop import ops
from desktop.core.model import Layer, State
from desktop.formats import jsonl

REDDIT = (Path(__file__).parent.parent / "data" / "thirdparty" / "prodigy-recipes" / "example-datasets"
          / "annotated_reddit-PRODUCT-ner.jsonl")


def _states(records) -> Counter:
    return Counter((r.doc.text, s.start, s.end, s.label, s.state) for r in records for s in r.spans
                   if s.layer == Layer.ENTITY)


def _stored(store) -> Counter:
    return Counter((store.documents.get(i).text, s.start, s.end, s.label, s.state)
                   for i in store.documents.ids(None) for s in store.spans.for_doc(i) if s.layer == Layer.ENTITY)


def _round_trip(tmp_path: Path, source: Path, fmt: str = "jsonl", name: str = "out.jsonl") -> tuple[Path, Counter]:
    """Import `source` into a new project and export it all as `fmt`: the file, and the spans stored."""
    tmp_path.mkdir(exist_ok=True)
    out = tmp_path / name
    with ops.open_project(tmp_path / "a.db") as store:
        report = ops.import_paths(store, [source])
        assert not report.refused
        ops.export(store, fmt, out, everything=True)
        return out, _stored(store)


def test_prodigy_rejects_come_back_rejected_after_spandesk_to_jsonl_to_spandesk(tmp_path):
    out, stored = _round_trip(tmp_path, REDDIT)
    assert sum(n for key, n in stored.items() if key[-1] == State.REJECTED) >= 80  # Prodigy's reject answers
    assert _states(jsonl.read(out)) == stored  # every span back, with its verdict
    _, again = _round_trip(tmp_path / "back", out)
    assert again == stored
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # never in `spans`, which Prodigy trains as gold in a manual task whatever a span's answer
    assert not [s for task in lines for s in task["spans"] if s["state"] == "rejected"]
    written = [s for task in lines for s in task.get("rejected_spans", [])]
    assert written and {s["state"] for s in written} == {"rejected"}
    assert {s.get("answer") for s in written} == {"reject"}  # Prodigy's own per-span verdict
    for task in lines:  # token bounds stay exact for every span, the rejected ones included
        for s in [*task["spans"], *task.get("rejected_spans", [])]:
            first, last = task["tokens"][s["token_start"]], task["tokens"][s["token_end"]]
            assert (first["start"], last["end"]) == (s["start"], s["end"])


def test_a_second_round_trip_writes_the_same_file(tmp_path):
    first, _ = _round_trip(tmp_path / "one", REDDIT)
    again, _ = _round_trip(tmp_path / "two", first)
    assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_gold_exports_still_leave_rejected_spans_out(tmp_path):
    jsonl_out, stored = _round_trip(tmp_path, REDDIT)
    accepted = Counter({k: n for k, n in stored.items() if k[-1] == State.ACCEPTED})
    assert accepted and any(k[-1] == State.REJECTED for k in stored)
    docbin, _ = _round_trip(tmp_path / "spacy", jsonl_out, "spacy", "out.spacy")
    ents = Counter((d.text, e.start_char, e.end_char, e.label_, State.ACCEPTED)
                   for d in DocBin().from_disk(docbin).get_docs(Vocab()) for e in d.ents)
    assert ents == accepted
    conll, _ = _round_trip(tmp_path / "conll", jsonl_out, "conll", "out.conll")
    tags = [line.split()[-1] for line in conll.read_text(encoding="utf-8").splitlines() if line.split()]
    assert sum(t.startswith(("B-", "U-")) for t in tags) == sum(accepted.values())
