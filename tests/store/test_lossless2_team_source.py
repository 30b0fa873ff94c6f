"""An annotator's file read for a merge (store/team_source.py): which event an argument is
comes with it, and a file whose events name each other in a circle (no Spandesk writes one)
is refused as damaged, nothing merged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop import ops
from desktop.core.model import SpandeskError
from desktop.store.team_source import Source

GE = Path(__file__).parents[1] / "data/thirdparty/brat/corpora/BioNLP-ST_2011/BioNLP-ST_2011_GE"
NAME = "PMC-2065877-06-Results-05"


@pytest.fixture
def project(tmp_path):
    corpus = tmp_path / "ge"
    corpus.mkdir()
    for suffix in (".txt", ".ann"):
        shutil.copy(GE / f"{NAME}{suffix}", corpus)
    path = tmp_path / "ana.db"
    with ops.open_project(path) as store:
        ops.import_paths(store, [corpus])
    return path


def test_each_argument_that_is_an_event_holds_that_event(project):
    with Source(project) as source:
        (doc,) = source.docs()
    events = doc.version.events
    higher = [e for e in events if e.trigger.text == "higher" and e.type == "Positive_regulation"]
    assert len(higher) == 3
    # each names one of the three Transcription events of one trigger, each its own protein
    assert sorted(e.arguments[0].event.arguments[0].span.text for e in higher) == ["IFNgamma", "IL10", "IL15"]
    assert all(any(e.arguments[0].event is x for x in events) for e in higher)  # the listed objects


def test_events_naming_each_other_in_a_circle_are_refused_as_damage(project, tmp_path):
    conn = sqlite3.connect(project)
    (a, trigger_a), (b, trigger_b) = conn.execute(
        "SELECT id, trigger_span_id FROM events ORDER BY id LIMIT 2").fetchall()
    conn.execute("INSERT INTO event_arguments (event_id, span_id, role, arg_event_id) VALUES (?, ?, 'Theme', ?)",
                 (a, trigger_b, b))
    conn.execute("INSERT INTO event_arguments (event_id, span_id, role, arg_event_id) VALUES (?, ?, 'Theme', ?)",
                 (b, trigger_a, a))
    conn.commit()
    conn.close()
    with ops.open_project(tmp_path / "master.db") as store:
        with pytest.raises(SpandeskError, match="name each other as arguments; the file is damaged"):
            ops.merge_file(store, project, annotator="ana", force=True)
        assert not store.conn.execute("SELECT COUNT(*) FROM team_docs").fetchone()[0]
