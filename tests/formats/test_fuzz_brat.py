"""brat inputs the mutation sweep (bench/fuzz_import.py) found read wrongly: each is refused
by name now, never read as a document without annotations."""

from __future__ import annotations

import os

import pytest

from desktop.core.model import BadInput
from desktop.formats import brat


def _folder(tmp_path):
    (tmp_path / "a.txt").write_text("Ana met Bo.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tPER 0 3\tAna\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Bo met Ana.", encoding="utf-8")
    return tmp_path


def _read(folder):
    return {os.path.basename(getattr(r, "file", None) or r.doc.meta["source"]): r for r in brat.read(folder)}


def test_an_ann_that_is_a_folder_refuses_its_document(tmp_path):
    folder = _folder(tmp_path)
    (folder / "b.ann").mkdir()  # sweep case: the .ann replaced by a folder was read as "no annotations"
    read = _read(folder)
    assert isinstance(read["b.ann"], BadInput) and "b.ann is not a file" in read["b.ann"].reason
    assert [s.text for s in read["a.txt"].spans] == ["Ana"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_an_ann_that_is_a_fifo_or_a_broken_link_refuses_its_document(tmp_path):
    folder = _folder(tmp_path)
    os.mkfifo(folder / "b.ann")  # never opened: reading a FIFO would wait for a writer
    os.symlink(folder / "gone.ann", folder / "c.ann")
    (folder / "c.txt").write_text("Cy.", encoding="utf-8")
    read = _read(folder)
    assert all(isinstance(read[name], BadInput) and "is not a file" in read[name].reason for name in ("b.ann", "c.ann"))


def test_a_text_without_an_ann_is_still_a_document_without_annotations(tmp_path):
    read = _read(_folder(tmp_path))
    assert read["b.txt"].spans == [] and read["b.txt"].doc.text == "Bo met Ana."
