"""Prodigy-compatible JSONL: every bad line named by FILE:LINE, exact offsets, lossless round trips."""

import io
import json
from collections.abc import Iterator

import pytest
import spacy

from desktop.core.model import Argument, BadInput, Document, Event, Layer, Record, Source, Span, State, Status, Token
from desktop.formats import jsonl

_tokenizer = spacy.blank("en").tokenizer


def tokens(text):
    return [Token(t.idx, t.idx + len(t.text), bool(t.whitespace_)) for t in _tokenizer(text)]


def write_lines(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False)


GOOD = dumps({"text": "Putin spoke in Moscow.", "spans": [{"start": 0, "end": 5, "label": "PERSON"}]})


def line(**task):
    return dumps({"text": "Putin spoke in Moscow."} | task)


def span(**keys):
    return line(spans=[{"start": 0, "end": 5, "label": "PERSON"} | keys])


BAD_LINES = [
    ('{"text": "unterminated', "invalid JSON: Unterminated string"),
    ('{"text": "a" "b"}', "invalid JSON: Expecting ',' delimiter at column 14"),
    ("[1, 2]", "not a JSON object but an array"),
    ('"just a string"', "not a JSON object but a string"),
    ('{"id": 1}', 'no "text"'),
    ('{"text": 5}', '"text" is a number, not a string'),
    ('{"text": null}', '"text" is null, not a string'),
    ('{"text": ""}', '"text" is empty or only whitespace'),
    ('{"text": " \\n\\t "}', '"text" is empty or only whitespace'),
    (line(meta=["a"]), '"meta" is an array, not an object'),
    (line(spans={"start": 0}), '"spans" is an object, not a list'),
    (line(spans=[7]), "span 1 is a number, not an object"),
    (line(spans=[{"start": 0, "end": 5, "label": "PERSON"}, "x"]), "span 2 is a string, not an object"),
    (line(spans=[{"start": 0, "end": 5}]), "span 1 has no label"),
    (line(spans=[{"label": "PERSON"}]), "span 1 has no start, end"),
    (span(start="0"), "span 1: start and end must be integers"),
    (span(end=5.0), "span 1: start and end must be integers"),
    (span(start=True), "span 1: start and end must be integers"),
    (span(label=""), "span 1: label must be a non-empty string"),
    (span(label=3), "span 1: label must be a non-empty string"),
    (span(end=23), "span 1: 0-23 is outside the text (length 22)"),
    (span(start=-1), "span 1: -1-5 is outside the text"),
    (span(start=5, end=5), "span 1: start 5 is not before end 5"),
    (span(start=5, end=2), "span 1: start 5 is not before end 2"),
    (span(text="Putim"), "span 1: text 'Putim' is not the text at 0-5, 'Putin'"),
    (span(text=["Putin"]), 'span 1: "text" is an array, not a string'),
    (span(start=5, end=6), "span 1 (5-6): span 5-6 covers only whitespace"),
    (line(status="finished"), "unknown status 'finished'"),
    (line(status=None), "unknown status None"),
    (line(id=[1]), '"id" is an array, not a string or integer'),
    (line(title=1), '"title" is a number, not a string'),
    (line(doc_labels="URGENT"), '"doc_labels" is not a list of strings'),
    (line(events={"type": "X"}), '"events" is an object, not a list'),
    (line(events=[{"x": 1}]), "event 1 has no type, trigger"),
    (line(events=[{"type": "", "trigger": {"start": 6, "end": 11}}]), "event 1: type must be a non-empty string"),
    (line(events=[{"type": "Contact:Meet", "trigger": [6, 11]}]), "event 1: trigger is an array, not an object"),
    (line(events=[{"type": "Contact:Meet", "trigger": {"start": 6}}]), "event 1, trigger has no start or end"),
    (line(events=[{"type": "Contact:Meet", "trigger": {"start": 6, "end": 99}}]),
     "event 1, trigger: 6-99 is not a stretch of the text (length 22)"),
    (line(events=[{"type": "Contact:Meet", "trigger": {"start": 6, "end": 11, "text": "spoke!"}}]),
     "event 1, trigger: text 'spoke!' is not the text at 6-11, 'spoke'"),
    (line(events=[{"type": "Contact:Meet", "trigger": {"start": 6, "end": 11}, "arguments": {}}]),
     'event 1: "arguments" is an object, not a list'),
    (line(events=[{"type": "Contact:Meet", "trigger": {"start": 6, "end": 11},
                   "arguments": [{"role": "Place", "start": 15, "end": 21}]}]),
     "event 1, argument 1: label must be a non-empty string, not None"),
    (line(events=[{"type": "Contact:Meet", "trigger": {"start": 6, "end": 11},
                   "arguments": [{"role": "Place", "label": "GPE", "start": 5, "end": 6}]}]),
     "event 1, argument 1 (5-6): span 5-6 covers only whitespace"),
]


