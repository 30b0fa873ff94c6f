"""ops.reshape_words (issue 12's effort, third round): an entity span takes new words and a
label in one undoable action; anything else is refused with a reason."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.model import BadInput, Layer, Source, Span, State

TEXT = "Kazakh President Kassym-Jomart Tokayev spoke in Almaty."


@pytest.fixture
def project(tmp_path):
    store = ops.open_project(tmp_path / "p.db")
    source = tmp_path / "t.jsonl"
    source.write_text('{"text": "%s"}\n' % TEXT, encoding="utf-8")
    assert ops.import_paths(store, [source]).ok
    doc_id = store.documents.ids()[0]
    span = Span(0, TEXT.index(" spoke"), "ORG", TEXT[:TEXT.index(" spoke")], Layer.ENTITY, Source.MODEL,
                State.SUGGESTED, model="m@1")
    ops.save_suggestions(store, ops.PreannotateReport("m@1"), [(doc_id, [span])])
    yield store, doc_id
    store.close()


def test_a_suggestion_takes_new_words_and_a_label_and_undo_puts_it_back(project):
    store, doc_id = project
    span = store.spans.for_doc(doc_id, layer=Layer.ENTITY)[0]
    start = TEXT.index("Kassym")
    outcome = ops.reshape_words(store, span.id, start, TEXT.index(" spoke"), "PERSON")
    after = store.spans.get(outcome.span_id)[1]
    assert (after.start, after.end, after.label, after.state) == (start, TEXT.index(" spoke"), "PERSON",
                                                                  State.ACCEPTED)
    ops.undo(store)
    back = store.spans.get(span.id)[1]
    assert (back.start, back.end, back.label, back.state) == (span.start, span.end, "ORG", State.SUGGESTED)


def test_a_range_holding_no_words_or_past_the_text_is_refused(project):
    store, doc_id = project
    span = store.spans.for_doc(doc_id, layer=Layer.ENTITY)[0]
    with pytest.raises(BadInput):
        ops.reshape_words(store, span.id, 5, 5, "PERSON")
    with pytest.raises(BadInput):
        ops.reshape_words(store, span.id, 0, len(TEXT) + 4, "PERSON")
