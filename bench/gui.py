"""The GUI's speed goals (issue 3), measured; the last line printed is one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py

* switch_ratio, switch_p95_ms: bench/switch.py's `measure()` (the article view showing a
  5,000-word article with 300 spans, against QTextEdit.setPlainText in the same run).
* open_1m_ratio: a fresh process opens a project and paints the window's first page of the
  document list (and the first article), 1,000,000 documents against 1,000. Timed inside
  the process from before opening the file to the list's first paint; the median of a few
  alternating runs. The databases are built once with executemany and kept in bench/out/.
* action_commit_median_ms: one annotator action (accept, reject or relabel through ops),
  committed and synced to disk (WAL, synchronous=FULL), median over a few hundred.
* cold_start_ratio: the real command, `spandesk gui --db FILE` (the venv's own script, as a
  user or a desktop icon starts it), from spawning it to the line it prints when its first
  article is painted (SPANDESK_SMOKE_QUIT, the installer's smoke test), against a bare
  PySide6 window (QMainWindow + QTextEdit with the same text) timed the same way, to the
  line it prints at its first paint. Both lines come once that paint has been drawn and
  flushed (a zero timer posted when the Paint event reaches the viewport): until
  2026-12-01's fourth round they came at the Paint event itself, before anything was
  drawn, which left out the app's costlier paint (its spans, in Python) and credited
  work merely moved into it. `window_ratio` is the same for a child that builds
  the window from Python without the command (APP_CHILD: what this figure measured until
  the command's own start was found to cost 55 ms more). Medians of alternating runs
  (`--runs`, default 15), with the quartiles of the per-round ratios as the spread; on
  Linux also the CPU time each process had used by that line (`cold_start_cpu_ratio`:
  other jobs on a shared machine stretch wall times far more than CPU times).
  `bare_plain`: the same bare window timed from its own paintEvent, without the event
  filter whose first `viewport()` call costs PySide 7.5 ms (resolving all of QtWidgets'
  lazy classes), a cost of the measurement only; the `*_vs_plain` ratios compare with it. The
  tree's bytecode is compiled first, as an installed Spandesk's is: with
  PYTHONDONTWRITEBYTECODE set and no __pycache__, each child would compile every module
  from source, a cost no user pays.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py [--cold-only] [--runs 15]

* `--phases` (with `--runs N`): only where the cold start goes, inside the process, phase by
  phase (PySide6's modules, Spandesk's imports, settings, opening the project, make_app,
  building the window, the first paint), and the share of runs in which Qt's `Qt`
  namespace had been built by the end of the first paint, medians of alternating runs
  against a bare window's phases; `--tree OTHER` times another checkout's code (run with
  this venv) the same way. Each side also times its first paint itself, from the Paint
  event reaching the viewport (before anything is drawn) to the return to the event loop;
  the totals to that return ("total, paint finished") are what the timed lines measure.
* `--qt-probe`: which QPainter calls build Qt's `Qt` namespace, each in a fresh process.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import ops  # noqa: E402
from desktop.core.model import Source, Span, State  # noqa: E402
from desktop.paths import seeds_dir  # noqa: E402

OUT = ROOT / "bench" / "out"
RUNS = 5
WORDS = ("protesters gathered in Almaty Astana Bishkek police troops withdrew Tokayev said on Monday "
         "government parliament curfew").split()

# The child processes print one JSON line when the thing timed is on screen, then quit:
# once its first paint has been drawn and flushed (a zero timer posted at the Paint event
# runs after the event that paints), as `spandesk gui` prints its own line.
PAINT_WATCH = """
from PySide6.QtCore import QEvent, QObject, QTimer
class Watch(QObject):
    def __init__(self, ready, report):
        super().__init__()
        self.ready, self.report = ready, report
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.ready():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.done)
        return False
    def done(self):
        self.report()
        sys.stdout.flush()
        os._exit(0)
