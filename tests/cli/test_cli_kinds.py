"""The command line on brat's tutorial folder, which holds every new kind (issue 10): the
import stores it all and says so with exit 0; the brat export writes it back."""

from __future__ import annotations

import pytest

from tests.helpers import ROOT, run

NEWS = ROOT / "tests/data/thirdparty/brat/tutorials/news"


@pytest.fixture
def home(tmp_path, monkeypatch):
    for name, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(name, str(tmp_path / sub))
    monkeypatch.delenv("SPANDESK_DB", raising=False)
    return tmp_path


def test_brat_kinds_import_with_exit_0_and_export_back(home, tmp_path):
    db = tmp_path / "p.db"
    result = run("import", NEWS, "--db", db)
    assert result.exit_code == 0, result.output
    assert "not stored exactly" not in result.output and "imported 4 documents" in result.stdout
    out = tmp_path / "brat"
    assert run("export", "--format", "brat", "--all", "--out", out, "--db", db).exit_code == 0
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.ann")))
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(NEWS.glob("*.ann")))
    for mark in ("R", "#", "N", "*"):
        count = sum(line.startswith(mark) for line in source.splitlines())
        assert count and sum(line.startswith(mark) for line in written.splitlines()) == count, mark
