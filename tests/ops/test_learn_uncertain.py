"""Issue 13: confidence kept on suggestions — the `uncertain` order of the document list and
the next document, and the project's suggestion threshold."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.model import Layer, SpandeskError
from desktop.nlp.models import find_model
from tests.helpers import scored_suggestion, seed_copies_project


def test_uncertain_order_puts_the_least_sure_documents_first(tmp_path):
    db = seed_copies_project(tmp_path, 4, chars=200)
    with ops.open_project(db) as store:
        a, b, c, d = store.documents.ids()
        scored_suggestion(store, a, 0.97)
        scored_suggestion(store, b, 0.52)  # nearest 0.5: least sure
        scored_suggestion(store, d, 0.2)
        query = ops.ListQuery(sort="uncertain")
        page = [doc_id for doc_id, _key in ops.list_page(store, query)]
        assert page == [b, d, a, c]  # c has no scored suggestion: last
        # Page by page, as the list fetches, and `next document`, walk the same order.
        walked, after = [], None
        while more := ops.list_page(store, query, after, limit=1):
            walked.append(more[0][0])
            after = more[0][1]
        assert walked == page
        assert ops.next_document(store, query, b) == d and ops.next_document(store, query, a) == c
        assert ops.first_open_document(store, query) == b
        # A decided suggestion no longer makes its document uncertain.
        trigger = store.spans.for_doc(b, layer=Layer.TRIGGER)[0]
        ops.accept_span(store, trigger.id)
        # (ties go by id in the sort's direction, as in "changed": the newest first)
        assert [i for i, _ in ops.list_page(store, query)] == [d, a, c, b]


def test_the_threshold_is_checked_and_remembered(tmp_path):
    db = seed_copies_project(tmp_path, 1, chars=200)
    with ops.open_project(db) as store:
        assert ops.suggestion_threshold(store) == 0.25
        ops.set_suggestion_threshold(store, 0.8)
        assert ops.suggestion_threshold(store) == 0.8
        with pytest.raises(SpandeskError, match="from 0 to 1"):
            ops.set_suggestion_threshold(store, 1.5)


@pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")
def test_triggers_below_the_threshold_are_not_suggested(tmp_path):
    db = seed_copies_project(tmp_path, 1)
    with ops.open_project(db) as store:
        doc_id = store.documents.ids()[0]
        ops.set_suggestion_threshold(store, 0.0)
        everything = ops.preannotate(store).events
        scores = [e.score for e in ops.events(store, doc_id)]
        assert min(scores) < 0.9 <= max(scores)  # weak and strong lexicon words both found
        ops.set_suggestion_threshold(store, 0.9)
        sure = ops.preannotate(store, force=True)
        events = ops.events(store, doc_id)
        assert events and all(e.score >= 0.9 for e in events)
        assert len(events) == sure.events < everything  # --force: the open ones made anew, fewer
