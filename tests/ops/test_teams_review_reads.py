"""What the review window reads on every switch, read once (issue 11): the document's F1
from the review itself, every disagreement's state in one pass over the gold layer."""

from __future__ import annotations

from desktop import ops
from tests.helpers import annotate_file, relate_file, team_project


def test_review_f1_and_decisions_agree_with_the_one_at_a_time_reads(tmp_path):
    master = team_project(tmp_path, 3)
    with ops.open_project(master) as store:
        files = ops.assign(store, ["ana", "ben", "chen"], tmp_path / "out", overlap_docs=3).files
    annotate_file(files["ana"], "ana", {"Ana Smith": "PERSON", "Paris": "GPE", "Ben Jones": "PERSON"})
    relate_file(files["ana"], "ana", [("Ana Smith", "Paris", "PHYS:Located")])
    annotate_file(files["ben"], "ben", {"Ana": "PERSON", "Paris": "GPE", "Ben Jones": "ORG"})
    annotate_file(files["chen"], "chen", {"Paris": "GPE"})
    with ops.open_project(files["chen"]) as chen:
        ops.toggle_doc_label(chen, chen.documents.ids()[0], "Protest", annotator="chen")
    with ops.open_project(master) as store:
        ops.merge_files(store, files.values())
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
