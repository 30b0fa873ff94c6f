"""Progress for long commands: a redrawn bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A terminal progress bar for a long command (not ops.StatusCounts, the status bar's figures)."""

    def __init__(self, total: int, unit: str = "documents", stream: TextIO | None = None,
                 started: float | None = None):
        self.total, self.unit = total, unit
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.monotonic() if started is None else started
        self.last_line = 0.0

    def update(self, done: int, words: int = 0) -> None:
        if not self.total:
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = words / elapsed
        left = (self.total - done) * elapsed / done if done else 0.0
        if self.tty:
            width = 30
            filled = int(width * done / self.total) if self.total else width
            bar = "█" * filled + "·" * (width - filled)
            text = f"\r{bar} {done}/{self.total} {self.unit}  {rate:,.0f} words/s  {_clock(left)} left "
            self.stream.write(text)
            self.stream.flush()
        elif done == self.total or time.monotonic() - self.last_line >= 2.0:
            self.last_line = time.monotonic()
            print(f"{done}/{self.total} {self.unit}, {rate:,.0f} words/s, {_clock(left)} left", file=self.stream)

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
