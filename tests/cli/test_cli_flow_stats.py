"""`spandesk stats` reports events and document labels, and does not count the shipped
reference's model spans as suggestions accepted here (issue 12, tripped 14)."""

from __future__ import annotations

import json

from desktop import ops
from desktop.core.model import Source, Span, State

from tests.helpers import find, run


def test_stats_counts_events_doc_labels_and_only_this_projects_suggestions(tmp_path):
    db = tmp_path / "p.db"
    with ops.open_project(db, seed=True) as store:  # a new user's project: the annotated reference
        reference = ops.stats(store)
        assert reference["events"]["total"] > 0 and reference["doc_labels"]
        assert reference["model_suggestions"]["accepted"] == 0 and reference["imported_model_spans"] > 0
        doc_id = next(d for d in store.documents.ids() if not store.spans.for_doc(d))
        text = store.documents.text(doc_id)
        word = text.split()[0]
        span = Span(*find(text, word), "GPE", word, source=Source.MODEL, state=State.SUGGESTED, model="m@1")
        ops.save_suggestions(store, ops.PreannotateReport("m@1"), [(doc_id, [span])])
        ops.accept_span(store, store.spans.for_doc(doc_id)[0].id)
    figures = json.loads(run("stats", "--json", "--db", db).output)
    assert figures["model_suggestions"]["accepted"] == 1
    assert figures["events"]["total"] == reference["events"]["total"]
    shown = run("stats", "--db", db).output
    assert f"events: {figures['events']['total']} with" in shown
    assert "document labels: " in shown and "Protest" in shown
    assert "model spans that came with imported files" in shown
