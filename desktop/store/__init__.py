"""Engine, sessions, migrations and backups of the store (SQLite by default, or PostgreSQL).

Names load on first use: SQLAlchemy takes a few hundred milliseconds to import, and the window
shows itself (with what ``peek`` reads through the standard library) before it is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        # The errors are plain exceptions; the rest needs SQLAlchemy.
        where = "errors" if name.startswith("Store") and name != "Store" else "store"
        module = importlib.import_module(f"{__name__}.{where}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
