"""File → Settings: the spaCy pipeline for pre-annotation, the annotator's name, the theme and
the suggestion threshold (issue 13)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QWidget,
)

THEMES = (("system", "As the system"), ("light", "Light"), ("dark", "Dark"))


class SettingsDialog(QDialog):
    """The spaCy pipeline for pre-annotation (installed, or a folder) and the annotator's name."""

    def __init__(self, models: list[str], model: str | None, annotator: str, parent: QWidget | None = None,
                 theme: str = "system", threshold: float | None = None):
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
        self.theme = QComboBox()
        for name, text in THEMES:
            self.theme.addItem(text, name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        form.addRow("Theme:", self.theme)
        # The model's suggestions scored below this are not made (the next pre-annotation run).
        self.threshold = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=1.0, singleStep=0.05)
        self.threshold.setValue(0.25 if threshold is None else threshold)
        self.threshold.setToolTip("Suggestions the model is less sure of than this are not made "
                                  "(applies to the next pre-annotation)")
        self.threshold.setAccessibleName("Suggestion threshold")
        form.addRow("Suggestion &threshold:", self.threshold)
        form.addRow(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                     accepted=self.accept, rejected=self.reject))
        self.resize(520, 0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "A spaCy pipeline folder (with config.cfg)")
        if folder:
            self.model.setCurrentText(folder)

    def values(self) -> tuple[str, str]:
        return self.model.currentText().strip(), self.annotator.text().strip()

    def threshold_choice(self) -> float:
        """The suggestion threshold, a confidence from 0 to 1."""
        return round(self.threshold.value(), 2)

    def theme_choice(self) -> str:
        """"system", "light" or "dark"."""
        return self.theme.currentData()
