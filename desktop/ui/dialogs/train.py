"""Model → Train: what to train and for how long, then the training as a background job
(progress and Cancel; the window stays usable), then the held-out scores, base beside trained,
and a button to re-suggest the open documents with the new version.

A widget, so it does not start jobs itself (the UI contracts): the window hands it `start`,
which builds a runner.Job from (op, handlers), and `resuggest`, which pre-annotates with a model.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from desktop import ops

COMPONENTS = (("ner", "Entities (fine-tune the model's NER)"), ("triggers", "Event triggers"),
              ("doc_labels", "Document labels"))


class TrainDialog(QDialog):
    def __init__(self, path: Path, start: Callable[..., Any], resuggest: Callable[[str], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent, windowTitle="Train a model")
        self.path, self.start_job, self.resuggest = path, start, resuggest
        self.job: Any = None
        self.report: ops.TrainReport | None = None
        self.boxes = {name: QCheckBox(text, checked=True) for name, text in COMPONENTS}
        self.seconds = QSpinBox(minimum=5, maximum=24 * 3600, value=300, suffix=" s")
        self.steps = QSpinBox(minimum=0, maximum=10**6, value=0, specialValueText="until done")
        form = QFormLayout()
        for box in self.boxes.values():
            form.addRow("", box)
        form.addRow("At most:", self.seconds)
        form.addRow("Steps:", self.steps)
        self.progress = QProgressBar(minimum=0, maximum=0, visible=False)  # busy until steps are known
        self.status = QLabel("Trains on the accepted annotations of documents marked done.", wordWrap=True)
        self.scores = QPlainTextEdit(readOnly=True, visible=False)
        self.scores.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.train_button = QPushButton("Train", clicked=self.train, default=True)
        self.resuggest_button = QPushButton("Re-suggest open documents", clicked=self._resuggest, visible=False)
        self.cancel_button = QPushButton("Close", clicked=self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.resuggest_button, self.train_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.scores, 1)
        layout.addLayout(buttons)

    @property
    def running(self) -> bool:
        return self.job is not None

    def train(self) -> None:
        components = tuple(name for name, box in self.boxes.items() if box.isChecked())
        if not components or self.running:
            self.status.setText("Choose what to train." if not components else self.status.text())
            return
        seconds, steps = float(self.seconds.value()), self.steps.value() or None

        def op(store, tick):
            return ops.train_model(store, components=components, max_seconds=seconds, max_steps=steps,
                                   progress=tick)

        self.job = self.start_job(op, path=self.path, progress=self._step, success=self._trained,
                                  failure=self._failed, every=0.1, parent=self)
        self.job.finished.connect(self._ended)
        self.progress.setRange(0, steps or 0)
        self.progress.show()
        self.scores.hide()
        self.train_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.status.setText("Training… the window stays usable meanwhile.")
        self.job.start()

    def cancel(self) -> None:
        """Cancel a running training (nothing is saved), else close."""
        if self.running:
            self.job.cancel()
            self.status.setText("Cancelling…")
        else:
            self.reject()

    def _step(self, step: int) -> None:
        if self.progress.maximum():
            self.progress.setValue(min(step, self.progress.maximum()))
        self.status.setText(f"Training… step {step:,}")

    def _trained(self, report: ops.TrainReport) -> None:
        self.report = report
        stopped = {"time": " (stopped at the time limit)", "interrupted": " (stopped early)"}.get(report.stopped, "")
        self.status.setText(f"Version v{report.version}: {report.documents} documents, {report.steps} steps, "
                            f"{report.seconds:.0f} s{stopped}. Held-out scores, base beside trained:")
        self.scores.setPlainText("\n".join(ops.score_lines(report.scores) + [f"note: {n}" for n in report.notes]))
        self.scores.show()
        self.resuggest_button.setVisible(self.resuggest is not None)

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _ended(self) -> None:
        if self.job is not None and self.job.cancelled and self.report is None:
            self.status.setText("Cancelled: no new model was saved.")
        self.job = None
        self.progress.hide()
        self.train_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def _resuggest(self) -> None:
        if self.report is not None and self.resuggest is not None:
            self.resuggest(str(self.report.path))
            self.accept()

    def reject(self) -> None:
        if self.running:  # Escape while training cancels it rather than leaving it orphaned
            self.cancel()
            return
        super().reject()
