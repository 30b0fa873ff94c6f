"""A file of lines (JSON, brat's .ann and conf) with a byte that is not valid UTF-8 is refused
as FILE:LINE, as a JSONL file read line by line already was; the sweep found the whole-file
readers (doccano, DyGIE++, Label Studio, brat) naming only the byte."""

from __future__ import annotations

import pytest

from desktop.core.model import BadInput
from desktop.core.text import decode
from tests.helpers import run


@pytest.mark.parametrize("data, line", [
    (b'{"a": 1}\n{"b": "\xff"}\n', 2),
    (b"\xff", 1),
    (b"one\ntwo\nthree \xc3\n", 3),
    ("one\ntwo\n".encode("utf-16") + b"\x00\xd8", 3),  # a lone surrogate after two UTF-16 lines
])
def test_lines_names_the_line_of_the_bad_byte(data, line):
    with pytest.raises(BadInput) as bad:
        decode(data, "f.json", lines=True)
    assert bad.value.line == line and str(bad.value).startswith(f"f.json:{line}: not valid")


def test_a_whole_text_is_still_named_by_its_byte_only():
    with pytest.raises(BadInput) as bad:
        decode(b"one\ntwo \xff", "news.txt")
    assert bad.value.line is None and "at byte 8" in str(bad.value)


def test_the_import_of_a_doccano_file_names_the_line(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"text": "One.", "label": []}\n{"text": "Tw\xff.", "label": []}\n')
    done = run("import", "--format", "doccano", "--db", tmp_path / "p.db", path)
    assert done.exit_code == 1 and f"{path}:2: not valid UTF-8" in done.stderr