"""
OPEN_CHILD = """
import json, os, sys, time
t0 = time.perf_counter()
from desktop import ops
from desktop.ui.app import make_app, start
from desktop.ui.settings import Settings
""" + PAINT_WATCH + """
t1 = time.perf_counter()
store = ops.open_project(sys.argv[1], check=False)
app = make_app([])
window = start(store, Settings(sys.argv[2]), "bench", background=False)
watch = Watch(lambda: window.panel.model.rowCount() > 0,
              lambda: print(json.dumps({"open_paint_s": time.perf_counter() - t1, "process_s": time.perf_counter() - t0,
                                        "rows": window.panel.model.rowCount(), "total": window.panel.model.total})))
window.panel.table.viewport().installEventFilter(watch)
window.panel.table.viewport().update()
app.exec()
"""
APP_CHILD = """
import json, os, sys
from desktop import ops
from desktop.ui.app import make_app, start
from desktop.ui.settings import Settings
""" + PAINT_WATCH + """
store = ops.open_project(sys.argv[1], check=False)
app = make_app([])
window = start(store, Settings(sys.argv[2]), "bench")
watch = Watch(lambda: bool(window.view.toPlainText()), lambda: print(json.dumps({"spacy": "spacy" in sys.modules})))
window.view.viewport().installEventFilter(watch)
window.view.viewport().update()
app.exec()
"""
# The bare window every bare child builds: the app's size, the same article, nothing else
# (`Edit`: QTextEdit, or a subclass that times its own paint).
BARE_WINDOW = """
window = QMainWindow()
edit = Edit()
edit.setPlainText(open(sys.argv[1], encoding="utf-8").read())
window.setCentralWidget(edit)
window.resize(1320, 840)
window.show()
"""
BARE_CHILD = """
import json, os, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
""" + PAINT_WATCH + """
app = QApplication([])
Edit = QTextEdit
""" + BARE_WINDOW + """
watch = Watch(lambda: True, lambda: print(json.dumps({})))
edit.viewport().installEventFilter(watch)
app.exec()
"""

# The same bare window timed from its own paintEvent (a QTextEdit subclass) instead of an
# event filter on its viewport: the filter's first `viewport()` call makes PySide resolve all
# of QtWidgets' lazy classes (81 enums, about 7.5 ms), a cost of the measurement that a bare
# window never pays. (The app paid it for real until its article view made its own viewport
# from Python, 2026-12-01's fifth round: PySide knows that one's type already.) Reported
# beside the other as `bare_plain`; the goal is judged against it.
BARE_PLAIN_CHILD = """
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
def done():
    print(json.dumps({}))
    sys.stdout.flush()
    os._exit(0)
class Edit(QTextEdit):
    seen = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not Edit.seen:
            Edit.seen = True
            QTimer.singleShot(0, done)
app = QApplication([])
""" + BARE_WINDOW + """
app.exec()
"""

# Where the cold start goes, inside the process (--phases): each child prints, at its first
# painted article, the milliseconds since its first line (after interpreter start) at each
# step. The app child takes `spandesk gui --db FILE`'s own steps (desktop/ui/app.py:
# open_and_run and run), and says whether Qt's `Qt` namespace had been built by the end of
# its first paint ("qt_built": the share of runs; it costs 11 ms wherever it is built).
PHASES_APP = """
import json, os, sys, time
t0 = time.perf_counter()
marks = []
def mark(name):
    marks.append((name, (time.perf_counter() - t0) * 1e3))
from PySide6 import QtCore, QtGui, QtWidgets
mark("PySide6 modules")
from desktop.ui import app
from desktop import launch
mark("Spandesk's imports")
settings = app.Settings()
path, first_run = app.project_to_open(launch.gui_db(["--db", sys.argv[1]]), settings)
mark("settings file")
store = app.ops.open_project(path, check=False)
mark("opening the project")
try:
    qapp = app.make_app(theme_choice=settings.theme, settings=settings)
