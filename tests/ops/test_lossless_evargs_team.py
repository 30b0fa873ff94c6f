"""Arguments that are events (V_EVARGS) through a team: assigned copies carry them, a merge,
the review, a decision, agreement and an annotator's export all run on BioNLP GE, whose
events name events, and the gold layer keeps its references."""

from __future__ import annotations

from pathlib import Path

from desktop import ops

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"
SHARED = (GE / "PMC-2065877-06-Results-05.txt").read_text(encoding="utf-8")


def _named(store, doc_id) -> int:
    return sum(a.event is not None for e in store.events.for_doc(doc_id) for a in e.arguments)


def test_assign_merge_review_decide_agree_and_export_with_event_arguments(tmp_path):
    master = tmp_path / "master.db"
    with ops.open_project(master) as store:
        assert ops.import_paths(store, [GE]).imported == 20
        (doc_id,) = [d for d in store.documents.ids() if store.documents.text(d) == SHARED]
        gold = _named(store, doc_id)
        files = ops.assign(store, ["ana", "ben"], tmp_path / "out", overlap=1.0).files
    for name in ("ana", "ben"):
        with ops.open_project(files[name]) as s:
            assert _named(s, doc_id) == gold  # the copy keeps which event each argument is
            if name == "ben":  # ben drops one of the three Transcription events on one trigger
                target = next(e for e in s.events.for_doc(doc_id) if e.type == "Transcription")
                ops.delete_event(s, target.id, annotator=name)
            for d in s.documents.ids():
                ops.mark_done(s, d, annotator=name)
    with ops.open_project(master) as store:
        ops.merge_files(store, files.values())
        review = ops.review(store, doc_id)
        assert any(d.kind == "event" for d in review.disagreements)
        for disagreement in [d for d in review.disagreements if d.kind == "event"][:2]:
            ops.decide(store, doc_id, disagreement, "ana", annotator="lead")
        figures = ops.measure_agreement(store, docs="all")
        assert figures
        assert ops.export(store, "brat", tmp_path / "ana-brat", everything=True, annotator="ana") == 20
        assert ops.export(store, "jsonl", tmp_path / "gold.jsonl", everything=True) == 20
        assert isinstance(ops.validate(store), list)
        assert _named(store, doc_id) > 0  # the gold layer's references survive the decisions
