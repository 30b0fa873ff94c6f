"""Issue 13: training prefers adjudicated documents. A team's layers live in team_* tables
(issue 11); training reads only the master's own accepted annotations of done documents,
so what the annotators marked trains a model only once an adjudicator took it."""

from __future__ import annotations

from desktop import ops
from desktop.core.model import Status
from desktop.ops.training import training_documents
from tests.helpers import annotate_file, team_project


def test_training_reads_the_masters_adjudicated_layer_not_the_annotators(tmp_path):
    master = team_project(tmp_path, 2)
    with ops.open_project(master) as store:
        files = ops.assign(store, ["ana", "ben"], tmp_path / "out", overlap_docs=2).files
    annotate_file(files["ana"], "ana", {"Ana Smith": "PERSON", "Paris": "GPE"})
    annotate_file(files["ben"], "ben", {"Paris": "GPE"})
    with ops.open_project(master) as store:
        ops.merge_files(store, files.values())
        first, second = store.documents.ids()
        assert ops.review(store, first).annotators == ["ana", "ben"]  # the team's layers are there
        ops.set_status(store, first, Status.DONE)
        # Done, but nobody adjudicated: the annotators' spans are not training data.
        assert [(i, d.entities) for i, d in training_documents(store)] == [(first, [])]
        ops.preaccept(store, first, annotator="lead")  # the agreed span becomes the master's own
        ((doc_id, data),) = training_documents(store)
        assert doc_id == first
        assert [data.text[s:e] + "/" + label for s, e, label in data.entities] == ["Paris/GPE"]
        # The second document, adjudicated but not done, stays out.
        ops.preaccept(store, second, annotator="lead")
        assert [i for i, _ in training_documents(store)] == [first]
