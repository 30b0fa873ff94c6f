"""Importing: encodings, line endings, duplicates, all-or-nothing files, huge articles."""

from __future__ import annotations

import json

from desktop import ops

EMOJI_TEXT = "Protest 👍🏽 in Almaty: cafe\u0301 owners and Tokayev met.\r\nSecond line 😀 Astana."


def _table_counts(store):
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("documents", "spans", "tokens")}


def test_txt_utf16_bom_crlf_and_emoji_offsets_exact(store, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + EMOJI_TEXT.encode("utf-16-le"))
    report = ops.import_paths(store, [path])
    assert report.ok and report.imported == 1
    doc = store.documents.get(store.documents.ids()[0])
    assert doc.text == EMOJI_TEXT.replace("\r\n", "\n")
    assert doc.title == "Protest 👍🏽 in Almaty: cafe\u0301 owners and Tokayev met."
    assert doc.ext_id == "a"
    tokens = store.tokens.get(doc.id, doc.text)
    words = [doc.text[t.start:t.end] for t in tokens]
    # Offsets are code points: the emoji and its skin-tone modifier are one code point each.
    assert words[:4] == ["Protest", "👍", "🏽", "in"] and tokens[3].start == 11


def test_jsonl_crlf_spans_are_remapped_exactly(store, tmp_path):
    text = "One.\r\nTwo 😀 Almaty.\r\nThree Astana."
    start = text.index("Astana")
    line = {"text": text, "spans": [{"start": start, "end": start + 6, "label": "GPE"}], "answer": "accept"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert ops.import_paths(store, [path]).ok
    doc_id = store.documents.ids()[0]
    (span,) = store.spans.for_doc(doc_id)
    assert span.text == "Astana" and span.state == "accepted" and span.source == "import"
    assert store.documents.text(doc_id)[span.start:span.end] == "Astana"
    assert store.documents.get_status(doc_id) == "done"


def test_duplicate_text_is_stored_once_and_reported(store, tmp_path):
    (tmp_path / "a.txt").write_text("Same text here.", encoding="utf-8")
    (tmp_path / "b.md").write_text("Same text here.\r\n".rstrip(), encoding="utf-8")
    report = ops.import_paths(store, [tmp_path])
    assert report.imported == 1 and len(report.duplicates) == 1
    assert "b.md" in report.duplicates[0]
    assert store.documents.count() == 1


def test_bad_line_refuses_whole_file_and_other_files_still_import(store, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A good article.", encoding="utf-8")
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"text": "fine one"}\n{"text": "fine two"}\n{"text": 3}\n', encoding="utf-8")
    report = ops.import_paths(store, [bad, good])
    assert not report.ok
    (refused,) = report.refused
    assert str(refused).startswith(f"{bad}:3: ")
    assert store.documents.count() == 1
    assert store.documents.get(store.documents.ids()[0]).text == "A good article."


def test_refused_file_leaves_database_exactly_as_it_was(seeded, tmp_path):
    store, _ = seeded
    before = _table_counts(store)
    dump_before = list(store.conn.iterdump())
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": "span outside", "spans": [{"start": 0, "end": 99, "label": "X"}]}\n',
                   encoding="utf-8")
    report = ops.import_paths(store, [bad])
    assert not report.ok and ":2:" in str(report.refused[0])
    assert _table_counts(store) == before
    assert list(store.conn.iterdump()) == dump_before


def test_skip_bad_lines_imports_good_lines_and_lists_bad(store, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "one"}\nnot json\n{"text": "   "}\n{"text": "four"}\n', encoding="utf-8")
    report = ops.import_paths(store, [path], skip_bad_lines=True)
    assert report.imported == 2
    assert [b.line for b in report.skipped] == [2, 3]


def test_invalid_utf8_refused_with_byte_offset(store, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 au lait".encode("latin-1"))
    report = ops.import_paths(store, [path])
    assert not report.ok
    assert "latin1.txt" in str(report.refused[0]) and "byte 3" in str(report.refused[0])
    assert store.documents.count() == 0


def test_missing_path_is_refused(store, tmp_path):
    report = ops.import_paths(store, [tmp_path / "nope.txt"])
    assert not report.ok and "nope.txt" in str(report.refused[0])


def test_control_characters_keep_offsets_and_length(store, tmp_path):
    text = "A\x00B\x07C\tD"
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": text, "spans": [{"start": 6, "end": 7, "label": "X"}]}) + "\n")
    assert ops.import_paths(store, [path]).ok
    stored = store.documents.text(store.documents.ids()[0])
    assert len(stored) == len(text) and stored[6] == "D" and stored[1] == "\u2400"


def test_article_over_spacy_max_length_imports_with_exact_tokens(store, tmp_path):
    paragraph = "Protesters in Almaty 👍🏽 met police near the cafe\u0301. " * 20 + "\n\n"
    text = paragraph * (1_100_000 // len(paragraph) + 1)
    assert len(text) > 1_000_000
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    assert ops.import_paths(store, [path]).ok
    doc_id = store.documents.ids()[0]
    stored = store.documents.text(doc_id)
    assert stored == text
    tokens = store.tokens.get(doc_id, stored)
    # spaCy's invariant: tokens plus their trailing spaces rebuild the text exactly.
    assert "".join(stored[t.start:t.end] + (" " if t.ws else "") for t in tokens) == stored


def test_ctrl_c_mid_file_keeps_earlier_files_and_names_the_one_stopped(store, tmp_path, monkeypatch):
    from desktop import formats
    from desktop.store import batches

    monkeypatch.setattr(batches, "BATCH_SECONDS", 0.0)  # every document its own commit
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(json.dumps({"text": f"first {i}"}) + "\n" for i in range(3)), encoding="utf-8")
    second.write_text("".join(json.dumps({"text": f"second {i}"}) + "\n" for i in range(10)), encoding="utf-8")
    real = formats.reader_for(second)

    def interrupted(path):
        for n, item in enumerate(real(path)):
            if path == second and n == 5:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(formats, "reader_for", lambda path, fmt=None: interrupted)
    report = ops.import_paths(store, [first, second])
    assert report.interrupted == str(second)
    assert (report.files, report.imported) == (1, 3)
    assert store.documents.count() == 3
    assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
    assert ops.progress(store).total == 3
