"""Issue 13: a trained model's document labels are suggested by pre-annotation (with their
scores), never over a decision."""

from __future__ import annotations

import pytest
from desktop import ops
from desktop.core.model import Status
from desktop.nlp.models import find_model
from tests.helpers import seed_copies_project


@pytest.mark.slow
@pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")
def test_a_trained_doc_label_model_suggests_labels(tmp_path):
    with ops.open_project(seed_copies_project(tmp_path, 7, chars=500)) as store:
        *done, open_id = store.documents.ids()
        label = ops.project_label_set(store).doc_labels[0].name
        for doc_id in done:
            ops.toggle_doc_label(store, doc_id, label)
            ops.set_status(store, doc_id, Status.DONE)
        ops.train_model(store, components=("doc_labels",), max_steps=40, seed=0)
        report = ops.preannotate(store, model="latest", events=False)
        suggested = ops.doc_label_suggestions(store, open_id)
        assert report.doc_labels == len(suggested) >= 1  # copies of one article, all labelled so
        assert suggested[0][0] == label and 0.5 <= suggested[0][1] <= 1
        assert ops.doc_labels(store, open_id) == []  # a suggestion, not a label
        for doc_id in done:  # a done document is never pre-annotated over
            assert ops.doc_label_suggestions(store, doc_id) == []
