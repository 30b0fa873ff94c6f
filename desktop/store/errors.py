"""Errors the store raises for the user to read."""

from __future__ import annotations

from desktop.core.model import SpandeskError


class StoreError(SpandeskError):
    """The file cannot be used as a project; it has been left untouched."""


class Locked(StoreError):
    """Another writer held the project longer than this one was willing to wait.

    `holder` says who, as far as the project knows ("import by ana (pid 42 on host)").
    """

    def __init__(self, path, holder: str):
        super().__init__(f"{path}: waiting for {holder}")
        self.holder = holder
