"""Coreference clusters whose members are no entities (DyGIE++'s `clusters`), stored
exactly (issue 10): the member spans, labelled Mention, are stored with their set and
written back in the cluster only, not as entities. The DyGIE++ multi_dataset fixture's
third document has 9 such clusters; before, each was reported "not stored"."""

from __future__ import annotations

import json

from desktop import ops
from desktop.formats.dygiepp import MENTION
from tests.helpers import DATA

DEV = DATA / "thirdparty/dygiepp/dygie/tests/fixtures/multi_dataset/dev.jsonl"


def test_clusters_of_mentions_are_stored_and_written_back_as_they_were(store, tmp_path):
    original = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    report = ops.import_paths(store, [DEV], fmt="dygiepp")
    clusters = sum(len(d.get("clusters", [])) for d in original)
    assert report.read["equivalences"] == report.stored_kinds["equivalences"] == clusters > 9
    assert not report.dropped_kinds["equivalences"] and not [d for d in report.dropped if "equivalence" in d]
    # the spans read are the entities; the mentions came with their sets, not as entities read
    assert report.read["spans"] == report.stored_kinds["spans"]
    mentions = [s for d in store.documents.ids() for s in store.spans.for_doc(d) if s.label == MENTION]
    assert mentions
    out = tmp_path / "out.jsonl"
    assert ops.export(store, "dygiepp", out, everything=True) == len(original)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_key = {d["doc_key"]: d for d in written}
    for doc in original:
        back = by_key[str(doc["doc_key"])]
        assert back["sentences"] == doc["sentences"]
        assert sorted(map(sorted, back.get("clusters", []))) == sorted(map(sorted, doc.get("clusters", [])))
        # no Mention in ner: each sentence's entities are the file's (as a set: duplicates go)
        assert [sorted(map(tuple, s)) for s in back["ner"]] == [sorted(set(map(tuple, s))) for s in doc["ner"]]


def test_formats_without_sets_do_not_write_mentions_as_entities(store, tmp_path):
    """A DocBin or CoNLL file has no coreference sets: a Mention there would be an entity
    (and train a Mention label), so only the entities go."""
    import spacy
    from spacy.tokens import DocBin

    ops.import_paths(store, [DEV], fmt="dygiepp")
    entities = sorted({s.label for d in store.documents.ids() for s in store.spans.for_doc(d)} - {MENTION})
    out = tmp_path / "out.spacy"
    ops.export(store, "spacy", out, everything=True)
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    labels = {e.label_ for d in docs for e in d.ents} | {s.label_ for d in docs for s in d.spans.get("sc", [])}
    assert labels and MENTION not in labels and labels <= set(entities)
    conll = tmp_path / "out.conll"
    ops.export(store, "conll", conll, everything=True)
    assert MENTION not in conll.read_text(encoding="utf-8")
    # the sets' own formats keep them
    ops.export(store, "jsonl", tmp_path / "out.jsonl", everything=True)
    assert MENTION in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
