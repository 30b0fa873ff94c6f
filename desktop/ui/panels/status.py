"""The status bar: progress (done / total, and this session), the model, the file, the annotator,
and the running background job with its progress bar and Cancel button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop import ops
from desktop.ui.guard import guarded
from desktop.ui.panels.elided import ElidedLabel

NO_MODEL = "no model — Settings → Model"


class JobProgress(QWidget):
    """One background job: what it is doing, how far, and a way to stop it."""

    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar(maximumWidth=180, textVisible=False, maximumHeight=12)
        self.cancel = QPushButton("Cancel")
        self.cancel.clicked.connect(self.cancelled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel.setEnabled(True)
        self.show()

    def update_progress(self, done: int, total: int, text: str | None = None) -> None:
        if text is not None:
            self.label.setText(text)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def stopping(self) -> None:
        self.label.setText(self.label.text() + " — stopping…")
        self.cancel.setEnabled(False)


class StatusBar(QStatusBar):
    """Messages go in a label of their own, left of the permanent widgets: QStatusBar draws
    its own messages unelided, where a long one runs under (or over) a job's progress."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.message = ElidedLabel()
        self.message.setContentsMargins(6, 0, 6, 0)
        self._expire = QTimer(self, singleShot=True, timeout=self.clearMessage)
        self.addWidget(self.message, 1)
        self.job = JobProgress()
        self.progress = QLabel()
        self.model = QLabel()
        self.file = QLabel()
        self.annotator = QLabel()
        for widget in (self.job, self.progress, self.model, self.file, self.annotator):
            self.addPermanentWidget(widget)
        for label in (self.progress, self.model, self.file, self.annotator):
            label.setContentsMargins(8, 0, 8, 0)

    def showMessage(self, text: str, timeout: int = 0) -> None:
        """Show `text` (for `timeout` ms; 0: until the next message), elided to the room left."""
        self.message.setText(text)
        if timeout:
            self._expire.start(timeout)
        else:
            self._expire.stop()
        self.messageChanged.emit(text)

    def currentMessage(self) -> str:
        return self.message.text()

    @guarded()
    def clearMessage(self) -> None:
        self._expire.stop()
        if self.message.text():
            self.message.setText("")
            self.messageChanged.emit("")

    def show_progress(self, progress: ops.StatusCounts, this_session: int) -> None:
        self.progress.setText(f"{progress.done:,} / {progress.total:,} done · {this_session:,} this session")
        self.progress.setToolTip(f"{progress.open:,} to do, {progress.skipped:,} skipped")

    def show_model(self, model: str | None) -> None:
        self.model.setText(f"model: {Path(model).name}" if model else NO_MODEL)
        self.model.setToolTip(model or "Pre-annotation needs a spaCy pipeline: choose one in Settings.")

    def show_file(self, path: Path) -> None:
        self.file.setText(path.name)
        self.file.setToolTip(str(path))

    def show_annotator(self, name: str) -> None:
        self.annotator.setText(f"annotator: {name}")
