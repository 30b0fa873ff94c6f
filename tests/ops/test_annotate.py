"""The annotator's actions: each one transaction, in history, undoable across restarts."""

from __future__ import annotations

from desktop import ops
from desktop.core.model import Changes, Source, Span, State, Status


def _suggest(store, doc_id, word, label="GPE"):
    text = store.documents.text(doc_id)
    start = text.index(word)
    span = Span(start, start + len(word), label, word, source=Source.MODEL, state=State.SUGGESTED, model="m@1")
    with store.action("test suggestions", undoable=False):
        store.preannotations.mark_done(doc_id, "m@1", 1)  # a run here: stats counts its suggestions
        return store.spans.add(doc_id, span, text, logged=False)


def _span(store, span_id):
    return store.spans.get(span_id)[1]


def test_add_span_is_accepted_and_moves_document_to_in_progress(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    start = text.index("Tokayev")
    out = ops.add_span(store, doc_id, start, start + 7, "PERSON", "ana")
    span = _span(store, out.span_id)
    assert (span.text, span.state, span.source, span.annotator) == ("Tokayev", "accepted", "annotator", "ana")
    assert store.documents.get_status(doc_id) == Status.IN_PROGRESS
    assert Changes.SPANS in out.changes and Changes.DOC_STATUS in out.changes


def test_accept_reject_relabel_and_stats(seeded):
    store, doc_id = seeded
    a = _suggest(store, doc_id, "Kazakhstan")
    b = _suggest(store, doc_id, "Almaty")
    c = _suggest(store, doc_id, "CSTO", "GPE")
    ops.accept_span(store, a, "ana")
    ops.reject_span(store, b, "ana")
    ops.relabel_span(store, c, "ORG", "ana")
    assert _span(store, a).state == "accepted"
    assert _span(store, b).state == "rejected"
    assert (_span(store, c).label, _span(store, c).corrected) == ("ORG", True)
    figures = ops.stats(store)
    assert figures["model_suggestions"] == {"accepted": 1, "corrected": 1, "rejected": 1, "open": 0}
    assert figures["annotators"] == {"ana": 3}


def test_resize_by_token_and_delete(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    start = text.index("Kassym-Jomart Tokayev")
    out = ops.add_span(store, doc_id, start, start + len("Kassym-Jomart"), "PERSON", "ana")
    grown = ops.resize_span(store, out.span_id, "end", +1, "ana")
    assert _span(store, grown.span_id).text == "Kassym-Jomart Tokayev"
    ops.resize_span(store, out.span_id, "start", -1, "ana")  # shrink at the start
    assert _span(store, out.span_id).text != "Kassym-Jomart Tokayev"
    ops.delete_span(store, out.span_id, "ana")
    assert all(s.id != out.span_id for s in store.spans.for_doc(doc_id))


def test_deleting_a_suggestion_rejects_it_so_it_never_comes_back(seeded):
    store, doc_id = seeded
    a = _suggest(store, doc_id, "Kazakhstan")
    ops.delete_span(store, a, "ana")
    assert _span(store, a).state == "rejected"
    assert _suggest(store, doc_id, "Kazakhstan") is None  # same suggestion again: ignored


def test_mark_done_accepts_remaining_suggestions_in_one_undoable_action(seeded):
    store, doc_id = seeded
    ids = [_suggest(store, doc_id, w) for w in ("Kazakhstan", "Almaty")]
    ops.mark_done(store, doc_id, "ana")
    assert store.documents.get_status(doc_id) == "done"
    assert {_span(store, i).state for i in ids} == {"accepted"}
    ops.undo(store, "ana")
    assert store.documents.get_status(doc_id) == "todo"
    assert {_span(store, i).state for i in ids} == {"suggested"}


def test_undo_redo_chain(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    s = text.index("Almaty")
    added = ops.add_span(store, doc_id, s, s + 6, "GPE", "ana").span_id
    ops.relabel_span(store, added, "LOC", "ana")
    ops.undo(store, "ana")
    assert _span(store, added).label == "GPE"
    ops.undo(store, "ana")
    assert store.spans.for_doc(doc_id) == []
    assert store.documents.get_status(doc_id) == "todo"
    ops.redo(store, "ana")
    assert _span(store, added).label == "GPE"
    ops.redo(store, "ana")
    assert _span(store, added).label == "LOC"
    assert ops.redo(store, "ana").changes == Changes.NONE


def test_new_action_ends_the_redo_chain(seeded):
    store, doc_id = seeded
    a = _suggest(store, doc_id, "Kazakhstan")
    ops.accept_span(store, a, "ana")
    ops.undo(store, "ana")
    ops.reject_span(store, a, "ana")
    assert ops.redo(store, "ana").changes == Changes.NONE
    assert _span(store, a).state == "rejected"


def test_undo_reaches_back_across_restarts(seeded, db_path):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    s = text.index("Almaty")
    span_id = ops.add_span(store, doc_id, s, s + 6, "GPE", "ana").span_id
    store.close()
    with ops.open_project(db_path) as again:
        assert _span(again, span_id).text == "Almaty"
        out = ops.undo(again, "ana")
        assert out.doc_id == doc_id
        assert again.spans.for_doc(doc_id) == []
    with ops.open_project(db_path) as third:
        ops.redo(third, "ana")
        assert _span(third, span_id).text == "Almaty"


def test_history_is_an_audit_trail(seeded):
    store, doc_id = seeded
    a = _suggest(store, doc_id, "Kazakhstan")
    ops.accept_span(store, a, "ana")
    action = store.history.last(undone=False)
    assert (action["name"], action["annotator"], action["doc_id"]) == ("accept span", "ana", doc_id)
    changes = store.history.changes(action["id"])
    assert any(c["tbl"] == "spans" and '"suggested"' in c["before"] and '"accepted"' in c["after"] for c in changes)


def test_failed_action_leaves_nothing_behind(seeded):
    store, doc_id = seeded
    before = store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
    try:
        ops.add_span(store, doc_id, 0, 10**9, "GPE", "ana")
    except Exception as exc:
        assert "outside" in str(exc) or "end" in str(exc)
    else:
        raise AssertionError("a span outside the text was stored")
    assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == before
    assert store.spans.for_doc(doc_id) == []


def test_model_results_for_a_document_finished_meanwhile_are_not_saved(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    start = text.index("Almaty")
    late = [(doc_id, [Span(start, start + 6, "GPE", "Almaty", source=Source.MODEL, state=State.SUGGESTED,
                           model="m@1")])]
    ops.mark_done(store, doc_id, "ana")  # the annotator finishes while the model runs
    assert ops.save_suggestions(store, ops.PreannotateReport("m@1"), late) == []
    assert store.spans.for_doc(doc_id) == []
    ops.set_status(store, doc_id, Status.TODO, "ana")
    assert ops.save_suggestions(store, ops.PreannotateReport("m@1"), late) == [doc_id]
    assert [s.text for s in store.spans.for_doc(doc_id)] == ["Almaty"]
