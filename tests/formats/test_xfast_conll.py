"""CoNLL read a block of lines at a time gives what the line-by-line reader gives: the same
Records and the same refusals at the same lines, across block edges and undecodable bytes."""

from __future__ import annotations

import random

import pytest

from desktop.core import text as core_text
from desktop.formats import conll
from tests.helpers import read_outcome as _outcome

LINES = ["Ana\tB-PER", "Bo\tI-PER", "met\tO", "in\tO", "Almaty\tU-GPE", "x\t-", ".\tO", "Nur NNP B-LOC",
         "", "", "   ", "-DOCSTART- O", "-DOCSTART- -X- -X- O", "  -DOCSTART-\tO", "bad\tQ-PER", "lonely",
         "é\tS-ORG", "😀\tE-ORG", "a\u2028b\tO", "tab\t\tL-PER", "x-DOCSTART-\tO"]


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_blocks_read_as_lines_did(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(core_text, "_CHUNK", chunk)
    rng = random.Random(chunk)
    for n in range(80):
        lines = [rng.choice(LINES[:8]) if rng.random() < 0.7 else rng.choice(LINES) for _ in range(rng.randint(0, 40))]
        path = tmp_path / f"{n}.conll"
        path.write_text("\n".join(lines) + rng.choice(["", "\n", "\r\n"]), encoding="utf-8")
        assert _outcome(conll.read(path)) == _outcome(conll._read_by_line(path, None)), lines


def test_an_undecodable_byte_names_a_bad_line_before_it_then_stops(tmp_path, monkeypatch):
    monkeypatch.setattr(core_text, "_CHUNK", 16)
    path = tmp_path / "bad.conll"
    path.write_bytes(b"-DOCSTART- O\n\nAna\tB-PER\n\n-DOCSTART- O\n\nbad\tQ-PER\nBo\tO\n\xff\xfe\nmore\tO\n")
    got = _outcome(conll.read(path))
    assert got == _outcome(conll._read_by_line(path, None))
    assert [g[0] == "bad" and g[3] for g in got] == [False, 7, 9]


def _random_record(rng: random.Random):
    from desktop.core.model import Document, Layer, Record, Span, State, Status, Token

    words = [rng.choice(["Ana", "Bo", "YfeABCD", "Nur-Sultan", "é", "."]) for _ in range(rng.randint(1, 12))]
    text, tokens = "", []
    for word in words:
        start = len(text)
        text += word
        tokens.append(Token(start, len(text), False))
        text += rng.choice([" ", " ", " ", "\n"])
    text = text[:-1]
    tokens = [Token(t.start, t.end, text[t.end:t.end + 1] == " ") for t in tokens]
    spans = []
    for _ in range(rng.randint(0, 5)):
        a = rng.randrange(len(text))
        b = rng.randint(a + 1, min(len(text), a + 15))
        if text[a:b].strip():
            spans.append(Span(a, b, rng.choice(["PER", "LOC"]), text[a:b],
                              layer=rng.choice([Layer.ENTITY, Layer.ENTITY, Layer.TRIGGER]),
                              state=rng.choice([State.ACCEPTED, State.ACCEPTED, State.SUGGESTED, State.REJECTED])))
    return Record(Document(text, status=rng.choice([Status.DONE, Status.TODO])), spans=spans, tokens=tokens)


def _written(records, scheme, suggestions):
    import io

    out = io.StringIO()
    try:
        conll.write(records, out, scheme=scheme, suggestions=suggestions)
    except ValueError as err:
        return ("refused", str(err))
    return out.getvalue()


def test_records_are_written_as_piece_by_piece_wrote_them(monkeypatch):
    rng = random.Random(5)
    cases = [([_random_record(rng)], scheme, rng.random() < 0.3) for _ in range(400) for scheme in [rng.choice(conll.SCHEMES)]]
    fast = [_written(*case) for case in cases]
    monkeypatch.setattr(conll, "_tagged", lambda *args: None)
    assert fast == [_written(*case) for case in cases]
    assert sum(isinstance(f, tuple) for f in fast) < 200 and any(isinstance(f, tuple) for f in fast)
