"""Jump to a word: `;` labels every word on screen with one or two letters (Vimium's link
hints); typing a label selects that word, with the caret at its end. Shift+→ then grows
the selection word by word and a label key marks it: any word in reach in two or three
keys, without the mouse or a walk of Tabs.

`WordHints` is owned by the article view (`view.hints`) and uses its public methods only.
While hints show, the view claims every key (`claims`), so letters that are actions
elsewhere (a, x, digits) type a hint instead; Esc, or any key that is no hint's next
letter, puts them away.

While they show, PgDown and PgUp scroll the article a screen and letter the words then on
show (the letters typed so far are dropped), so a word further down is `;`, PgDown and its
letters away, not a walk of Tabs.

A hint typed with Shift (its last letter, or any) focuses the span on that word instead of
selecting the word: the innermost span holding it, entity or trigger, as a click on it
would. A span anywhere on screen is then two or three keys away, where Tab walks through
every span between (X, Enter, a label key, R or E then act on it); a word under no span is
selected as without Shift.

Phrases (`phrases.py`: a hyphenated word, a run of content words and its beginnings and
endings, a quantity with its noun) have hints of their own, drawn in green after the word's
tag: their letters select the whole phrase, so a multi-word entity costs no Shift+→ per
word. They share one pool of letters with the words, each just after its first word's.

`start(then=...)` calls `then` once a hint has selected its words or focused its span: a
label key pressed with nothing in hand starts the hints that way (commands/annotate.py),
so the label, then the letters, mark the words (label-first marking). `last` and
`last_shifted` tell `then` which hint acted, for a label-first Shift to reshape the span to
the hinted words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextCursor

from desktop.ui.article.phrases import phrases
from desktop.ui.lazy_qt import Qt  # Qt's enums when first read: 11 ms off the first paint

# Home row first: the commonest hints are the easiest to type.
ALPHABET = "asdfghjklqwertyuiopzxcvbnm"
FILL, INK, DONE = QColor("#ffd84d"), QColor("#1b1b1f"), QColor("#8a6d00")  # Vimium's yellow tag
PHRASE_FILL = QColor("#9be29b")  # a phrase's tag: green, told apart from a word's at a glance


def codes(count: int, alphabet: str = ALPHABET) -> list[str]:
    """`count` hint labels, shortest first, none the beginning of another: single letters
    while they suffice; else as many single letters as leave enough two-letter codes for
    the rest (the letters kept for singles never start a pair)."""
    n = len(alphabet)
    if count <= n:
        return list(alphabet[:count])
    singles = max(0, min(n, (n * n - count) // (n - 1)))
    pairs = [a + b for a in alphabet[singles:] for b in alphabet]
    return (list(alphabet[:singles]) + pairs)[:count]


@dataclass(frozen=True, slots=True)
class Hint:
    code: str
    start: int  # code points
    end: int
    at: QRectF  # where the tag is drawn, in document coordinates
    phrase: bool = False  # several words (phrases.py), not one token


class WordHints:
    """The hints on show (none when inactive) and the letters typed so far."""

    def __init__(self, view):
        self.view = view
        self.hints: list[Hint] = []  # one per word on screen
        self.phrases: list[Hint] = []  # one per candidate phrase on screen
        self.then = None  # called after a hint acted (label-first marking)
        self._found_for, self._found = None, []  # the document whose phrases were found, and them
        self.typed = ""
        self.shifted = False  # a letter came with Shift: the hint focuses the span there
        self.last: Hint | None = None  # the hint that acted last, and whether with Shift (`then` reads it)
        self.last_shifted = False

    @property
    def active(self) -> bool:
        return bool(self.hints)

    def start(self, then=None) -> int:
        """Label the words and phrases on screen; returns how many words (0: nothing to
        label, no hints). `then` is called after a hint acts (not if the hints are put away)."""
        view, doc = self.view, self.view.article()
        words = [t for t in doc.tokens if any(c.isalnum() for c in doc.text[t.start:t.end])]
        if not words:
            return 0
        top = doc.map.to_codepoint(view.cursorForPosition(QPoint(0, 0)).position())
        bottom = doc.map.to_codepoint(view.cursorForPosition(
            QPoint(view.viewport().width(), view.viewport().height())).position())
        offset = view.scroll_offset()
        height = view.viewport().height()
        cursor = QTextCursor(view.document())
        shown = []
        for token in words:
            if token.end < top or token.start > bottom:
                continue
            cursor.setPosition(doc.map.to_utf16(token.start))
            rect = view.cursorRect(cursor)
            if rect.top() < 0 or rect.bottom() > height:
                continue  # a word cut by the edge is scrolled to, not hinted
            shown.append((token, QRectF(rect).translated(offset)))
        # The shortest codes go to the words just after the caret, then to those just before:
        # the annotator's next word is most often the next one along. A word inside a span
        # but not its first comes last: a new span seldom starts there, and the span is
        # reached by its first word.
        caret = doc.map.to_codepoint(view.textCursor().position())
        spans = view.span_index().spans
        inner = {t.start for t, _rect in shown if any(s.start < t.start < s.end for s in spans)}
        shown.sort(key=lambda item: (item[0].start in inner,) + (
            (0, item[0].start - caret) if item[0].start >= caret else (1, caret - item[0].start)))
        # Phrases starting on a word on show (and ending on screen) take their letters right
        # after their first word's, shorter first: measured on the effort bench, this costs
        # fewer keys than giving every word its letters first (213 against 217), and the
        # words' letters grow by a few hundredths of a key on average.
        rank = {t.start: n for n, (t, _rect) in enumerate(shown)}
        found = [(a, b) for a, b in self._phrases(doc) if a in rank and b <= bottom]
        order = sorted([(rank[t.start], 0, t.start, t.end) for t, _rect in shown]
                       + [(rank[a], 1, a, b) for a, b in found])
        pool = dict(zip(((kind, a, b) for _rank, kind, a, b in order), codes(len(order))))
        labels = [pool[(0, t.start, t.end)] for t, _rect in shown] + [pool[(1, a, b)] for a, b in found]
        fm = QFontMetricsF(self._font())
        rects = {t.start: rect for t, rect in shown}

        # Every tag sits in the band above its (first) word, where label names go, so the
        # words stay readable. Words' tags are placed first, left to right, each where its word
        # starts or just after the tag before it; then each phrase's tag takes the first free
        # room along the row from its first word on (green tells it apart). No tag hides another.
        taken: dict[float, list[tuple[float, float]]] = {}  # a row's top: the spans of x it holds

        def tag(code: str, rect: QRectF) -> QRectF:
            top, width = rect.top() - fm.height() - 1, fm.horizontalAdvance(code.upper()) + 6
            row = taken.setdefault(top, [])
            left = rect.left()
            for start, end in sorted(row):
                if left + width + 2 <= start:
                    break
                left = max(left, end + 2)
            row.append((left, left + width))
            return QRectF(left, top, width, fm.height() + 1)

        def lay_out(tags: list[str], anchors: list[QRectF]) -> list[QRectF]:
            """The tags' rectangles, placed left to right, listed in the order their letters
            were given (the shortest first)."""
            at: list[QRectF] = [QRectF()] * len(tags)
            for n in sorted(range(len(tags)), key=lambda n: (anchors[n].top(), anchors[n].left())):
                at[n] = tag(tags[n], anchors[n])
            return at

        word_codes, phrase_codes = labels[:len(shown)], labels[len(shown):]
        word_at = lay_out(word_codes, [rect for _token, rect in shown])
        phrase_at = lay_out(phrase_codes, [rects[a] for a, _b in found])
        self.hints = [Hint(code, token.start, token.end, at)
                      for code, (token, _rect), at in zip(word_codes, shown, word_at)]
        self.phrases = [Hint(code, a, b, at, phrase=True) for code, (a, b), at in zip(phrase_codes, found, phrase_at)]
        self.typed = ""
        self.shifted = False
        self.then = then
        view.viewport().update()
        return len(self.hints)

    def _phrases(self, doc) -> list[tuple[int, int]]:
        """The document's candidate phrases, found once per text (phrases.py)."""
        if self._found_for is not doc:
            self._found_for, self._found = doc, phrases(doc.text, doc.tokens)
        return self._found

    def all(self) -> list[Hint]:
        """Every hint on show: the words', then the phrases'."""
        return self.hints + self.phrases

    def stop(self) -> None:
        if self.hints:
            self.hints, self.phrases, self.typed = [], [], ""
            self.view.viewport().update()
        self.then = None

    def key(self, event) -> None:
        """A key while hints show: a letter narrows them (and picks the one it completes);
        Backspace takes a letter back; anything else puts them away."""
        key = event.key()
        if key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            return  # Shift on its own, before the letter it comes with, keeps the hints
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            bar = self.view.verticalScrollBar()
            bar.setValue(bar.value() + (bar.pageStep() if key == Qt.Key.Key_PageDown else -bar.pageStep()))
            if not self.start(self.then):
                self.stop()
            return
        # A letter's text, also where a modifier left the event none (Shift+letter, some platforms).
        text = event.text().lower() or (chr(key).lower() if Qt.Key.Key_A <= key <= Qt.Key.Key_Z else "")
        if event.key() == Qt.Key.Key_Backspace and self.typed:
            self.typed = self.typed[:-1]
            self.view.viewport().update()
            return
        if len(text) != 1 or not any(h.code.startswith(self.typed + text) for h in self.all()):
            self.stop()
            return
        self.typed += text
        self.shifted = self.shifted or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier) \
            or event.text() != event.text().lower()
        hit = next((h for h in self.all() if h.code == self.typed), None)
        if hit is None:
            self.view.viewport().update()
            return
        shifted, then = self.shifted, self.then
        self.last, self.last_shifted = hit, shifted
        self.stop()
        rows = self.view.span_index().covering(hit.start) if shifted else []
        if rows:
            self.view.clear_selection()
            self.view.focus_span(self.view.span_index().spans[rows[0]].id)
        else:
            self.view.select_word(hit.start, hit.end)
        if then is not None:
            then()

    def _font(self) -> QFont:
        font = QFont(self.view.metrics().label_font)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setBold(True)
        return font

    def paint(self, painter: QPainter) -> None:
        """The tags still possible, the letters typed so far dimmed (document coordinates)."""
        if not self.hints:
            return
        painter.setFont(self._font())
        fm = QFontMetricsF(painter.font())
        for hint in self.all():
            if not hint.code.startswith(self.typed):
                continue
            painter.setPen(INK)
            painter.setBrush(PHRASE_FILL if hint.phrase else FILL)
            painter.drawRoundedRect(hint.at, 3, 3)
            x, y = hint.at.left() + 3, hint.at.top() + 1 + fm.ascent()
            painter.setPen(DONE)
            typed = hint.code[:len(self.typed)]
            painter.drawText(x, y, typed.upper())
            painter.setPen(INK)
            painter.drawText(x + fm.horizontalAdvance(typed.upper()), y, hint.code[len(self.typed):].upper())