except TypeError:  # a tree from before make_app took the settings (bench/gui.py --phases --tree OTHER)
    qapp = app.make_app(theme_choice=settings.theme)
mark("make_app (icon, fonts, style, palette)")
app.guard.install()
annotator = app.ops.preset_annotator(store) or app.annotator_name(settings)
window = app.MainWindow(store, settings, annotator, later=True, query=app.ops.order_query("id"))
window.show()
mark("building the window")
def report(self, watched, event):
    if event.type() == event.Type.Paint and self.window.view.toPlainText():
        watched.removeEventFilter(self)
        mark("first document shown and painted")
        app.QTimer.singleShot(0, painted)  # runs once the paint (and its flush) has returned
    return False
def painted():
    print(json.dumps({"marks": marks, "painted": (time.perf_counter() - t0) * 1e3, "qt": "Qt" in vars(QtCore)}),
          flush=True)
    os._exit(0)
app._ArticleWatch.eventFilter = report
window.desk.open_first()
window.desk.set_writable(False, "Checking the project file… one moment.")
app._after_paint(window.view.viewport(), lambda: app._background(window, first_run))
app._quit_on_first_article(qapp, window)
qapp.exec()
"""
PHASES_BARE = """
import json, os, sys, time
t0 = time.perf_counter()
marks = []
def mark(name):
    marks.append((name, (time.perf_counter() - t0) * 1e3))
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication([])
mark("PySide6 modules")
Edit = QTextEdit
""" + BARE_WINDOW + """
mark("building the window")
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            mark("first document shown and painted")
            QTimer.singleShot(0, painted)
        return False
def painted():
    print(json.dumps({"marks": marks, "painted": (time.perf_counter() - t0) * 1e3}), flush=True)
    os._exit(0)
