"""DyGIE++ write's quick path (`dygiepp._whole_words`: tokens that are the text's words,
every written span on token edges, nothing across a line break) writes exactly what the
general path (`dygiepp._document`) writes, line for line, and leaves every other record
to it: tokens cut by a span or not the text's words, spans across lines, a sentence
finder on a text that is not a sentence a line, spans that cover no token (the same
ValueError)."""

from __future__ import annotations

import random

from desktop.core.annotations import Equivalence, Relation
from desktop.core.model import Argument, Document, Event, Layer, Record, Span, State, Token
from desktop.core.token_list import TokenList
from desktop.formats import dygiepp
from desktop.formats.fast_json import dumps
from tests.helpers import word_tokens

WORDS = ["Ana", "met", "Bo", "in", "Almaty", ".", "U.S.", "é", "😀", "Nur-Sultan", "x", "'s"]
LABELS = ["ORG", "PER", "GPE"]


def _text(rng: random.Random) -> str:
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 4))]
    text = "\n".join(lines)
    shake = rng.random()
    if shake < 0.06:
        text = text.replace(" ", "  ", 1)
    elif shake < 0.12:
        text = text.replace(" ", "\t", 1)
    elif shake < 0.16:
        text = " " + text
    elif shake < 0.2:
        text = text + "\n"
    elif shake < 0.24:
        text = text.replace("\n", "\n\n", 1)
    elif shake < 0.27:
        text = text.replace("\n", "\r\n", 1)
    return text


def _tokens(text: str, rng: random.Random) -> list[Token]:
    """The text's words, sometimes with one cut in two, two joined, one missing or an empty one."""
    out = word_tokens(text)
    shake = rng.random()
    if shake < 0.04:
        # as long as the words and a character apart, but laid from the first character the
        # text's extra whitespace leaves (a double space, a space first): not its words
        at = len(text) - sum(t.end - t.start for t in out) - len(out) + 1
        laid = []
        for t in out:
            laid.append(Token(at, at + t.end - t.start, True))
            at += t.end - t.start + 1
        return laid
    if shake < 0.08 and any(b.end - b.start > 1 and b.start == a.end + 1 for a, b in zip(out, out[1:])):
        # the character between two words moved into the second: the first ends in a space
        i = next(i for i, (a, b) in enumerate(zip(out, out[1:])) if b.end - b.start > 1 and b.start == a.end + 1)
        a, b = out[i], out[i + 1]
        out[i:i + 2] = [Token(a.start, b.start, False), Token(b.start + 1, b.end, b.ws)]
    elif shake < 0.1 and any(t.end - t.start > 1 for t in out):
        i = next(i for i, t in enumerate(out) if t.end - t.start > 1)
        t = out[i]
        out[i:i + 1] = [Token(t.start, t.end - 1, False), Token(t.end - 1, t.end, t.ws)]
    elif shake < 0.1 and len(out) > 1:
        out[0:2] = [Token(out[0].start, out[1].end, out[1].ws)]
    elif shake < 0.13 and len(out) > 1:
        del out[rng.randrange(len(out))]
    elif shake < 0.15:
        out.insert(1, Token(out[0].end, out[0].end, False))
    return out


def _record(rng: random.Random) -> Record:
    text = _text(rng)
    tokens = _tokens(text, rng)
    words = [(m.start, m.end) for m in (t for t in tokens) if m.end > m.start] or [(0, len(text))]

    def span(layer=Layer.ENTITY, state=State.ACCEPTED, label=None) -> Span:
        i = rng.randrange(len(words))
        j = min(len(words) - 1, i + rng.choice([0, 0, 0, 1, 2]))
        a, b = words[i][0], words[j][1]
        shake = rng.random()
        if shake < 0.04 and b - a > 1:
            b -= 1  # ends inside a token
        elif shake < 0.07 and b - a > 1:
            a += 1  # starts inside a token
        elif shake < 0.08:
            a = b  # empty: covers no token
        elif shake < 0.09 and i > 0:
            a, b = words[i][0], words[rng.randrange(i)][1]  # backwards, a token's start to an earlier one's end
        label = label or rng.choice(LABELS)
        return Span(a, b, label, text[a:b], layer=layer, state=state)

    spans = [span(state=rng.choice([State.ACCEPTED] * 3 + [State.SUGGESTED, State.REJECTED]))
             for _ in range(rng.randint(0, 5))]
    if spans and rng.random() < 0.2:
        spans.append(spans[0])  # the same span twice
    loose = [span(Layer.TRIGGER, label="Meet") for _ in range(2)]  # triggers of no event, which are not cut at
    events = []
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        kind = rng.choice(["Meet", "Move"])
        trigger = span(Layer.TRIGGER, label=kind)
        spans.append(trigger)
        args = tuple(Argument(rng.choice(["Entity", "Place"]), rng.choice(loose if rng.random() < 0.1 else spans))
                     for _ in range(rng.randint(0, 3)) if spans)
        events.append(Event(kind, trigger, args))
    ends = [*spans, *loose]  # (a relation's ends)
    relations = [Relation(rng.choice(["met", "in"]), rng.choice(ends), rng.choice(ends))
                 for _ in range(rng.choice([0, 0, 1, 2])) if spans]
    equivalences = []
    if spans and rng.random() < 0.25:
        members = [rng.choice(spans), span(label=dygiepp.MENTION)]
        spans.append(members[1])
        equivalences.append(Equivalence(dygiepp.COREFERENCE, tuple(members)))
    meta = rng.choice([{}, {}, {"dataset": "ace"}, {"weight": 2.0, "source": "x"},
                       {"_ids": list(range(text.count("\n") + 1)), "_other": [1]}, {"doc_key": "k", "note": "n"}])
    doc = Document(text, title=f"t{rng.randrange(9)}", ext_id=rng.choice([None, "d1", "7"]), meta=meta)
    doc.id = rng.choice([None, 12])  # (stored: its key is doc-12 when it has no id of its own)
    if rng.random() < 0.4:
        tokens = TokenList([t.start for t in tokens], [t.end for t in tokens], [t.ws for t in tokens])
    return Record(doc, spans=spans, events=events, tokens=tokens, relations=relations, equivalences=equivalences)