@pytest.mark.parametrize(("bad_line", "reason"), BAD_LINES)
def test_bad_line_is_reported_with_file_line_and_reason(tmp_path, bad_line, reason):
    path = write_lines(tmp_path / "in.jsonl", [GOOD, "   ", bad_line, GOOD])
    results = list(jsonl.read(path))
    assert [type(r) for r in results] == [Record, BadInput, Record]
    first, bad, last = results
    assert (first.line, last.line) == (1, 4)  # blank line 2 skipped, but counted
    assert (bad.file, bad.line) == (str(path), 3)
    assert bad.reason.startswith(reason), bad.reason
    assert str(bad) == f"{path}:3: {bad.reason}"


def test_undecodable_bytes_stop_the_file_at_their_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(GOOD.encode() + b"\n\n" + b'{"text": "Z\xfcrich"}\n' + GOOD.encode() + b"\n")
    results = list(jsonl.read(path))
    assert [type(r) for r in results] == [Record, BadInput]
    assert (results[1].file, results[1].line) == (str(path), 3)
    assert "byte" in results[1].reason


def test_crlf_text_spans_are_moved_exactly(tmp_path):
    raw = "Kazakhstan\r\n\r\nThe CSTO said\r\nTokayev left Almaty.\rEnd"
    spans = [
        {"start": raw.index("Kazakhstan"), "end": raw.index("Kazakhstan") + 10, "label": "GPE"},
        {"start": raw.index("CSTO"), "end": raw.index("CSTO") + 4, "label": "ORG", "text": "CSTO"},
        # crosses a CRLF: its text is given raw and compared cleaned
        {"start": raw.index("said"), "end": raw.index("Tokayev") + 7, "label": "X", "text": "said\r\nTokayev"},
        {"start": raw.index("Almaty"), "end": raw.index("Almaty") + 6, "label": "GPE"},
        {"start": raw.index("End"), "end": raw.index("End") + 3, "label": "Y"},
    ]
    path = tmp_path / "crlf.jsonl"
    # the file's own line endings are CRLF too
    path.write_bytes((dumps({"text": raw, "spans": spans}) + "\r\n" + GOOD + "\r\n").encode())
    record, second = jsonl.read(path)
    text = record.doc.text
    assert text == "Kazakhstan\n\nThe CSTO said\nTokayev left Almaty.\nEnd"
    assert [(text[s.start : s.end], s.text, s.label) for s in record.spans] == [
        ("Kazakhstan", "Kazakhstan", "GPE"),
        ("CSTO", "CSTO", "ORG"),
        ("said\nTokayev", "said\nTokayev", "X"),
        ("Almaty", "Almaty", "GPE"),
        ("End", "End", "Y"),
    ]
    assert isinstance(second, Record) and second.line == 2


def test_astral_and_combining_spans_are_exact_in_export(tmp_path):
    text = "👩‍👩‍👧 Zoë met Jose\u0301 in 𝔄𝔩𝔪𝔞𝔱𝔶 🇰🇿 at the CSTO 😀summit."
    words = [("Zoë", "PERSON"), ("Jose\u0301", "PERSON"), ("𝔄𝔩𝔪𝔞𝔱𝔶", "GPE"), ("CSTO", "ORG"), ("summit", "EVENT")]
    spans = [{"start": text.index(w), "end": text.index(w) + len(w), "label": lab, "text": w} for w, lab in words]
    path = write_lines(tmp_path / "astral.jsonl", [dumps({"text": text, "spans": spans, "answer": "accept"})])
    (record,) = jsonl.read(path)
    assert [(s.start, s.end, s.label, s.text) for s in record.spans] == [
        (d["start"], d["end"], d["label"], d["text"]) for d in spans
    ]
    record.tokens = tokens(text)
    out = io.StringIO()
    jsonl.write([record], out)
    task = json.loads(out.getvalue())
    assert task["text"] == text
    assert [(s["start"], s["end"], s["label"]) for s in task["spans"]] == [
        (d["start"], d["end"], d["label"]) for d in spans
    ]
    for s in task["spans"]:
        assert text[s["start"] : s["end"]] == s["text"]
        assert task["tokens"][s["token_start"]]["start"] <= s["start"]
        assert task["tokens"][s["token_end"]]["end"] >= s["end"]
    for t in task["tokens"]:
        assert text[t["start"] : t["end"]] == t["text"]
    assert "😀" in out.getvalue() and "\\u" not in out.getvalue()  # ensure_ascii=False


