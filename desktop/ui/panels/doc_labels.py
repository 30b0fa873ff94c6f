"""Document labels: one checkbox per label of the schema, each showing the key that toggles it.

A checkbox shows what the database holds; clicking one asks for the toggle (`toggled`),
and the box follows once the change is committed and announced, so a refused toggle
never shows as done. The boxes take no keyboard focus: Alt+Shift+key toggles from anywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.core.label_set import LabelSet
from desktop.ui.guard import guarded

MODIFIER = "Alt+Shift"  # document-label keys are pressed with it (see actions.doc_label_specs)


class DocLabelsPanel(QWidget):
    toggled = Signal(str)  # a document label's name: the annotator clicked its box

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.group = QGroupBox("Document labels")
        self.grid = QGridLayout(self.group)
        self.grid.setContentsMargins(8, 4, 8, 6)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 8, 8, 0)
        box.addWidget(self.group)
        self.boxes: dict[str, QCheckBox] = {}
        self.keys: list[QLabel] = []

    def set_label_set(self, label_set: LabelSet) -> None:
        for widget in (*self.boxes.values(), *self.keys):
            widget.deleteLater()
        self.boxes, self.keys = {}, []
        for n, label in enumerate(label_set.doc_labels):
            # "&&": a checkbox reads "&" as a mnemonic marker; the keys come from the actions table.
            check = QCheckBox(label.name.replace("&", "&&"))
            check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            check.setToolTip(label.description)
            check.clicked.connect(lambda _checked, name=label.name: self._clicked(name))
            key = QLabel(QKeySequence(f"{MODIFIER}+{label.key.upper()}").toString(
                QKeySequence.SequenceFormat.NativeText) if label.key else "")
            key.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.grid.addWidget(check, n, 0)
            self.grid.addWidget(key, n, 1, Qt.AlignmentFlag.AlignRight)
            self.boxes[label.name] = check
            self.keys.append(key)
        self.group.setVisible(bool(self.boxes))

    def show_labels(self, labels: list[str]) -> None:
        on = set(labels)
        for name, check in self.boxes.items():
            check.setChecked(name in on)

    def show_suggested(self, suggested: list[tuple[str, float | None]]) -> None:
        """A trained model's open suggestions (issue 13): named so beside their box, with the
        score; the label's key (or a click) accepts one."""
        scores = dict(suggested)
        for name, check in self.boxes.items():
            text = name.replace("&", "&&")
            if name in scores and not check.isChecked():
                score = scores[name]
                text += " — suggested" + ("" if score is None else f" {score:.2f}")
            check.setText(text)

    def checked(self) -> list[str]:
        return [name for name, check in self.boxes.items() if check.isChecked()]

    @guarded()
    def _clicked(self, name: str) -> None:
        # Back to what is stored until the toggle is committed (show_labels then sets it).
        self.boxes[name].setChecked(not self.boxes[name].isChecked())
        self.toggled.emit(name)
