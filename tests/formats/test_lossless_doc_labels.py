"""Document labels stored exactly (issue 10): Prodigy's textcat `answer: "reject"` is a
rejected document label (doc_labels' state, V_LEARN2), written back to Prodigy JSONL in
Prodigy's own binary form; a label the label set lacks is stored as an undeclared span
label is, and said."""

from __future__ import annotations

import json
from pathlib import Path

from desktop import ops
from tests.helpers import DATA

TEXTCAT = DATA / "thirdparty/prodigy-recipes/example-datasets/annotated_github-issues-DOCUMENTATION-textcat.jsonl"


def _verdicts(store) -> dict[str, tuple[list[str], list[str]]]:
    return {store.documents.text(d): (store.doc_labels.for_doc(d), store.doc_labels.rejected(d))
            for d in store.documents.ids()}


def test_textcat_rejects_are_stored_and_written_back_as_prodigy_wrote_them(store, tmp_path):
    lines = [json.loads(x) for x in TEXTCAT.read_text(encoding="utf-8").splitlines()]
    report = ops.import_paths(store, [TEXTCAT])
    assert report.ok and not report.dropped and not report.conflicts
    assert report.read["doc_labels"] == report.stored_kinds["doc_labels"] == len(lines) == 30
    verdicts = _verdicts(store)
    for task in lines:
        has, not_ = verdicts[task["text"]]
        assert (has, not_) == ((["DOCUMENTATION"], []) if task["answer"] == "accept" else ([], ["DOCUMENTATION"]))
    out = tmp_path / "out.jsonl"
    assert ops.export(store, "jsonl", out, everything=True) == 30
    written = {t["text"]: t for t in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for task in lines:
        back = written[task["text"]]
        if task["answer"] == "reject":  # Prodigy's binary textcat form, and Spandesk's key
            assert (back["label"], back["answer"], back["rejected_doc_labels"]) == ("DOCUMENTATION", "reject",
                                                                                   ["DOCUMENTATION"])
        else:
            assert back["doc_labels"] == ["DOCUMENTATION"] and "rejected_doc_labels" not in back
    again = ops.open_project(tmp_path / "again.db")
    try:
        assert ops.import_paths(again, [out]).ok
        assert _verdicts(again) == verdicts
    finally:
        again.close()


def _line(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_rejected_label_is_toggled_on_by_the_annotator_and_undo_rules_it_out_again(store, tmp_path):
    ops.import_paths(store, [_line(tmp_path / "t.jsonl", [{"text": "Riots in the capital.", "label": "Protest",
                                                            "answer": "reject"}])])
    (doc_id,) = store.documents.ids()
    assert store.doc_labels.rejected(doc_id) == ["Protest"] and store.doc_labels.for_doc(doc_id) == []
    ops.toggle_doc_label(store, doc_id, "Protest")
    assert store.doc_labels.for_doc(doc_id) == ["Protest"] and store.doc_labels.rejected(doc_id) == []
    ops.undo(store)
    assert store.doc_labels.rejected(doc_id) == ["Protest"] and store.doc_labels.for_doc(doc_id) == []
    # a model does not suggest a label the annotator ruled out
    assert not store.doc_labels.suggest(doc_id, "Protest", "m@1", 0.9)


def test_a_duplicate_text_with_the_opposite_verdict_is_a_conflict_the_first_kept(store, tmp_path):
    path = _line(tmp_path / "t.jsonl", [{"text": "Riots in the capital.", "label": "Protest", "answer": "accept"},
                                       {"text": "Riots in the capital.", "label": "Protest", "answer": "reject"}])
    report = ops.import_paths(store, [path])
    (doc_id,) = store.documents.ids()
    assert store.doc_labels.for_doc(doc_id) == ["Protest"] and store.doc_labels.rejected(doc_id) == []
    assert not report.ok and report.dropped_kinds["doc_labels"] == 1
    assert any("t.jsonl:2: document label 'Protest' is rejected here but accepted" in c for c in report.conflicts)


def test_a_line_both_giving_and_rejecting_a_label_is_refused_with_its_line(store, tmp_path):
    path = _line(tmp_path / "t.jsonl", [{"text": "Riots.", "doc_labels": ["Protest"], "label": "Protest",
                                         "answer": "reject"}])
    report = ops.import_paths(store, [path])
    (bad,) = report.refused
    assert bad.line == 1 and "both given and rejected" in bad.reason


def test_a_label_the_label_set_lacks_is_stored_said_and_validated(store, tmp_path):
    path = _line(tmp_path / "t.jsonl", [{"text": "A cat.", "doc_labels": ["Cats"]},
                                       {"text": "A dog.", "label": "Cats", "answer": "reject"}])
    report = ops.import_paths(store, [path])
    assert report.ok and report.stored_kinds["doc_labels"] == 2
    assert report.unknown_doc_labels == {"Cats": 2}
    problems = ops.validate(store)
    assert any('the schema has no document label "Cats"' in p for p in problems)
