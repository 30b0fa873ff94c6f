"""The one table of formats: import, export, the CLI, the export dialog's data and README all
come from `desktop.formats.FORMATS`, and an unknown format is one clear error."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest
from click.testing import CliRunner

from desktop import formats, ops
from desktop.cli import main
from desktop.core.model import SpandeskError
from desktop.formats import FORMATS, KINDS, WriteContext

from tests.helpers import ROOT


def test_each_entry_names_a_module_with_the_reader_and_writer_it_claims():
    for entry in FORMATS.values():
        module = importlib.import_module(f"desktop.formats.{entry.name}")
        if entry.reads:
            assert entry.reader() is module.read
        if entry.writes:
            assert inspect.isfunction(module.write), entry.name
        assert set(entry.carries) <= set(KINDS) and list(entry.carries) == [k for k in KINDS if k in entry.carries]
        assert entry.description and (entry.default_name or not entry.writes), entry.name


def test_export_offers_exactly_the_ready_writers_and_the_cli_lists_them():
    ready = [e.name for e in FORMATS.values() if e.ready and e.writes]
    assert ready == list(ops.FORMATS) == ["jsonl", "spacy", "brat", "conll", "doccano", "dygiepp", "labelstudio"]
    export = main.commands["export"]
    (option,) = [p for p in export.params if p.name == "fmt"]
    assert list(option.type.choices) == [*ready, "events"]


def test_every_format_is_wired_to_import_and_export_and_events_names_dygiepp():
    assert list(formats.importers()) == ["text", "jsonl", "spacy", "brat", "conll", "doccano", "dygiepp",
                                         "labelstudio"]
    assert formats.exporter("events") is formats.exporter("dygiepp") is FORMATS["dygiepp"]
    assert formats.importer("events") is FORMATS["dygiepp"]
    with pytest.raises(SpandeskError, match="unknown import format 'csv'; choose one of text, jsonl"):
        formats.importer("csv")


def test_an_unknown_export_format_is_one_error_naming_the_choices(store, tmp_path):
    with pytest.raises(SpandeskError, match=r"unknown export format 'csv'; choose one of jsonl, spacy, brat, conll, "
                                            r"doccano, dygiepp, labelstudio"):
        ops.export(store, "csv", tmp_path / "out" / "x.csv")
    assert not (tmp_path / "out").exists()


def test_cli_refuses_an_unknown_format_with_its_choices(tmp_path):
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "p.db"), "--format", "csv",
                                       "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "jsonl" in result.output and "brat" in result.output


def test_a_write_only_format_has_no_reader():
    with pytest.raises(SpandeskError, match="cannot import spacy"):
        formats.Format("spacy", False, None, (".spacy",), (), "not read").reader()
    with pytest.raises(SpandeskError, match="cannot export text"):
        FORMATS["text"].write([], ROOT / "never-written.txt", WriteContext())
    assert not (ROOT / "never-written.txt").exists()


def test_import_refusal_names_what_the_table_reads():
    assert formats.import_choices() == (".txt, .md, .jsonl, .spacy, .conll, .iob, .bio, .json, .tsv with --format conll"
                                        " or a brat folder")
    assert formats.file_filter().startswith("Annotated or plain texts (*.txt *.md *.jsonl *.spacy *.conll")


def test_readme_table_of_formats_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^### File formats\n.*?\n(\| Format .*?)\n\n", readme, re.S | re.M)
    assert found, "README has no '### File formats' table"
    assert found.group(1) == formats.markdown_table()


def test_a_stream_writer_behind_the_table_writes_what_its_module_writes(tmp_path):
    import io

    from desktop.formats import conll

    source = tmp_path / "in.conll"
    source.write_text("Ana\tB-PER\nmet\tO\nBo\tB-PER\n.\tO\n", encoding="utf-8")
    records = list(conll.read(source))
    direct = io.StringIO()
    assert conll.write(records, direct) == FORMATS["conll"].write(records, tmp_path / "out.conll") == 1
    assert (tmp_path / "out.conll").read_text(encoding="utf-8") == direct.getvalue() and "B-PER" in direct.getvalue()
