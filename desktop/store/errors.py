"""Known environment errors at the database boundary, each with a message users can act on.

Anything not recognised here is a bug: it is re-raised as is, logged with its traceback, and
the user sees a short apology with the log file's path (see ``desktop.errors``).
"""

from __future__ import annotations

import sqlite3

from ..i18n import _


class StoreError(Exception):
    """An error of the store the user can do something about."""

    def __init__(self, location: str = "", detail: str = "") -> None:
        super().__init__(location, detail)
        self.location = location
        self.detail = detail

    def message(self) -> str:
        return _("The store could not be opened: {location}.").format(location=self.location)

    def __str__(self) -> str:
        return self.message()


class StoreLocked(StoreError):
    def message(self) -> str:
        return _(
            "The store {location} is locked by another program or window. "
            "Close it there, then try again."
        ).format(location=self.location)


class StoreReadOnly(StoreError):
    def message(self) -> str:
        return _(
            "The store {location} is read-only. Copy it to a folder where you can write, "
            "or ask for write access."
        ).format(location=self.location)


class StoreDiskFull(StoreError):
    def message(self) -> str:
        return _(
            "The disk holding {location} is full. Free some space, then try again; "
            "nothing was changed."
        ).format(location=self.location)


class StoreNotAStore(StoreError):
    def message(self) -> str:
        return _(
            "{location} is not a store of this application (it is not a database, "
            "or holds other data)."
        ).format(location=self.location)


class StoreCorrupt(StoreError):
    def message(self) -> str:
        return _(
            "The store {location} is damaged. Restore the latest backup (File > Restore "
            "from a backup, or 'pcaet restore')."
        ).format(location=self.location)


class StoreTooNew(StoreError):
    def message(self) -> str:
        return _(
            "The store {location} was written by a newer version of the application "
            "(schema {detail}). Install the newer version to open it; nothing was changed."
        ).format(location=self.location, detail=self.detail)


class StoreMissing(StoreError):
    def message(self) -> str:
        return _("The store {location} does not exist.").format(location=self.location)


class StoreUnreachable(StoreError):
    def message(self) -> str:
        return _("The database server for {location} cannot be reached: {detail}").format(
            location=self.location, detail=self.detail
        )


def classify(error: BaseException, location: str) -> StoreError | None:
    """Map a driver error to a known store error, or None when it is a bug."""
    original = getattr(error, "orig", error)
    text = str(original).lower()
    from sqlalchemy import exc as sa_exc  # only once something failed: imports stay light

    if isinstance(original, sqlite3.Error) or isinstance(error, sa_exc.DBAPIError):
        if "database is locked" in text or "database table is locked" in text or "busy" in text:
            return StoreLocked(location)
        if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
            return StoreReadOnly(location)
        if "disk is full" in text or "database or disk is full" in text:
            return StoreDiskFull(location)
        if "file is not a database" in text or "file is encrypted" in text:
            return StoreNotAStore(location)
        if "malformed" in text or "disk i/o error" in text or "corrupt" in text:
            return StoreCorrupt(location)
        if "unable to open database file" in text:
            return StoreReadOnly(location)
        if "could not connect" in text or "connection refused" in text:
            return StoreUnreachable(location, str(original).strip().splitlines()[0])
    if isinstance(error, OSError):
        if error.errno == 28:  # ENOSPC
            return StoreDiskFull(location)
        if error.errno in (13, 30):  # EACCES, EROFS
            return StoreReadOnly(location)
    return None