watch = Watch()
edit.viewport().installEventFilter(watch)
app.exec()
"""


# The "first document shown and painted" mark comes when the Paint event reaches the
# viewport, before the widget has drawn anything; this phase is the drawing itself, to the
# return to the event loop (the text in C++ for both, and for the app its spans in Python),
# where the timed lines of the other measures now come.
PAINT_ITSELF = "the first paint itself (after the timed line)"


def phases(folder: Path, runs: int, root: Path = ROOT) -> dict:
    """Medians over `runs` alternating rounds of each phase's milliseconds (PHASES_APP, with
    the code of the tree `root`; PHASES_BARE), and of the totals; a phase's time is its mark
    minus the one before."""
    db, text, home = _returning(folder)
    bytecode(root)
    warm_up(sys.executable, db, home, root)
    kinds = {"app": PHASES_APP, "bare": PHASES_BARE}
    steps: dict[str, dict[str, list[float]]] = {kind: {} for kind in kinds}
    built: list[bool] = []  # the app's: Qt's namespace built by the end of the first paint
    for _ in range(runs):
        for kind, code in kinds.items():
            _wall, line, _cpu = time_to_line([sys.executable, "-c", textwrap.dedent(code),
                                              str(db if kind == "app" else text)], home, root)
            before, child = 0.0, json.loads(line)
            for name, at in child["marks"]:
                steps[kind].setdefault(name, []).append(at - before)
                before = at
            steps[kind].setdefault("total", []).append(before)
            if "painted" in child:  # a tree from before this mark (--tree OTHER) prints none
                steps[kind].setdefault(PAINT_ITSELF, []).append(child["painted"] - before)
                steps[kind].setdefault("total, paint finished", []).append(child["painted"])
            if "qt" in child:
                built.append(child["qt"])
    table = {kind: {name: round(statistics.median(times), 1) for name, times in table.items()}
             for kind, table in steps.items()}
    table["app"]["qt_built"] = round(sum(built) / len(built), 2) if built else None
    return table


# --qt-probe: which painter calls build Qt's `Qt` namespace in PySide6 (each in a fresh
# process, after a QApplication and a QPainter on an image, neither of which builds it).
QT_PROBE = """
import sys
from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPalette, QPen
app = QGuiApplication([])
image = QImage(80, 40, QImage.Format.Format_ARGB32_Premultiplied)
p = QPainter()
p.begin(image)
p.setRenderHint(QPainter.RenderHint.Antialiasing)
pen, path, brush = QPen(), QPainterPath(), QBrush()
pen.setColor(QColor(200, 0, 0))
pen.setWidthF(1.0)
pen.setDashPattern([3.0, 2.5])
path.addRoundedRect(QRectF(2, 2, 30, 20), 3, 3)
before = "Qt" in vars(QtCore)
exec(sys.argv[1])
print(int(before), int("Qt" in vars(QtCore)))
p.end()
"""
QT_PROBE_CALLS = (
    "p.setPen(pen)", "p.setPen(QColor(1, 2, 3))", "p.setBrush(brush)", "p.setBrush(QColor(1, 2, 3))",
    "QPen(QColor(1, 2, 3), 1.0)", "QBrush(QColor(1, 2, 3))", "p.fillRect(QRectF(1, 1, 3, 3), QColor(1, 2, 3))",
    "p.fillPath(path, QColor(1, 2, 3))", "p.drawRoundedRect(QRectF(2, 2, 30, 20), 3, 3)",
    "p.drawLine(QPointF(1, 1), QPointF(20, 1))", "p.strokePath(path, pen)", "p.fillPath(path, brush)",
    "p.drawText(QRectF(0, 0, 40, 20), 0x84, 'x')", "image.fill(QColor(255, 255, 255))", "QColor(QColor(1, 2, 3))",
    "QColor(1, 2, 3).toRgb()", "brush.setColor(QColor(1, 2, 3))", "QPalette().brush(QPalette.ColorRole.Base)",
    "p.setFont(QFont())",
)


def qt_probe(root: Path = ROOT) -> dict:
    """{call: whether it built the namespace}; None when it was built before the call."""
    found = {}
    for call in QT_PROBE_CALLS:
        out = subprocess.run([sys.executable, "-c", QT_PROBE, call], capture_output=True, text=True,
                             env=_env(Path(tempfile.gettempdir()), root), check=True).stdout.split()
        found[call] = None if out[0] == "1" else out[1] == "1"
    return found


def _returning(folder: Path) -> tuple[Path, Path, Path]:
    """A returning user's project (the seed imported and pre-annotated), its first text, a HOME."""
    db = folder / "returning.db"
    with ops.open_project(db, seed=True) as store:
        ops.preannotate(store)
        seed_text = store.documents.text(store.documents.ids()[0])
    text_file = folder / "seed.txt"
    text_file.write_text(seed_text, encoding="utf-8")
    home = folder / "home"
    home.mkdir(exist_ok=True)
    return db, text_file, home


def bytecode(root: Path) -> None:
    """Compile a tree's modules to __pycache__ (as pip does on install); quietly."""
    compileall.compile_dir(str(root / "desktop"), quiet=1)


def command(python: str | Path) -> list[str]:
    """The `spandesk` command of the venv `python` belongs to (its console script)."""
    return [str(Path(python).parent / "spandesk")]


def _cpu_seconds(pid: int) -> float | None:
    """CPU time a running process has used so far (Linux's schedstat, in ns), else None.
    Other processes on a shared machine stretch the wall time far more than this."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def _env(home: Path, root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root), HOME=str(home), SPANDESK_SMOKE_QUIT="1",
               SPANDESK_ANNOTATOR="bench")
    env.pop("SPANDESK_DB", None)
    return env


# A returning user's last session, untimed: `spandesk gui` as a user starts it, left to
# complete, then closed with its close button a moment later (not the smoke test's quit on the
# first article, which closes no window), so the settings hold all a window keeps: the light
# palette and the system's scheme after the first paint (look/theme.py), and at its close the
# layout, the article's room and the first article's arc room (ui/main_window.py), which the
# timed starts then use as a returning user's start does.
WARM_CHILD = """
import os, sys
os.environ.pop("SPANDESK_SMOKE_QUIT", None)
from desktop import launch
from desktop.ui import app
background = app._background
def then(window, seed):
    background(window, seed)
    app.QTimer.singleShot(300, window.close)
