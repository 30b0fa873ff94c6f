"""SQLite through sqlite-utils: the only code that writes SQL."""

from desktop.store.db import Store, open_store
from desktop.store.errors import DiskFull, Locked, NotFound, ReadOnly, StoreError

__all__ = ["DiskFull", "Locked", "NotFound", "ReadOnly", "Store", "StoreError", "open_store"]