@pytest.mark.parametrize(
    ("answer", "state", "status"),
    [
        ("accept", State.ACCEPTED, Status.DONE),
        ("ignore", State.SUGGESTED, Status.SKIPPED),
        ("reject", State.REJECTED, Status.TODO),  # issue 10: was SUGGESTED, which exports made gold
        (None, State.SUGGESTED, Status.TODO),
    ],
)
def test_answer_sets_span_state_and_status(tmp_path, answer, state, status):
    task = {"text": "Putin spoke.", "spans": [{"start": 0, "end": 5, "label": "PERSON"}]}
    if answer:
        task["answer"] = answer
    (record,) = jsonl.read(write_lines(tmp_path / "a.jsonl", [dumps(task)]))
    assert record.doc.status == status
    (s,) = record.spans
    assert (s.state, s.source, s.layer, s.annotator, s.model) == (state, Source.IMPORT, Layer.ENTITY, None, None)


def test_own_keys_win_when_valid(tmp_path):
    text = "Putin met Tokayev in Almaty."
    spans = [
        {"start": 0, "end": 5, "label": "PERSON", "state": "rejected", "source": "model", "model": "en_core_web_sm"},
        {"start": 10, "end": 17, "label": "PERSON", "state": "bogus", "source": "bogus", "annotator": "ana"},
        {"start": 21, "end": 27, "label": "GPE", "state": "suggested", "annotator": 7, "model": None},
    ]
    task = {"text": text, "spans": spans, "answer": "accept", "status": "in_progress"}
    (record,) = jsonl.read(write_lines(tmp_path / "a.jsonl", [dumps(task)]))
    assert record.doc.status == Status.IN_PROGRESS
    assert [(s.state, s.source, s.annotator, s.model) for s in record.spans] == [
        (State.REJECTED, Source.MODEL, None, "en_core_web_sm"),
        (State.ACCEPTED, Source.IMPORT, "ana", None),  # invalid keys fall back to the answer rule
        (State.SUGGESTED, Source.IMPORT, None, None),
    ]


def test_title_id_meta_and_ignored_keys(tmp_path):
    lines = [
        dumps({"text": "\n  First line \nrest", "id": 42, "meta": {"title": "Meta title", "src": "x"}, "title": "Own"}),
        dumps({"text": "\n  First line \nrest", "id": "a-1", "meta": {"title": "Meta title"}}),
        dumps({"text": "\n  First line \nrest", "tokens": [{"bogus": True}], "events": [], "doc_labels": ["A"]}),
    ]
    own, meta, derived = jsonl.read(write_lines(tmp_path / "a.jsonl", lines))
    assert (own.doc.title, own.doc.ext_id, own.doc.meta) == ("Own", "42", {"title": "Meta title", "src": "x"})
    assert (meta.doc.title, meta.doc.ext_id) == ("Meta title", "a-1")
    assert (derived.doc.title, derived.doc.ext_id, derived.doc.meta) == ("First line", None, {})
    assert derived.tokens is None and derived.events == [] and derived.doc_labels == ["A"]
    assert derived.doc.content_hash and derived.doc.content_hash == own.doc.content_hash


