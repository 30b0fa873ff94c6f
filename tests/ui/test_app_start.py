"""The real `spandesk` start on a new user's default database: seeds imported, first article shown."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop import paths


def test_new_user_sees_the_seed_article_and_nothing_is_asked(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SPANDESK_SMOKE_QUIT": "1", "SPANDESK_ANNOTATOR": "ana",
           "SPANDESK_DB": str(tmp_path / "data" / "spandesk.db"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "desktop"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    titles = {p.read_text(encoding="utf-8").split("\n", 1)[0] for p in paths.seeds_dir().glob("*.txt")}
    shown = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if line.startswith("first article shown: ")]
    assert shown and shown[0] in titles
    assert (tmp_path / "data" / "spandesk.db").exists()
