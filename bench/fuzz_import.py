"""A mutation sweep over every reader and command: no input may end in a traceback.

Seeds are the real third-party files in tests/data/thirdparty/ (brat, Prodigy, doccano,
DyGIE++, Label Studio, CoNLL), what `spandesk export` writes in every format, the label set
TOML, a brat annotation.conf, a project database and an annotator's file from `assign`.
Each case mutates one seed (truncation, byte flips, invalid UTF-8, a BOM, CRLF, NULs, a JSON
value's type swapped, offsets negative/huge/reversed/float/bool, hostile labels, duplicated
ids, brat lines missing fields, events cycling, a 1-MB line, an empty file, a directory
where a file is expected, a DocBin's user_data or cats made hostile inside its msgpack, a
database truncated or with a page overwritten), imports it (--json), exports the result in
one format and imports that export into a fresh project, and runs the reading commands, all
in this process through click's runner. Two systematic modes replace the random mutants:
--paths gives each key path of each JSON seed's first record each hostile value, then runs
every export; --rows gives one row's column of the project or the annotator's file a value
another program might leave (bytes, a dangling id...), then runs every command and a merge.

A defect is: a traceback, the "internal error" line (exit 70), any other exit status than
0/1/2, a failure that says nothing, an import report whose read is not stored + dropped or
that says stored where the project holds none, documents in the project that the report
does not count, a refusal that does not name the file, a folder where a file belongs
imported without a word, or an export its own import refuses or brings back short.

    .venv/bin/python bench/fuzz_import.py --cases 300 --seed 17 [--keep DIR] [--only brat]
    .venv/bin/python bench/fuzz_import.py --paths --cases 1500 --seed 17
    .venv/bin/python bench/fuzz_import.py --rows --cases 300 --seed 5

About 0.1 s a command: 300 random cases take about a minute, 1,500 --paths cases three.

Each defect is printed with its case number, mutation and commands; --keep keeps the mutants.
As root, unreadable files (chmod 000) cannot be tested: root reads them anyway.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THIRD = ROOT / "tests" / "data" / "thirdparty"
CASE_SECONDS = 60  # one command; a hang is a defect too
EXPORTS = ["jsonl", "spacy", "brat", "conll", "doccano", "dygiepp", "labelstudio"]
KIND_TABLES = {"spans": "spans", "relations": "relations", "events": "events", "attributes": "attributes",
               "notes": "notes", "normalisations": "normalisations", "doc_labels": "doc_labels",
               "equivalences": "equivalences"}
HOSTILE_VALUES = [None, 0, -1, -10**9, 10**15, 2**70, 1.5, -0.5, True, False, "", "0", "x" * 5000,
                  "A\tB", "A\nB", " ", "\u0000", "\ud800", [], {}, [1, 2], [[0, 1]], {"a": 1}, float("nan")]
HOSTILE_LABELS = ["", " ", "A\tB", "A\nB", "L" * 10000, "\x1b[2J", "PER SON", "\u202eRTL", "a:b:c", "\ud800"]


# --- seeds ---------------------------------------------------------------------------------

@dataclass
class Seed:
    name: str
    path: Path  # a file, or a folder (brat)
    kind: str  # jsonl, json, conll, spacy, brat, conf, toml, db, team, text
    fmt: str | None = None  # --format to pass, when any


def thirdparty_seeds() -> list[Seed]:
    seeds = []
    for path in sorted(THIRD.rglob("*")):
        if not path.is_file() or path.name.startswith("LICENSE") or path.name.startswith("README"):
            continue
        rel = path.relative_to(THIRD).as_posix()
        if path.suffix == ".jsonl":
            fmt = "doccano" if "doccano" in rel else "dygiepp" if "dygiepp" in rel else None
            seeds.append(Seed(rel, path, "jsonl", fmt))
        elif path.suffix == ".json":
            fmt = "labelstudio" if "labelstudio" in rel else "dygiepp"
            seeds.append(Seed(rel, path, "json", fmt))
        elif path.suffix == ".conll":
            seeds.append(Seed(rel, path, "conll", "conll"))
        elif path.name == "annotation.conf":
            seeds.append(Seed(rel, path, "conf"))
        elif path.suffix == ".txt" and "doccano" in rel:
            seeds.append(Seed(rel, path, "text"))
    for path in sorted((ROOT / "seeds").glob("*.txt")):  # the articles a new project starts with
        seeds.append(Seed(f"seeds/{path.name}", path, "text"))
    for folder in ["brat/tutorials/news", "brat/corpora/NCBI-disease", "brat/corpora/TDT",
                   "brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_REL", "brat/corpora/CoNLL-ST_2002/esp"]:
        seeds.append(Seed(folder, THIRD / folder, "brat", "brat"))
    return seeds


def made_seeds(run, work: Path) -> list[Seed]:
    """A project with events, relations and document labels, and what each command writes from it."""
    made = work / "made"
    made.mkdir()
    db = made / "project.db"
    inputs = [THIRD / "brat/tutorials/news",
              THIRD / "prodigy-recipes/example-datasets/annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl",
              THIRD / "prodigy-recipes/example-datasets/annotated_reddit-INSULT-textcat.jsonl",
              THIRD / "dygiepp/dygie/tests/fixtures/ace_event_article.json"]
    run(["import", "--db", str(db), *map(str, inputs)])
    seeds = [Seed("made/project.db", db, "db")]
    suffix = {"jsonl": "jsonl", "spacy": "spacy", "brat": "", "conll": "conll", "doccano": "jsonl",
              "dygiepp": "jsonl", "labelstudio": "json"}
    kinds = {"jsonl": "jsonl", "spacy": "spacy", "brat": "brat", "conll": "conll", "doccano": "jsonl",
             "dygiepp": "jsonl", "labelstudio": "json"}
    for fmt in EXPORTS:
        out = made / (f"export-{fmt}.{suffix[fmt]}" if suffix[fmt] else f"export-{fmt}")
        run(["export", "--db", str(db), "--all", "--format", fmt, "--out", str(out)])
        if out.exists():
            seeds.append(Seed(f"made/{out.name}", out, kinds[fmt], fmt))
    schema = made / "schema.toml"
    shutil.copy(ROOT / "resources/schemas/news-events.toml", schema)
    seeds.append(Seed("made/schema.toml", schema, "toml"))
    team = made / "team"
    run(["assign", "--db", str(db), "--annotators", "ann", "--out", str(team), "--overlap", "1"])
    if (team / "ann.db").exists():
        from desktop import ops

        with ops.open_project(team / "ann.db") as store:  # some work of the annotator's to merge back
            for doc_id in store.documents.ids()[:20]:
                ops.mark_done(store, doc_id, annotator="ann")
        seeds.append(Seed("made/team/ann.db", team / "ann.db", "team"))
    return seeds


# --- mutations -----------------------------------------------------------------------------

def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def m_truncate(rng, data):
    return data[:_pos(rng, data)], "truncated"


def m_flip(rng, data):
    if not data:
        return data, "flip (empty)"
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out), "bytes flipped"


def m_invalid_utf8(rng, data):
    i = _pos(rng, data)
    return data[:i] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80\x80"]) + data[i:], \
        "invalid UTF-8"


def m_bom(rng, data):
    return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data, "BOM"


def m_crlf(rng, data):
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r"])), "CRLF/CR"


def m_nul(rng, data):
    i = _pos(rng, data)
    return data[:i] + b"\x00" * rng.randint(1, 4) + data[i:], "NUL"


def m_long_line(rng, data):
    i = _pos(rng, data)
    return data[:i] + b"a" * 1_000_000 + data[i:], "1-MB run"


def m_empty(rng, data):
    return rng.choice([b"", b"\n", b"  \n\n", b"{}", b"[]", b"null"]), "empty"


def m_dup_line(rng, data):
    lines = data.splitlines(keepends=True)
    if not lines:
        return data, "dup (empty)"
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i])
    return b"".join(lines), "line duplicated"


def m_drop_line(rng, data):
    lines = data.splitlines(keepends=True)
    if not lines:
        return data, "drop (empty)"
    del lines[rng.randrange(len(lines))]
    return b"".join(lines), "line dropped"


BYTE_MUTATIONS = [m_truncate, m_flip, m_invalid_utf8, m_bom, m_crlf, m_nul, m_long_line, m_empty,
                  m_dup_line, m_drop_line]


def _nodes(value, path=()):
    """Every (path, value) inside a JSON value."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _nodes(v, path + (i,))


