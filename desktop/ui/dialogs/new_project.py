"""File → New project: the project file and the label schema it starts with.

The schemas shipped with Spandesk are offered by name (an installed user has no source
tree to find them in); any other schema file can be chosen instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QWidget,
)

from desktop import paths
from desktop.core import label_set as label_sets
from desktop.core.model import SpandeskError
from desktop.ui.guard import MIN_WIDTH

OTHER = "Another schema file…"


def bundled_label_sets() -> list[tuple[str, str, Path]]:
    """(name, description, file) of each label schema shipped in resources/schemas, the
    default one first (files there that are not label schemas, such as trigger lexicons,
    are left out)."""
    found = []
    for file in sorted(paths.resource("schemas").glob("*.toml")):
        try:
            label_set = label_sets.load(file)
        except SpandeskError:
            continue
        found.append((label_set.name, label_set.description, file))
    default = label_sets.default_label_set().name
    return sorted(found, key=lambda item: item[0] != default)


class NewProjectDialog(QDialog):
    """A new project file and the label schema it starts with."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent, windowTitle="New project")
        self.path = QLineEdit(str(folder / "project.db"))
        self.bundled = bundled_label_sets()
        self.schema = QComboBox()
        for name, description, _file in self.bundled:
            self.schema.addItem(name)
            self.schema.setItemData(self.schema.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
        self.schema.addItem(OTHER)
        self.label_set = QLineEdit(placeholderText="a .toml schema file")
        self.note = QLabel(wordWrap=True)
        self.choose = QPushButton("Choose…", clicked=self._browse_label_set)
        form = QFormLayout(self)
        form.addRow("Project file:", _with_button(self.path, QPushButton("Browse…", clicked=self._browse_db)))
        form.addRow("Label schema:", self.schema)
        form.addRow("", _with_button(self.label_set, self.choose))
        form.addRow("", self.note)
        form.addRow(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                     accepted=self.accept, rejected=self.reject))
        self.schema.currentIndexChanged.connect(self._schema_picked)
        self.setMinimumWidth(MIN_WIDTH)
        self._schema_picked(0)

    def _schema_picked(self, index: int) -> None:
        other = index >= len(self.bundled)
        self.label_set.setEnabled(other)
        self.choose.setEnabled(other)
        if other:
            self.note.setText("A schema is a TOML file of entity labels, event types with their roles, "
                              "document labels, colours and keys. `spandesk schema show` prints the "
                              "shipped one to start from.")
        else:
            self.note.setText(self.bundled[index][1] or "")
        self.adjustSize()  # the note's wrapped height, whole: never cut off

    def _browse_db(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project file", self.path.text(), "Spandesk projects (*.db)")
        if path:
            self.path.setText(path)

    def _browse_label_set(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Label schema", "", "Schemas (*.toml)")
        if path:
            self.label_set.setText(path)

    def values(self) -> tuple[Path, Path | None]:
        index = self.schema.currentIndex()
        if index < len(self.bundled):
            return Path(self.path.text()).expanduser(), self.bundled[index][2]
        label_set = self.label_set.text().strip()
        return Path(self.path.text()).expanduser(), Path(label_set).expanduser() if label_set else None


def _with_button(edit: QLineEdit, button: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return box
