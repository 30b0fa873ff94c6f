"""`validate` and the model's suggested events (issue 13): a suggestion is not a decision, so
a suggested event whose required roles nobody filled is not a problem; once accepted it is."""

from __future__ import annotations

from desktop import ops
from tests.helpers import SEED, run, suggest_events


def test_a_suggested_event_missing_a_role_is_no_problem_until_accepted(tmp_path):
    db = tmp_path / "p.db"
    with ops.open_project(db) as store:
        assert ops.import_paths(store, [SEED]).ok
        (doc_id,) = store.documents.ids()
        suggest_events(store, doc_id, [("Movement:Transport", "withdrawing", 0.5, [("Origin", "Kazakhstan", "GPE", 0.4)]),
                                       ("Life:Die", "fatal", None, [])])
        assert ops.validate(store) == []
    result = run("validate", "--db", db)
    assert result.exit_code == 0 and "0 problems" in result.output

    with ops.open_project(db) as store:
        die = next(e for e in ops.events(store, doc_id) if e.type == "Life:Die")
        ops.accept_event(store, die.id, "ana")
        (problem,) = ops.validate(store)
    assert "Life:Die event on 'fatal'" in problem and "required role Victim is not filled" in problem
    result = run("validate", "--db", db)
    assert result.exit_code == 1 and "Victim is not filled" in result.output


def test_a_required_role_filled_only_by_a_suggested_argument_is_still_missing(tmp_path):
    with ops.open_project(tmp_path / "p.db") as store:
        assert ops.import_paths(store, [SEED]).ok
        (doc_id,) = store.documents.ids()
        suggest_events(store, doc_id, [("Life:Die", "fatal", None, [("Victim", "Tokayev", "PERSON", 0.4)])])
        (die,) = [e for e in ops.events(store, doc_id) if e.type == "Life:Die"]
        ops.accept_event(store, die.id, "ana")
        (die,) = [e for e in ops.events(store, doc_id) if e.type == "Life:Die"]
        assert ops.missing_roles(ops.project_label_set(store), die) == ["Victim"]
        (problem,) = ops.validate(store)
        assert "Victim is not filled" in problem

        (victim,) = die.arguments
        ops.accept_argument(store, die.id, victim.span.id, "Victim", "ana")
        (die,) = [e for e in ops.events(store, doc_id) if e.type == "Life:Die"]
        assert ops.missing_roles(ops.project_label_set(store), die) == []
        assert ops.validate(store) == []