def _set(root, path, value):
    if not path:
        return value
    target = root
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return root


def _json_mutant(rng, value):
    """`value` with one node changed: a type swapped, an offset made hostile, a label, an id."""
    nodes = list(_nodes(value))
    pairs = [(p, v) for p, v in nodes if isinstance(v, dict) and ("start" in v or "start_offset" in v)]
    offset_lists = [(p, v) for p, v in nodes if isinstance(v, list) and len(v) >= 2
                    and all(isinstance(x, int) and not isinstance(x, bool) for x in v[:2])]
    labels = [(p, v) for p, v in nodes if p and p[-1] in ("label", "labels", "type", "role", "ner", "id")]
    # keys whose value picks a branch (a state, an answer): a type swap there found an internal error
    verdicts = [(p, v) for p, v in nodes if p and p[-1] in ("answer", "state", "status", "layer", "source",
                                                            "accept", "options", "cats", "from_id", "to_id")]
    choice = rng.random()
    if choice < 0.25 and pairs:
        path, span = rng.choice(pairs)
        s, e = ("start", "end") if "start" in span else ("start_offset", "end_offset")
        how = rng.choice(["reversed", "negative", "huge", "float", "bool", "string", "null", "equal"])
        a, b = span.get(s), span.get(e)
        new = {"reversed": (b, a), "negative": (-3, b), "huge": (a, 10**12), "float": (0.5, b),
               "bool": (True, b), "string": (str(a), b), "null": (None, b), "equal": (a, a)}[how]
        span[s], span[e] = new
        return value, f"span offsets {how}"
    if choice < 0.4 and offset_lists:
        path, lst = rng.choice(offset_lists)
        how = rng.choice(["reversed", "negative", "huge", "float", "bool"])
        a, b = lst[0], lst[1]
        lst[0], lst[1] = {"reversed": (b, a), "negative": (-1, b), "huge": (a, 10**12), "float": (a + 0.5, b),
                          "bool": (False, True)}[how]
        return value, f"offset list {how} at {list(path)[:6]}"
    if choice < 0.55 and labels:
        path, _ = rng.choice(labels)
        label = rng.choice(HOSTILE_LABELS)
        return _set(value, path, label), f"label {label[:12]!r} at {list(path)[:6]}"
    if choice < 0.7 and verdicts:
        path, _ = rng.choice(verdicts)
        new = rng.choice(HOSTILE_VALUES)
        return _set(value, path, new), f"value at {list(path)[:6]} -> {str(new)[:12]!r}"
    path, _ = rng.choice(nodes)
    new = rng.choice(HOSTILE_VALUES)
    return _set(value, path, new), f"value at {list(path)[:6]} -> {str(new)[:12]!r}"


