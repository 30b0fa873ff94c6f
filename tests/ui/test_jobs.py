"""The job runner (desktop/ui/runner.py): an ops function run off the GUI thread on a
connection of its own, its progress, success and failure handled on the GUI thread,
Cancel taking effect at its next tick, a bug going to the bug report, not the user."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import ops
from desktop.core.model import Changes, SpandeskError
from desktop.ui import guard
from desktop.ui.runner import Job

from tests.helpers import open_window

WAIT = 10_000  # ms: a ceiling, never a pause


@pytest.fixture
def project(db_path):
    ops.open_project(db_path).close()
    return db_path


@pytest.fixture
def fresh_guard(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(guard, "_shown", [])
    yield guard.log_path()
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()


class Heard:
    """What the handlers were called with, and on which thread."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.threads: set = set()

    def __call__(self, kind):
        def handler(*args):
            self.calls.append((kind, *args))
            self.threads.add(threading.current_thread())
        return handler

    def job(self, op, path, **kw) -> Job:
        return Job(op, path=path, success=self("success"), failure=self("failure"),
                   progress=self("progress"), **kw)


def _run(qtbot, job: Job) -> None:
    with qtbot.waitSignal(job.finished, timeout=WAIT):
        job.start()
    qtbot.waitUntil(lambda: job.isFinished(), timeout=WAIT)


def test_a_job_runs_on_its_own_thread_and_connection_and_succeeds(qtbot, project):
    heard, ran = Heard(), []

    def op(store, tick):
        ran.append(threading.current_thread())
        store.project.set("touched", "yes")  # a write on the job's own connection
        tick(1, 2)
        tick(2, 2)
        return store.documents.count()

    job = heard.job(op, project)
    _run(qtbot, job)
    qtbot.waitUntil(lambda: ("success", 0) in heard.calls, timeout=WAIT)
    assert heard.calls == [("progress", 1, 2), ("progress", 2, 2), ("success", 0)]
    assert ran and ran[0] is not threading.current_thread()
    assert heard.threads == {threading.current_thread()}  # handlers on the GUI thread
    with ops.open_project(project) as store:
        assert store.project.get("touched") == "yes"


def test_a_spandesk_error_goes_to_the_failure_handler(qtbot, project, fresh_guard):
    heard = Heard()

    def op(store, tick):
        raise SpandeskError("notes.txt:3: not an article")

    _run(qtbot, heard.job(op, project))
    qtbot.waitUntil(lambda: bool(heard.calls), timeout=WAIT)
    assert heard.calls == [("failure", "notes.txt:3: not an article")]
    assert not fresh_guard.exists()  # the user's error, not a bug


def test_a_bug_is_logged_and_reported_never_shown_as_the_users_error(qtbot, project, fresh_guard):
    heard = Heard()

    def op(store, tick):
        raise ZeroDivisionError("the job's own bug")

    _run(qtbot, heard.job(op, project))
    qtbot.waitUntil(fresh_guard.exists, timeout=WAIT)
    assert "ZeroDivisionError: the job's own bug" in fresh_guard.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: any("Something went wrong" in w.text() for w in QApplication.topLevelWidgets()
                                if isinstance(w, QMessageBox) and w.isVisible()), timeout=WAIT)
    assert heard.calls == []  # neither success nor the user's failure dialog


def test_cancel_takes_effect_at_the_next_tick_and_rolls_back_what_is_half_done(qtbot, project):
    heard, gate, reached, jobs = Heard(), threading.Event(), [], []

    def op(store, tick):
        store.project.set("kept", "yes")  # committed before Cancel
        tick("first")  # the window cancels when it hears this
        assert gate.wait(10)
        with store.action("half done"):
            store.project.set("half", "written")
            tick()  # raises Cancelled: the action rolls back
        reached.append(True)

    def cancel(*args):  # the Cancel button, pressed on the GUI thread
        heard("progress")(*args)
        jobs[0].cancel()
        gate.set()

    job = Job(op, path=project, success=heard("success"), failure=heard("failure"), progress=cancel)
    jobs.append(job)
    _run(qtbot, job)
    assert job.cancelled and not reached
    assert heard.calls == [("progress", "first")]  # no success, no failure: stopped quietly
    with ops.open_project(project) as store:
        assert store.project.get("kept") == "yes" and store.project.get("half") is None


def test_a_job_without_a_store_gets_the_path(qtbot, project):
    heard = Heard()
    _run(qtbot, heard.job(lambda path, tick: path.name, project, store=False))
    qtbot.waitUntil(lambda: bool(heard.calls), timeout=WAIT)
    assert heard.calls == [("success", project.name)]


def test_progress_can_be_thinned_but_the_first_report_always_comes(qtbot, project):
    heard = Heard()

    def op(store, tick):
        for n in range(1000):
            tick(n, 1000)

    _run(qtbot, heard.job(op, project, every=60.0))
    qtbot.waitUntil(lambda: ("success", None) in heard.calls, timeout=WAIT)
    assert heard.calls == [("progress", 0, 1000), ("success", None)]


def test_quitting_cancels_a_running_job_and_waits_for_it(qtbot, project):
    """What Jobs.shutdown does before the window goes (Qt aborts on a QThread destroyed
    while it runs): cancel, then wait; the job's connection is closed on its own thread."""
    started, ticks = threading.Event(), []

    def op(store, tick):
        started.set()
        while True:  # a long job: it ends only through Cancel
            ticks.append(1)
            tick()

    job = Job(op, path=project)
    job.start()
    assert started.wait(10)
    job.cancel()
    assert job.wait(WAIT) and job.isFinished() and ticks


def test_the_windows_pre_annotation_job_refreshes_each_batch_and_sets_the_model(qtbot, seeded, tmp_path):
    """Through the window: the job saves on its own connection, the views hear of each batch
    as it is committed, and the status bar's progress goes when it ends."""
    spacy = pytest.importorskip("spacy")

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", name="ner").add_patterns([{"label": "GPE", "pattern": "Kazakhstan"}])
    nlp.meta.update(name="ruler", version="1.0.0")
    nlp.to_disk(tmp_path / "ruler")
    store, doc_id = seeded
    win = open_window(qtbot, store, tmp_path)
    win.desk.set_writable(True)  # as when the integrity check has passed
    changed: list = []
    win.desk.changed.connect(lambda changes, ids: changed.append((changes, ids)))
    with qtbot.waitSignal(win.jobs.modelChanged, timeout=WAIT):
        win.jobs.preannotate(str(tmp_path / "ruler"))
        assert win.jobs.busy and win.status.job.isVisible()
    qtbot.waitUntil(lambda: not win.jobs.busy, timeout=WAIT)
    assert not win.status.job.isVisible()
    assert (Changes.SPANS, [doc_id]) in changed
    assert any(s.text == "Kazakhstan" for s in win.desk.spans())  # read on the window's connection
    assert ops.model_setting(store) == str(tmp_path / "ruler")
    assert store.conn.execute("SELECT COUNT(*) FROM writers WHERE what != 'the annotation window'").fetchone()[0] == 0
    win.close()
