"""Issue 10, defects 2 and 6: a DocBin presents only accepted spans as gold (missing, not
outside, around them in a document not done), and every span is exact in DocBin and JSONL
even where it cuts a token ("YfeA" inside "YfeABCD")."""

import io
import json

import spacy
from spacy.tokens import DocBin
from spacy.training import Example

from desktop.core.model import Document, Layer, Record, Source, Span, State, Status, Token
from desktop.formats import jsonl
from desktop.formats import spacy as spacy_format

_nlp = spacy.blank("en")


def tokens(text):
    return [Token(t.idx, t.idx + len(t.text), bool(t.whitespace_)) for t in _nlp.tokenizer(text)]


def span(text, word, label, **keys):
    start = text.index(word)
    return Span(start, start + len(word), label, word, **keys)


def load(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


TEXT = "Putin met Tokayev in Almaty and the CSTO left."


def _records(status):
    spans = [
        span(TEXT, "Putin", "PERSON"),  # accepted
        span(TEXT, "Tokayev", "PERSON", state=State.SUGGESTED, source=Source.MODEL),
        span(TEXT, "Almaty", "GPE", state=State.REJECTED, source=Source.MODEL),
        span(TEXT, "CSTO", "ORG", state=State.ACCEPTED, source=Source.MODEL),
    ]
    return [Record(Document(TEXT, title="t", ext_id="d", status=status), spans=spans, tokens=tokens(TEXT))]


def test_suggestions_are_not_gold_and_a_document_not_done_is_missing_around_them(tmp_path):
    path = tmp_path / "todo.spacy"
    spacy_format.write(_records(Status.TODO), path)
    (doc,) = load(path)
    assert ents(doc) == [("Putin", "PERSON"), ("CSTO", "ORG")]
    assert [(s.text, s.label_) for s in doc.spans["sc"]] == [("Putin", "PERSON"), ("CSTO", "ORG")]
    iob = {t.text: t.ent_iob_ for t in doc}
    assert (iob["Putin"], iob["CSTO"]) == ("B", "B")
    # every other token is missing (""), not outside ("O"): Tokayev was never reviewed
    assert {t.ent_iob_ for t in doc if t.text not in ("Putin", "CSTO")} == {""}
    # and spaCy's training alignment reads missing as missing (None), not as "O"
    example = Example(_nlp.make_doc(TEXT), doc)
    assert example.get_aligned_ner() == [
        "U-PERSON", None, None, None, None, None, None, "U-ORG", None, None,
    ]  # fmt: skip


def test_a_done_document_is_outside_around_its_accepted_spans(tmp_path):
    path = tmp_path / "done.spacy"
    spacy_format.write(_records(Status.DONE), path)
    (doc,) = load(path)
    assert ents(doc) == [("Putin", "PERSON"), ("CSTO", "ORG")]
    assert {t.ent_iob_ for t in doc if t.text not in ("Putin", "CSTO")} == {"O"}
    example = Example(_nlp.make_doc(TEXT), doc)
    assert example.get_aligned_ner() == ["U-PERSON", "O", "O", "O", "O", "O", "O", "U-ORG", "O", "O"]


def test_include_suggestions_makes_silver_data_never_with_rejected_spans(tmp_path):
    path = tmp_path / "silver.spacy"
    spacy_format.write(_records(Status.TODO), path, include_suggestions=True)
    (doc,) = load(path)
    assert ents(doc) == [("Putin", "PERSON"), ("Tokayev", "PERSON"), ("CSTO", "ORG")]
    assert "Almaty" not in [s.text for s in doc.spans["sc"]]
    assert {t.ent_iob_ for t in doc if not t.ent_type_} == {""}


def test_suggestions_are_kept_apart_and_read_back_as_suggestions(tmp_path):
    path = tmp_path / "kept.spacy"
    spacy_format.write(_records(Status.TODO), path)
    (doc,) = load(path)
    assert [(s.text, s.label_) for s in doc.spans[spacy_format.SUGGESTIONS_KEY]] == [("Tokayev", "PERSON")]
    (back,) = spacy_format.read(path)
    assert [(s.text, s.state) for s in back.spans] == [
        ("Putin", State.ACCEPTED), ("Tokayev", State.SUGGESTED), ("CSTO", State.ACCEPTED),
    ]  # fmt: skip


# Defect 6: spans inside tokens.
GENE = "The yfeABCD operon encodes YfeABCD; YfeA binds anti-YfeA-like sera in Nur-Sultan's labs."


def _gene_spans():
    text = GENE
    yfea = text.index("YfeABCD")
    anti = text.index("anti-YfeA")
    nur = text.index("Nur-Sultan")
    return [
        Span(yfea, yfea + 4, "PROTEIN", "YfeA"),  # intra-token: "YfeA" inside "YfeABCD"
        Span(yfea + 4, yfea + 7, "PROTEIN", "BCD"),  # the rest of the same token
        Span(yfea + 2, yfea + 6, "X", "eABC", state=State.SUGGESTED),  # overlapping both
        Span(yfea, yfea + 7, "OPERON", "YfeABCD"),
        Span(anti + 5, anti + 9, "PROTEIN", "YfeA"),  # inside a hyphenated word
        Span(nur, nur + 3, "GPE_PART", "Nur"),  # a piece of a hyphenated name
        Span(text.index("yfe"), text.index("yfe") + 3, "GENE", "yfe"),
        Span(text.index("operon") - 1, text.index("operon") + 6, "WS", " operon"),  # leading space
        Span(text.index("binds"), text.index("binds") + 6, "WS2", "binds "),  # trailing space
    ]


def _gene_record(status=Status.DONE):
    return Record(Document(GENE, title="g", id=1, status=status), spans=_gene_spans(), tokens=tokens(GENE))


def test_every_span_is_exact_in_the_docbin(tmp_path):
    path = tmp_path / "genes.spacy"
    spacy_format.write([_gene_record()], path, include_suggestions=True)
    (doc,) = load(path)
    assert doc.text == GENE
    for s in _gene_spans():
        found = doc.char_span(s.start, s.end)
        assert found is not None, s
        assert found.text == s.text
    every = [*doc.spans["sc"], *doc.ents]
    assert all(GENE[x.start_char : x.end_char] == x.text for x in every)
    assert sorted((x.start_char, x.end_char, x.label_) for x in doc.spans["sc"]) == sorted(
        (s.start, s.end, s.label) for s in _gene_spans()
    )
    # the non-overlapping choice in ents is made of exact spans, not widened ones
    assert ("YfeA", "PROTEIN") in ents(doc)
    assert all((e.start_char, e.end_char, e.label_) in {(s.start, s.end, s.label) for s in _gene_spans()}
               for e in doc.ents)


def test_every_span_has_exact_token_indices_in_jsonl():
    out = io.StringIO()
    jsonl.write([_gene_record()], out)
    task = json.loads(out.getvalue())
    toks = task["tokens"]
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in toks) == GENE
    assert [t["id"] for t in toks] == list(range(len(toks)))
    for s in task["spans"]:
        assert toks[s["token_start"]]["start"] == s["start"], s
        assert toks[s["token_end"]]["end"] == s["end"], s


