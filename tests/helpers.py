"""What the tests share besides fixtures: where things are (the checkout, the seed article,
tests/data) and small helpers (find a word's offsets, dump a database, open the real window, run the CLI). Tests import it as
`tests.helpers`; tests/conftest.py keeps only fixtures."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kazakhstan-csto-withdrawal.txt"
# tests/data stays put whichever folder a test lives in: every test finds it through this.
DATA = ROOT / "tests" / "data"


def find(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of `word` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def dump(db_path: Path) -> list[str]:
    """The whole database file as SQL statements: equal dumps mean nothing stored changed."""
    with sqlite3.connect(db_path) as conn:
        return list(conn.iterdump())


def open_window(qtbot, store, folder: Path):
    """The real window on `store` as `spandesk gui` starts it (background jobs aside):
    shown, active, the article holding the keyboard."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import start
    from desktop.ui.settings import Settings

    win = start(store, Settings(folder / "settings.ini"), "ana", background=False)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def run(*args, **kwargs):
    """`spandesk ARGS` in this process (click's CliRunner, arguments made strings); a traceback
    in what it printed fails the test, whatever else the test checks."""
    # Imported here, not at the top: conftest imports this module, and loading the CLI there
    # would load the app before the tests that check what importing it pulls in.
    from click.testing import CliRunner

    from desktop.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)
    assert "Traceback" not in result.output
    return result


def seed_copies_project(tmp_path: Path, count: int, chars: int | None = None) -> Path:
    """A project holding `count` numbered copies of the seed article (its first `chars`
    characters), imported as an annotator would: work for a pre-annotation run to chew on."""
    from desktop import ops

    text = SEED.read_text(encoding="utf-8")[:chars]
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:03}.txt").write_text(f"Article {n}.\n\n{text}", encoding="utf-8")
    db = tmp_path / "p.db"
    with ops.open_project(db) as store:
        assert ops.import_paths(store, [folder]).imported == count
    return db


# --- Teams (issue 11) ------------------------------------------------------------------------

TEAM_TEXT = "Article {n}. Ana Smith met Ben Jones in Paris on Monday."


def team_project(tmp_path: Path, count: int = 10) -> Path:
    """A master project of `count` short articles, imported (tokens stored) as `import` does."""
    from desktop import ops

    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(count):
        (folder / f"a{n:03}.txt").write_text(TEAM_TEXT.format(n=n), encoding="utf-8")
    db = tmp_path / "master.db"
    with ops.open_project(db) as store:
        assert ops.import_paths(store, [folder]).imported == count
    return db


def annotate_file(path: Path, name: str, words: dict[str, str], *, done: bool = True, limit: int | None = None) -> None:
    """As annotator `name`, mark each word of `words` (word -> label) in every document of the
    file (the first `limit` of them), then mark each done."""
    from desktop import ops

    with ops.open_project(path) as store:
        for doc_id in store.documents.ids()[:limit]:
            text = store.documents.text(doc_id)
            for word, label in words.items():
                start, end = find(text, word)
                ops.add_span(store, doc_id, start, end, label, annotator=name)
            if done:
                ops.mark_done(store, doc_id, annotator=name)


def free_kinds(store, tmp_path: Path) -> None:
    """Make the project's label set the shipped one without its relation and attribute
    declarations, which leaves relations and attributes free (any label) for tests of the
    store's mechanics rather than of the label set's rules."""
    import re

    from desktop import ops

    text = (ROOT / "resources" / "schemas" / "news-events.toml").read_text(encoding="utf-8")
    free = re.sub(r"^\[\[(relation|attribute)\]\]\n(?:(?!\[).*\n)*", "", text, flags=re.M)
    path = tmp_path / "free-kinds.toml"
    path.write_text(free, encoding="utf-8")
    ops.set_label_set(store, path)
    assert not ops.project_label_set(store).relations and not ops.project_label_set(store).attributes
def relate_file(path: Path, name: str, links: list[tuple[str, str, str]]) -> None:
    """As annotator `name`, link (head text, child text, label) between spans already marked
    in every document of the file (issue 11's relation tests)."""
    from desktop import ops

    with ops.open_project(path) as store:
        for doc_id in store.documents.ids():
            spans = {s.text: s.id for s in store.spans.for_doc(doc_id)}
            for head, child, label in links:
                ops.add_relation(store, spans[head], spans[child], label, annotator=name)


