"""Issue 10 through the store and the CLI: `export --format spacy` writes accepted spans as
gold (missing around them in a document not done), `--include-suggestions` writes silver
data, and a span inside a token ("YfeA" in "YfeABCD") stays exact."""

import json

import spacy
from spacy.tokens import DocBin

from tests.helpers import run


def _task(text, spans, status):
    out = []
    for word, label, state in spans:
        start = text.index(word)
        out.append({"start": start, "end": start + len(word), "label": label, "text": word, "state": state})
    return {"text": text, "spans": out, "status": status}


def _project(tmp_path):
    source = tmp_path / "in.jsonl"
    tasks = [
        _task("Putin met Tokayev in Almaty.", [("Putin", "PERSON", "accepted"),
                                               ("Tokayev", "PERSON", "suggested")], "todo"),
        _task("The YfeABCD operon of Yersinia.", [("YfeA", "PROTEIN", "accepted"),
                                                  ("Yersinia", "ORG", "suggested")], "done"),
    ]
    source.write_text("".join(json.dumps(t) + "\n" for t in tasks), encoding="utf-8")
    db = tmp_path / "p.db"
    assert run("import", source, "--db", db).exit_code == 0
    return db


def _docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_export_writes_accepted_spans_as_gold_and_missing_around_them(tmp_path):
    db, out = _project(tmp_path), tmp_path / "gold.spacy"
    result = run("export", "--format", "spacy", "--all", "--out", out, "--db", db)
    assert result.exit_code == 0, result.output
    todo, done = _docs(out)
    assert [(e.text, e.label_) for e in todo.ents] == [("Putin", "PERSON")]
    assert [t.ent_iob_ for t in todo] == ["B", "", "", "", "", ""]  # not done: missing, not O
    assert [(e.text, e.label_) for e in done.ents] == [("YfeA", "PROTEIN")]
    assert [(t.text, t.ent_iob_) for t in done][:4] == [("The", "O"), ("YfeA", "B"), ("BCD", "O"), ("operon", "O")]
    for doc in (todo, done):
        assert [s.text for s in doc.spans["suggestions"]] in (["Tokayev"], ["Yersinia"])


def test_include_suggestions_writes_silver_data(tmp_path):
    db, out = _project(tmp_path), tmp_path / "silver.spacy"
    result = run("export", "--format", "spacy", "--all", "--include-suggestions", "--out", out, "--db", db)
    assert result.exit_code == 0, result.output
    todo, done = _docs(out)
    assert [e.text for e in todo.ents] == ["Putin", "Tokayev"]
    assert [e.text for e in done.ents] == ["YfeA", "Yersinia"]
    assert todo.user_data["silver"] is True


def test_include_suggestions_is_refused_where_it_means_nothing(tmp_path):
    db, out = _project(tmp_path), tmp_path / "c.jsonl"
    result = run("export", "--format", "jsonl", "--all", "--include-suggestions", "--out", out, "--db", db)
    assert result.exit_code != 0
    assert "--include-suggestions is for the spacy and conll formats only" in result.output
    assert not out.exists()


def test_jsonl_export_cuts_tokens_at_span_edges(tmp_path):
    db, out = _project(tmp_path), tmp_path / "c.jsonl"
    assert run("export", "--format", "jsonl", "--all", "--out", out, "--db", db).exit_code == 0
    for task in map(json.loads, out.read_text(encoding="utf-8").splitlines()):
        tokens = task["tokens"]
        for s in task["spans"]:
            assert (tokens[s["token_start"]]["start"], tokens[s["token_end"]]["end"]) == (s["start"], s["end"])
