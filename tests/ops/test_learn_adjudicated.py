"""Issue 13: training prefers adjudicated documents. A team's layers live in team_* tables
(issue 11); training reads only the master's own accepted annotations of done documents,
so what the annotators marked trains a model only once an adjudicator took it."""

from __future__ import annotations

from desktop import ops
from desktop.core.model import Status
from desktop.ops.training import training_documents
from tests.helpers import merged, team_files


def test_training_reads_the_masters_adjudicated_layer_not_the_annotators(tmp_path):
    team = team_files(tmp_path, 2, marks={"ana": {"Ana Smith": "PERSON", "Paris": "GPE"}, "ben": {"Paris": "GPE"}})
    with merged(*team) as store:
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
