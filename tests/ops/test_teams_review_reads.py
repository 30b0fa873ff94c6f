"""What the review window reads on every switch, read once (issue 11): the document's F1
from the review itself, every disagreement's state in one pass over the gold layer."""

from __future__ import annotations

from desktop import ops
from tests.helpers import merged, relate_file, team_files


def test_review_f1_and_decisions_agree_with_the_one_at_a_time_reads(tmp_path):
    master, files = team_files(tmp_path, 3, ("ana", "ben", "chen"),
                               {"ana": {"Ana Smith": "PERSON", "Paris": "GPE", "Ben Jones": "PERSON"},
                                "ben": {"Ana": "PERSON", "Paris": "GPE", "Ben Jones": "ORG"}, "chen": {"Paris": "GPE"}})
    relate_file(files["ana"], "ana", [("Ana Smith", "Paris", "PHYS:Located")])
    with ops.open_project(files["chen"]) as chen:
        ops.toggle_doc_label(chen, chen.documents.ids()[0], "Protest", annotator="chen")
    with merged(master, files) as store:
        for doc_id in ops.review_documents(store):
            r = ops.review(store, doc_id)
            assert r.f1 == ops.document_agreement(store, doc_id)
            assert {d.kind for d in r.disagreements} >= {"span", "relation"}
            ops.decide(store, doc_id, r.disagreements[0], "ana", annotator="lead")
            ops.decide(store, doc_id, r.disagreements[-1], ops.BOTH, annotator="lead")
            assert ops.decisions(store, doc_id, r.disagreements) == [
                ops.decided(store, doc_id, d) for d in r.disagreements]
            assert ops.decisions(store, doc_id, r.disagreements)[0] == "ana"
        assert r.f1 < 1.0
