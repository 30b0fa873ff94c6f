"""CoNLL read a block of lines at a time gives what the line-by-line reader gives: the same
Records and the same refusals at the same lines, across block edges and undecodable bytes."""

from __future__ import annotations

import random

import pytest

from desktop.core import text as core_text
from desktop.core.model import BadInput
from desktop.formats import conll

LINES = ["Ana\tB-PER", "Bo\tI-PER", "met\tO", "in\tO", "Almaty\tU-GPE", "x\t-", ".\tO", "Nur NNP B-LOC",
         "", "", "   ", "-DOCSTART- O", "-DOCSTART- -X- -X- O", "  -DOCSTART-\tO", "bad\tQ-PER", "lonely",
         "é\tS-ORG", "😀\tE-ORG", "a\u2028b\tO", "tab\t\tL-PER", "x-DOCSTART-\tO"]


def _outcome(items):
    out = []
    for item in items:
        if isinstance(item, BadInput):
            out.append(("bad", item.reason, item.file, item.line))
        else:
            out.append((item.doc.text, item.doc.meta, item.doc.status, item.line, item.tokens,
                        [(s.start, s.end, s.label, s.text) for s in item.spans], item.dropped))
    return out


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
