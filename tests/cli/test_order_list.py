"""Issue 13: `spandesk list --order uncertain` prints the documents the model is least sure
of first, as the window's list orders them; `gui --order` takes the same names."""

from __future__ import annotations

import pytest

from desktop import ops
from desktop.core.model import SpandeskError
from tests.helpers import run, scored_suggestion, seed_copies_project


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    db = seed_copies_project(tmp_path, 4, chars=200)
    with ops.open_project(db) as store:
        a, b, c, d = store.documents.ids()
        scored_suggestion(store, a, 0.97)
        scored_suggestion(store, a, 0.4, word="alliance")  # a's least sure suggestion is this one
        scored_suggestion(store, b, 0.52)
        scored_suggestion(store, d, 0.1)
        ops.mark_done(store, c)
    return db, (a, b, c, d)


def _rows(output: str) -> list[list[str]]:
    return [line.split(None, 3) for line in output.splitlines()]


def test_uncertain_puts_the_least_sure_first_with_their_scores(project):
    db, (a, b, c, d) = project
    result = run("list", "--db", db, "--order", "uncertain")
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    assert [int(r[0]) for r in rows] == [b, a, d, c]
    assert [r[2] for r in rows] == ["0.52", "0.40", "0.10", "—"]
    assert rows[3][1] == "done" and rows[0][1] == "todo" and rows[0][3].startswith("Article 1.")
    # The same order as the window's list and its next-document key.
    with ops.open_project(db) as store:
        assert ops.next_document(store, ops.order_query("uncertain"), a) == d


def test_status_limit_and_the_imported_order(project):
    db, (a, b, c, d) = project
    assert [int(r[0]) for r in _rows(run("list", "--db", db).output)] == [a, b, c, d]
    todo = run("list", "--db", db, "--status", "todo,in_progress", "--order", "uncertain", "--limit", 2)
    assert todo.exit_code == 0 and [int(r[0]) for r in _rows(todo.output)] == [b, a]
    done = run("list", "--db", db, "--status", "done", "--status", "skipped")
    assert [int(r[0]) for r in _rows(done.output)] == [c]
    none = run("list", "--db", db, "--status", "skipped")
    assert none.exit_code == 0 and none.stdout == "" and "no documents with status skipped" in none.stderr


@pytest.mark.parametrize("args, wrong", [
    (("list", "--order", "sure"), "--order"),
    (("list", "--status", "todo,finished"), "'finished' is not one of"),
    (("list", "--limit", "0"), "--limit"),
    (("gui", "--order", "sure"), "--order"),
])
def test_bad_values_are_usage_errors(project, args, wrong):
    db, _ids = project
    result = run(*args, "--db", db)
    assert result.exit_code == 2 and wrong in result.output and "Usage" in result.output


def test_an_unknown_order_from_ops_is_named():
    with pytest.raises(SpandeskError, match="unknown order 'sure'"):
        ops.order_query("sure")
    with pytest.raises(SpandeskError, match="unknown status 'finished'"):
        ops.order_query("id", ("finished",))
