"""A bad document in a brat folder (issue 10, defect 4): without --skip-bad-lines the folder
is refused whole with the document's FILE:LINE; with it, the good documents are stored, the
bad one is listed as a skipped document, and the import is not ok (exit status 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop import ops

from tests.helpers import run

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"
BAD = "PMID-10064103"


def _corpus(tmp_path: Path) -> tuple[Path, Path, int]:
    """The GE excerpt with one document's .ann given a line brat cannot read; returns the
    folder, the bad .ann and that line's number."""
    folder = tmp_path / "ge"
    shutil.copytree(GE, folder)
    ann = folder / f"{BAD}.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    ann.write_text("\n".join([*lines, "E999\tNoSuchTrigger:T999"]) + "\n", encoding="utf-8")
    return folder, ann, len(lines) + 1


def test_without_the_flag_the_folder_is_refused_whole_with_the_document_line(store, tmp_path):
    folder, ann, line = _corpus(tmp_path)
    report = ops.import_paths(store, [folder])
    assert not report.ok and report.imported == 0 and store.documents.ids() == []
    (bad,) = report.refused
    assert (bad.file, bad.line) == (str(ann), line) and "E999" in bad.reason
    assert report.skipped == report.skipped_documents == []


def test_with_the_flag_good_documents_are_stored_and_the_bad_one_named(store, tmp_path):
    folder, ann, line = _corpus(tmp_path)
    report = ops.import_paths(store, [folder], skip_bad_lines=True)
    assert report.imported == 19 and len(store.documents.ids()) == 19
    assert report.refused == [] and report.skipped == []  # a document, not a line
    (bad,) = report.skipped_documents
    assert (bad.file, bad.line) == (str(ann), line)
    assert not report.ok


def test_a_document_refused_without_a_line_is_skipped_too(store, tmp_path):
    folder, _, _ = _corpus(tmp_path)
    (folder / f"{BAD}.ann").write_text("", encoding="utf-8")
    (folder / f"{BAD}.txt").write_text("  \n", encoding="utf-8")  # empty document: no line to name
    report = ops.import_paths(store, [folder], skip_bad_lines=True)
    assert report.imported == 19 and not report.ok
    (bad,) = report.skipped_documents
    assert bad.file == str(folder / f"{BAD}.txt") and bad.line is None


def test_the_cli_lists_skipped_documents_and_exits_1(db_path, tmp_path):
    folder, ann, line = _corpus(tmp_path)
    result = run("import", folder, "--skip-bad-lines", "--db", db_path)
    assert result.exit_code == 1
    assert f"skipped document {ann}:{line}: E999" in result.stderr
    assert "imported 19 documents" in result.stdout and "1 documents skipped" in result.stdout
    refused = run("import", folder, "--db", tmp_path / "other.db")
    assert refused.exit_code == 1 and f"{ann}:{line}: E999" in refused.stderr


def test_a_skipped_jsonl_line_still_exits_0(db_path, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Ana met Bo."}\nnot json\n', encoding="utf-8")
    result = run("import", bad, "--skip-bad-lines", "--db", db_path)
    assert result.exit_code == 0 and f"skipped {bad}:2:" in result.stderr
