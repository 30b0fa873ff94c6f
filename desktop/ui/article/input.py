"""The selection, and how the mouse and the keys act on the article view: an object the view owns.

The selection is read and set in code points, snapped outward to whole tokens, and
reported (`selectionChanged`) whenever its snapped range changes; offsets cross to Qt
through the document's `Utf16Map` only.

Mouse: a drag selects, and on release the selection snaps outward to whole tokens (and the
visible selection shows the snapped range); a double-click selects the token under the
mouse; a click focuses the span under it (its label chip, else the innermost span there,
and clicking again walks out through stacked spans).

Keys: the view is read-only and claims no shortcut but Copy, so the window's single-key
actions (a, x, digits, Tab, Space, Backspace, Ctrl+Z...) fire while it has focus; a key the
window does not bind reaches `keyPressEvent`, which keeps only navigation: Left/Right move
by token, with Shift they grow or shrink the selection by a token (words joined by a hyphen
or slash with no space, "Russian-led", count as one), and passes the rest on.

`ArticleInput` holds the view (`ArticleView` keeps it as `view.input`) and uses only its
public methods: the QTextEdit's own (cursor, document, viewport) and what the view offers
for this (`article`, `span_index`, `metrics`, `scroll_offset`, `focused_span`, `focus_span`).
The view's Qt event handlers pass each event here with the base class's handler, for what
QTextEdit itself should still do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.core.model import Token
from desktop.core.spans import snap_to_tokens, token_at
from desktop.ui.article.paint import geometry
from desktop.ui.lazy_qt import Qt  # Qt's enums when first read: 11 ms off the first paint


class ArticleInput:
    """The selection and the mouse and key handling of one `ArticleView`."""

    def __init__(self, view):
        self.view = view
        self._reported: tuple[int, int] | None = None  # the selection last reported
        self._press: QPointF | None = None  # where the left button went down, until it comes up
        self._drag: str | None = None  # "start" or "end": a focused span's handle held by the mouse

    # --- the selection (code points, snapped to tokens) ---------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The selection in code points, snapped outward to whole tokens; None if empty or blank."""
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        doc = self.view.article()
        to_cp = doc.map.to_codepoint
        start, end = to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())
        # A document without stored tokens snaps as one token: only the blank edges go.
        tokens = doc.tokens or [Token(start, end, False)]
        return snap_to_tokens(tokens, start, end, text=doc.text)

    def words(self, start: int, end: int) -> str:
        """The text of code points [start, end) of the document on show."""
        return self.view.article().text[start:end]

    def point_below(self, cp: int) -> QPoint:
        """Global coordinates just below the line holding code point `cp` (for a popup)."""
        view, doc = self.view, self.view.article()
        cursor = QTextCursor(view.document())
        cursor.setPosition(doc.map.to_utf16(min(max(cp, 0), len(doc.text))))
        rect = view.cursorRect(cursor)
        return view.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 6))

    def clear_selection(self) -> None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return  # setTextCursor would scroll to the caret, and lay the text out to find it
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        self.report_selection()

    def report_selection(self) -> None:
        """Say the snapped selection (`selectionChanged`) if it is not the one last said."""
        snapped = self.selection()
        if snapped != self._reported:
            self._reported = snapped
            self.view.selectionChanged.emit(snapped)

    def _select(self, start: int, end: int, backwards: bool = False) -> None:
        """Select code points [start, end); `backwards` keeps the caret at the start."""
        to16 = self.view.article().map.to_utf16
        anchor, pos = (to16(end), to16(start)) if backwards else (to16(start), to16(end))
        cursor = self.view.textCursor()
        cursor.setPosition(anchor)
        cursor.setPosition(pos, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)

    def select(self, start: int, end: int) -> None:
        """Select code points [start, end), the caret at the end, in view; report it."""
        self._select(start, end)
        self.view.ensureCursorVisible()
        self.report_selection()

    def _snap_selection(self) -> None:
        """Make the visible selection the snapped one, and report it."""
        cursor = self.view.textCursor()
        if cursor.hasSelection():
            snapped = self.selection()
            if snapped is None:
                self.clear_selection()
                return
            self._select(*snapped, backwards=cursor.position() < cursor.anchor())
        self.report_selection()

    # --- events (each from the view's handler of the same name) -------------------------

    def shortcut_override(self, event) -> bool:
        """Claiming a key here would stop the window's QAction shortcuts while the view has
        focus; read-only text needs only Copy for itself. While jump hints show, every key
        is theirs (a hint's letters may be actions' keys elsewhere)."""
        if self.view.hints.active or event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
        else:
            event.ignore()
        return True

    def key_press(self, event, base: Callable) -> None:
        if self.view.hints.active:
            self.view.hints.key(event)
            return
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier))
        ctrl = mods & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and ctrl and self.view.article().tokens:
            # Ctrl+arrows move the caret a word and let go of the focused span, so Shift+Right
            # then selects words from there instead of growing the span.
            self.view.focus_span(None)
            self.clear_selection()
            self._step(1 if key == Qt.Key.Key_Right else -1, False)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and plain and self.view.article().tokens:
            self._step(1 if key == Qt.Key.Key_Right else -1, bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif event.matches(QKeySequence.StandardKey.Copy) or key in _navigation():
            base(event)
            self._snap_selection()
        else:
            event.ignore()  # letters, digits, Space, Backspace...: the window's, if anyone's

    def _step(self, direction: int, extend: bool) -> None:
        """Move the caret to the next (or previous) token edge; with `extend`, the selection's
        moving end goes there and the anchor stays."""
        view, doc = self.view, self.view.article()
        cursor = view.textCursor()
        tokens = doc.tokens
        pos = doc.map.to_codepoint(cursor.position())
        i = token_at(tokens, pos)
        text = doc.text
        if direction > 0:
            while i < len(tokens) and not doc.is_word(tokens[i]):
                i += 1
            if _joiner(text, tokens, i):
                i += 1  # the caret was inside "Russian|-led": on through "-led"
            while _joined(text, tokens, i, 1):
                i += 2  # "Russian-led", "ex-Soviet": one step, as the eye reads one word
            target = tokens[i].end if i < len(tokens) else len(text)
        else:
            i = i if i < len(tokens) and tokens[i].start < pos else i - 1
            while i >= 0 and not doc.is_word(tokens[i]):
                i -= 1
            if extend and cursor.anchor() < cursor.position() and _joiner(text, tokens, i - 1):
                target = tokens[i - 1].start  # the end shrinks from "Russian-led" to "Russian"
            else:
                while _joined(text, tokens, i, -1):
                    i -= 2
                target = tokens[i].start if i >= 0 else 0
        mode = QTextCursor.MoveMode.KeepAnchor if extend else QTextCursor.MoveMode.MoveAnchor
        cursor.setPosition(doc.map.to_utf16(target), mode)
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        self._snap_selection()

    def mouse_press(self, event, base: Callable) -> None:
        self.view.hints.stop()
        left = event.button() == Qt.MouseButton.LeftButton
        if left:
            at = event.position() + self.view.scroll_offset()
            self._drag = next((side for side, rect in self.view.edge_handles() if rect.contains(at)), None)
            if self._drag is not None:
                return  # a handle: the drag moves the span's edge, it selects nothing
        if left and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Pressing inside a selection would start Qt's text drag-and-drop; here a drag
            # always selects anew.
            cursor = self.view.textCursor()
            if cursor.hasSelection():
                cursor.clearSelection()
                self.view.setTextCursor(cursor)
        self._press = event.position() if left else None
        base(event)

    def mouse_move(self, event, base: Callable) -> None:
        if self._drag is None:
            base(event)

    def context_menu(self, event, base: Callable) -> None:
        """A right click on a span focuses it and asks for its menu; elsewhere, Qt's (Copy)."""
        row = self._row_at(QPointF(event.pos()))
        if row is None:
            base(event)
            return
        self.view.focus_span(self.view.span_index().spans[row].id, scroll=False)
        self.view.spanMenuAsked.emit(event.globalPos())

    def mouse_release(self, event, base: Callable) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            side, self._drag = self._drag, None
            span, pos = self.view.focused_span(), self._char_at(event.position(), fuzzy=True)
            if span is not None and pos is not None:
                self.view.edgeDragged.emit(span.id, side, self.view.article().map.to_codepoint(pos))
            return
        base(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        press, self._press = self._press, None
        moved = press is not None and (event.position() - press).manhattanLength() >= QApplication.startDragDistance()
        if press is not None and not moved and not self.view.textCursor().hasSelection():
            row = self._row_at(event.position())
            if row is not None:
                self.view.focus_span(self.view.span_index().spans[row].id, scroll=False)
        self._snap_selection()

    def double_click(self, event, base: Callable) -> None:
        """Select the token under the mouse (Qt's own word rules differ from the tokenizer's)."""
        if event.button() != Qt.MouseButton.LeftButton:
            return base(event)
        self._press = None
        pos = self._char_at(event.position())
        if pos is None:
            return
        doc = self.view.article()
        cp = doc.map.to_codepoint(pos)
        tokens = doc.tokens
        i = token_at(tokens, cp)
        if i < len(tokens) and tokens[i].start <= cp and doc.is_word(tokens[i]):
            self._select(tokens[i].start, tokens[i].end)
        self.report_selection()

    def _char_at(self, point: QPointF, fuzzy: bool = False) -> int | None:
        """UTF-16 position of the character under a viewport point, or None off the text
        (`fuzzy`: the nearest position, for where a dragged handle was dropped)."""
        doc = self.view.document()
        at = point + self.view.scroll_offset()
        layout = doc.documentLayout()
        pos = layout.hitTest(at, Qt.HitTestAccuracy.FuzzyHit)
        if pos < 0:
            return None
        if fuzzy:
            return self.view.cursorForPosition(point.toPoint()).position()
        block = doc.findBlock(pos)
        local = at - layout.blockBoundingRect(block).topLeft()
        lines = block.layout()
        pad = self.view.metrics().pad_y
        for n in range(lines.lineCount()):
            line = lines.lineAt(n)
            if line.y() - pad <= local.y() < line.y() + line.height() + pad:
                if not line.x() <= local.x() < line.x() + line.naturalTextWidth():
                    return None
                return block.position() + line.xToCursor(local.x(), line.CursorPosition.CursorOnCharacter)
        return None

    def _row_at(self, point: QPointF) -> int | None:
        """The span under a viewport point: its label chip, else the innermost span holding
        the character there; clicking again on stacked spans walks out through them."""
        view = self.view
        index = view.span_index()
        at = point + view.scroll_offset()
        geo = geometry(view.document(), view.article(), index, view.metrics(), QRectF(at, at).adjusted(-1, -1, 1, 1))
        for row, chip in reversed(geo.chips):
            if chip.contains(at):
                return row
        pos = self._char_at(point)
        if pos is None:
            return None
        rows = index.covering(view.article().map.to_codepoint(pos))
        focused = view.focused_span()
        current = index.index_of(focused.id) if focused is not None else None
        if current in rows:
            return rows[(rows.index(current) + 1) % len(rows)]
        return rows[0] if rows else None


_JOINERS = {"-", "\u2010", "\u2011", "/"}  # a hyphen or slash with no space around joins two words


def _joiner(text: str, tokens: list[Token], j: int) -> bool:
    """Whether token j is a hyphen (or slash) glued between two words."""
    return 0 < j < len(tokens) - 1 and _joined(text, tokens, j - 1, 1)


def _joined(text: str, tokens: list[Token], i: int, direction: int) -> bool:
    """Whether token i goes on, with no space, through a hyphen (or slash) into the word
    beyond it in `direction`: the selection then steps over the three at once."""
    j, k = i + direction, i + 2 * direction
    if not (0 <= i < len(tokens) and 0 <= k < len(tokens)):
        return False
    a, b, c = (tokens[i], tokens[j], tokens[k]) if direction > 0 else (tokens[k], tokens[j], tokens[i])
    return (a.end == b.start and b.end == c.start and text[b.start:b.end] in _JOINERS
            and text[a.start:a.end][-1:].isalnum() and text[c.start:c.end][:1].isalnum())


def _navigation() -> set:
    """The keys that move the caret: Up, Down, Page Up/Down, Home, End, and Left and Right
    (by character when a document has no tokens). Made on first use, not at import (lazy_qt)."""
    if not _NAVIGATION:
        key = Qt.Key
        _NAVIGATION.update({key.Key_Up, key.Key_Down, key.Key_PageUp, key.Key_PageDown, key.Key_Home, key.Key_End,
                            key.Key_Left, key.Key_Right})
    return _NAVIGATION


_NAVIGATION: set = set()
