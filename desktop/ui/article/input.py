"""The selection, and how the mouse and the keys act on the article view: a mixin for `ArticleView`.

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
by token, with Shift they grow or shrink the selection by a token, and passes the rest on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.core.model import Token
from desktop.core.spans import snap_to_tokens, token_at
from desktop.ui.article.paint import geometry
from desktop.ui.guard import guarded


class ArticleInput:
    """The selection and the event handlers of `ArticleView`, kept apart from its state and
    painting; they use the view's `_doc`, `_index`, `_metrics`, `_focused` and `_reported`,
    and its `_offset` and `_set_focus`."""

    # --- the selection (code points, snapped to tokens) ---------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The selection in code points, snapped outward to whole tokens; None if empty or blank."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        to_cp = self._doc.map.to_codepoint
        start, end = to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())
        # A document without stored tokens snaps as one token: only the blank edges go.
        tokens = self._doc.tokens or [Token(start, end, False)]
        return snap_to_tokens(tokens, start, end, text=self._doc.text)

    def words(self, start: int, end: int) -> str:
        """The text of code points [start, end) of the document on show."""
        return self._doc.text[start:end]

    def point_below(self, cp: int) -> QPoint:
        """Global coordinates just below the line holding code point `cp` (for a popup)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._doc.map.to_utf16(min(max(cp, 0), len(self._doc.text))))
        rect = self.cursorRect(cursor)
        return self.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 6))

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return  # setTextCursor would scroll to the caret, which a new text leaves at its end
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self._report_selection()

    def _report_selection(self) -> None:
        snapped = self.selection()
        if snapped != self._reported:
            self._reported = snapped
            self.selectionChanged.emit(snapped)

    def _select(self, start: int, end: int, backwards: bool = False) -> None:
        """Select code points [start, end); `backwards` keeps the caret at the start."""
        to16 = self._doc.map.to_utf16
        anchor, pos = (to16(end), to16(start)) if backwards else (to16(start), to16(end))
        cursor = self.textCursor()
        cursor.setPosition(anchor)
        cursor.setPosition(pos, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _snap_selection(self) -> None:
        """Make the visible selection the snapped one, and report it."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            snapped = self.selection()
            if snapped is None:
                self.clear_selection()
                return
            self._select(*snapped, backwards=cursor.position() < cursor.anchor())
        self._report_selection()

    # --- events -----------------------------------------------------------------------

    @guarded(False)
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            # Claiming a key here would stop the window's QAction shortcuts while the view
            # has focus; read-only text needs only Copy for itself.
            if event.matches(QKeySequence.StandardKey.Copy):
                event.accept()
            else:
                event.ignore()
            return True
        return super().event(event)

    @guarded()
    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier))
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and plain and self._doc.tokens:
            self._step(1 if key == Qt.Key.Key_Right else -1, bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif event.matches(QKeySequence.StandardKey.Copy) or key in _NAVIGATION or key in _ARROWS:
            super().keyPressEvent(event)
            self._snap_selection()
        else:
            event.ignore()  # letters, digits, Space, Backspace...: the window's, if anyone's

    def _step(self, direction: int, extend: bool) -> None:
        """Move the caret to the next (or previous) token edge; with `extend`, the selection's
        moving end goes there and the anchor stays."""
        doc, cursor = self._doc, self.textCursor()
        tokens = doc.tokens
        pos = doc.map.to_codepoint(cursor.position())
        i = token_at(tokens, pos)
        if direction > 0:
            while i < len(tokens) and not doc.is_word(tokens[i]):
                i += 1
            target = tokens[i].end if i < len(tokens) else len(doc.text)
        else:
            i = i if i < len(tokens) and tokens[i].start < pos else i - 1
            while i >= 0 and not doc.is_word(tokens[i]):
                i -= 1
            target = tokens[i].start if i >= 0 else 0
        mode = QTextCursor.MoveMode.KeepAnchor if extend else QTextCursor.MoveMode.MoveAnchor
        cursor.setPosition(doc.map.to_utf16(target), mode)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._snap_selection()

    @guarded()
    def mousePressEvent(self, event) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        if left and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Pressing inside a selection would start Qt's text drag-and-drop; here a drag
            # always selects anew.
            cursor = self.textCursor()
            if cursor.hasSelection():
                cursor.clearSelection()
                self.setTextCursor(cursor)
        self._press = event.position() if left else None
        super().mousePressEvent(event)

    @guarded()
    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        press, self._press = self._press, None
        moved = press is not None and (event.position() - press).manhattanLength() >= QApplication.startDragDistance()
        if press is not None and not moved and not self.textCursor().hasSelection():
            row = self._row_at(event.position())
            if row is not None:
                self._set_focus(self._index.spans[row].id)
        self._snap_selection()

    @guarded()
    def mouseDoubleClickEvent(self, event) -> None:
        """Select the token under the mouse (Qt's own word rules differ from the tokenizer's)."""
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        self._press = None
        pos = self._char_at(event.position())
        if pos is None:
            return
        cp = self._doc.map.to_codepoint(pos)
        tokens = self._doc.tokens
        i = token_at(tokens, cp)
        if i < len(tokens) and tokens[i].start <= cp and self._doc.is_word(tokens[i]):
            self._select(tokens[i].start, tokens[i].end)
        self._report_selection()

    def _char_at(self, point: QPointF) -> int | None:
        """UTF-16 position of the character under a viewport point, or None off the text."""
        doc = self.document()
        at = point + self._offset()
        layout = doc.documentLayout()
        pos = layout.hitTest(at, Qt.HitTestAccuracy.FuzzyHit)
        if pos < 0:
            return None
        block = doc.findBlock(pos)
        local = at - layout.blockBoundingRect(block).topLeft()
        lines = block.layout()
        pad = self._metrics.pad_y
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
        at = point + self._offset()
        geo = geometry(self.document(), self._doc, self._index, self._metrics, QRectF(at, at).adjusted(-1, -1, 1, 1))
        for row, chip in reversed(geo.chips):
            if chip.contains(at):
                return row
        pos = self._char_at(point)
        if pos is None:
            return None
        rows = self._index.covering(self._doc.map.to_codepoint(pos))
        current = self._index.index_of(self._focused)
        if current in rows:
            return rows[(rows.index(current) + 1) % len(rows)]
        return rows[0] if rows else None


_ARROWS = {Qt.Key.Key_Left, Qt.Key.Key_Right}  # by character when a document has no tokens
_NAVIGATION = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End}
