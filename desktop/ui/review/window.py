"""The review window: the article view, the document's disagreements, and the keys that settle them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop import ops
from desktop.core.model import Changes, Layer, Source, Span, SpanId, SpandeskError, State, Status
from desktop.store import Store
from desktop.ui.article.view import ArticleView
from desktop.ui.guard import guarded
from desktop.ui.review import keys as review_keys
from desktop.ui.review.badges import BadgeLayer, annotator_colours, badge_icon
from desktop.ui.settings import Settings

# Ids for the disputed spans the gold layer does not hold: far above any stored span's id.
CANDIDATE_ID = 1 << 40


class ReviewWindow(QWidget):
    """Adjudicate the documents two or more annotators worked on; see the package docstring."""

    # (Changes, [doc_id]) after each decision, so the main window can refresh what it shows
    changed = Signal(object, object)

    KEYS = review_keys.KEYS  # name, keys, what it does (also F1's line), method: ui/review/keys.py

    def __init__(self, store: Store, annotator: str, colours: dict[str, QColor], *, preaccept: bool = True,
                 settings: Settings | None = None, parent: QWidget | None = None):
        """`preaccept`: copy what everyone agrees on into the gold layer as each document
        opens; with `settings`, the user's choice (kept there, default on) decides instead."""
        super().__init__(parent, Qt.WindowType.Window)
        self.settings = settings
        if settings is not None:
            preaccept = settings.review_preaccept
        self.store, self.annotator, self.preaccept = store, annotator, preaccept
        self.setWindowTitle(f"Review — {store.path.name}")
        self.docs = ops.review_documents(store)
        self.doc_index = 0
        self.at = 0  # the current disagreement
        self.current: ops.Review | None = None
        self.team: dict | None = None
        self.shown: list[Span] = []  # what the article shows: gold spans and disputed ones
        self.taken: set[tuple] = set()  # the disagreements decided in this window
        self.view = ArticleView()
        self.view.set_label_colours(colours)
        self.badges = BadgeLayer(self.view)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # titles are data, never markup
        self.header.setWordWrap(True)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay the window's
        self.list.setWordWrap(True)
        self.names = QHBoxLayout()  # each annotator's number, colour and name
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)
        self.preaccept_box = QCheckBox("Pre-accept what every annotator agrees on")
        self.preaccept_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay the window's
        self.preaccept_box.setChecked(preaccept)
        self.preaccept_box.toggled.connect(self._set_preaccept)
        self._layout()
        self.actions = self._actions()
        self.status = ""
        self.resize(1300, 820)
        if self.docs:
            self.show_document(0)
        else:
            self.header.setText("No document has two annotators' versions yet: merge their files first.")
        QTimer.singleShot(0, self._team_agreement)  # after the first paint: it reads every shared document

    # --- layout and keys ---------------------------------------------------------------

    def _layout(self) -> None:
        side = QWidget()
        column = QVBoxLayout(side)
        column.addWidget(self.header)
        column.addWidget(self.list, 1)
        column.addLayout(self.names)
        column.addWidget(self.legend)
        column.addWidget(self.preaccept_box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 3)
        row.addWidget(side, 1)
        self.view.setFocus()

    def _actions(self) -> dict[str, QAction]:
        made = {}
        for name, shortcuts, text, method in self.KEYS:
            made[name] = self._action(text, shortcuts, getattr(self, method))
        for n, key in enumerate(review_keys.TAKE_KEYS, 1):  # 1..9: take that annotator's version
            made[f"take{n}"] = self._action(f"take annotator {n}'s version", (key,),
                                            lambda *_, n=n: self.take_annotator(n))
        return made

    def _action(self, text: str, keys: tuple[str, ...], slot: Callable) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda *_: self._safely(slot))
        self.addAction(action)
        return action

    @guarded()
    def _set_preaccept(self, on: bool) -> None:
        """The user's choice, kept; turned on, the open document gets its agreed annotations now."""
        self.preaccept = on
        if self.settings is not None:
            self.settings.review_preaccept = on
        if on and self.doc_id is not None:
            self._safely(lambda: self.show_document(self.doc_index, self.at))

    @guarded()  # anything else is reported as the main window's keys report it, never raised into Qt
    def _safely(self, slot: Callable) -> None:
        try:
            slot()
        except SpandeskError as exc:  # a locked or read-only file: say so, change nothing
            self.status = str(exc)
            self._show_header()

    # --- documents -----------------------------------------------------------------------

    @property
    def doc_id(self) -> int | None:
        return self.docs[self.doc_index] if self.docs else None

    def show_document(self, index: int, at: int = 0) -> None:
        self.doc_index = max(0, min(index, len(self.docs) - 1))
        doc_id = self.docs[self.doc_index]
        if self.preaccept:
            self._announce(ops.preaccept(self.store, doc_id, annotator=self.annotator))
        shown = ops.open_document(self.store, doc_id)
        text = shown.doc.text
        self.current = ops.review(self.store, doc_id)
        self.at = max(0, min(at, len(self.current.disagreements) - 1))
        self.view.show_document(text, self._spans(text), shown.tokens)
        self._refresh(text, reviewed=True)

    def _spans(self, text: str) -> list[Span]:
        """The gold layer's spans, and outlined beside them the disputed ones it lacks."""
        assert self.current is not None
        gold = [s for s in self.store.spans.for_doc(self.current.doc_id) if s.state != State.REJECTED]
        keys = {(s.start, s.end, s.label) for s in gold if s.layer == Layer.ENTITY}
        shown = list(gold)
        n = 0
        triggers = {(s.start, s.end, s.label) for s in gold if s.layer == Layer.TRIGGER}
        for d in self.current.disagreements:
            if d.kind == "label":
                continue
            layer, have = (Layer.TRIGGER, triggers) if d.kind == "event" else (Layer.ENTITY, keys)
            for key in sorted(_span_keys(d)):
                if key not in have:
                    have.add(key)
                    n += 1
                    shown.append(Span(key[0], key[1], key[2], text[key[0]:key[1]], layer, Source.ANNOTATOR,
                                      State.SUGGESTED, None, id=SpanId(CANDIDATE_ID + n)))
        self.shown = sorted(shown, key=lambda s: (s.start, s.end, s.label))
        return self.shown

    def _refresh(self, text: str | None = None, reviewed: bool = False) -> None:
        """The list, the header and the article's spans after a change (`reviewed`: just
        read, spans on show), the focus kept."""
        assert self.current is not None
        doc_id = self.current.doc_id
        text = text if text is not None else self.store.documents.text(doc_id)
        if not reviewed:
            self.current = ops.review(self.store, doc_id)
            self.at = max(0, min(self.at, len(self.current.disagreements) - 1))
            self.view.set_spans(self._spans(text))
        colours = annotator_colours(self.current.annotators)
        self.badges.set_badges(self._badges(colours))
        now = ops.decisions(self.store, doc_id, self.current.disagreements)
        while self.list.count() > len(now):  # the rows are reused: clearing and refilling costs a switch ~1 ms
            self.list.takeItem(self.list.count() - 1)
        while self.list.count() < len(now):
            self.list.addItem(QListWidgetItem())
        for row, (d, choice) in enumerate(zip(self.current.disagreements, now)):
            item = self.list.item(row)
            item.setText(self._describe(d, text, choice))
            item.setIcon(badge_icon([colours[a] for a in self.current.annotators if d.options[a]]))
        if self.current.disagreements:
            self.list.setCurrentRow(self.at)
            self._focus_current()
        self._show_annotators(colours)
        self.legend.setText("; ".join(f"{shortcuts[0]} {what}" for _name, shortcuts, what, _m in self.KEYS[:5])
                            + "; 1–9 take that annotator's version; Backspace undoes")
        self._show_header()

    def _show_annotators(self, colours: dict[str, QColor]) -> None:
        """The key, colour and name of each annotator, above the key help."""
        if getattr(self, "_annotators_shown", None) == list(colours):
            return
        self._annotators_shown = list(colours)
        while self.names.count():
            item = self.names.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for n, (name, colour) in enumerate(colours.items(), 1):
            dot = QLabel()
            dot.setPixmap(badge_icon([colour]).pixmap(12, 12))
            label = QLabel(f"{n} {name}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.names.addWidget(dot)
            self.names.addWidget(label)
        self.names.addStretch(1)

    def _id(self, d: ops.Disagreement) -> tuple:
        assert self.current is not None
        return (self.current.doc_id, d.kind, d.label, frozenset(d.keys))

    def _badges(self, colours: dict[str, QColor]) -> list[tuple[int, list[QColor]]]:
        """Where each disputed span ends, the colours of who marked it (spans ending together share)."""
        assert self.current is not None
        who: dict[int, set[str]] = {}
        for d in self.current.disagreements:
            if d.kind in ("span", "event"):  # a relation's ends carry their own spans' dots
                for key in d.keys:
                    who.setdefault(key[1], set()).update(d.who(key))
        return [(end, [colours[a] for a in self.current.annotators if a in names]) for end, names in sorted(who.items())]

    def _describe(self, d: ops.Disagreement, text: str, now: str | None) -> str:
        """The list's line for a disagreement: who marked what, and `now`, what the gold holds."""
        if now == ops.NEITHER and self._id(d) not in self.taken:
            now = None  # nothing in the gold yet: undecided, unless "neither" was chosen here
        parts = []
        for n, (who, keys) in enumerate(d.options.items(), 1):
            if d.kind == "label":
                marked = "yes" if keys else ""
            elif d.kind == "relation":
                marked = ", ".join(f"{text[h[0]:h[1]]!r} →{label}→ {text[c[0]:c[1]]!r}" for h, c, label in keys)
            elif d.kind == "event":
                marked = ", ".join(f"{k[2]} {text[k[0]:k[1]]!r} ["
                                   + "; ".join(f"{role}: {text[s:e]!r}" for role, s, e, *_ in sorted(k[3])) + "]"
                                   for k in keys)
            else:
                marked = ", ".join(f"{text[s:e]!r} {label}" for s, e, label in keys)
            parts.append(f"{n} {who}: {marked or '—'}")
        what = {"label": f"document label {d.label}\n", "event": "event\n", "relation": "relation\n"}.get(d.kind, "")
        return what + "\n".join(parts) + (f"\n→ now: {now.lstrip('*')}" if now else "")

    def _show_header(self) -> None:
        if self.current is None:
            return
        doc = self.store.documents.get(self.current.doc_id)
        f1 = self.current.f1
        lines = [doc.title, f"document {self.doc_index + 1} of {len(self.docs)}, {doc.status}",
                 f"{len(self.current.disagreements)} disagreements; agreed {len(self.current.agreed)} spans",
                 f"this document's F1 {'-' if f1 is None else f'{f1:.2f}'}"]
        if self.team is not None:
            t = self.team
            lines.append(f"team: F1 {'-' if t['f1'] is None else format(t['f1'], '.2f')}, "
                         f"alpha {'-' if t['alpha'] is None else format(t['alpha'], '.2f')} "
                         f"over {t['documents']} documents")
        if self.status:
            lines.append(self.status)
        self.header.setText("\n".join(lines))

    @guarded()
    def _team_agreement(self) -> None:
        if self.docs:
            self.team = ops.team_agreement(self.store)
            self._show_header()

    def _focus_current(self) -> None:
        d = self.disagreement()
        if d is None or d.kind == "label":
            return
        first = min(_span_keys(d))
        match = next((s for s in self.shown if (s.start, s.end, s.label) == first), None)
        if match is not None:
            self.view.focus_span(match.id)

    def disagreement(self) -> ops.Disagreement | None:
        if self.current is None or not self.current.disagreements:
            return None
        return self.current.disagreements[self.at]

    # --- the keys --------------------------------------------------------------------------

    def next_disagreement(self) -> None:
        if self.current is None:
            return
        if self.at + 1 < len(self.current.disagreements):
            self.at += 1
            self.list.setCurrentRow(self.at)
            self._focus_current()
        elif self.doc_index + 1 < len(self.docs):
            self.show_document(self.doc_index + 1)

    def prev_disagreement(self) -> None:
        if self.current is None:
            return
        if self.at > 0:
            self.at -= 1
            self.list.setCurrentRow(self.at)
            self._focus_current()
        elif self.doc_index > 0:
            self.show_document(self.doc_index - 1, at=1 << 30)

    def take_annotator(self, n: int) -> None:
        if self.current is not None and 0 < n <= len(self.current.annotators):
            self._decide(self.current.annotators[n - 1])

    def take_both(self) -> None:
        self._decide(ops.BOTH)

    def take_neither(self) -> None:
        self._decide(ops.NEITHER)

    def _decide(self, choice: str) -> None:
        d = self.disagreement()
        if d is None or self.current is None:
            return
        self._announce(ops.decide(self.store, self.current.doc_id, d, choice, annotator=self.annotator))
        self.taken.add(self._id(d))
        self.status = ""
        self._refresh()
        self.next_disagreement_in_document()

    def next_disagreement_in_document(self) -> None:
        if self.current is not None and self.at + 1 < len(self.current.disagreements):
            self.at += 1
            self.list.setCurrentRow(self.at)
            self._focus_current()

    def done_next(self) -> None:
        if self.current is None:
            return
        self._announce(ops.set_status(self.store, self.current.doc_id, Status.DONE, annotator=self.annotator))
        if self.doc_index + 1 < len(self.docs):
            self.show_document(self.doc_index + 1)
        else:
            self._refresh()

    def next_document(self) -> None:
        if self.docs and self.doc_index + 1 < len(self.docs):
            self.show_document(self.doc_index + 1)

    def prev_document(self) -> None:
        if self.docs and self.doc_index > 0:
            self.show_document(self.doc_index - 1)

    def undo(self) -> None:
        self._announce(ops.undo(self.store, annotator=self.annotator))
        if self.current is not None:
            self._refresh()

    def redo(self) -> None:
        self._announce(ops.redo(self.store, annotator=self.annotator))
        if self.current is not None:
            self._refresh()

    def _announce(self, outcome: ops.Outcome) -> None:
        if outcome.changes != Changes.NONE:
            self.changed.emit(outcome.changes, [outcome.doc_id] if outcome.doc_id is not None else None)


def _span_keys(d: ops.Disagreement) -> set[tuple]:
    """The (start, end, label) of each span a disagreement is about: a relation's two ends."""
    if d.kind == "relation":
        return {end for key in d.keys for end in key[:2]}
    return {k[:3] for k in d.keys}


def open_review(store: Store, annotator: str, colours: dict[str, QColor], parent: QWidget | None = None,
                changed: Callable[[object, object], None] | None = None,
                settings: Settings | None = None) -> ReviewWindow:
    """Open the review window over `store` (the main window passes its desk's announce and
    the user's settings)."""
    window = ReviewWindow(store, annotator, colours, settings=settings, parent=parent)
    if changed is not None:
        window.changed.connect(changed)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


