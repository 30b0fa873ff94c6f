"""File → New project: the project file and the label schema it starts with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget,
)


class NewProjectDialog(QDialog):
    """A new project file and the label schema it starts with."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent, windowTitle="New project")
        self.path = QLineEdit(str(folder / "project.db"))
        self.label_set = QLineEdit(placeholderText="the shipped news-events schema")
        form = QFormLayout(self)
        form.addRow("Project file:", _with_button(self.path, "Browse…", self._browse_db))
        form.addRow("Label schema:", _with_button(self.label_set, "Choose…", self._browse_label_set))
        note = QLabel("A schema is a TOML file of labels, colours and keys "
                      "(see resources/schemas/news-events.toml).")
        note.setWordWrap(True)
        form.addRow("", note)
        form.addRow(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                     accepted=self.accept, rejected=self.reject))
        self.resize(560, 0)

    def _browse_db(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project file", self.path.text(), "Spandesk projects (*.db)")
        if path:
            self.path.setText(path)

    def _browse_label_set(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Label schema", "", "Schemas (*.toml)")
        if path:
            self.label_set.setText(path)

    def values(self) -> tuple[Path, Path | None]:
        label_set = self.label_set.text().strip()
        return Path(self.path.text()).expanduser(), Path(label_set).expanduser() if label_set else None


def _with_button(edit: QLineEdit, text: str, slot) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(QPushButton(text, clicked=slot))
    return box
