"""`spandesk validate`: incomplete events, misfit arguments and drifted spans, named by document."""

from __future__ import annotations

from desktop import ops

from tests.helpers import SEED, run
from tests.helpers import find as at


def test_a_sound_project_has_no_problems(seeded, db_path):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    visit = ops.add_event(store, doc_id, *at(text, "visited"), "Contact:Meet").event_id
    ops.add_argument(store, visit, ops.add_span(store, doc_id, *at(text, "Tokayev", 3), "PERSON").span_id, "Entity")
    assert ops.validate(store) == []
    store.close()
    result = run("validate", "--db", db_path)
    assert result.exit_code == 0 and "0 problems in 1 documents" in result.output


def test_problems_name_the_document_and_the_span(seeded, db_path):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    name = SEED.stem  # the id export writes for the seed
    died = ops.add_event(store, doc_id, *at(text, "fatal"), "Life:Die").event_id  # no Victim
    visit = ops.add_event(store, doc_id, *at(text, "visited"), "Contact:Meet").event_id
    tokayev = ops.add_span(store, doc_id, *at(text, "Tokayev", 3), "PERSON").span_id
    ops.add_argument(store, visit, tokayev, "Entity")
    ops.relabel_span(store, tokayev, "DATE")  # the argument no longer fits its role
    wednesday = ops.add_span(store, doc_id, *at(text, "Wednesday"), "DATE").span_id
    ops.add_argument(store, visit, wednesday, "Time")
    tuesday = ops.add_span(store, doc_id, *at(text, "Tuesday"), "DATE").span_id
    with store.action("forced", undoable=False):  # ops refuses this; an import could bring it
        store.events.add_argument(visit, tuesday, "Time")
    # The document's text changes under a span (a damaged or hand-edited file).
    start, end = at(text, "Almaty", 2)
    ops.add_span(store, doc_id, start, end, "GPE")
    with store.action("edit", undoable=False):
        store.conn.execute("UPDATE documents SET text = ? WHERE id = ?",
                           (text[:start] + "Almatx" + text[end:], doc_id))
    problems = ops.validate(store)
    fatal, visited = at(text, "fatal"), at(text, "visited")
    assert problems == [
        f"{name}: span 'Almaty' ({start}-{end}, GPE): its stored text no longer matches the document, "
        "which now reads 'Almatx' there",
        f"{name}: Life:Die event on 'fatal' ({fatal[0]}-{fatal[1]}): required role Victim is not filled",
        f"{name}: Contact:Meet event on 'visited' ({visited[0]}-{visited[1]}): argument 'Tokayev' "
        f"({at(text, 'Tokayev', 3)[0]}-{at(text, 'Tokayev', 3)[1]}, DATE) as Entity: "
        "Entity takes PERSON, ORG, NORP or GPE, not DATE.",
        f"{name}: Contact:Meet event on 'visited' ({visited[0]}-{visited[1]}): Time is filled 2 times; "
        "Contact:Meet takes one Time",
    ]
    assert died  # the Life:Die event is the one without a Victim
    store.close()
    result = run("validate", "--db", db_path)
    assert result.exit_code == 1
    assert result.output.splitlines()[:4] == problems
    assert "4 problems in 1 documents" in result.stderr


def test_labels_the_schema_lacks_are_problems(seeded):
    store, doc_id = seeded
    text = store.documents.text(doc_id)
    ops.add_span(store, doc_id, *at(text, "CSTO"), "ALLIANCE")
    with store.action("import", undoable=False):
        store.doc_labels.add(doc_id, "Sports", logged=False)
    problems = ops.validate(store)
    assert any('the schema has no entity label "ALLIANCE"' in p for p in problems)
    assert f'{SEED.stem}: the schema has no document label "Sports"' in problems