def make_record():
    text = "Tokayev thanked the CSTO in Nur-Sultan 🇰🇿 on Jan\u0301 13."
    at = text.index
    doc = Document(text, title="CSTO leaves", meta={"source": "a.txt", "n": [1, 2]}, status=Status.DONE, id=5)
    spans = [
        Span(at("CSTO"), at("CSTO") + 4, "ORG", "CSTO", source=Source.MODEL, state=State.SUGGESTED, model="sm"),
        Span(0, 7, "PERSON", "Tokayev", annotator="ana"),
        Span(at("Nur"), at("Nur") + 10, "GPE", "Nur-Sultan", source=Source.IMPORT),
        Span(at("Nur"), at("Nur") + 3, "FAC", "Nur", state=State.SUGGESTED),  # overlap: kept in JSONL
        Span(at("thanked"), at("thanked") + 7, "PERSON", "thanked", state=State.REJECTED),
        Span(at("thanked"), at("thanked") + 7, "THANK", "thanked", layer=Layer.TRIGGER),
    ]
    return Record(doc, spans=spans, doc_labels=["POLITICS"], tokens=tokens(text))


def test_write_key_order_spans_and_answer():
    out = io.StringIO()
    assert jsonl.write([make_record()], out) == 1
    text = out.getvalue()
    assert text.endswith("\n") and text.count("\n") == 1
    task = json.loads(text)
    assert text == json.dumps(task, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact
    assert list(task) == [
        "text", "meta", "_input_hash", "_task_hash", "tokens", "spans", "rejected_spans", "answer",
        "id", "title", "status", "events", "doc_labels",
    ]  # fmt: skip
    assert (task["answer"], task["id"], task["title"], task["status"]) == ("accept", "doc-5", "CSTO leaves", "done")
    assert (task["events"], task["doc_labels"], task["meta"]) == ([], ["POLITICS"], {"source": "a.txt", "n": [1, 2]})
    assert task["tokens"][0] == {"text": "Tokayev", "start": 0, "end": 7, "id": 0, "ws": True}
    # trigger spans left out (no event holds them); a rejected span is written under
    # rejected_spans (never `spans`, which Prodigy trains as gold), so a round trip keeps the
    # verdict; sorted by (start, end, label)
    assert [(s["label"], s["text"], s["state"]) for s in task["spans"]] == [
        ("PERSON", "Tokayev", "accepted"), ("ORG", "CSTO", "suggested"),
        ("FAC", "Nur", "suggested"), ("GPE", "Nur-Sultan", "accepted"),
    ]  # fmt: skip
    ((rejected),) = task["rejected_spans"]
    assert (rejected["text"], rejected["state"], rejected["answer"]) == ("thanked", "rejected", "reject")
    assert not any("answer" in s for s in task["spans"])
    person, org = task["spans"][0], task["spans"][1]
    assert person == {
        "start": 0, "end": 7, "token_start": 0, "token_end": 0, "label": "PERSON", "text": "Tokayev",
        "source": "annotator", "state": "accepted", "annotator": "ana",
    }  # fmt: skip
    assert list(org) == ["start", "end", "token_start", "token_end", "label", "text", "source", "state", "model"]
    nur_sultan = task["spans"][3]
    first, last = task["tokens"][nur_sultan["token_start"]], task["tokens"][nur_sultan["token_end"]]
    assert (first["text"], last["text"]) == ("Nur", "Sultan")  # the blank tokenizer splits the hyphen
    for key in ("_input_hash", "_task_hash"):
        assert type(task[key]) is int and -(2**31) <= task[key] < 2**31


def test_write_answer_id_and_hashes():
    def task_of(record):
        out = io.StringIO()
        jsonl.write([record], out)
        return json.loads(out.getvalue())

    record = make_record()
    base = task_of(record)
    record.doc.status = Status.IN_PROGRESS
    record.doc.ext_id = "ext-9"
    again = task_of(record)
    assert (again["answer"], again["status"], again["id"]) == ("ignore", "in_progress", "ext-9")
    assert (again["_input_hash"], again["_task_hash"]) == (base["_input_hash"], base["_task_hash"])  # stable
    record.spans = record.spans[1:]
    fewer = task_of(record)
    assert fewer["_input_hash"] == base["_input_hash"] and fewer["_task_hash"] != base["_task_hash"]
    record.doc.text = record.doc.text + " "
    record.tokens = tokens(record.doc.text)
    assert task_of(record)["_input_hash"] != base["_input_hash"]
    record.doc.ext_id, record.doc.id = None, None
    assert "id" not in task_of(record)  # nothing to name it by


def test_write_needs_tokens_and_matching_span_text():
    record = make_record()
    record.tokens = None
    with pytest.raises(ValueError, match="doc-5.*no tokens"):
        jsonl.write([record], io.StringIO())
    record = make_record()
    record.spans.append(Span(0, 7, "PERSON", "Tokayef"))
    with pytest.raises(ValueError, match="does not match"):
        jsonl.write([record], io.StringIO())


def test_round_trip_is_lossless_and_write_read_write_identical(tmp_path):
    records = [make_record()]
    second = make_record()
    second.doc = Document(
        "Line one\nMoscow 😀 e\u0301 said.", title="T", ext_id="x-1", meta={}, status=Status.SKIPPED, id=9
    )
    at = second.doc.text.index
    second.spans = [Span(at("Moscow"), at("Moscow") + 6, "GPE", "Moscow", source=Source.MODEL, model="m")]
    second.tokens = tokens(second.doc.text)
    second.doc_labels = []
    records.append(second)

    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as out:
        assert jsonl.write(records, out) == 2
    back = list(jsonl.read(path))
    assert all(isinstance(r, Record) for r in back)

    def doc_fields(r):
        d = r.doc
        return (d.text, d.title, d.meta, d.status)

    def span_fields(r):
        kept = [s for s in r.spans if s.layer == Layer.ENTITY and s.state != State.REJECTED]
        return sorted((s.start, s.end, s.label, s.text, s.source, s.state, s.annotator, s.model) for s in kept)

    assert [doc_fields(r) for r in back] == [doc_fields(r) for r in records]
    assert [r.doc.ext_id for r in back] == ["doc-5", "x-1"]
    assert [span_fields(r) for r in back] == [span_fields(r) for r in records]
    assert [r.doc_labels for r in back] == [["POLITICS"], []]

    for r in back:
        r.tokens = tokens(r.doc.text)
    again = tmp_path / "again.jsonl"
    with again.open("w", encoding="utf-8") as out:
        jsonl.write(back, out)
    assert again.read_bytes() == path.read_bytes()


def test_large_file_is_read_lazily(tmp_path):
    path = tmp_path / "big.jsonl"
    n = 50_000
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(dumps({"text": f"Article {i} about Almaty. " + "x" * 160, "id": i}) + "\n")
    assert path.stat().st_size > 8_000_000  # far more than any sensible read buffer
    records = jsonl.read(path)
    assert isinstance(records, Iterator)
    first = next(records)
    assert (first.doc.ext_id, first.line) == ("0", 1)
    # A reader that had taken the whole file in already would never see this line.
    with path.open("a", encoding="utf-8") as f:
        f.write(dumps({"text": "Appended after the first record.", "id": "late"}) + "\n")
    *_, last = records
    assert (last.doc.ext_id, last.line) == ("late", n + 1)


def event_record():
    text = "Protesters clashed with troops in Almaty on Tuesday; 3 people died."
    at = text.index

    def span(word, label, **keys):
        return Span(at(word), at(word) + len(word), label, word, **keys)

    protesters, troops = span("Protesters", "PERSON"), span("troops", "PERSON", state=State.SUGGESTED)
    almaty, tuesday = span("Almaty", "GPE", source=Source.MODEL, model="sm"), span("Tuesday", "DATE")
    people = span("3 people", "PERSON")
    clash = Event("Conflict:Attack", span("clashed", "Conflict:Attack", layer=Layer.TRIGGER, annotator="ana"), (
        Argument("Place", almaty), Argument("Attacker", troops), Argument("Attacker", protesters),
        Argument("Time", tuesday)))
    death = Event("Life:Die", span("died", "Life:Die", layer=Layer.TRIGGER), (Argument("Victim", people),))
    doc = Document(text, title="Clashes", ext_id="clash-1", status=Status.DONE)
    return Record(doc, spans=[protesters, troops, almaty, tuesday, people], events=[death, clash],
                  doc_labels=["Protest", "Casualties"], tokens=tokens(text))


def test_events_are_written_as_events_trigger_spans_and_prodigy_relations(tmp_path):
    out = io.StringIO()
    jsonl.write([event_record()], out)
    task = json.loads(out.getvalue())
    text, toks = task["text"], task["tokens"]
    assert list(task)[:8] == ["text", "meta", "_input_hash", "_task_hash", "tokens", "spans", "relations", "answer"]
    assert task["doc_labels"] == ["Casualties", "Protest"]  # sorted
    assert [e["type"] for e in task["events"]] == ["Conflict:Attack", "Life:Die"]  # by trigger
    clash = task["events"][0]
    assert clash["trigger"] == {"start": text.index("clashed"), "end": text.index("clashed") + 7, "text": "clashed"}
    assert [(a["role"], a["text"], a["label"]) for a in clash["arguments"]] == [
        ("Attacker", "Protesters", "PERSON"), ("Attacker", "troops", "PERSON"), ("Place", "Almaty", "GPE"),
        ("Time", "Tuesday", "DATE"),
    ]
    for event in task["events"]:
        for part in (event["trigger"], *event["arguments"]):
            assert text[part["start"]:part["end"]] == part["text"]
    triggers = [s for s in task["spans"] if s.get("layer") == "trigger"]
    assert [(s["label"], s["text"], s["state"]) for s in triggers] == [
        ("Conflict:Attack", "clashed", "accepted"), ("Life:Die", "died", "accepted")]
    assert "layer" not in next(s for s in task["spans"] if s["text"] == "Almaty")
    assert len(task["relations"]) == 5
    for rel, (event, arg) in zip(task["relations"], [(e, a) for e in task["events"] for a in e["arguments"]]):
        assert rel["label"] == arg["role"]
        assert rel["head_span"]["label"] == event["type"] and rel["child_span"]["label"] == arg["label"]
        assert toks[rel["head"]]["end"] == event["trigger"]["end"] == rel["head_span"]["end"]
        assert toks[rel["child"]]["end"] == arg["end"] and rel["child"] == rel["child_span"]["token_end"]
        assert toks[rel["child_span"]["token_start"]]["start"] == arg["start"]
    # "3 people" ends at its second token
    die = task["relations"][-1]
    assert (die["child_span"]["token_start"], die["child"]) == (die["child"] - 1, die["child"])


def test_events_round_trip_identically(tmp_path):
    path = tmp_path / "events.jsonl"
    with path.open("w", encoding="utf-8") as f:
        jsonl.write([event_record()], f)
    (back,) = jsonl.read(path)
    original = event_record()

    def events(r):
        return sorted((e.type, e.trigger.start, e.trigger.end, e.trigger.layer,
                       sorted((a.role, a.span.start, a.span.end, a.span.label, a.span.state) for a in e.arguments))
                      for e in r.events)

    assert events(back) == events(original)
    assert {(s.text, s.layer) for s in back.spans} >= {("clashed", Layer.TRIGGER), ("died", Layer.TRIGGER)}
    troops = next(a.span for e in back.events for a in e.arguments if a.span.text == "troops")
    assert troops.state == State.SUGGESTED  # the argument is the span from "spans", state and all
    back.tokens = tokens(back.doc.text)
    again = io.StringIO()
    jsonl.write([back], again)
    assert again.getvalue().encode() == path.read_bytes()


def test_event_offsets_move_with_crlf_and_missing_argument_spans_are_added(tmp_path):
    raw = "Troops left\r\nAlmaty on Tuesday."
    at = raw.index
    task = {"text": raw, "events": [{
        "type": "Movement:Transport", "trigger": {"start": at("left"), "end": at("left") + 4, "text": "left"},
        "arguments": [{"role": "Origin", "start": at("Almaty"), "end": at("Almaty") + 6, "label": "GPE"},
                      {"role": "Artifact", "start": 0, "end": at("Almaty"), "label": "PERSON",
                       "text": "Troops left\r\n"}],
    }]}
    path = write_lines(tmp_path / "t.jsonl", [dumps(task)])
    (record,) = jsonl.read(path)
    text = record.doc.text
    (event,) = record.events
    assert text[event.trigger.start:event.trigger.end] == "left"
    origin, artifact = event.arguments
    assert (text[origin.span.start:origin.span.end], origin.span.state, origin.span.source) == (
        "Almaty", State.ACCEPTED, Source.IMPORT)
    assert artifact.span.text == "Troops left\n"
    assert {(s.text, s.layer) for s in record.spans} == {
        ("left", Layer.TRIGGER), ("Almaty", Layer.ENTITY), ("Troops left\n", Layer.ENTITY)}
