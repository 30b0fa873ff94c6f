"""Interchange formats: reading and writing N documents per format, against reading the same
file with the plain parser (json.loads a line, a whole-file json.load, splitting lines, or
spaCy's own DocBin loader), in the same run.

    python bench/interchange.py [--docs N] [--quick] [--formats conll,brat,...]

For each format import and export offer (desktop.formats), N documents (default 10,000;
--quick 1,000) of about 60 words, three entities, an event with two arguments and a
relation, their tokens a TokenList as the store hands them to an export, are written by the
format's writer (`write_s`), read back by its reader into
Records (`read_s`: what import does before storing), and the file is read by the plain
parser (`plain_s`). `read_ratio` = read_s / plain_s and `write_ratio` = write_s /
plain_s; the goal is <= 3. `import_s` is a whole `import` of the file into a new project
(tokenizing and storing included) for scale, with no goal. Each time is the best of two
runs, in CPU time of this process (time.process_time): on a shared machine wall time
swings with the other jobs' load, and a ratio of two wall times with it.

What the ratio asks. The plain parser only splits the file (json.loads a line, a line's
columns); a reader also checks every record (refusing a bad one with FILE:LINE: reason),
builds the Records (Document, Spans, Events, Relations, and for CoNLL and DyGIE++ the
offsets of every word, as those files hold tokens, not text: kept as lists, a
core.token_list.TokenList, so no Token object is made per word), cleans the text and
hashes it. For a file of short JSON lines (DyGIE++, doccano, Label Studio) or of bare
columns (CoNLL) that is more work per byte than the parsing itself: a document's ten or
so frozen annotation objects (about 0.5 µs each with core.fast_init, 1 µs before) take
longer than json.loads of its DyGIE++ line (about 4 µs), and the running sums that give
70 words their offsets take 3.6 µs (the quickest form found in Python 3.11: a list
comprehension and itertools.accumulate; map(len, …) with operator.add, or accumulating
interleaved lengths, measured slower). Writing is held to the same plain read (json.dumps
of a DyGIE++ line took 6 µs against 4.3 µs for json.loads; fast_json's orjson takes 0.6 µs
and its scan for `null` 0.5 µs more). A DyGIE++ write whose tokens are the text's words
takes them with one str.split and proves them equal to the tokens on whole lists (starts,
lengths, gaps: 3.5 µs for 70 tokens, the largest share of its 10-11 µs), then finds each
span's tokens by bisection (dygiepp._whole_words; any other record takes the general
path, which slices the words out of the text), except brat's: a brat folder's two files per
document cost the file system three to four times as much to truncate as to open and
read (and ten or more to create), so comparing a brat write to a plain read compared
file operations, not the writer. A brat write is held to `plain_write_s`, writing the
same files' bytes with open() and write() into the same folder, the same file
operations with nothing computed; `write_vs_plain_read` keeps the other figure. Both
write runs (the writer's and the plain one) overwrite files the first run made: the
best of two is a truncating write for each.
JSONL, doccano and DyGIE++ lines are read and written by orjson where it gives what json
gives (desktop.formats.fast_json), Label Studio's tasks written by it; the ratios above stay
held to json's plain parse, the issue's baseline. So that nobody takes the gain for less work,
the JSON formats also print `plain_orjson_s` (the same plain parse by orjson) and
`read_ratio_vs_orjson` / `write_ratio_vs_orjson` against it. DyGIE++ prints its floor,
`floor_read_s`: a minimal reader that parses each line (orjson) and computes only what the
store needs, the text and the offsets of every token, entity, relation end, trigger and
argument, with no check and no object; `floor_ratio` is that floor against json's plain
parse and `read_vs_floor` the real reader against the floor. `objects_floor_read_s` goes one
step further: the same work plus every object the reader hands the import (the Record, its
Document with title and content hash, its TokenList, the Spans, Relations, Arguments and
Events), built as the reader builds them, still with no check; `objects_floor_ratio` is that
against json's plain parse, and `read_vs_objects_floor` what the reader's checks (the FILE:LINE
refusals the issue requires) cost on top.
`--formats brat,conll` runs a subset.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import formats, ops  # noqa: E402
from desktop.core.annotations import Relation  # noqa: E402
from desktop.core.label_set import default_label_set  # noqa: E402
from desktop.core.model import (  # noqa: E402
    Argument, Document, Event, Layer, Record, Source, Span, State, Status,
)
from desktop.core.text import content_hash, title_from  # noqa: E402
from desktop.core.token_list import TokenList  # noqa: E402
from desktop.formats import WriteContext  # noqa: E402

WORDS = "protesters gathered in the square as police and troops watched on Tuesday".split()
_WORD = re.compile(r"\S+")
JSON_LINES = {"jsonl", "doccano", "dygiepp"}  # a JSON value a line


def record(n: int) -> Record:
    """Document n: two sentences, one line each, with entities, an event and a relation."""
    body = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(28))
    text = f"Kazakh police met Tokayev in Almaty on report {n} .\n{body} ; {body} ."
    # As the store hands tokens to an export (store/tokens.py): a TokenList, offsets in lists.
    words = list(_WORD.finditer(text))
    tokens = TokenList([m.start() for m in words], [m.end() for m in words],
                       [text[m.end():m.end() + 1] == " " for m in words])

    def span(word: str, label: str, **more) -> Span:
        start = text.index(word)
        return Span(start, start + len(word), label, word, state=State.ACCEPTED, **more)

    police, tokayev, almaty = span("Kazakh police", "ORG"), span("Tokayev", "PERSON"), span("Almaty", "GPE")
    meet = Event("Contact:Meet", span("met", "Contact:Meet", layer=Layer.TRIGGER),
                 (Argument("Entity", tokayev), Argument("Place", almaty)))
    doc = Document(text, title=f"Report {n}", ext_id=f"r{n}", status=Status.DONE)
    return Record(doc, spans=[police, tokayev, almaty, meet.trigger], events=[meet], tokens=tokens,
                  relations=[Relation("met", police, tokayev)])


def plain(name: str, path: Path) -> int:
    """Read the file with the plain parser; how many documents it holds."""
    if name == "spacy":
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab

        return sum(1 for _ in DocBin().from_disk(path).get_docs(Vocab()))
    if name == "brat":
        count = 0
        for ann in sorted(path.glob("*.ann")):
            ann.with_suffix(".txt").read_text(encoding="utf-8")
            for line in ann.read_text(encoding="utf-8").splitlines():
                line.split("\t")
            count += 1
        return count
    if name == "labelstudio":
        with path.open(encoding="utf-8") as f:
            return len(json.load(f))
    if name == "conll":
        docs = 0
        with path.open(encoding="utf-8") as f:
            for line in f:
                cols = line.split()
                docs += bool(cols) and cols[0] == "-DOCSTART-"
        return docs
    with path.open(encoding="utf-8") as f:
        return sum(1 for line in f if json.loads(line) is not None)


def plain_orjson(name: str, path: Path) -> int | None:
    """Read the file as plain() does with orjson instead of json (the JSON formats only), to show
    how much of a ratio a quicker parser alone moves; how many documents it holds."""
    if name == "labelstudio":
        return len(orjson.loads(path.read_bytes()))
    if name not in JSON_LINES:
        return None
    with path.open("rb") as f:
        return sum(1 for line in f if orjson.loads(line) is not None)


def floor_dygiepp(path: Path) -> int:
    """DyGIE++'s floor: what a reader must do at least, parsing each line (orjson, as the reader)
    and computing what the store needs, with no check and no object: the text, every token's
    offsets, and the offsets of every entity, relation end, trigger and argument."""
    count = 0
    with path.open("rb") as f:
        for line in f:
            obj = orjson.loads(line)
            sentences = obj["sentences"]
            after = list(accumulate([len(w) + 1 for s in sentences for w in s]))
            starts, ends = [0, *after[:-1]], [x - 1 for x in after]
            "\n".join([" ".join(s) for s in sentences])
            [(starts[a], ends[b]) for items in obj["ner"] for a, b, _ in items]
            [(starts[a], ends[b], starts[c], ends[d]) for items in obj["relations"] for a, b, c, d, _ in items]
            [(starts[t], ends[t], [(starts[a], ends[b]) for a, b, _ in args])
             for items in obj.get("events", []) for (t, _), *args in items]
            count += 1
    return count


def objects_floor_dygiepp(path: Path) -> int:
    """DyGIE++'s floor with the objects a reader hands the import: floor_dygiepp's work, plus
    the Record with its Document (title and content hash) and TokenList, a Span per entity and
    trigger, and the Relations, Arguments and Events, built as the reader builds them, with
    no check at all (no type, range or label test, no message, no duplicate or drop)."""
    count = 0
    entity, trigger, imported, accepted = Layer.ENTITY, Layer.TRIGGER, Source.IMPORT, State.ACCEPTED
    with path.open("rb") as f:
        for line in f:
            obj = orjson.loads(line)
            sentences = obj["sentences"]
            words = [w for s in sentences for w in s]
            after = list(accumulate([len(w) + 1 for w in words]))
            starts, ends = [0, *after[:-1]], [x - 1 for x in after]
            spaces = [True] * len(words)
            k = 0
            for s in sentences:
                k += len(s)
                spaces[k - 1] = False
            text = "\n".join([" ".join(s) for s in sentences])
            record = Record(Document(text, title=title_from(text), ext_id=str(obj["doc_key"]),
                                     content_hash=content_hash(text)), tokens=TokenList(starts, ends, spaces))
            found = {}
            for items in obj["ner"]:
                for a, b, label in items:
                    x, y = starts[a], ends[b]
                    record.spans.append(span := Span(x, y, label, text[x:y], entity, imported, accepted))
                    found[a, b] = span
            for items in obj["relations"]:
                for a, b, c, d, label in items:
                    record.relations.append(Relation(label, found[a, b], found[c, d]))
            for items in obj.get("events", []):
                for (t, kind), *args in items:
                    x, y = starts[t], ends[t]
                    record.events.append(Event(kind, Span(x, y, kind, text[x:y], trigger, imported, accepted),
                                               tuple(Argument(role, found[a, b]) for a, b, role in args)))
            count += 1
    return count


def plain_write(files: list[tuple[str, bytes]]) -> int:
    """Write the files a brat export wrote, as they are: the same file operations with
    nothing computed (the plain baseline of a brat write; see the module docstring)."""
    for path, data in files:
        with open(path, "wb") as f:
            f.write(data)
    return len(files)


def best(run: Callable[[], int]) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(2):
        started = time.process_time()
        result = run()
        times.append(time.process_time() - started)
    return min(times), result


def bench(name: str, docs: list[Record], folder: Path) -> dict:
    entry = formats.FORMATS[name]
    target = folder / (entry.default_name or name)
    context = WriteContext(labels=default_label_set)
    write_s, written = best(lambda: entry.write(docs, target, context))
    plain_s, plain_docs = best(lambda: plain(name, target))
    reader = entry.reader()
    read_s, read_docs = best(lambda: sum(1 for _ in reader(target)))
    db = folder / f"{name}.db"
    started = time.perf_counter()
    with ops.open_project(db) as store:
        report = ops.import_paths(store, [target], fmt=name)
    import_s = time.perf_counter() - started
    assert written == read_docs == len(docs), (name, written, read_docs)
    assert not report.refused and report.imported == len(docs), (name, report.refused[:1])
    out = {"docs": len(docs), "plain_s": round(plain_s, 3), "read_s": round(read_s, 3),
           "write_s": round(write_s, 3), "read_ratio": round(read_s / plain_s, 2),
           "write_ratio": round(write_s / plain_s, 2), "import_s": round(import_s, 2),
           "plain_docs": plain_docs}
    orjson_s, orjson_docs = best(lambda: plain_orjson(name, target))
    if orjson_docs is not None:  # the same ratios against orjson's plain parse (module docstring)
        assert orjson_docs == plain_docs, (name, orjson_docs, plain_docs)
        out |= {"plain_orjson_s": round(orjson_s, 3), "read_ratio_vs_orjson": round(read_s / orjson_s, 2),
                "write_ratio_vs_orjson": round(write_s / orjson_s, 2)}
    if name == "dygiepp":  # how far above what any reader must do (module docstring)
        floor_s, floor_docs = best(lambda: floor_dygiepp(target))
        assert floor_docs == plain_docs
        out |= {"floor_read_s": round(floor_s, 3), "floor_ratio": round(floor_s / plain_s, 2),
                "read_vs_floor": round(read_s / floor_s, 2)}
        objects_s, objects_docs = best(lambda: objects_floor_dygiepp(target))
        assert objects_docs == plain_docs
        out |= {"objects_floor_read_s": round(objects_s, 3), "objects_floor_ratio": round(objects_s / plain_s, 2),
                "read_vs_objects_floor": round(read_s / objects_s, 2)}
    if name == "brat":  # a write held to a plain write of the same files (module docstring)
        files = [(str(p), p.read_bytes()) for p in sorted(target.iterdir()) if p.suffix in (".txt", ".ann")]
        plain_write_s, _ = best(lambda: plain_write(files))
        out |= {"plain_write_s": round(plain_write_s, 3), "write_ratio": round(write_s / plain_write_s, 2),
                "write_vs_plain_read": out["write_ratio"]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=None, help="documents per format (default 10,000)")
    parser.add_argument("--quick", action="store_true", help="1,000 documents per format")
    parser.add_argument("--formats", default="", help="comma-separated subset (default: every format)")
    args = parser.parse_args()
    count = args.docs or (1000 if args.quick else 10_000)
    docs = [record(n) for n in range(count)]
    wanted = {name for name in args.formats.split(",") if name}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in formats.importers():
            if name in formats.exporters() and (not wanted or name in wanted):
                results[name] = bench(name, docs, Path(tmp))
                print(name, json.dumps(results[name]), file=sys.stderr, flush=True)
    worst = max(max(r["read_ratio"], r["write_ratio"]) for r in results.values())
    print(json.dumps({"docs": count, "formats": results, "worst_ratio": worst, "goal": 3}))


if __name__ == "__main__":
    main()