def m_json(rng, data):
    """For a JSONL file one line, for a JSON file the whole value, with one node changed."""
    lines = data.splitlines(keepends=True)
    parsed = [(i, line) for i, line in enumerate(lines) if line.strip()]
    try:
        whole = json.loads(data)
    except ValueError:
        whole = None
    if whole is not None and len(parsed) != 1 and not data.lstrip().startswith(b"{\""):
        mutant, what = _json_mutant(rng, whole)
        return json.dumps(mutant).encode("utf-8", "surrogatepass"), what
    if not parsed:
        return data, "json (empty)"
    i, line = rng.choice(parsed)
    try:
        value = json.loads(line)
    except ValueError:
        return data, "json (unparsed line)"
    mutant, what = _json_mutant(rng, value)
    lines[i] = json.dumps(mutant).encode("utf-8", "surrogatepass") + b"\n"
    return b"".join(lines), f"line {i + 1}: {what}"


def m_ann(rng, data):
    """A brat .ann with one line hostile: a field missing, an id duplicated, offsets bad, a cycle."""
    lines = data.decode("utf-8", "replace").splitlines()
    how = rng.choice(["missing", "dup-id", "offsets", "cycle", "label", "dangling", "fragments"])
    if how == "cycle" or not lines:
        trig = next((ln.split("\t")[0] for ln in lines if ln.startswith("T")), "T1")
        lines += ["T900\tEVX 0 1\tx", "E900\tEVX:T900 Arg:E901", "E901\tEVX:T900 Arg:E900"]
        if rng.random() < 0.5:
            lines += [f"E902\tEVX:{trig} Arg:E902"]
    else:
        i = rng.randrange(len(lines))
        fields = lines[i].split("\t")
        if how == "missing":
            parts = [p for f in fields for p in f.split(" ")]
            del parts[rng.randrange(len(parts))]
            lines[i] = "\t".join(parts[:2]) + (" " + " ".join(parts[2:]) if len(parts) > 2 else "")
        elif how == "dup-id":
            lines.append(lines[i].split("\t")[0] + "\t" + "\t".join(lines[rng.randrange(len(lines))].split("\t")[1:]))
        elif how == "offsets" and len(fields) > 1:
            bits = fields[1].split(" ")
            if len(bits) >= 3:
                bits[rng.choice([1, 2])] = rng.choice(["-1", "999999999", "1.5", "x", "", "3;2"])
            fields[1] = " ".join(bits)
            lines[i] = "\t".join(fields)
        elif how == "label" and len(fields) > 1:
            bits = fields[1].split(" ")
            bits[0] = rng.choice(HOSTILE_LABELS[:7]).replace("\n", " ")
            fields[1] = " ".join(bits)
            lines[i] = "\t".join(fields)
        elif how == "dangling":
            lines.append(f"R900\tRel Arg1:T{rng.randint(1, 999)} Arg2:E{rng.randint(1, 9)}")
            lines.append(f"A900\tNegation E{rng.randint(1, 999)}")
            lines.append(f"#900\tAnnotatorNotes X{rng.randint(1, 9)}\tnote")
        elif how == "fragments" and len(fields) > 1:
            bits = fields[1].split(" ")
            if len(bits) >= 3:
                fields[1] = f"{bits[0]} {bits[1]} {bits[2]};{bits[2]} {bits[1]}"
                lines[i] = "\t".join(fields)
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"), f"ann {how}"


