"""JSONL carries issue 10's kinds: relations in Prodigy's form, the others under their keys,
so export → import is lossless; real Prodigy relation (rel.manual) and entity-linking
(nel.manual) files store their relations and links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import ops
from desktop.core.annotations import Normalisation, Relation
from desktop.core.model import BadInput, Layer
from desktop.formats import jsonl
from desktop.formats.jsonl_kinds import NEL_RESOURCE

THIRD = Path(__file__).parents[1] / "data/thirdparty"
REL = THIRD / "projects/tutorials/rel_component/assets/annotations.jsonl"
NEL = THIRD / "projects/tutorials/nel_emerson/assets/emerson_annotated_text.jsonl"
NEWS = THIRD / "brat/tutorials/news"
TDT = THIRD / "brat/corpora/TDT"


def _key(span):
    return span.start, span.end, span.label, str(span.layer)


def _thing(t):
    if t is None:
        return None
    if isinstance(t, Relation):
        return ("R", t.label, _key(t.head), _key(t.child), t.head_role, t.child_role)
    if hasattr(t, "trigger"):
        return ("E", t.type, _key(t.trigger), frozenset((a.role, _key(a.span)) for a in t.arguments))
    return _key(t)


def _everything(store) -> dict[str, tuple]:
    """Each document's kinds by value (no ids, no timestamps), by its text."""
    out = {}
    for doc_id in store.documents.ids():
        k = ops.document_kinds(store, doc_id)
        out[store.documents.text(doc_id)] = (
            sorted(_thing(r) for _, r in k.relations),
            sorted((a.name, a.value, _thing(a.target)) for _, a in k.attributes),
            sorted((n.text, n.kind, str(_thing(n.target))) for _, n in k.notes),
            sorted((n.resource, n.key, n.name, n.kind, _key(n.target)) for _, n in k.normalisations),
            sorted((e.label, sorted(_key(m) for m in e.members)) for _, e in k.equivalences),
        )
    return out


@pytest.mark.parametrize("source", [NEWS, TDT, REL, NEL], ids=lambda p: p.name)
def test_jsonl_export_and_import_keep_every_kind(source, tmp_path):
    with ops.open_project(tmp_path / "a.db") as first:
        report = ops.import_paths(first, [source])
        assert report.ok, report.dropped
        before = _everything(first)
        assert any(any(kinds) for kinds in before.values())
        ops.export(first, "jsonl", tmp_path / "out.jsonl", everything=True)
    with ops.open_project(tmp_path / "b.db") as second:
        again = ops.import_paths(second, [tmp_path / "out.jsonl"])
        assert again.ok and not again.dropped, again.dropped
        assert _everything(second) == before
        assert {k: v for k, v in again.stored_kinds.items() if k != "spans"} == {
            k: v for k, v in report.stored_kinds.items() if k != "spans"}


def test_prodigy_rel_manual_relations_are_stored_one_for_one(store):
    tasks = [json.loads(line) for line in REL.read_text(encoding="utf-8").splitlines()]
    expected = sum(len(t["relations"]) for t in tasks)
    report = ops.import_paths(store, [REL])
    assert report.ok and report.stored_kinds["relations"] == expected == 38
    doc_id = store.documents.ids()[0]
    text = store.documents.text(doc_id)
    ((_, first), *_rest) = ops.relations(store, doc_id)
    assert (first.label, text[first.head.start:first.head.end], first.head.label) == (
        tasks[0]["relations"][0]["label"], "Smad", "GGP")


def test_prodigy_relations_written_for_prodigy(store, tmp_path):
    ops.import_paths(store, [REL])
    ops.export(store, "jsonl", tmp_path / "out.jsonl", everything=True)
    task = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    tokens = task["tokens"]
    for rel in task["relations"]:
        for end, key in ((rel["head"], "head_span"), (rel["child"], "child_span")):
            span = rel[key]
            assert end == span["token_end"]
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]


