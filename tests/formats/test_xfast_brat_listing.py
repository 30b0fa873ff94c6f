"""brat's folder listing (one os.scandir per folder) finds the names `folder.rglob` found, and
knows which of NAME.txt and NAME.ann are files without a stat per file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.model import BadInput
from desktop.formats import brat
from desktop.formats.brat_read import read_document


def _by_rglob(folder: Path) -> dict[str, tuple[bool, bool]]:
    """The listing as brat.read made it before h-xfast: rglob twice, then a stat per file."""
    names = set()
    for found in [*folder.rglob("*.txt"), *folder.rglob("*.ann")]:
        if any(part.startswith(".") for part in found.relative_to(folder).parts[:-1]) or brat._apple_double(found):
            continue
        names.add(str(found)[: -len(".txt")])
    return {name: (Path(name + ".txt").is_file(), Path(name + ".ann").is_file()) for name in names}


def test_the_listing_is_what_rglob_and_a_stat_per_file_gave(tmp_path):
    files = {"a.txt": "Ana.", "a.ann": "", "esp.testa.1.txt": "Bo.", "esp.testa.1.ann": "", "orphan.ann": "",
             "alone.txt": "x", ".hidden.txt": "h", "sub/deep.txt": "d", "sub/deep.ann": "", "sub/x/y.ann": "",
             ".git/notes.txt": "n", "sub/.cache/c.txt": "c", "A.TXT": "upper case is no .txt", "notes.md": "m"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()  # a folder named like a text is no file
    (tmp_path / "._a.txt").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")  # AppleDouble
    (tmp_path / "._b.txt").write_text("a text whose name starts ._", encoding="utf-8")
    os.symlink(tmp_path / "sub", tmp_path / "linked")  # a link to a folder is not followed, as rglob
    os.symlink(tmp_path / "a.txt", tmp_path / "link.txt")  # a link to a file is that file
    listing = brat._listing(str(tmp_path))
    assert listing == _by_rglob(tmp_path)
    assert listing[str(tmp_path / "folder")] == (False, False) and listing[str(tmp_path / "orphan")] == (False, True)
    assert listing[str(tmp_path / "link")] == (True, False) and str(tmp_path / "._b") in listing
    assert str(tmp_path / "linked/deep") not in listing and str(tmp_path / "._a") not in listing


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their mode")
def test_a_subfolder_that_cannot_be_listed_is_passed_over(tmp_path):
    (tmp_path / "a.txt").write_text("Ana.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Bo.", encoding="utf-8")
    locked.chmod(0)
    try:
        assert brat._listing(str(tmp_path)) == _by_rglob(tmp_path) == {str(tmp_path / "a"): (True, False)}
    finally:
        locked.chmod(0o755)


def test_read_document_given_the_listing_reads_as_it_does_alone(tmp_path):
    (tmp_path / "d.txt").write_text("Ana met Bo.", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tPER 0 3\tAna\n", encoding="utf-8")
    txt, ann = tmp_path / "d.txt", tmp_path / "d.ann"
    alone, listed = read_document(txt, ann), read_document(txt, ann, found=(True, True))
    assert alone == listed and [s.text for s in listed.spans] == ["Ana"]
    assert read_document(txt, ann, found=(True, False)).spans == []  # the listing says: no .ann
    refused = read_document(txt, ann, found=(False, True))
    assert isinstance(refused, BadInput) and "no d.txt beside it" in refused.reason
