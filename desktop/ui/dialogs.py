"""The dialogs: keyboard shortcuts, settings, export, new project, refused files, errors.

Dialogs only gather choices and show results; what is done with them is an ops call made
by whoever opened the dialog.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
    QInputDialog, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QRadioButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop import __version__, ops


def error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def ask_annotator(parent: QWidget | None, current: str = "") -> str | None:
    """The name recorded with every change; asked once, defaulting to the login name."""
    default = current or login_name()
    name, ok = QInputDialog.getText(
        parent, "Your name", "The name recorded with every change you make\n(change it later in Settings):",
        QLineEdit.EchoMode.Normal, default)
    name = name.strip()
    return name if ok and name else None


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "annotator"


def refused(parent: QWidget | None, report: ops.ImportReport) -> None:
    """Every refused file and skipped line as FILE:LINE: reason, selectable to copy."""
    lines = [f"{bad}" for bad in report.refused] + [f"skipped {bad}" for bad in report.skipped]
    box = QDialog(parent, windowTitle="Import: files refused")
    text = QPlainTextEdit("\n".join(lines), readOnly=True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    note = QLabel(f"{len(report.refused)} refused (nothing from those files was imported), "
                  f"{len(report.skipped)} skipped. Everything already stored is unchanged.")
    note.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=box.reject)
    layout = QVBoxLayout(box)
    for widget in (note, text, buttons):
        layout.addWidget(widget)
    box.resize(760, 360)
    box.exec()


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: generated from the actions table and the schema's label keys."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent, windowTitle="Keyboard shortcuts")
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["", "Keys", "What it does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setShowGrid(False)
        last = None
        for i, (group, keys, text) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(group if group != last else ""))
            key_item = QTableWidgetItem(keys)
            font = key_item.font()
            font.setBold(True)
            key_item.setFont(font)
            self.table.setItem(i, 1, key_item)
            self.table.setItem(i, 2, QTableWidgetItem(text))
            last = group
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 620)

    def texts(self) -> list[str]:
        return [self.table.item(i, 2).text() for i in range(self.table.rowCount())]


class SettingsDialog(QDialog):
    """The spaCy pipeline for pre-annotation (installed, or a folder) and the annotator's name."""

    def __init__(self, models: list[str], model: str | None, annotator: str, parent: QWidget | None = None):
        super().__init__(parent, windowTitle="Settings")
        self.model = QComboBox(editable=True)
        self.model.addItems(models)
        self.model.setCurrentText(model or (models[0] if models else ""))
        self.model.lineEdit().setPlaceholderText("an installed pipeline, or a folder saved with nlp.to_disk")
        browse = QPushButton("Folder…", clicked=self._browse)
        row = QHBoxLayout()
        row.addWidget(self.model, 1)
        row.addWidget(browse)
        self.annotator = QLineEdit(annotator)
        found = (f"Installed spaCy pipelines: {', '.join(models)}." if models else
                 "No spaCy pipeline is installed: pip install en_core_web_sm, or choose a folder.")
        form = QFormLayout(self)
        form.addRow("Model:", row)
        form.addRow("", QLabel(found))
        form.addRow("Annotator:", self.annotator)
        form.addRow(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                     accepted=self.accept, rejected=self.reject))
        self.resize(520, 0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "A spaCy pipeline folder (with config.cfg)")
        if folder:
            self.model.setCurrentText(folder)

    def values(self) -> tuple[str, str]:
        return self.model.currentText().strip(), self.annotator.text().strip()


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
            "events": "Sentence boundaries come from the spaCy pipeline (Settings → Model).",
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


class NewProjectDialog(QDialog):
    """A new project file and the label schema it starts with."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent, windowTitle="New project")
        self.path = QLineEdit(str(folder / "project.db"))
        self.schema = QLineEdit(placeholderText="the shipped news-events schema")
        form = QFormLayout(self)
        form.addRow("Project file:", _with_button(self.path, "Browse…", self._browse_db))
        form.addRow("Label schema:", _with_button(self.schema, "Choose…", self._browse_schema))
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

    def _browse_schema(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Label schema", "", "Schemas (*.toml)")
        if path:
            self.schema.setText(path)

    def values(self) -> tuple[Path, Path | None]:
        schema = self.schema.text().strip()
        return Path(self.path.text()).expanduser(), Path(schema).expanduser() if schema else None


def _with_button(edit: QLineEdit, text: str, slot) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(QPushButton(text, clicked=slot))
    return box


def about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent, "About Spandesk",
        f"<b>Spandesk {__version__}</b><p>Read news articles with the entities a spaCy model found, "
        "and confirm or correct them with the keyboard. Everything stays in one SQLite file on "
        "this computer.</p><p>MIT licence.</p>",
    )

