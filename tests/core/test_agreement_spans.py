"""Span and event F1 between annotators, BIO tagging, and input normalisation."""

from __future__ import annotations

import pytest

from desktop.core.agreement import Unit, bio_tags
from desktop.core.agreement.data import as_doc_labels, as_event_keys, as_units
from desktop.core.agreement.matching import event_counts, overlap_matches, span_counts
from desktop.core.model import Argument, Event, Layer, Span, State


def test_exact_and_overlap_counts():
    a = [Unit(0, 9, "PER"), Unit(14, 23, "PER"), Unit(27, 32, "GPE")]
    b = [Unit(0, 9, "PER"), Unit(14, 17, "PER"), Unit(27, 32, "LOC")]
    exact, overlap = span_counts(a, b)
    assert (exact.tp, exact.fp, exact.fn) == (1, 2, 2)
    assert exact.precision == exact.recall == exact.f1 == pytest.approx(1 / 3)
    # 14-17 overlaps 14-23 with the same label; GPE and LOC never match.
    assert (overlap.tp, overlap.fp, overlap.fn) == (2, 1, 1)
    assert overlap.f1 == pytest.approx(2 / 3)


def test_precision_and_recall_take_a_as_reference():
    exact, _ = span_counts([Unit(0, 3, "X")], [Unit(0, 3, "X"), Unit(5, 8, "X")])
    assert exact.precision == 0.5 and exact.recall == 1.0


def test_overlap_matching_is_one_to_one_and_maximal():
    # One long span cannot be credited for two short ones.
    assert overlap_matches([Unit(0, 10, "X")], [Unit(0, 3, "X"), Unit(5, 10, "X")]) == 1
    # A greedy pass pairing 0-10 with 0-3 first would find one pair; the best is two.
    a = [Unit(0, 10, "X"), Unit(0, 3, "X")]
    b = [Unit(0, 3, "X"), Unit(5, 10, "X")]
    assert overlap_matches(a, b) == 2
    # Touching is not overlapping (half-open offsets).
    assert overlap_matches([Unit(0, 3, "X")], [Unit(3, 6, "X")]) == 0


def test_empty_sides():
    exact, overlap = span_counts([], [])
    assert exact.f1 == exact.precision == exact.recall == overlap.f1 == 1.0
    exact, _ = span_counts([Unit(0, 3, "X")], [])
    assert exact.f1 == exact.precision == exact.recall == 0.0


def test_bio_tags_include_o_and_touch_partial_words():
    text = "Ana Smith met Bob in Paris ."
    tokens = [(0, 3), (4, 9), (10, 13), (14, 17), (18, 20), (21, 26), (27, 28)]
    assert text[21:26] == "Paris"
    units = [Unit(0, 9, "PER"), Unit(15, 17, "PER"), Unit(21, 26, "GPE")]
    assert bio_tags(tokens, units) == ["B-PER", "I-PER", "O", "B-PER", "O", "B-GPE", "O"]
    assert bio_tags(tokens, []) == ["O"] * 7


def test_only_accepted_core_spans_are_the_annotators():
    spans = [
        Span(0, 3, "PER", "Ana"),
        Span(4, 9, "PER", "Smith", state=State.SUGGESTED),
        Span(10, 13, "ORG", "met", state=State.REJECTED),
        Span(10, 13, "Meet", "met", layer=Layer.TRIGGER),  # an event's trigger, not an entity
        (14, 17, "PER"),
        (14, 17, "PER"),  # a duplicate collapses
    ]
    assert as_units(spans) == [Unit(0, 3, "PER"), Unit(14, 17, "PER")]


def test_events_from_core_objects_and_tuples_compare_equal():
    trigger = Span(10, 13, "Meet", "met", layer=Layer.TRIGGER)
    core = Event("Meet", trigger, (Argument("Entity", Span(0, 3, "PER", "Ana")),))
    assert as_event_keys([core]) == as_event_keys([(10, 13, "Meet", [("Entity", 0, 3)])])


def test_trigger_and_argument_counts():
    a = as_event_keys([(10, 13, "Meet", [("Entity", 0, 9), ("Place", 27, 32)]), (40, 44, "Die", [])])
    b = as_event_keys([(10, 13, "Meet", [("Entity", 0, 9), ("Place", 26, 32)]), (40, 44, "Attack", [])])
    trig, args = event_counts(a, b)
    assert (trig.tp, trig.fp, trig.fn) == (1, 1, 1)
    assert (args.tp, args.fp, args.fn) == (1, 1, 1)


def test_argument_needs_its_trigger_matched():
    # Same role and span, but the triggers differ in type: no argument matches.
    a = as_event_keys([(10, 13, "Meet", [("Entity", 0, 9)])])
    b = as_event_keys([(10, 13, "Contact", [("Entity", 0, 9)])])
    _, args = event_counts(a, b)
    assert args.tp == 0 and args.f1 == 0.0


def test_a_lone_doc_label_string_is_one_label():
    assert as_doc_labels("sport") == {"sport"}
    assert as_doc_labels(["sport", "politics"]) == {"sport", "politics"}
