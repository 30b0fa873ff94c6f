"""The fast paths bench/interchange.py asked for give what the general code gives (h-perf):
each is checked against the step-by-step path it stands in for, on ordinary and awkward input."""

from __future__ import annotations

import random

import pytest

from desktop.core.model import Token
from desktop.formats import conll
from tests.helpers import word_tokens


def _tokens(text: str) -> list[Token]:
    """Whitespace-split tokens, as a CoNLL or DyGIE++ text has them."""
    return word_tokens(text)


def _one_sentence_a_line_by_piece(text, pieces):
    """The check as it was written piece by piece, before h-perf (desktop/formats/dygiepp.py)."""
    pos = 0
    for a, b in pieces:
        if a != pos:
            return False
        pos = b + 1
        if b < len(text) and text[b] not in " \n":
            return False
    return pieces[-1][1] == len(text)


@pytest.mark.parametrize("text", ["Ana met Bo .\nBo left .", "Ana  met Bo .", " Ana met", "Ana met ",
                                  "Ana\tmet", "Ana met\n\nBo", "solo", "Ana-met Bo"])
def test_one_sentence_a_line_as_before(text):
    from desktop.formats import dygiepp

    for cuts in (set(), {1}, {3, 4}):
        pieces = [p for line in conll.token_pieces(text, _tokens(text), cuts) for p in line]
        starts, ends = [a for a, _ in pieces], [b for _, b in pieces]
        assert dygiepp._one_sentence_a_line(text, starts, ends) == _one_sentence_a_line_by_piece(text, pieces)


def test_split_at_skips_only_what_the_general_loop_would_not_change(monkeypatch):
    from desktop.formats import token_split

    rng = random.Random(11)
    text = "YfeABCD binds Nur-Sultan and iron in E. coli .\nIt does ."
    tokens = _tokens(text)
    every = [(a, b) for a in range(len(text)) for b in range(a + 1, min(len(text), a + 12) + 1)]
    cases = [[], [(0, 7)], [(0, 4)], [(8, 13)], [(7, 13)], [(0, 8)], [(14, 17)]]
    cases += [rng.sample(every, rng.randint(1, 4)) for _ in range(300)]
    fast = [token_split.split_at(tokens, edges) for edges in cases]
    monkeypatch.setattr(token_split, "_aligned", lambda *args: False)
    assert fast == [token_split.split_at(tokens, edges) for edges in cases]
    assert fast[1] == tokens and fast[2] != tokens  # aligned: unchanged; "YfeA": cut


@pytest.mark.parametrize(("raw", "start", "end", "reason"), [
    ("Ana met  Bo.", 7, 8, "entity 1 (7-8): span 7-8 covers only whitespace"),
    ("Ana\r\nBo.", 3, 4, "entity 1 (3-4): empty span: start 3 is not before end 3"),  # the \r is dropped
])
def test_json_text_span_still_refuses_blank_and_emptied_spans(raw, start, end, reason):
    from desktop.core.model import BadInput
    from desktop.formats.json_values import Text

    with pytest.raises(BadInput) as err:
        Text(raw).span(start, end, "PER", "entity 1")
    assert err.value.reason == reason
    assert Text(raw).span(0, 3, "PER", "entity 1").text == "Ana"


def _decoded_one_by_one(sentences):
    """Text, tokens and (start, end, label) entities of CoNLL sentences of (word, tag), as the
    reader built them token by token before h-perf (desktop/formats/conll.py, _Doc.record)."""
    parts, tokens, found, pos = [], [], [], 0
    for sentence in sentences:
        open_ = None
        for i, (word, tag) in enumerate(sentence):
            start, end = pos, pos + len(word)
            last = i == len(sentence) - 1
            tokens.append(Token(start, end, not last))
            parts.append(word + ("\n" if last else " "))
            pos = end + 1
            prefix, label = conll._split(tag)
            if open_ and (prefix in ("B", "U", "S", None) or label != open_[1]):
                found.append((open_[0], tokens[-2].end, open_[1]))
                open_ = None
            if prefix is None:
                continue
            if open_ is None:
                open_ = (start, label)
            if prefix in ("L", "E", "U", "S"):
                found.append((open_[0], end, open_[1]))
                open_ = None
        if open_:
            found.append((open_[0], tokens[-1].end, open_[1]))
    return "".join(parts)[:-1], tokens, found


def test_conll_reading_decodes_as_it_did_token_by_token(tmp_path):
    rng = random.Random(12)
    tags = ["O", "O", "O", "-", "B-PER", "I-PER", "L-PER", "U-ORG", "B-ORG", "I-ORG", "E-ORG", "S-LOC", "I-LOC"]
    words = ["Ana", "met", "Bo", "in", "Nur-Sultan", "é", "😀", ".", "x"]
    for n in range(60):
        sentences = [[(rng.choice(words), rng.choice(tags)) for _ in range(rng.randint(1, 9))]
                     for _ in range(rng.randint(1, 4))]
        lines = ["-DOCSTART- O", ""]
        for sentence in sentences:
            lines += [f"{word}\t{tag}" for word, tag in sentence] + [""]
        path = tmp_path / f"{n}.conll"
        path.write_text("\n".join(lines), encoding="utf-8")
        (record,) = conll.read(path)
        text, tokens, found = _decoded_one_by_one(sentences)
        assert (record.doc.text, record.tokens) == (text, tokens)
        assert [(s.start, s.end, s.label, s.text) for s in record.spans] == [(a, b, x, text[a:b]) for a, b, x in found]
        every = [tag for sentence in sentences for _, tag in sentence]
        assert record.doc.meta["scheme"] == conll.detect(every) == _scheme_tag_by_tag(every)


def _scheme_tag_by_tag(tags):
    """conll.detect as it was before h-perf, splitting every tag, O and - included."""
    prefixes, before, iob1 = set(), "O", False
    for tag in tags:
        prefix, label = conll._split(tag)
        prefixes.add(prefix)
        if prefix == "I" and before != label:
            iob1 = True
        before = label if prefix in ("B", "I") else "O"
    if prefixes & {"E", "S"}:
        return "IOBES"
    if prefixes & {"L", "U"}:
        return "BILUO"
    return "IOB1" if iob1 else "IOB2"
