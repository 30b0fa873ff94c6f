"""ops.relation_choices: the labels the relation chooser offers (issue 10, GUI)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop import ops
from tests.helpers import SEED, find, free_kinds


def _spans(store):
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    a = ops.add_span(store, doc_id, *find(text, "Tokayev"), "PERSON", "ana").span_id
    b = ops.add_span(store, doc_id, *find(text, "Kazakhstan"), "GPE", "ana").span_id
    c = ops.add_span(store, doc_id, *find(text, "CSTO"), "ORG", "ana").span_id
    return doc_id, a, b, c


def test_the_projects_labels_most_used_first(tmp_path):
    store = ops.open_project(tmp_path / "p.db")
    assert ops.import_paths(store, [SEED]).ok
    free_kinds(store, tmp_path)  # the project's own labels; declared ones come from _Declaring
    doc_id, a, b, c = _spans(store)
    span = {s.id: s for s in ops.document_spans(store, doc_id)}
    assert ops.relation_choices(store, store_labels(store), span[a], span[b]) == []
    ops.add_relation(store, a, b, "president_of")
    ops.add_relation(store, c, b, "based_in")
    ops.add_relation(store, a, c, "based_in")
    assert ops.relation_choices(store, store_labels(store), span[a], span[b]) == [
        ("based_in", None), ("president_of", None)]
    store.close()


@dataclass
class _Rel:
    name: str


class _Declaring:
    """A label set that declares relations (as h-conf's LabelSet will), refusing one pairing."""

    relations = (_Rel("member_of"), _Rel("president_of"))

    def why_not_relation(self, label, head, child):
        return None if label != "member_of" or head == "GPE" else f"member_of links GPE, not {head}."


def test_declared_relations_first_and_refused_ones_last_with_the_reason(tmp_path):
    store = ops.open_project(tmp_path / "p.db")
    assert ops.import_paths(store, [SEED]).ok
    free_kinds(store, tmp_path)  # the project's own labels; declared ones come from _Declaring
    doc_id, a, b, _c = _spans(store)
    ops.add_relation(store, a, b, "knows")
    span = {s.id: s for s in ops.document_spans(store, doc_id)}
    assert ops.relation_choices(store, _Declaring(), span[a], span[b]) == [
        ("president_of", None), ("knows", None), ("member_of", "member_of links GPE, not PERSON.")]
    store.close()


def store_labels(store):
    return ops.project_label_set(store)


@dataclass
class _Attr:
    name: str
    values: tuple = ()


class _DeclaringAttributes:
    attributes = (_Attr("Negated"), _Attr("Mention", ("Name", "Nominal")))

    def why_not_attribute(self, name, target, value=None):
        return "Mention applies to PERSON." if name == "Mention" and target != "PERSON" else None


def test_attribute_choices_one_row_per_value_declared_first(tmp_path):
    store = ops.open_project(tmp_path / "p.db")
    assert ops.import_paths(store, [SEED]).ok
    free_kinds(store, tmp_path)  # the project's own labels; declared ones come from _Declaring
    doc_id, a, b, _c = _spans(store)
    ops.set_attribute(store, "Speculation", "High", span_id=b)
    ops.set_attribute(store, "Negated", span_id=b)
    span = {s.id: s for s in ops.document_spans(store, doc_id)}
    assert ops.attribute_choices(store, _DeclaringAttributes(), span[a]) == [
        ("Negated", None, None), ("Mention", "Name", None), ("Mention", "Nominal", None), ("Speculation", "High", None)]
    assert ops.attribute_choices(store, _DeclaringAttributes(), span[b])[-2:] == [
        ("Mention", "Name", "Mention applies to PERSON."), ("Mention", "Nominal", "Mention applies to PERSON.")]
    assert ops.attribute_choices(store, store_labels(store), span[a]) == [("Negated", None, None),
                                                                          ("Speculation", "High", None)]
    store.close()