def open_review(qtbot, store, settings=None):
    """The review window (issue 11) over `store`, shown, active, the keyboard on its article."""
    from PySide6.QtWidgets import QApplication

    from desktop import ops
    from desktop.ui.look.colours import label_colours
    from desktop.ui.review.window import ReviewWindow

    win = ReviewWindow(store, "lead", label_colours(ops.project_label_set(store)), settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def press(qtbot, key, modifier=None, widget=None):
    """A real key press on `widget`, or on whatever has the keyboard focus."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(widget or QApplication.focusWidget(), key, modifier or Qt.KeyboardModifier.NoModifier)


_FIRST_PAINT = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from desktop import ops
from desktop.ui.app import make_app, start
from desktop.ui.settings import Settings

store = ops.open_project(sys.argv[1], check=False)
app = make_app([])

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and window.view.toPlainText():
            names = json.loads(sys.argv[3])
            print(json.dumps({"loaded": [n for n in names if n in sys.modules],
                              "title": window.view.toPlainText()[:10]}))
            sys.stdout.flush()
            os._exit(0)
        return False

window = start(store, Settings(sys.argv[2]), "ana")
watcher = FirstPaint()
window.view.viewport().installEventFilter(watcher)
window.view.viewport().update()
app.exec()
"""


def first_paint(db: Path, settings: Path, modules) -> dict:
    """Start the window over `db` in a fresh process, as `spandesk gui` does, and report at the
    article's first paint which of `modules` are loaded and the text's first 10 characters:
    {"loaded": [...], "title": "..."}."""
    import json
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _FIRST_PAINT, str(db), str(settings), json.dumps(list(modules))],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr
    return json.loads(lines[-1])


# --- Suggested events (issue 13) without a spaCy pipeline ------------------------------------

def suggest_events(store, doc_id: int, events) -> None:
    """Store a model's event suggestions as pre-annotation does: `events` holds (event type,
    trigger word, score, [(role, word, entity label, score), ...]), each word's first occurrence;
    each argument's word is suggested as an entity first."""
    from desktop import ops
    from desktop.core.model import Argument, Event, Layer, Source, Span, State

    text = store.documents.text(doc_id)

    def span(word, label, layer=Layer.ENTITY):
        return Span(*find(text, word), label, word, layer, Source.MODEL, State.SUGGESTED, model="m@1")

    entities = list({span(w, label) for _t, _w, _s, args in events for _r, w, label, _s2 in args})
    suggested = [Event(kind, span(word, kind, Layer.TRIGGER),
                       tuple(Argument(role, span(w, label), State.SUGGESTED, s) for role, w, label, s in args),
                       state=State.SUGGESTED, score=score)
                 for kind, word, score, args in events]
    report = ops.PreannotateReport("m@1", event_model="lexicon@1")
    ops.save_suggestions(store, report, [(doc_id, entities, suggested)])
    assert report.events == len(events)


# --- The event keys (issue 12's palettes), shared by the window's event tests ----------------

def type_text(qtbot, text: str) -> None:
    """Real key presses typing `text` into whatever has the keyboard focus."""
    from PySide6.QtWidgets import QApplication

    qtbot.keyClicks(QApplication.focusWidget(), text)


def palette(qtbot, window):
    """The window's E or R palette once it is shown and holds the keyboard."""
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: window.eventing.palette is not None and window.eventing.palette.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.eventing.palette.edit)
    return window.eventing.palette


def drag(qtbot, view, start: int, end: int) -> None:
    """A real mouse drag over code points start..end, from inside the first word to inside the
    last (the view snaps it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    from desktop.core.offsets import Utf16Map

    def point(cp: int):
        cursor = QTextCursor(view.document())
        cursor.setPosition(Utf16Map(view.toPlainText()).to_utf16(cp))
        return view.cursorRect(cursor).center()

    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=point(start + 1))
    qtbot.mouseMove(view.viewport(), point(end - 1))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=point(end - 1))


def events_in(store, doc_id: int) -> list:
    """The document's events as (type, trigger text, sorted (role, argument text))."""
    from desktop import ops

    return [(e.type, e.trigger.text, sorted((a.role, a.span.text) for a in e.arguments))
            for e in ops.events(store, doc_id)]


# --- A team's files (issue 11), as most team tests set them up ----------------------------------

def team_files(tmp_path: Path, count: int = 10, names=("ana", "ben"), marks: dict | None = None,
               **assign) -> tuple[Path, dict[str, Path]]:
    """A master of `count` short articles (team_project) handed out to `names` under
    tmp_path/out, every document to each of them unless `assign` gives ops.assign other
    options; then each file in `marks` ({name: {word: label}}) annotated by annotate_file.
    Returns (master, {name: file})."""
    from desktop import ops

    master = team_project(tmp_path, count)
    with ops.open_project(master) as store:
        files = ops.assign(store, list(names), tmp_path / "out", **(assign or {"overlap_docs": count})).files
    for name, words in (marks or {}).items():
        annotate_file(files[name], name, words)
    return master, files


def merged(master: Path, files: dict[str, Path]):
    """The master opened with every annotator's file merged in as that annotator's layer; the
    caller closes it (or uses it in a with block)."""
    from desktop import ops

    store = ops.open_project(master)
    ops.merge_files(store, files.values())
    return store


# --- Keys without a qtbot at hand (the relations, notes and attributes tests, issue 10) ---------

def key(k, mods=None) -> None:
    """A real key press on whatever has the keyboard focus."""
    from pytestqt.qtbot import QtBot
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QtBot.keyClick(QApplication.focusWidget(), k, mods or Qt.KeyboardModifier.NoModifier)


