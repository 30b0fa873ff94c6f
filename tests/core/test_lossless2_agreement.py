"""Agreement on arguments that are events (brat's `Theme:E12`): events may share a trigger,
so two annotators whose event names different events on one trigger disagree on that
argument, though the trigger's offsets are the same (BioNLP GE's E12-E17)."""

from __future__ import annotations

from desktop.core.agreement import AnnotatorWork, DocWork, build_report
from desktop.core.model import Argument, Event, Layer, Span

TEXT = "IL10 IL15 Transcription higher"


def _span(start: int, end: int, label: str, layer: str = Layer.ENTITY) -> Span:
    return Span(start, end, label, TEXT[start:end], layer)


def _work(named: int) -> AnnotatorWork:
    """Two Transcription events on one trigger, and a Positive_regulation naming the `named`-th."""
    trigger = _span(10, 23, "Transcription", Layer.TRIGGER)
    il10, il15 = _span(0, 4, "Protein"), _span(5, 9, "Protein")
    transcriptions = [Event("Transcription", trigger, (Argument("Theme", p),)) for p in (il10, il15)]
    regulation = Event("Positive_regulation", _span(24, 30, "Positive_regulation", Layer.TRIGGER),
                       (Argument("Theme", trigger, event=transcriptions[named]),))
    return AnnotatorWork([il10, il15], [*transcriptions, regulation])


def _events(by: dict[str, AnnotatorWork]) -> dict:
    return build_report([DocWork(id=1, length=len(TEXT), by=by, text=TEXT)], worst=0)["events"]


def test_naming_another_event_on_the_same_trigger_is_an_argument_disagreement():
    same = _events({"ana": _work(0), "ben": _work(0)})
    assert same["trigger_f1"] == 1.0 and same["argument_f1"] == 1.0
    other = _events({"ana": _work(0), "ben": _work(1)})
    assert other["trigger_f1"] == 1.0
    assert other["argument_f1"] == 2 / 3  # the Transcriptions' two Themes agree, the regulation's does not
