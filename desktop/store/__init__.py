"""The project file: the only code that writes SQL (README.md says what goes through sqlite-utils)."""

from desktop.store.db import Store, open_store
from desktop.store.errors import DiskFull, Locked, NotFound, ReadOnly, StoreError

__all__ = ["DiskFull", "Locked", "NotFound", "ReadOnly", "Store", "StoreError", "open_store"]
