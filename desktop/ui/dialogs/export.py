"""File → Export: the format, which documents, and where to write them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QRadioButton, QWidget,
)

from desktop import ops


class ExportDialog(QDialog):
    """Format, scope and file (a folder, for brat) for an export, one of ops.FORMATS."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent, windowTitle="Export")
        self.format = QComboBox()
        for fmt, entry in ops.FORMATS.items():  # desktop.formats' table: what it says, its default name
            self.format.addItem(entry.description, fmt)
        self.done_only = QRadioButton("Documents marked done", checked=True)
        self.everything = QRadioButton("All documents")
        scope = QButtonGroup(self)
        scope.addButton(self.done_only)
        scope.addButton(self.everything)
        self.path = QLineEdit(str(folder / ops.FORMATS["jsonl"].default_name))
        self.format.currentIndexChanged.connect(self._renamed)
        browse = QPushButton("Browse…", clicked=self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Format:", self.format)
        form.addRow("Documents:", self.done_only)
        form.addRow("", self.everything)
        self.where = QLabel("File:")
        form.addRow(self.where, row)
        form.addRow("", self.note)
        form.addRow(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                     accepted=self.accept, rejected=self.reject))
        self._renamed()
        self.resize(620, 0)

    def _fmt(self) -> str:
        return self.format.currentData()

    def _renamed(self) -> None:
        """The default name of the chosen format, in the folder already chosen."""
        fmt = self._fmt()
        self.path.setText(str(Path(self.path.text()).parent / ops.FORMATS[fmt].default_name))
        notes = {
            "brat": "A folder that brat opens as it is; an earlier brat export there is replaced.",
            "dygiepp": "What DyGIE++ trains on. Sentence boundaries come from the spaCy pipeline (Settings → Model).",
            "spacy": "Accepted spans only are written as entities; in a document not marked done the "
                     "rest is left missing, not outside. Suggestions are kept apart (spans[\"suggestions\"]).",
        }
        self.where.setText("Folder:" if fmt == "brat" else "File:")
        self.note.setText(notes.get(fmt, ""))
        self.note.setVisible(fmt in notes)

    def _browse(self) -> None:
        title = "Export to a folder (new, or an earlier brat export)" if self._fmt() == "brat" else "Export to"
        path, _ = QFileDialog.getSaveFileName(self, title, self.path.text())
        if path:
            self.path.setText(path)

    def values(self) -> tuple[str, Path, bool]:
        return self._fmt(), Path(self.path.text()).expanduser(), self.everything.isChecked()
