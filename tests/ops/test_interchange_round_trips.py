"""Each interchange format round-trips on real third-party excerpts (issue 10): X → import
→ export X carries the same annotations, and the import's counts say so: for every kind,
what was read is stored, or reported dropped (relations, notes, attributes and
coreference until the project can hold them), never lost silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import ops
from desktop.formats import FORMATS

from tests.formats.helpers_interchange import THIRDPARTY, annotations, records
from tests.helpers import ROOT

DOCCANO = THIRDPARTY / "doccano/backend"
DYGIEPP = THIRDPARTY / "dygiepp/dygie/tests/fixtures"
PRODIGY = THIRDPARTY / "prodigy-recipes/example-datasets"
DOC_LABELS = ("positive", "negative", "business", "sport", "DOCUMENTATION", "INSULT")


def schema_with_doc_labels(tmp_path: Path) -> Path:
    """The shipped schema with the excerpts' document labels added."""
    text = (ROOT / "resources/schemas/news-events.toml").read_text(encoding="utf-8")
    for name in DOC_LABELS:
        text += f'\n[[doc_label]]\nname = "{name}"\nkey = ""\ndescription = "From the test excerpts."\n'
    path = tmp_path / "schema.toml"
    path.write_text(text, encoding="utf-8")
    return path


def round_trip(tmp_path: Path, fmt: str, source: Path, *, labels: bool = False):
    """Import `source` as `fmt` into a new project, export every document as `fmt`; the
    import's report, and the records read from the source and from the export."""
    out = tmp_path / ("out-" + FORMATS[fmt].default_name)
    with ops.open_project(tmp_path / f"{fmt}.db") as store:
        if labels:
            ops.set_label_set(store, schema_with_doc_labels(tmp_path))
        report = ops.import_paths(store, [source], fmt=fmt)
        assert not report.refused, report.refused
        assert ops.export(store, fmt, out, everything=True) == report.imported
    read = FORMATS[fmt].reader()
    return report, records(read(source)), records(read(out))


def held(report, before) -> list[str]:
    """The kinds of which the project stored all the records held: those must come back exactly."""
    return [k for k in ("spans", "events", "doc_labels", "relations", "attributes", "notes", "equivalences")
            if report.stored_kinds[k] == sum(len(getattr(r, k)) for r in before)]


def check(report, before, after) -> None:
    for kind in report.kinds():  # every piece read is stored or reported dropped
        assert report.read[kind] == report.stored_kinds[kind] + report.dropped_kinds[kind], kind
    assert report.ok == (not report.dropped and not report.conflicts)
    kinds = held(report, before)
    assert "spans" in kinds
    assert len(before) == len(after) == report.imported
    for a, b in zip(before, after, strict=True):
        want, got = _unordered(annotations(a)), _unordered(annotations(b))
        assert got["text"] == want["text"]
        for kind in kinds:
            assert got[kind] == want[kind], kind


def _unordered(found: dict) -> dict:
    """An event's arguments as a set: the store keeps no order among them."""
    return found | {"events": sorted((t, trigger, tuple(sorted(args))) for t, trigger, args in found["events"])}


@pytest.mark.parametrize("name", ["sequence_labeling", "relation_extraction", "text_classification"])
@pytest.mark.parametrize("side", ["data_export", "data_import"])
def test_doccano_examples_round_trip(tmp_path, side, name):
    source = DOCCANO / side / "pipeline/examples" / name / "example.jsonl"
    report, before, after = round_trip(tmp_path, "doccano", source, labels=True)
    check(report, before, after)
    if name == "relation_extraction":
        assert report.read["relations"] == 3 and report.read["spans"] == 4
    if name == "text_classification":
        # The label set knows these labels: they are stored, and the import is clean.
        assert report.read["doc_labels"] == report.stored_kinds["doc_labels"] == 3 and report.ok


