"""Search over annotations and bulk actions (issue 12): counts first, one undoable action each."""

from __future__ import annotations

from desktop import ops
from desktop.core.model import Source, Span, State

from tests.helpers import SEED, dump


def _project(store, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Almaty calm\n\nKazakhstan reopened Almaty airport; Kazakhstanis flew.", encoding="utf-8")
    assert ops.import_paths(store, [SEED, other]).ok
    return store.documents.ids()


def _suggest(store, doc_id, words, label):
    text = store.documents.text(doc_id)
    spans = []
    at = text.find(words)
    while at >= 0:
        spans.append(Span(at, at + len(words), label, words, source=Source.MODEL, state=State.SUGGESTED, model="m@1"))
        at = text.find(words, at + 1)
    ops.save_suggestions(store, ops.PreannotateReport("m@1"), [(doc_id, spans)])


def test_mark_every_occurrence_counts_first_and_undoes_in_one_step(store, tmp_path):
    first, second = _project(store, tmp_path)
    before = dump(store.path)
    spans, docs = ops.plan_mark_all(store, "Kazakhstan", "GPE")
    whole = sum(len(h) for h in ops.occurrences(store, "Kazakhstan").values())
    assert spans == whole and docs == 2
    assert "Kazakhstanis" not in {store.documents.text(second)[s:e]
                                  for s, e in ops.occurrences(store, "Kazakhstan")[second]}
    assert ops.plan_mark_all(store, "Kazakhstan", "GPE", doc_id=second) == (1, 1)
    outcome = ops.mark_all(store, "Kazakhstan", "GPE", annotator="ana")
    assert (outcome.count, outcome.documents) == (spans, 2)
    marked = [s for d in (first, second) for s in store.spans.for_doc(d) if s.text == "Kazakhstan"]
    assert len(marked) == spans and all(s.state == State.ACCEPTED and s.label == "GPE" for s in marked)
    assert ops.plan_mark_all(store, "Kazakhstan", "GPE") == (0, 0)  # nothing left to mark
    assert ops.undo_text(store) == "mark every occurrence “Kazakhstan” GPE"
    ops.undo(store, annotator="ana")
    assert not [s for d in (first, second) for s in store.spans.for_doc(d) if s.text == "Kazakhstan"]
    after = [line for line in dump(store.path) if "actions" not in line and "history" not in line
             and "documents" not in line and "status_counts" not in line]
    assert after == [line for line in before if "actions" not in line and "history" not in line
                     and "documents" not in line and "status_counts" not in line]


def test_accept_or_reject_every_suggestion_with_the_same_text_and_label(store, tmp_path):
    first, second = _project(store, tmp_path)
    _suggest(store, first, "Almaty", "GPE")
    _suggest(store, second, "Almaty", "GPE")
    _suggest(store, second, "Kazakhstan", "GPE")  # other words: untouched
    count, docs = ops.plan_judge_all(store, "Almaty", "GPE")
    assert count >= 3 and docs == 2
    outcome = ops.judge_all(store, "Almaty", "GPE", accept=False, annotator="ana")
    assert outcome.count == count
    states = {s.state for d in (first, second) for s in store.spans.for_doc(d) if s.text == "Almaty"}
    assert states == {State.REJECTED}
    assert {s.state for s in store.spans.for_doc(second) if s.text == "Kazakhstan"} == {State.SUGGESTED}
    ops.undo(store)
    assert ops.plan_judge_all(store, "Almaty", "GPE") == (count, 2)
    ops.judge_all(store, "Almaty", "GPE", accept=True)
    assert {s.state for d in (first, second) for s in store.spans.for_doc(d) if s.text == "Almaty"} == {State.ACCEPTED}


def test_search_annotations_by_text_label_state_and_annotator(store, tmp_path):
    first, second = _project(store, tmp_path)
    _suggest(store, second, "Almaty", "GPE")
    ops.mark_all(store, "Kazakhstan", "GPE", doc_id=second, annotator="ana")
    found = ops.search_annotations(store, "almaty")
    assert {f.span.text for f in found} == {"Almaty"} and {f.doc_id for f in found} == {second}
    assert {f.span.text for f in ops.search_annotations(store, label="GPE", annotator="ana")} == {"Kazakhstan"}
    assert {f.span.state for f in ops.search_annotations(store, state="suggested")} == {State.SUGGESTED}
    assert ops.search_annotations(store, "nowhere") == []
