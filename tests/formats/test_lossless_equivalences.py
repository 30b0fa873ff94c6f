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