app._background = then
sys.argv = ["spandesk", "gui", "--db", sys.argv[1]]
launch.main()
"""


def warm_up(python: str | Path, db: Path, home: Path, root: Path = ROOT) -> None:
    """Run the window once as a returning user's last session did (WARM_CHILD), untimed;
    time_to_line kills each timed start at its first paint, before it keeps anything."""
    subprocess.run([str(python), "-c", WARM_CHILD, str(db)], capture_output=True, text=True, env=_env(home, root),
                   cwd=root, timeout=300)


def time_to_line(argv: list[str], home: Path, root: Path = ROOT) -> tuple[float, str, float | None]:
    """Seconds from spawning `argv` to its first line saying its article is painted (the
    app's "first article shown: …", a child's JSON line), that line, and the CPU seconds
    the process had used by then (None off Linux); the process is then killed: its exit
    is no part of the start."""
    env = _env(home, root)
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=root)
    try:
        for line in child.stdout:
            if line.startswith(("first article shown", "{")):
                return time.perf_counter() - t0, line, _cpu_seconds(child.pid)
        raise RuntimeError(f"{argv[0]} ended before its first paint:\n{child.stderr.read()[-2000:]}")
    finally:
        child.kill()
        child.communicate()


def spread(ratios: list[float]) -> list[float]:
    """The lower quartile, median and upper quartile of per-round ratios."""
    q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    return [round(q[0], 2), round(statistics.median(ratios), 2), round(q[2], 2)]


def _child(code: str, *args: str) -> tuple[dict, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)
    wall = time.perf_counter() - t0
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"child failed:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1]), wall


def build(path: Path, n: int) -> Path:
    """A project of n short documents, built once: straight SQL through the store's connection."""
    if path.exists():
        return path
    part = path.with_name(path.name + ".part")
    for stale in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        stale.unlink(missing_ok=True)
    store = ops.open_project(part)
    now = store.now

    def rows():
        for i in range(n):
            words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(30)]
            title = f"{words[0].capitalize()} {words[1]} {words[2]}, report {i}"
            yield (f"bench-{i}", title, title + "\n\n" + " ".join(words) + ".", now, now)

    t0 = time.perf_counter()
    store.conn.execute("BEGIN")
    store.conn.executemany(
        "INSERT INTO documents (content_hash, title, text, status, source, created_at, updated_at)"
        " VALUES (?, ?, ?, 'todo', 'bench', ?, ?)", rows())
    store.conn.execute("COMMIT")
    # Import stores every document's tokens; the window shows the first document, so it gets
    # its tokens as import would have made them (a document without any is tokenized by
    # spaCy when shown: that is import's cost, not the list's, and not what this times).
    from desktop.nlp.tokenize import token_bounds

    first = store.documents.ids()[0]
    with store.action("bench tokens", undoable=False):
        store.tokens.put_bounds(first, *token_bounds(store.documents.text(first)), "spacy:en")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    part.rename(path)
    print(f"built {path.name}: {n:,} documents in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return path


def open_ratio(settings: Path) -> dict:
    small, big = build(OUT / "gui-1k.db", 1_000), build(OUT / "gui-1m.db", 1_000_000)
    times: dict[str, list[float]] = {"1k": [], "1m": []}
    for _ in range(RUNS):
        for name, path in (("1k", small), ("1m", big)):
            result, _wall = _child(OPEN_CHILD, str(path), str(settings))
            times[name].append(result["open_paint_s"])
    k, m = statistics.median(times["1k"]), statistics.median(times["1m"])
    return {"open_1k_ms": round(k * 1e3, 1), "open_1m_ms": round(m * 1e3, 1), "open_1m_ratio": round(m / k, 2)}


def action_commit(folder: Path) -> dict:
    """Median time of one annotator action, durable on disk."""
    store = ops.open_project(folder / "actions.db")
    assert ops.import_paths(store, [seeds_dir() / "kazakhstan-csto-withdrawal.txt"]).ok
    doc_id = store.documents.ids()[0]
    text = store.documents.text(doc_id)
    tokens = store.tokens.get(doc_id, text)
    spans = [Span(t.start, t.end, "ORG", text[t.start:t.end], source=Source.MODEL, state=State.SUGGESTED, model="b@1")
             for t in tokens[::3] if text[t.start:t.end].isalnum()][:150]
    ops.save_suggestions(store, ops.PreannotateReport("b@1"), [(doc_id, spans)])
    ids = [s.id for s in store.spans.for_doc(doc_id)]
    actions = [lambda i: ops.accept_span(store, i, "bench"), lambda i: ops.reject_span(store, i, "bench"),
               lambda i: ops.relabel_span(store, i, "GPE", "bench")]
    times = []
    for n, span_id in enumerate(ids):
        t0 = time.perf_counter()
        actions[n % 3](span_id)
        times.append(time.perf_counter() - t0)
    store.close()
    times = times[5:]  # the first calls warm SQLite's caches
    return {"action_commit_median_ms": round(statistics.median(times) * 1e3, 2),
            "action_commit_p95_ms": round(sorted(times)[int(len(times) * 0.95)] * 1e3, 2), "actions": len(times)}


def cold_start(folder: Path, settings: Path, runs: int = RUNS) -> dict:
    db, text_file, home = _returning(folder)  # a returning user: the seed imported and pre-annotated
    bytecode(ROOT)
    warm_up(sys.executable, db, home)
    times: dict[str, list[float]] = {"command": [], "window": [], "bare": [], "plain": []}
    cpu: dict[str, list[float | None]] = {"command": [], "bare": [], "plain": []}
    spacy = []
    for _ in range(runs):
        wall, _line, used = time_to_line([*command(sys.executable), "gui", "--db", str(db)], home)
        times["command"].append(wall)
        cpu["command"].append(used)
        wall, line, _used = time_to_line([sys.executable, "-c", textwrap.dedent(APP_CHILD), str(db), str(settings)],
                                         home)
        times["window"].append(wall)
        spacy.append(json.loads(line)["spacy"])
        wall, _line, used = time_to_line([sys.executable, "-c", textwrap.dedent(BARE_CHILD), str(text_file)], home)
        times["bare"].append(wall)
        cpu["bare"].append(used)
        wall, _line, used = time_to_line([sys.executable, "-c", textwrap.dedent(BARE_PLAIN_CHILD), str(text_file)],
                                         home)
        times["plain"].append(wall)
        cpu["plain"].append(used)
    a, w, b = (statistics.median(times[k]) for k in ("command", "window", "bare"))
    result = {"cold_start_ms": round(a * 1e3), "bare_window_ms": round(b * 1e3), "cold_start_ratio": round(a / b, 2),
              "cold_start_spread": spread([x / y for x, y in zip(times["command"], times["bare"])]),
              "window_ms": round(w * 1e3), "window_ratio": round(w / b, 2), "cold_runs": runs,
              "spacy_before_first_article": any(spacy)}
    plain = statistics.median(times["plain"])
    result.update({"bare_plain_ms": round(plain * 1e3), "cold_start_ratio_vs_plain": round(a / plain, 2)})
    if None not in cpu["command"] + cpu["bare"] + cpu["plain"]:  # the same in CPU time: what the load does not stretch
        ca, cb, cp = (statistics.median(cpu[k]) for k in ("command", "bare", "plain"))
        result.update({"cold_start_cpu_ms": round(ca * 1e3), "bare_window_cpu_ms": round(cb * 1e3),
                       "cold_start_cpu_ratio": round(ca / cb, 2),
                       "cold_start_cpu_spread": spread([x / y for x, y in zip(cpu["command"], cpu["bare"])]),
                       "bare_plain_cpu_ms": round(cp * 1e3), "cold_start_cpu_ratio_vs_plain": round(ca / cp, 2)})
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold-only", action="store_true", help="only the cold start (a minute or two)")
    parser.add_argument("--runs", type=int, default=15, help="alternating rounds of the cold start")
    parser.add_argument("--phases", action="store_true",
                        help="only where the cold start goes, phase by phase, against a bare window")
    parser.add_argument("--qt-probe", action="store_true",
                        help="which painter calls build Qt's `Qt` namespace (it costs the cold start ~11 ms)")
    parser.add_argument("--tree", type=Path, default=ROOT, help="with --phases: the checkout whose code is timed")
    options = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if options.qt_probe:
            return {"qt_probe": qt_probe()}
        if options.phases:
            return {"phases": phases(folder, options.runs, options.tree.resolve())}
        settings = folder / "settings.ini"
        result.update(cold_start(folder, settings, options.runs))
        if options.cold_only:
            return result
        result.update(action_commit(folder))
        result.update(open_ratio(settings))
    sys.path.insert(0, str(ROOT / "bench"))
    from switch import measure  # the article view's own benchmark, by the view's author

    switch = measure()
    result.update({"switch_ratio": switch["switch_ratio"], "switch_p95_ms": switch["switch_p95_ms"],
                   "switch_median_ms": switch["switch_median_ms"]})
    return result


def _say_cold(figures: dict) -> None:
    print(f"cold start: `spandesk gui` {figures['cold_start_ms']} ms vs bare window {figures['bare_window_ms']} ms "
          f"(ratio {figures['cold_start_ratio']}, quartiles {figures['cold_start_spread']}, goal ≤ 1.5; "
          f"window without the command {figures['window_ms']} ms, {figures['window_ratio']}); "
          f"spaCy before the first article: {figures['spacy_before_first_article']}")
    if "cold_start_cpu_ratio" in figures:
        print(f"the same in CPU time: {figures['cold_start_cpu_ms']} ms vs {figures['bare_window_cpu_ms']} ms "
              f"(ratio {figures['cold_start_cpu_ratio']}, quartiles {figures['cold_start_cpu_spread']}); "
              f"against the bare window timed from its own paintEvent: {figures['bare_plain_cpu_ms']} ms "
              f"(ratio {figures['cold_start_cpu_ratio_vs_plain']})")


def _say_phases(table: dict) -> None:
    for kind in ("app", "bare"):
        print(f"{kind}: " + ", ".join(f"{name} {ms}" for name, ms in table[kind].items()))


if __name__ == "__main__":
    figures = main()
    if "qt_probe" in figures:
        for call, built in figures["qt_probe"].items():
            print(f"{call}: {'builds Qt' if built else 'built before' if built is None else 'no'}")
        sys.exit(0)
    if "phases" in figures:
        _say_phases(figures["phases"])
        print(json.dumps(figures))
        sys.exit(0)
    if "open_1k_ms" in figures:
        print(f"open + first list page: 1k {figures['open_1k_ms']} ms, 1M {figures['open_1m_ms']} ms "
              f"(ratio {figures['open_1m_ratio']}, goal ≤ 1.2)")
        print(f"one action durable: median {figures['action_commit_median_ms']} ms (goal ≤ 5)")
        print(f"switch {figures['switch_median_ms']} ms median, p95 {figures['switch_p95_ms']} ms, "
              f"ratio {figures['switch_ratio']} (goals ≤ 2, p95 < 16 ms)")
    _say_cold(figures)
    print(json.dumps(figures))