def tab_to_word(window, word: str, back: bool = False) -> None:
    """Tab (Shift+Tab if `back`) through the article's spans until the one reading `word` has the focus."""
    from PySide6.QtCore import Qt

    for _ in range(40):
        key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier if back else None)
        span = window.view.focused_span()
        if span is not None and span.text == word:
            return
    raise AssertionError(f"no {word} span to Tab to")


# --- The hostile CLI cases' child process (tests/cli/test_hostile_*) ------------------------

import subprocess  # noqa: E402
import sys  # noqa: E402

TIMEOUT = 30  # s; the slowest honest case (a .txt import loads the tokenizer) takes a few
MEMORY = 1 << 30  # bytes of address space: /dev/zero read whole must fail, not take the machine


# The child limits its own address space (no preexec_fn: the cases run from threads), then
# runs `python -m desktop` with the case's arguments.
_CHILD = ("import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, ({m}, {m})); "
          "sys.argv[0] = 'spandesk'; runpy.run_module('desktop', run_name='__main__', alter_sys=True)")


def hostile_spandesk(args: list, home: Path) -> subprocess.CompletedProcess | str:
    """`python -m desktop ARGS` in a child with its own HOME and a memory limit (the hostile
    CLI tests): the finished process, or a sentence saying it did not finish in time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPANDESK_", "XDG_"))}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"), "QT_QPA_PLATFORM": "offscreen",
            "SPANDESK_DB": str(home / "case.db"), "PYTHONPATH": str(ROOT)}
    try:
        return subprocess.run([sys.executable, "-c", _CHILD.format(m=MEMORY), *args], env=env, cwd=home,
                              capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return f"still running after {TIMEOUT} s"


def hostile_case_args(template: str, corpus: Path) -> list:
    """A case's argument template with {c} made the corpus folder (bytes where a name is not UTF-8)."""
    args = [part.replace("{c}", str(corpus)) for part in template.split(" ")]
    if "{c}/names" in template:  # the folder's one file has a name that is not UTF-8: pass it as bytes
        args = [os.fsencode(a) for a in args]
    return args


# --- The least-sure order (issue 13) --------------------------------------------------------

def scored_suggestion(store, doc_id: int, score: float, word: str = "Kazakhstan") -> None:
    """A model's suggested trigger on `word`'s first occurrence with `score`, stored as
    pre-annotation stores it (the least-sure order's tests)."""
    from desktop.core.model import Layer, Source, Span, State

    text = store.documents.text(doc_id)
    start, end = find(text, word)
    span = Span(start, end, "Movement:Transport", word, Layer.TRIGGER, Source.MODEL, State.SUGGESTED,
                model="m@1", score=score)
    with store.action("preannotate", undoable=False):
        store.spans.add_many(doc_id, [span], text)


# A Prodigy line with two PERSON spans, a relation between them and a document label: the
# smallest project with something in every table a damaged row can break (the fuzz tests).
RELATION_LINE = ('{"text": "Ana met Bo in Paris.", "answer": "accept", "doc_labels": ["NEWS"], '
                 '"spans": [{"start": 0, "end": 3, "label": "PERSON"}, {"start": 8, "end": 10, "label": "PERSON"}], '
                 '"relations": [{"label": "MET", "head_span": {"start": 0, "end": 3, "label": "PERSON"}, '
                 '"child_span": {"start": 8, "end": 10, "label": "PERSON"}}]}\n')


def read_outcome(items) -> list[tuple]:
    """What a reader yielded, comparable between two ways of reading the same file
    (a fast path against the general one): each refusal and each record's text, meta,
    status, line, tokens, spans and drops."""
    from desktop.core.model import BadInput

    out = []
    for item in items:
        if isinstance(item, BadInput):
            out.append(("bad", item.reason, item.file, item.line))
        else:
            out.append((item.doc.text, item.doc.meta, item.doc.status, item.line, item.tokens,
                        [(s.start, s.end, s.label, s.text) for s in item.spans], item.dropped))
    return out


def start_window(script: str, db, home, *args: str):
    """Run `script` (a program that patches desktop.ui.app and calls launch.main(), as the
    cold-start tests do) on project `db`, as a returning user whose HOME is `home` starts
    `spandesk gui`: offscreen, the smoke test's quit on the first article, a preset
    annotator. Returns the finished process."""
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SPANDESK_"))}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(home), SPANDESK_SMOKE_QUIT="1",
               SPANDESK_ANNOTATOR="test")
    return subprocess.run([sys.executable, "-c", script, str(db), *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def seeded_home(folder: Path) -> tuple[Path, Path]:
    """A project with the seed articles and an empty HOME beside it, for `start_window`."""
    from desktop import ops

    db = folder / "project.db"
    ops.open_project(db, seed=True).close()
    home = folder / "home"
    home.mkdir()
    return db, home


def word_tokens(text: str) -> list:
    """The text's whitespace-split words as Tokens, `ws` where one space follows (as the
    DyGIE++ and CoNLL readers lay tokens out)."""
    from desktop.core.model import Token

    out, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        out.append(Token(start, pos, text[pos:pos + 1] == " "))
    return out
