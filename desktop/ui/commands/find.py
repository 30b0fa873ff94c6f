"""Edit → Find and Mark (Ctrl+Shift+F): search over annotations and the bulk actions.

The words and label start from what the annotator has in hand (the selection, else the
focused span); each bulk action is one ops call through the desk, so one undo takes it back
and the views refresh from the desk's `changed`, as for any action.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop import ops
from desktop.ui.desk import Desk


class Finding(QObject):
    def __init__(self, desk: Desk, view, window: QWidget):
        super().__init__(window)
        self.desk, self.view, self.window = desk, view, window

    def find_and_mark(self) -> None:
        from desktop.ui.dialogs.find import FindDialog  # dialogs load when first opened

        words, label = "", None
        selection, span = self.view.selection(), self.view.focused_span()
        if selection is not None:
            words = self.view.words(*selection)
        elif span is not None:
            words, label = span.text, span.label
        labels = [e.name for e in self.desk.label_set.entities]
        dialog = FindDialog(labels, " ".join(words.split()), label, self._search, self._count, self.window)
        if not dialog.exec():
            return
        action, words, label, this_doc = dialog.values()
        if action == "mark":
            outcome = self.desk.act(ops.mark_all, words, label, self.desk.doc_id if this_doc else None)
        elif action in ("accept", "reject"):
            outcome = self.desk.act(ops.judge_all, words, label, action == "accept")
        else:
            return
        if outcome is not None:
            self.desk.message.emit(f"{outcome.count} span{'s' if outcome.count != 1 else ''} in "
                                   f"{outcome.documents} document{'s' if outcome.documents != 1 else ''}: "
                                   f"{action} “{words}” {label}. Backspace undoes it all.")

    def _search(self, words: str, label: str, state: str, annotator: str) -> list[str]:
        found = ops.search_annotations(self.desk.store, words, label=label, state=state, annotator=annotator)
        return [f"document {f.doc_id} · “{' '.join(f.span.text.split())}” {f.span.label} · {f.span.state}"
                + (f" · {f.span.annotator}" if f.span.annotator else "") for f in found]

    def _count(self, action: str, words: str, label: str, this_doc: bool) -> int:
        store = self.desk.store
        if action == "mark":
            return ops.plan_mark_all(store, words, label, self.desk.doc_id if this_doc else None)[0]
        return ops.plan_judge_all(store, words, label)[0]