def test_prodigy_entity_linking_becomes_a_normalisation(store):
    tasks = [json.loads(line) for line in NEL.read_text(encoding="utf-8").splitlines()]
    report = ops.import_paths(store, [NEL])
    assert report.ok and report.stored_kinds["normalisations"] == len(tasks) == 30
    doc_id = store.documents.ids()[0]
    ((_, norm),) = ops.document_kinds(store, doc_id).normalisations
    assert norm.resource == NEL_RESOURCE and norm.key == tasks[0]["accept"][0] == "Q312545"
    assert norm.name == "Q312545: Australian tennis player" and norm.target.text == "Emerson"


def _task(**extra):
    return json.dumps({"text": "Alice met Bob.", "spans": [{"start": 0, "end": 5, "label": "PER"},
                                                           {"start": 10, "end": 13, "label": "PER"}], **extra})


def _read(tmp_path, line):
    path = tmp_path / "t.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    return next(jsonl.read(path))


def test_a_relation_between_bare_tokens_is_reported(tmp_path):
    rel = {"head": 0, "child": 2, "label": "x", "head_span": {"start": 0, "end": 5, "label": None},
           "child_span": {"start": 10, "end": 13, "label": "PER"}}
    record = _read(tmp_path, _task(relations=[rel]))
    assert record.relations == [] and [d.kind for d in record.dropped] == ["relation"]


def test_nel_choice_without_an_accept_answer_is_reported(tmp_path):
    record = _read(tmp_path, _task(options=[{"id": "Q1", "text": "one"}], accept=["Q1"], answer="ignore"))
    assert record.normalisations == []
    assert "not accept" in record.dropped[0].reason


@pytest.mark.parametrize("extra, reason", [
    ({"attributes": [{"name": "X", "target": {"event": 0}}]}, "event 0 is not one of the task's 0 events"),
    ({"attributes": [{"name": "", "target": {"span": {"start": 0, "end": 5, "label": "PER"}}}]}, "name must be"),
    ({"notes": [{"text": "x", "target": {"what": 1}}]}, "unknown target 'what'"),
    ({"normalisations": [{"resource": "W", "key": "1", "target": {"relation": 0}}]}, "relation 0 is not one"),
    ({"equivalences": [{"label": "Equiv", "spans": []}]}, "spans must be a non-empty list"),
    ({"relations": "no"}, '"relations" is a string, not a list'),
])
def test_malformed_kinds_refuse_the_line(tmp_path, extra, reason):
    bad = _read(tmp_path, _task(**extra))
    assert isinstance(bad, BadInput) and bad.line == 1 and reason in bad.reason, bad


def test_kinds_on_a_document_and_on_spans_read_back(tmp_path):
    span = {"start": 0, "end": 5, "label": "PER"}
    record = _read(tmp_path, _task(notes=[{"text": "doc note"}, {"text": "on Alice", "target": {"span": span}}],
                                   normalisations=[{"resource": "Wikidata", "key": "Q1", "target": {"span": span}}]))
    alice = next(s for s in record.spans if s.start == 0)
    assert [(n.text, n.target) for n in record.notes] == [("doc note", None), ("on Alice", alice)]
    assert record.normalisations == [Normalisation(alice, "Wikidata", "Q1")]
    assert alice.layer == Layer.ENTITY


def test_a_rejected_tasks_relations_are_reported_not_stored(tmp_path):
    rel = {"head": 0, "child": 2, "label": "knows", "head_span": {"start": 0, "end": 5, "label": "PER"},
           "child_span": {"start": 10, "end": 13, "label": "PER"}}
    record = _read(tmp_path, _task(relations=[rel], answer="reject"))
    assert record.relations == [] and "rejected" in record.dropped[0].reason
    record = _read(tmp_path, _task(relations=[rel], answer="accept"))
    assert [r.label for r in record.relations] == ["knows"] and record.dropped == []