def test_doccano_document_labels_the_label_set_lacks_are_stored_and_said(tmp_path):
    """As a span whose label the label set lacks is stored (validate lists it), so is a
    document label: counted stored, and listed by label with how many documents hold it."""
    source = DOCCANO / "data_export/pipeline/examples/text_classification/example.jsonl"
    report, before, after = round_trip(tmp_path, "doccano", source)
    assert (report.read["doc_labels"], report.stored_kinds["doc_labels"], report.dropped_kinds["doc_labels"]) == (3, 3, 0)
    assert report.ok and not report.dropped
    assert report.unknown_doc_labels == {"positive": 2, "negative": 1}
    assert report.as_dict()["doc_labels_not_in_label_set"] == {"negative": 1, "positive": 2}
    assert [r.doc_labels for r in after] == [r.doc_labels for r in before]


@pytest.mark.parametrize("name", ["scierc_article.json", "ace_event_article.json", "multi_dataset/dev.jsonl"])
def test_dygiepp_fixtures_round_trip(tmp_path, name):
    report, before, after = round_trip(tmp_path, "dygiepp", DYGIEPP / name)
    check(report, before, after)
    if name == "ace_event_article.json":
        assert (report.read["events"], report.stored_kinds["events"]) == (25, 25)
        assert (report.read["spans"], report.dropped_kinds["spans"]) == (248, 1)  # one listed twice, stored once


@pytest.mark.parametrize("name", ["example.conll", "labeling.trailing.conll"])
def test_conll_files_round_trip(tmp_path, name):
    report, before, after = round_trip(tmp_path, "conll", DOCCANO / "data_import/tests/data/sequence_labeling" / name)
    check(report, before, after)
    assert report.ok and report.read["spans"] > 0


def test_a_conll_file_named_txt_reads_with_format_conll(tmp_path):
    source = DOCCANO / "data_import/pipeline/examples/sequence_labeling/example.txt"
    report, before, after = round_trip(tmp_path, "conll", source)
    check(report, before, after)
    assert report.ok and report.stored_kinds["spans"] == sum(len(r.spans) for r in before) > 0


def test_label_studio_export_round_trips(tmp_path):
    report, before, after = round_trip(tmp_path, "labelstudio", THIRDPARTY / "labelstudio/ner-relations-export.json",
                                       labels=True)
    check(report, before, after)
    assert report.read["relations"] > 0 and report.read["doc_labels"] == report.stored_kinds["doc_labels"] > 0


def test_a_docbin_spacy_wrote_round_trips(tmp_path):
    """A DocBin spaCy itself made from Prodigy's headlines (their accepted entities)."""
    import json

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    bin_ = DocBin()
    lines = (PRODIGY / "annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl").read_text(encoding="utf-8")
    for line in lines.splitlines():
        task = json.loads(line)
        if task.get("answer") != "accept":
            continue
        doc = nlp.make_doc(task["text"])
        doc.ents = [doc.char_span(s["start"], s["end"], s["label"]) for s in task.get("spans", [])]
        bin_.add(doc)
    source = tmp_path / "headlines.spacy"
    bin_.to_disk(source)
    report, before, after = round_trip(tmp_path, "spacy", source)
    check(report, before, after)
    assert report.ok and report.read["spans"] == sum(len(r.spans) for r in before) > 10


def test_prodigy_textcat_labels_are_stored_when_the_label_set_knows_them(tmp_path):
    source = PRODIGY / "annotated_github-issues-DOCUMENTATION-textcat.jsonl"
    text = source.read_text(encoding="utf-8")
    accepted, rejected = text.count('"answer":"accept"'), text.count('"answer":"reject"')
    with ops.open_project(tmp_path / "p.db") as store:
        ops.set_label_set(store, schema_with_doc_labels(tmp_path))
        report = ops.import_paths(store, [source])
        labelled = sum(ops.doc_labels(store, i) == ["DOCUMENTATION"] for i in store.documents.ids())
        ruled_out = sum(store.doc_labels.rejected(i) == ["DOCUMENTATION"] for i in store.documents.ids())
    # a "not this label" is a rejected document label: stored as such, nothing lost
    assert labelled == accepted > 0 and ruled_out == rejected > 0
    assert report.stored_kinds["doc_labels"] == accepted + rejected and report.ok
