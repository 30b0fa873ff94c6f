"""`spandesk import` ends with the import report (issue 10): documents stored, duplicate and
refused; per annotation kind read, stored and dropped; exit 0 only when everything read was
stored; `--json` prints the same as one object. `--format` names the format; otherwise a
.jsonl file's first line says which one it is."""

from __future__ import annotations

import json

from tests.formats.helpers_interchange import THIRDPARTY
from tests.helpers import run

DYGIEPP = THIRDPARTY / "dygiepp/dygie/tests/fixtures"
DOCCANO = THIRDPARTY / "doccano/backend"
KINDS = ["spans", "relations", "events", "attributes", "notes", "normalisations", "doc_labels", "equivalences"]


def test_the_report_is_a_table_and_everything_stored_exits_0(tmp_path):
    result = run("import", DOCCANO / "data_import/tests/data/sequence_labeling/example.conll", "--db", tmp_path / "p.db")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "documents    stored 1, duplicate 0, refused 0"
    assert lines[1].split() == ["annotations", "read", "stored", "dropped"]
    assert lines[2].split() == ["spans", "2", "2", "0"]
    assert [line.split()[0] for line in lines[2:10]] == ["spans", "relations", "events", "attributes", "notes",
                                                         "normalisations", "doc", "equivalences"]


def test_json_report_has_every_kind_and_what_was_dropped_exits_1(tmp_path):
    source = DYGIEPP / "ace_event_article.json"
    result = run("import", source, "--json", "--db", tmp_path / "p.db")
    assert result.exit_code == 1  # one span the file lists twice is stored once: reported
    report = json.loads(result.stdout.splitlines()[-1])
    assert set(report) == {"ok", "files", "documents", "annotations", "refused", "skipped_lines",
                           "skipped_documents", "duplicates", "conflicts", "dropped", "interrupted",
                           "doc_labels_not_in_label_set"}
    assert report["ok"] is False and report["documents"] == {"stored": 1, "duplicate": 0, "refused": 0}
    assert list(report["annotations"])[:8] == KINDS
    for counts in report["annotations"].values():
        assert counts["read"] == counts["stored"] + counts["dropped"]
    assert report["annotations"]["events"]["read"] == report["annotations"]["events"]["stored"] > 0
    assert report["annotations"]["spans"]["dropped"] == 1 and len(report["dropped"]) == 1
    assert all(line.startswith(f"{source}:") for line in report["dropped"])


def test_coreference_clusters_of_mentions_are_stored_and_exit_0(tmp_path):
    """DyGIE++'s multi_dataset sample: every relation and coreference cluster (members that
    are no entity included) is stored."""
    result = run("import", DYGIEPP / "multi_dataset/dev.jsonl", "--json", "--db", tmp_path / "p.db")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["ok"] and report["annotations"]["equivalences"] == {"read": 12, "stored": 12, "dropped": 0}


def test_jsonl_files_are_told_apart_by_their_first_line(tmp_path):
    doccano = tmp_path / "d.jsonl"
    doccano.write_text(json.dumps({"text": "Ana met Bo.", "label": [[0, 3, "PER"]]}) + "\n", encoding="utf-8")
    dygiepp = tmp_path / "g.jsonl"
    dygiepp.write_text(json.dumps({"doc_key": "x", "sentences": [["Cy", "left", "."]], "ner": [[[0, 0, "PER"]]]})
                       + "\n", encoding="utf-8")
    prodigy = tmp_path / "p.jsonl"
    prodigy.write_text(json.dumps({"text": "Di sang.", "spans": [{"start": 0, "end": 2, "label": "PER"}],
                                   "answer": "accept"}) + "\n", encoding="utf-8")
    result = run("import", doccano, dygiepp, prodigy, "--json", "--db", tmp_path / "p.db")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"]["stored"] == 3 and report["annotations"]["spans"] == {"read": 3, "stored": 3,
                                                                                      "dropped": 0}


def test_format_forces_a_reader_and_a_tsv_needs_it(tmp_path):
    tsv = tmp_path / "ner.tsv"
    tsv.write_text("Ana\tB-PER\nmet\tO\n", encoding="utf-8")
    refused = run("import", tsv, "--db", tmp_path / "p.db")
    assert refused.exit_code == 1 and "unknown file type '.tsv'" in refused.output
    assert ".tsv with --format conll" in refused.output
    done = run("import", tsv, "--format", "conll", "--db", tmp_path / "p.db")
    assert done.exit_code == 0 and "spans                1       1       0" in done.stdout
    # A doccano file named for Prodigy read as doccano because it is told so.
    wrong = tmp_path / "w.jsonl"
    wrong.write_text(json.dumps({"text": "Ana met Bo."}) + "\n", encoding="utf-8")
    assert run("import", wrong, "--format", "dygiepp", "--db", tmp_path / "q.db").exit_code == 1
    assert run("import", wrong, "--format", "nope", "--db", tmp_path / "q.db").exit_code == 2


def test_a_malformed_record_is_refused_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"doc_key": "a", "sentences": [["A", "b"]]}) + "\n"
                   + json.dumps({"doc_key": "b", "sentences": [["A", "b"]], "ner": [[[0, 5, "X"]]]}) + "\n",
                   encoding="utf-8")
    result = run("import", bad, "--db", tmp_path / "p.db")
    assert result.exit_code == 1
    assert f"{bad}:2: ner 1 (sentence 1): tokens 0-5 are not in the document (2 tokens)" in result.stderr
    assert "documents    stored 0, duplicate 0, refused 1" in result.stdout


def test_export_events_is_dygiepp_and_doccano_reimports(tmp_path):
    db = tmp_path / "p.db"
    source = DOCCANO / "data_export/pipeline/examples/sequence_labeling/example.jsonl"
    assert run("import", source, "--db", db).exit_code == 0
    for fmt, name in (("events", "e.jsonl"), ("doccano", "d.jsonl"), ("conll", "c.conll"), ("labelstudio", "l.json")):
        result = run("export", "--format", fmt, "--all", "--out", tmp_path / name, "--db", db)
        assert result.exit_code == 0, result.output
    first = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"doc_key", "dataset", "sentences", "ner", "relations", "_spandesk"} <= set(first)
    again = run("import", tmp_path / "d.jsonl", "--json", "--db", tmp_path / "again.db")
    assert json.loads(again.stdout)["annotations"]["spans"]["stored"] == 4
