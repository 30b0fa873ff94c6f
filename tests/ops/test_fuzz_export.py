"""A writer's refusal of one document (its documented ValueError, such as CoNLL's span across a
sentence break, found by the mutation sweep) ends the export as a user error naming the file
and the document, with nothing written, not as an internal error."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.model import SpandeskError
from tests.helpers import run


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "Ana went home.\\n\\nBo stayed here.", "answer": "accept", '
                      '"spans": [{"start": 4, "end": 20, "label": "X"}]}\n', encoding="utf-8")
    db = tmp_path / "p.db"
    assert run("import", "--db", db, source).exit_code == 0
    return db


def test_a_span_across_a_sentence_break_refuses_the_conll_export(project, tmp_path):
    out = tmp_path / "out.conll"
    with ops.open_project(project) as store, pytest.raises(SpandeskError) as refused:
        ops.export(store, "conll", out, everything=True)
    assert "crosses a sentence break; nothing was written" in str(refused.value) and "doc-1" in str(refused.value)
    assert not out.exists() and not list(tmp_path.glob("out.conll*"))


def test_the_cli_says_it_with_exit_status_1(project, tmp_path):
    done = run("export", "--db", project, "--all", "--format", "conll", "--out", tmp_path / "out.conll")
    assert done.exit_code == 1 and "internal error" not in done.stderr
    assert "out.conll: document 'doc-1'" in done.stderr and "crosses a sentence break" in done.stderr
    assert run("export", "--db", project, "--all", "--format", "jsonl", "--out", tmp_path / "o.jsonl").exit_code == 0
