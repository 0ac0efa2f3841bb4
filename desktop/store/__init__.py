"""Engine, sessions, migrations and backups of the store (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

from .errors import (
    StoreCorrupt,
    StoreDiskFull,
    StoreError,
    StoreLocked,
    StoreMissing,
    StoreNotAStore,
    StoreReadOnly,
    StoreTooNew,
)
from .store import Store, inspect_revision, open_store, resolve_url, restore_store

__all__ = [
    "Store",
    "StoreCorrupt",
    "StoreDiskFull",
    "StoreError",
    "StoreLocked",
    "StoreMissing",
    "StoreNotAStore",
    "StoreReadOnly",
    "StoreTooNew",
    "inspect_revision",
    "open_store",
    "resolve_url",
    "restore_store",
]
