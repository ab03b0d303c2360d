"""The local SQLite store (SQLModel tables, one writer). No Qt here."""

from stacklens_desktop.store.engine import StoreError
from stacklens_desktop.store.store import Store, open_store

__all__ = ["Store", "StoreError", "open_store"]
