"""The schema of issue 10's annotation kinds (V_KINDS): every released database gets the
tables, the fixture made with them keeps its rows, and the constraints hold."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from desktop import ops
from desktop.store import migrations
from tests.helpers import DATA

TABLES = {"relations", "attributes", "notes", "normalisations", "equivalences", "equivalence_members"}


@pytest.mark.parametrize("fixture", sorted(DATA.glob("schema-v*.db")), ids=lambda p: p.name)
def test_every_released_database_gets_the_kind_tables(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with ops.open_project(path) as store:
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert TABLES <= tables
        doc_id = store.documents.ids()[0]
        kinds = ops.document_kinds(store, doc_id)
        if int(fixture.stem.removeprefix("schema-v")) >= 5:  # made with them: rows read back whole
            ((_, rel),) = kinds.relations
            assert (rel.label, rel.head.text, rel.child.text) == ("located_in", "Kazakhstan", "Almaty")
            assert sorted((a.name, a.value) for _, a in kinds.attributes) == [("Mention", "Name"), ("Negation", None)]
            assert sorted((n.text, n.target) for _, n in kinds.notes) == [
                ("a note on a relation", rel), ("a note on the document", None)]
            assert [(n.resource, n.key, n.target.text) for _, n in kinds.normalisations] == [
                ("Wikipedia", "64488", "Almaty")]
            assert [[m.text for m in e.members] for _, e in kinds.equivalences] == [["Kazakhstan", "Almaty"]]
        else:
            assert store.kinds.counts(doc_id) == dict.fromkeys(
                ("relations", "attributes", "notes", "normalisations", "equivalences"), 0)


def test_the_kinds_migration_is_in_the_list():
    assert migrations.V_KINDS in migrations.MIGRATIONS


def test_an_attribute_is_on_a_span_or_an_event_never_both_nor_neither(seeded):
    store, doc_id = seeded
    span_id = ops.add_span(store, doc_id, 0, 10, "GPE").span_id
    start = store.documents.text(doc_id).index("withdrawal")
    event_id = ops.add_event(store, doc_id, start, start + 10, "Movement:Transport").event_id
    for span, event in ((None, None), (span_id, event_id)):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.conn.execute("INSERT INTO attributes (doc_id, span_id, event_id, name, updated_at)"
                               " VALUES (?, ?, ?, 'X', '')", (doc_id, span, event))
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.conn.execute("INSERT INTO notes (doc_id, span_id, event_id, text, updated_at) VALUES (?, ?, ?, 'x', '')",
                           (doc_id, span_id, event_id))