def test_token_splitting_leaves_aligned_spans_alone():
    text = "Putin met Tokayev."
    record = Record(Document(text, id=2), spans=[span(text, "Tokayev", "PERSON")], tokens=tokens(text))
    out = io.StringIO()
    jsonl.write([record], out)
    task = json.loads(out.getvalue())
    assert [t["text"] for t in task["tokens"]] == ["Putin", "met", "Tokayev", "."]
    assert (task["spans"][0]["token_start"], task["spans"][0]["token_end"]) == (2, 2)


def test_any_span_is_exact_after_the_split(tmp_path):
    """Every (start, end) a span may have, edges on spaces and inside words included."""
    import random

    text = "Jose\u0301  met 👩‍👩‍👧 in Nur-Sultan.\n\nYfeABCD's end"
    rng = random.Random(10)
    pairs = {(a, b) for a in range(len(text)) for b in range(a + 1, len(text) + 1) if not text[a:b].isspace()}
    chosen = rng.sample(sorted(pairs), 40)
    spans = [Span(a, b, "X", text[a:b]) for a, b in chosen]
    path = tmp_path / "any.spacy"
    spacy_format.write([Record(Document(text, id=1), spans=spans, tokens=tokens(text))], path)
    (doc,) = load(path)
    assert doc.text == text
    for a, b in chosen:
        assert doc.char_span(a, b).text == text[a:b]
    out = io.StringIO()
    jsonl.write([Record(Document(text, id=1), spans=spans, tokens=tokens(text))], out)
    task = json.loads(out.getvalue())
    for s in task["spans"]:
        assert (task["tokens"][s["token_start"]]["start"], task["tokens"][s["token_end"]]["end"]) == (s["start"], s["end"])
