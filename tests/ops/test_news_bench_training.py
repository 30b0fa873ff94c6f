"""Issue 13's news half through ops: training on documents annotated for some labels only
(`annotated_labels`) scores only those, and bench/learning.py's CoNLL-2003 conversion goes
through Spandesk's own CoNLL import (made-up articles here: Reuters text is never committed)."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from desktop import ops
from desktop.core.model import Status
from desktop.nlp.models import find_model
from tests.helpers import ROOT, seed_copies_project


def _bench():
    spec = importlib.util.spec_from_file_location("bench_learning", ROOT / "bench" / "learning.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ARTICLE = """-DOCSTART- -X- -X- O

Ann NNP B-NP B-PER
Lee NNP I-NP I-PER
of IN B-PP O
Acme NNP B-NP B-ORG
visited VBD B-VP O
Paris NNP B-NP B-LOC
for IN B-PP O
the DT B-NP O
Dutch JJ I-NP B-MISC
Open NNP I-NP I-MISC
. . O O

"""


def test_the_bench_maps_conll_labels_and_leaves_the_rest_to_do(tmp_path):
    bench = _bench()
    source = tmp_path / "eng.train"
    articles = "".join(ARTICLE.replace("Paris", city) for city in ("Paris", "Rome", "Oslo"))
    source.write_text(articles + "-DOCSTART- -X- -X- O\n\n1996-08-22 CD I-NP O\n\n", encoding="utf-8")
    docs = bench.conll_documents(source)
    assert len(docs) == 4 and not any(bench.seed_like(d) for d in docs)  # short, and a dateline alone
    bench._write(tmp_path / "train.conll", docs[:2])
    bench._write(tmp_path / "rest.conll", docs[2:], todo=True)
    with ops.open_project(tmp_path / "p.db") as store:
        report = ops.import_paths(store, [tmp_path / "train.conll", tmp_path / "rest.conll"])
        assert report.imported == 4
        ids = store.documents.ids()
        assert [store.documents.get(i).status for i in ids] == [Status.DONE] * 2 + [Status.TODO] * 2
        spans = {(s.text, s.label) for s in store.spans.for_doc(ids[0])}
        assert spans == {("Ann Lee", "PERSON"), ("Acme", "ORG"), ("Paris", "GPE"), ("Dutch Open", "MISC")}
        assert store.spans.for_doc(ids[2]) == []  # to do: nothing decided, only its text for rehearsal


@pytest.mark.slow
@pytest.mark.skipif(find_model() is None, reason="needs the English spaCy pipeline")
def test_only_the_annotated_labels_are_scored(tmp_path):
    db = seed_copies_project(tmp_path, 4, chars=700)
    with ops.open_project(db) as store:
        ops.preannotate(store)
        for doc_id in store.documents.ids()[:3]:
            ops.mark_done(store, doc_id)  # the base model's entities, all accepted as they are
    every = tmp_path / "every.db"
    shutil.copy(db, every)
    with ops.open_project(db) as store:
        held = store.documents.ids()[:1]
        report = ops.train_model(store, components=("ner",), max_steps=2, held_out=held,
                                 annotated_labels=("GPE", "ORG"))
    with ops.open_project(every) as store:
        whole = ops.train_model(store, components=("ner",), max_steps=2, held_out=held)
    for side in ("base", "trained"):
        assert set(report.scores["entities"][side]) <= {"GPE", "ORG", "ALL"}
    assert set(whole.scores["entities"]["base"]) - {"GPE", "ORG", "ALL"}  # the seed has more labels than these
    assert report.scores["entities"]["base"]["ALL"]["f"] == 1.0  # the base model against its own entities
    assert report.scores["entities"]["base"]["ALL"]["n"] < whole.scores["entities"]["base"]["ALL"]["n"]