def m_conll(rng, data):
    """A CoNLL token line with a field missing, an extra field or a tag made hostile."""
    lines = data.decode("utf-8", "replace").splitlines()
    tokens = [i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("-DOCSTART-")]
    if not tokens:
        return data, "conll (no tokens)"
    i = rng.choice(tokens)
    how = rng.choice(["no-tag", "extra", "tag", "I-first", "tab"])
    parts = lines[i].split()
    if how == "no-tag":
        lines[i] = parts[0]
    elif how == "extra":
        lines[i] = lines[i] + " X Y"
    elif how == "tag":
        lines[i] = f"{parts[0]} {rng.choice(['B-', 'I-', 'X-PER', 'B-' + 'L' * 5000, 'B-A-B', 'S-PER', 'E-PER'])}"
    elif how == "I-first":
        lines[i] = f"{parts[0]} I-ZZZ"
    else:
        lines[i] = "\t".join(parts) + "\t"
    return ("\n".join(lines) + "\n").encode(), f"conll {how}"


def m_db(rng, data):
    """A project database truncated, a page overwritten, or its header damaged."""
    page = int.from_bytes(data[16:18], "big") or 4096 if len(data) > 18 else 4096
    how = rng.choice(["truncate", "page", "header", "schema-page"])
    out = bytearray(data)
    if how == "truncate":
        return bytes(out[:rng.randrange(len(out) + 1)]), "db truncated"
    if how == "header":
        i = rng.randrange(16, 100)
        out[i] = rng.randrange(256)
        return bytes(out), f"db header byte {i}"
    n = 0 if how == "schema-page" else rng.randrange(max(1, len(out) // page))
    start = n * page + (100 if n == 0 else 0)
    out[start:start + page - (100 if n == 0 else 0)] = rng.randbytes(page - (100 if n == 0 else 0))
    return bytes(out[:len(data)]), f"db page {n} overwritten"


def m_docbin(rng, data):
    """A DocBin with one Doc's user_data value or cats score given a hostile value."""
    import zlib

    import srsly

    try:
        msg = srsly.msgpack_loads(zlib.decompress(data))
    except Exception:  # noqa: BLE001 - not a DocBin: mutate its bytes instead
        return m_flip(rng, data)
    i = rng.randrange(len(msg["flags"]))  # one entry per Doc ("lengths" is a packed array)
    fits = [v for v in HOSTILE_VALUES if not (isinstance(v, int) and abs(v) > 2**63) and v != "\ud800"]
    value = rng.choice(fits + [b"\x00\xff"])  # what msgpack can hold, bytes too
    if rng.random() < 0.3 or not msg.get("user_data"):
        cats = msg["cats"][i] if msg.get("cats") else {}
        label = rng.choice(list(cats) or ["X"])
        msg["cats"][i] = {**cats, label: value}
        what = f"Doc {i + 1} cats[{label!r}] -> {str(value)[:12]!r}"
    else:
        user_data = srsly.msgpack_loads(msg["user_data"][i])
        key = rng.choice(list(user_data) or ["meta"])
        user_data[key] = value
        msg["user_data"][i] = srsly.msgpack_dumps(user_data)
        what = f"Doc {i + 1} user_data[{key!r}] -> {str(value)[:12]!r}"
    return zlib.compress(srsly.msgpack_dumps(msg)), what


def mutate(rng: random.Random, seed: Seed, target: Path) -> str:
    """Write a mutant of `seed` at `target`; what was done."""
    if seed.kind == "brat":
        shutil.copytree(seed.path, target)
        files = sorted(p for p in target.rglob("*") if p.is_file())
        files = [p for p in files if p.suffix in (".txt", ".ann") or p.name == "annotation.conf"]  # not LICENSE
        if rng.random() < 0.1:  # a folder where a file is expected
            victim = rng.choice(files)
            victim.unlink()
            victim.mkdir()
            return f"{victim.name} is a folder"
        victim = rng.choice([p for p in files if p.suffix == ".ann"] or files) if rng.random() < 0.8 else rng.choice(files)
        data = victim.read_bytes()
        mutation = m_ann if victim.suffix == ".ann" and rng.random() < 0.6 else rng.choice(BYTE_MUTATIONS)
        new, what = mutation(rng, data)
        victim.write_bytes(new)
        return f"{victim.name}: {what}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if rng.random() < 0.03:
        target.mkdir()
        return "a folder where the file is expected"
    data = seed.path.read_bytes()
    if seed.kind in ("db", "team"):
        mutation = m_db
    elif seed.kind in ("jsonl", "json") and rng.random() < 0.55:
        mutation = m_json
    elif seed.kind == "spacy" and rng.random() < 0.6:
        mutation = m_docbin
    elif seed.kind == "conll" and rng.random() < 0.4:
        mutation = m_conll
    else:
        mutation = rng.choice(BYTE_MUTATIONS)
    new, what = mutation(rng, data)
    target.write_bytes(new)
    return what


# --- running and judging -------------------------------------------------------------------

class Hung(Exception):
    pass


@dataclass
class Outcome:
    args: list
    code: int
    out: str
    err: str
    crash: str | None = None


@dataclass
class Tally:
    cases: int = 0
    commands: int = 0
    defects: list = field(default_factory=list)


def make_runner(home: Path):
    from click.testing import CliRunner

    from desktop import cli, crashlog

    crashes: list[str] = []

    def save(exc):  # the traceback the user would have met only in the log: keep it for the report
        crashes.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return str(home / "crash.log")

    crashlog.save = save
    runner = CliRunner()

    def run(args: list) -> Outcome:
        crashes.clear()
        cli._opened.clear()

        def alarm(*_):
            raise Hung(f"still running after {CASE_SECONDS} s")

        signal.signal(signal.SIGALRM, alarm)
        signal.alarm(CASE_SECONDS)
        try:
            result = runner.invoke(cli.main, [str(a) for a in args], catch_exceptions=True)
        finally:
            signal.alarm(0)
        crash = crashes[0] if crashes else None
        if result.exception and not isinstance(result.exception, SystemExit):
            crash = "".join(traceback.format_exception(*result.exc_info))
        return Outcome(args, result.exit_code, result.stdout, result.stderr, crash)

    return run


def judge(o: Outcome, mutant: Path | None = None) -> list[str]:
    """What is wrong with one command's ending (nothing: an empty list)."""
    wrong = []
    text = o.out + o.err
    if o.crash:
        wrong.append("internal error: " + o.crash.strip().splitlines()[-1])
    if "Traceback" in text:
        wrong.append("traceback printed")
    if o.code not in (0, 1, 2):
        wrong.append(f"exit status {o.code}")
    if o.code in (1, 2) and not o.err.strip() and not o.out.strip():
        wrong.append("failed without a word")
    return wrong


def judge_sums(o: Outcome) -> list[str]:
    """An import into a project that holds documents already: its report's own sums."""
    wrong = judge(o)
    try:
        report = json.loads(o.out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return wrong
    return wrong + [f"{kind}: read {n['read']} != stored {n['stored']} + dropped {n['dropped']}"
                    for kind, n in report["annotations"].items() if n["read"] != n["stored"] + n["dropped"]]


_LINED = re.compile(r":[0-9]+: ")


def judge_import(o: Outcome, db: Path, mutant: Path, lined: bool = False) -> list[str]:
    """The import report's own sums, and the project's documents against it; with `lined`
    (a file of lines), a refusal for a byte that is not valid text names its line."""
    wrong = judge(o, mutant)
    if o.crash or o.code not in (0, 1):
        return wrong
    try:
        report = json.loads(o.out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        # Refused before reading (a conf in conflict, a project that does not open): said on stderr.
        return wrong if o.code == 1 and o.err.strip() else wrong + ["--json printed no report"]
    for kind, n in report["annotations"].items():
        if n["read"] != n["stored"] + n["dropped"]:
            wrong.append(f"{kind}: read {n['read']} != stored {n['stored']} + dropped {n['dropped']}")
    if report["ok"] != (o.code == 0):
        wrong.append(f"ok {report['ok']} with exit status {o.code}")
    if o.code == 1 and not (report["refused"] or report["skipped_lines"] or report["skipped_documents"]
                            or report["dropped"] or report["conflicts"] or report["duplicates"]
                            or report["doc_labels_not_in_label_set"] or o.err.strip()):
        wrong.append("exit status 1 and nothing listed")
    for line in report["refused"] + report["skipped_lines"] + report["skipped_documents"]:
        if mutant.name not in line and str(mutant) not in line:
            wrong.append(f"a refusal without the file: {line[:120]}")
        elif lined and ": not valid UTF" in line and not _LINED.search(line) and ".txt: " not in line:  # a text: its byte
            wrong.append(f"a refusal without the line: {line[:120]}")
    if db.exists():
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            held = {kind: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for kind, table in KIND_TABLES.items()
                    if kind in report["annotations"]}
            con.close()
        except sqlite3.Error as exc:
            return wrong + [f"the project does not open after the import: {exc}"]
        # A fresh project. Equal annotations are held once and counted stored each time (the
        # report's convention: every one read is there), so only "stored, yet none held" is sure.
        for kind, n in held.items():
            if n == 0 and report["annotations"][kind]["stored"]:
                wrong.append(f"{kind}: the report says {report['annotations'][kind]['stored']} stored, the project holds {n}")
        if docs != report["documents"]["stored"]:
            wrong.append(f"{docs} documents in the project, the report says {report['documents']['stored']} stored")
    return wrong


def judge_round_trip(o: Outcome, export: Outcome | None, db: Path) -> list[str]:
    """What export wrote, imported into a fresh project: every document back, nothing refused."""
    wrong = judge(o)
    if export is None or export.code != 0 or o.crash or o.code not in (0, 1):
        return wrong
    try:
        exported = int(export.out.split("exported ", 1)[1].split(" ", 1)[0].replace(",", ""))
        report = json.loads(o.out.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return wrong
    if report["refused"] or report["skipped_lines"] or report["skipped_documents"]:
        wrong.append("its own export refused: " + "; ".join(report["refused"] + report["skipped_lines"]
                                                           + report["skipped_documents"])[:300])
    back = report["documents"]["stored"] + report["documents"]["duplicate"]
    if not wrong and back != exported:
        wrong.append(f"exported {exported} documents, {back} came back")
    return wrong


def commands_for(rng: random.Random, seed: Seed, mutant: Path, case: Path, good_db: Path) -> list[tuple[str, list]]:
    """The commands to run on one mutant: (role, arguments); role import gets the report's checks."""
    db = case / "case.db"
    if seed.kind in ("db", "team"):
        work = case / "work.db"
        shutil.copy(good_db, work)
        cmds = [("plain", ["stats", "--db", mutant]), ("plain", ["validate", "--db", mutant]),
                ("plain", ["list", "--db", mutant]), ("plain", ["stats", "--json", "--db", mutant]),
                ("plain", ["export", "--db", mutant, "--all", "--format", rng.choice(EXPORTS), "--out", case / "out.x"]),
                ("plain", ["render", "--db", mutant, "--doc", "1", "--out", case / "r.svg"]),
                ("plain", ["import", "--db", mutant, THIRD / "brat/tutorials/news/000-introduction.txt"]),
                ("plain", ["schema", "show", "--db", mutant]),
                ("plain", ["merge", "--db", work, mutant]),
                ("plain", ["agreement", "--db", work])]
        return cmds
    if seed.kind == "toml":
        return [("plain", ["schema", "check", mutant]), ("plain", ["schema", "set", "--db", db, mutant])]
    if seed.kind == "conf":
        brat = case / "bratconf"
        shutil.copytree(THIRD / "brat/tutorials/news", brat)
        (brat / "annotation.conf").unlink()
        (shutil.copytree if mutant.is_dir() else shutil.copy)(mutant, brat / "annotation.conf")
        return [("plain", ["schema", "from-conf", "--dry-run", "--db", db, mutant]),
                ("plain", ["schema", "from-conf", "--db", db, brat]),
                ("import", ["import", "--json", "--label-set-from-conf", "--db", db, brat])]
    flags = ["--json"]
    if rng.random() < 0.5:
        flags.append("--skip-bad-lines")
    if seed.fmt and rng.random() < 0.7:
        flags += ["--format", seed.fmt]
    elif rng.random() < 0.15:
        flags += ["--format", rng.choice(["text", "jsonl", "spacy", "brat", "conll", "doccano", "dygiepp", "labelstudio"])]
    if seed.kind == "brat" and rng.random() < 0.3:
        flags.append("--label-set-from-conf")
    cmds = [("import", ["import", *flags, "--db", db, mutant])]
    fmt = rng.choice(EXPORTS)
    out = case / (f"out-{fmt}" if fmt == "brat" else f"out.{fmt}")
    cmds += [("export", ["export", "--db", db, "--all", "--format", fmt, "--out", out]),
             ("again", ["import", "--json", "--format", fmt, "--db", case / "again.db", out]),
             ("after", ["stats", "--db", db]), ("after", ["validate", "--db", db]),
             ("after", ["list", "--db", db, "--order", rng.choice(["id", "title", "changed", "uncertain"])])]
    if rng.random() < 0.35:  # the mutant over the documents it came from: the duplicate-merging path
        cmds += [("plain", ["import", *(["--format", seed.fmt] if seed.fmt else []), "--db", case / "held.db", seed.path]),
                 ("sums", ["import", *flags, "--db", case / "held.db", mutant])]
    if rng.random() < 0.3:
        cmds.append(("after", ["render", "--db", db, "--doc", "1", "--out", case / rng.choice(["r.svg", "r.html"])]))
    return cmds


PATH_VALUES = [[1, 2], {"a": 1}, 7, None, "", "x", True, [[0, 1, "X"]], {"a": {"b": [1]}}]


def path_cases(rng: random.Random, seeds: list[Seed], cases: int) -> list[tuple[Seed, tuple, object]]:
    """--paths: (seed, key path, value) for every key path (at most 4 deep, the first two items
    of each list) of each JSON seed's first record and every PATH_VALUES value, `cases` of them
    drawn at random when there are more."""
    out = []
    for seed in seeds:
        if seed.kind not in ("jsonl", "json"):
            continue
        first, _ = _first_record(seed.path)
        paths = [p for p, _ in _nodes(first) if p and len(p) <= 4 and not any(type(k) is int and k > 1 for k in p)]
        out += [(seed, path, value) for path in paths for value in PATH_VALUES]
    return rng.sample(out, min(cases, len(out)))


def _first_record(path: Path) -> tuple[object, bool]:
    """A JSON file's first task (a list's first item, or the one object) or a JSONL file's first
    line; whether the file is a list."""
    raw = path.read_text(encoding="utf-8")
    try:
        whole = json.loads(raw)
    except ValueError:
        return json.loads(raw.splitlines()[0]), False
    return (whole[0], True) if isinstance(whole, list) else (whole, False)


def run_path_case(run, seed: Seed, path: tuple, value, case: Path) -> list[tuple[list, Outcome, list[str]]]:
    """One record with `value` at `path`, imported, then every export and the reading commands."""
    import copy

    first, listed = _first_record(seed.path)
    record = _set(copy.deepcopy(first), path, value)
    mutant = case / ("x.json" if listed else "x.jsonl")
    mutant.write_text(json.dumps([record] if listed else record) + "\n", encoding="utf-8")
    db = case / "p.db"
    cmds = [["import", "--json", *(["--format", seed.fmt] if seed.fmt else []), "--db", db, mutant]]
    cmds += [["export", "--db", db, "--all", "--format", fmt, "--out", case / f"o-{fmt}"] for fmt in EXPORTS]
    cmds += [["stats", "--db", db], ["validate", "--db", db], ["list", "--db", db],
             ["render", "--db", db, "--doc", "1", "--out", case / "r.svg"]]
    done = []
    for n, cmd in enumerate(cmds):
        o = run(cmd)
        done.append((cmd, o, judge_import(o, db, mutant) if n == 0 else judge(o)))
        if n == 0 and not db.exists():
            break
    return done


ROW_VALUES = [None, -1, 10**12, "x", b"\x00\xff", 1.5, "", "\ud800".encode("utf-8", "surrogatepass")]


def row_cases(rng: random.Random, seeds: list[Seed], cases: int) -> list[tuple[Seed, str, str, object]]:
    """--rows: (project seed, table, column, value): one row's column of the project or the
    annotator's file given a value another program might leave, `cases` of them at random."""
    out = []
    for seed in seeds:
        if seed.kind not in ("db", "team"):
            continue
        conn = sqlite3.connect(seed.path)
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                             "name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts%'")]
        for table in tables:
            if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
                out += [(seed, table, column, value) for (_, column, *_) in conn.execute(f'PRAGMA table_info("{table}")')
                        for value in ROW_VALUES]
        conn.close()
    return rng.sample(out, min(cases, len(out)))


def run_row_case(run, rng, seed: Seed, table: str, column: str, value, case: Path, master: Path):
    """The file with the value in its first row, then every reading command on it, merged into
    a copy of the project, and the merged annotator's export."""
    db = case / "x.db"
    shutil.copy(seed.path, db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = 1")
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = (SELECT MIN(rowid) FROM "{table}")', (value,))
        conn.commit()
    except sqlite3.Error:  # a NOT NULL or UNIQUE column SQLite itself keeps: no case
        return []
    finally:
        conn.close()
    merged = case / "m.db"
    shutil.copy(master, merged)
    cmds = [["stats", "--db", db], ["stats", "--json", "--db", db], ["validate", "--db", db],
            ["list", "--db", db, "--order", "uncertain"], ["schema", "show", "--db", db],
            ["render", "--db", db, "--doc", "1", "--out", case / "r.svg"],
            ["export", "--db", db, "--all", "--format", rng.choice(EXPORTS), "--out", case / "o"],
            ["agreement", "--db", db], ["models", "--db", db], ["merge", "--db", merged, db],
            ["agreement", "--db", merged, "--docs", "all"],
            ["export", "--db", merged, "--all", "--annotator", "ann", "--format", rng.choice(EXPORTS), "--out", case / "o2"]]
    return [(cmd, o, judge(o)) for cmd in cmds for o in [run(cmd)]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200, help="mutants to try (default 200)")
    parser.add_argument("--seed", type=int, default=17, help="the random seed (default 17)")
    parser.add_argument("--only", help="only seeds whose name contains this")
    parser.add_argument("--keep", type=Path, help="keep every case's folder here")
    parser.add_argument("--json", action="store_true", help="print the tally as JSON at the end")
    parser.add_argument("--verbose", action="store_true", help="print every command's status and last line")
    parser.add_argument("--rows", action="store_true",
                        help="instead of random mutants: one row's column of the project or an annotator's file "
                             "given a value another program might leave, then every command on it")
    parser.add_argument("--paths", action="store_true",
                        help="instead of random mutants: one key path of a JSON seed's first record given one "
                             "hostile value per case, then every export (--cases of them, drawn with --seed)")
    args = parser.parse_args(argv)
    if os.name != "posix":
        sys.exit("the sweep runs on POSIX only (its time limit is SIGALRM)")

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # a runaway reader fails, not the machine
    work = Path(tempfile.mkdtemp(prefix="spandesk-fuzz-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    home = work / "home"
    home.mkdir(exist_ok=True)
    for var in [v for v in os.environ if v.startswith("SPANDESK_")]:
        del os.environ[var]
    os.environ |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
                   "XDG_CACHE_HOME": str(home / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    sys.path.insert(0, str(ROOT))
    run = make_runner(home)
    seeds = thirdparty_seeds() + made_seeds(run, work)
    if args.only:
        seeds = [s for s in seeds if args.only in s.name]
    good_db = next((s.path for s in seeds if s.kind == "db"), None) or work / "made/project.db"
    rng = random.Random(args.seed)
    tally = Tally()
    started = time.monotonic()
    systematic = ([(seed, f"{list(path)} = {str(value)[:20]!r}", functools.partial(run_path_case, run, seed, path, value))
                   for seed, path, value in path_cases(rng, seeds, args.cases)] if args.paths else
                  [(seed, f"{table}.{column} = {value!r:.20}",
                    functools.partial(run_row_case, run, rng, seed, table, column, value, master=good_db))
                   for seed, table, column, value in row_cases(rng, seeds, args.cases)] if args.rows else [])
    for n, (seed, what, run_case) in enumerate(systematic):
        case = work / f"case-{n:04d}"
        case.mkdir()
        tally.cases += 1
        for cmd, o, wrong in run_case(case):
            tally.commands += 1
            for w in wrong:
                tally.defects.append({"case": n, "seed": seed.name, "mutation": what, "command": " ".join(map(str, cmd)),
                                      "defect": w, "exit": o.code, "stderr": o.err[-600:], "crash": o.crash})
                print(f"DEFECT case {n} [{seed.name}: {what}] $ spandesk {' '.join(map(str, cmd))}\n  -> {w}",
                      flush=True)
        if not args.keep:
            shutil.rmtree(case, ignore_errors=True)
        if (n + 1) % 100 == 0:
            print(f"... {n + 1} cases, {tally.commands} commands, {len(tally.defects)} defects, "
                  f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    for n in range(0 if args.paths or args.rows else args.cases):
        seed = rng.choice(seeds)
        case = work / f"case-{n:04d}"
        case.mkdir()
        name = seed.path.name if seed.kind != "brat" else seed.path.name + "-brat"
        mutant = case / ("mutant-" + name)
        what = mutate(rng, seed, mutant)
        tally.cases += 1
        export = None
        for role, cmd in commands_for(rng, seed, mutant, case, good_db):
            tally.commands += 1
            try:
                o = run(cmd)
            except Hung as exc:
                o = Outcome(cmd, -1, "", str(exc), str(exc))
            db = case / "case.db"
            if role == "export":
                export = o
            as_text = "--format" in cmd and cmd[cmd.index("--format") + 1] == "text"  # a text is named by its byte
            lined = seed.kind in ("jsonl", "json", "conll", "brat") and not as_text
            wrong = (judge_import(o, db, mutant, lined) if role == "import" else judge_sums(o) if role == "sums" else
                     judge_round_trip(o, export, db) if role == "again" else judge(o))
            if role == "import" and what.endswith("is a folder") and o.code == 0 and what.split(" ")[0] not in o.err:
                wrong.append("a folder where a file is expected, imported as if all were well")
            if args.verbose:
                last = (o.err.strip() or o.out.strip()).splitlines()[-1:] or [""]
                print(f"{n} [{seed.name}: {what}] {' '.join(map(str, cmd))} -> {o.code}: {last[0][:150]}", flush=True)
            for w in wrong:
                tally.defects.append({"case": n, "seed": seed.name, "mutation": what, "command": " ".join(map(str, cmd)),
                                      "defect": w, "exit": o.code, "stderr": o.err[-600:], "crash": o.crash})
                print(f"DEFECT case {n} [{seed.name}: {what}] $ spandesk {' '.join(map(str, cmd))}\n  -> {w}\n"
                      f"  stderr: {o.err.strip()[-300:]}", flush=True)
                if o.crash:
                    print("  " + "\n  ".join(o.crash.strip().splitlines()[-8:]), flush=True)
        if not args.keep:
            shutil.rmtree(case, ignore_errors=True)
        if (n + 1) % 25 == 0:
            print(f"... {n + 1} cases, {tally.commands} commands, {len(tally.defects)} defects, "
                  f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    distinct = sorted({d["defect"].split(":")[0] + " @ " + d["seed"] for d in tally.defects})
    print(f"{tally.cases} cases, {tally.commands} commands, {len(tally.defects)} defects "
          f"({len(distinct)} distinct kinds), {time.monotonic() - started:.0f} s")
    if args.json:
        print(json.dumps({"cases": tally.cases, "commands": tally.commands, "defects": tally.defects}, default=str))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if tally.defects else 0


if __name__ == "__main__":
    sys.exit(main())
