"""The review window's keys, in one table: the window binds them, Help → Keyboard shortcuts
(F1) and README's key table list them from here, so none is bound undocumented."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

GROUP = "Review window"

# name, keys, what it does (the help line), the window's method
KEYS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("next", ("N", "Down"), "next disagreement (then the next document's)", "next_disagreement"),
    ("prev", ("P", "Up"), "previous disagreement", "prev_disagreement"),
    ("both", ("B",), "take everyone's version", "take_both"),
    ("neither", ("X",), "take no one's version", "take_neither"),
    ("done", ("D",), "mark the gold document done and go to the next", "done_next"),
    ("next_doc", ("PgDown",), "next document", "next_document"),
    ("prev_doc", ("PgUp",), "previous document", "prev_document"),
    ("undo", ("Backspace", "Ctrl+Z"), "undo", "undo"),
    ("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "redo", "redo"),
    ("close", ("Esc",), "close the review", "close"),
)
TAKE_KEYS = tuple(str(n) for n in range(1, 10))
TAKE_TEXT = "take that annotator's version (annotator 1 is first in the window's list of names)"


def _rows(fmt: QKeySequence.SequenceFormat, sep: str) -> list[tuple[str, str]]:
    def shown(keys: tuple[str, ...]) -> str:
        return sep.join(QKeySequence(k).toString(fmt) for k in keys)

    rows = [(shown(keys), f"Review: {text}") for _name, keys, text, _method in KEYS[:4]]
    rows.append(("1–9", f"Review: {TAKE_TEXT}"))
    rows += [(shown(keys), f"Review: {text}") for _name, keys, text, _method in KEYS[4:]]
    return rows


def help_rows() -> list[tuple[str, str, str]]:
    """(group, keys as shown on this platform, description) for F1."""
    return [(GROUP, keys, text) for keys, text in _rows(QKeySequence.SequenceFormat.NativeText, ", ")]


def readme_rows() -> list[tuple[str, str]]:
    """(keys, description) for README's key table, keys written as README writes them."""
    return _rows(QKeySequence.SequenceFormat.PortableText, " / ")
