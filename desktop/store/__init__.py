"""SQLite through sqlite-utils: the only code that writes SQL."""

from desktop.store.db import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