def _finder(text: str) -> list[tuple[int, int]]:
    """A sentence finder: a sentence ends after each " . "."""
    out, start = [], 0
    for i in range(len(text)):
        if text.startswith(" . ", i):
            out.append((start, i + 2))
            start = i + 3
    return [*out, (start, len(text))]


def _written(document, record: Record, suggestions: bool, sentences) -> str | tuple[str, str]:
    try:
        return dumps(document(record, suggestions, sentences))
    except ValueError as error:
        return "ValueError", str(error)


def test_random_and_awkward_records_are_written_as_the_general_path_writes_them():
    rng = random.Random(18)
    quick = 0
    for n in range(1500):
        record = _record(rng)
        suggestions, sentences = rng.random() < 0.5, rng.choice([None, None, _finder])
        expected = _written(dygiepp._document, record, suggestions, sentences)
        assert _written(dygiepp.document, record, suggestions, sentences) == expected, (n, record)
        quick += dygiepp._whole_words(record, suggestions, sentences) is not None
    assert 250 < quick < 1250  # both paths were taken


def _simple(text: str, *spans: tuple[int, int, str], events=(), relations=()) -> Record:
    tokens, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        tokens.append(Token(start, pos, text[pos:pos + 1] == " "))
    made = [Span(a, b, label, text[a:b], state=State.ACCEPTED) for a, b, label in spans]
    return Record(Document(text, title="T", ext_id="d"), spans=made, tokens=tokens,
                  events=[e(made) for e in events], relations=[r(made) for r in relations])


def test_a_common_record_takes_the_quick_path_and_keeps_its_lines():
    text = "Police met Tokayev in Almaty .\nTroops left ."
    record = _simple(text, (0, 6, "ORG"), (11, 18, "PER"), (22, 28, "GPE"), (31, 37, "ORG"),
                     events=[lambda s: Event("Meet", Span(7, 10, "Meet", "met", layer=Layer.TRIGGER),
                                             (Argument("Entity", s[1]), Argument("Place", s[2])))],
                     relations=[lambda s: Relation("met", s[0], s[1])])
    obj = dygiepp._whole_words(record, False, None)
    assert obj == dygiepp._document(record, False, None)
    assert obj["sentences"] == [["Police", "met", "Tokayev", "in", "Almaty", "."], ["Troops", "left", "."]]
    assert obj["ner"] == [[[0, 0, "ORG"], [2, 2, "PER"], [4, 4, "GPE"]], [[6, 6, "ORG"]]]
    assert obj["events"] == [[[[1, "Meet"], [2, 2, "Entity"], [4, 4, "Place"]]], []]
    assert obj["relations"] == [[[0, 0, 2, 2, "met"]], []]


def test_what_the_quick_path_leaves_to_the_general_one():
    text = "Police met Tokayev .\nTroops left ."
    # a span inside a token: the token is cut
    inside = _simple(text, (0, 3, "ORG"))
    assert dygiepp._whole_words(inside, False, None) is None
    assert dygiepp.document(inside)["sentences"][0][:2] == ["Pol", "ice"]
    # a span across the line break: the two lines are one sentence
    across = _simple(text, (11, 27, "ORG"))
    assert dygiepp._whole_words(across, False, None) is None
    assert len(dygiepp.document(across)["sentences"]) == 1
    # tokens that are not the text's words, and a text with a double space
    halves = _simple(text)
    halves.tokens[0:1] = [Token(0, 3, False), Token(3, 6, True)]
    assert dygiepp._whole_words(halves, False, None) is None
    assert dygiepp.document(halves)["sentences"][0][:3] == ["Pol", "ice", "met"]
    double = _simple(text.replace(" ", "  ", 1))
    assert dygiepp._whole_words(double, False, None) is None
    assert dygiepp.document(double)["sentences"][0][:2] == ["Police", "met"]
    # a tab between words, with a sentence finder: not a sentence a line
    tab = _simple(text.replace(" ", "\t", 1))
    assert dygiepp._whole_words(tab, False, lambda t: [(0, len(t))]) is None
    assert dygiepp._whole_words(tab, False, None) is not None
