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


class StoreForeignSchema(StoreError):
    """The file's tables, columns, indexes, triggers, views or page size are not what this
    application's migrations create; ``detail`` names the differences."""

    def message(self) -> str:
        return _(
            "{location} is not used: it differs from a store of this application "
            "({detail}). Such a file may have been altered to damage data. Nothing was "
            "changed; ask whoever sent it for a copy saved by PCAET Desktop."
        ).format(location=self.location, detail=self.detail)


class StoreNoRevision(StoreError):
    def message(self) -> str:
        return _(
            "{location} is not used: it does not say which schema revision it has (its "
            "alembic_version table is empty or holds several rows). Nothing was changed."
        ).format(location=self.location)


class StoreNotAFile(StoreError):
    """A folder, a symbolic link or a special file (FIFO, device, socket) where a store file
    was expected; ``detail`` is "folder", "link" or "special". Never opened."""

    def message(self) -> str:
        if self.detail == "folder":
            text = _("{location} is a folder, not a store file.")
        elif self.detail == "link":
            text = _(
                "{location} is a symbolic link: open or restore the file it points to "
                "instead; links are not followed."
            )
        else:
            text = _(
                "{location} is a special file (a pipe, a device or a socket), not a store "
                "file; it was not opened."
            )
        return text.format(location=self.location)


class StoreInUse(StoreError):
    def message(self) -> str:
        return _(
            "The store {location} is in use: another program or window kept writing to it "
            "for {detail} s. Let it finish or close it, then try again; nothing was changed."
        ).format(location=self.location, detail=self.detail)


class StoreReplaced(StoreError):
    def message(self) -> str:
        return _(
            "The store {location} was replaced meanwhile (restored from a backup). It has "
            "been reloaded; nothing of this change was saved: make it again if it still "
            "applies."
        ).format(location=self.location)


class StoreIOError(StoreError):
    def message(self) -> str:
        return _(
            "The disk holding {location} could not be read or written (a removed key, a "
            "network folder gone, a failing disk). Check it, then try again."
        ).format(location=self.location)


class StoreAuthFailed(StoreError):
    def message(self) -> str:
        return _(
            "The database server refused the user name or password for {location}. Check "
            "them, then try again."
        ).format(location=self.location)


class StoreDatabaseMissing(StoreError):
    def message(self) -> str:
        return _(
            "The database server for {location} has no database named {detail}. Check the "
            "name, or ask its administrator to create it."
        ).format(location=self.location, detail=self.detail)


class StoreDriverMissing(StoreError):
    def message(self) -> str:
        return _(
            "The driver for {location} is not installed ({detail}). For PostgreSQL, "
            "install the application with its 'postgres' extra."
        ).format(location=self.location, detail=self.detail)


class StoreConnectionLost(StoreError):
    def message(self) -> str:
        return _(
            "The connection to the database server for {location} was lost during the "
            "operation; what it was doing was not saved. Try again once the server is back."
        ).format(location=self.location)


# SQLite's primary result codes (sqlite3.h), as Python 3.11 exposes them on its errors.
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 10, 11, 13, 26
LOW_FREE_SPACE = 16 * 1024 * 1024


def disk_nearly_full(location: str) -> bool:
    """Whether the folder of ``location`` has (almost) no free space left: a write that failed
    there failed for lack of space, whatever the driver called it."""
    import shutil
    from pathlib import Path

    folder = Path(location).parent
    try:
        return shutil.disk_usage(folder).free < LOW_FREE_SPACE
    except (OSError, ValueError):
        return False


def classify(error: BaseException, location: str) -> StoreError | None:
    """Map a driver error to a known store error, or None when it is a bug."""
    original = getattr(error, "orig", error)
    text = str(original).lower()
    from sqlalchemy import exc as sa_exc  # only once something failed: imports stay light

    if isinstance(original, sqlite3.Error):
        return _classify_sqlite(original, text, location)
    if isinstance(error, sa_exc.NoSuchModuleError | ModuleNotFoundError):
        return StoreDriverMissing(location, str(getattr(error, "name", "") or error))
    if isinstance(error, sa_exc.DBAPIError):
        return _classify_server(error, text, location)
    if isinstance(error, OSError):
        if error.errno == 28:  # ENOSPC
            return StoreDiskFull(location)
        if error.errno in (13, 30):  # EACCES, EROFS
            return StoreReadOnly(location)
        if error.errno == 5:  # EIO
            return StoreIOError(location)
    return None


def _classify_sqlite(original: sqlite3.Error, text: str, location: str) -> StoreError | None:
    code = getattr(original, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL or "disk is full" in text:
        return StoreDiskFull(location)
    if "database is locked" in text or "database table is locked" in text or "busy" in text:
        return StoreLocked(location)
    if "readonly" in text or "read-only" in text:
        return StoreReadOnly(location)
    if primary == SQLITE_IOERR or "disk i/o error" in text:
        # SQLite reports some failed writes of a full disk (the WAL index, a sync) as I/O
        # errors: the free space tells them apart. Neither is damage to the store.
        return StoreDiskFull(location) if disk_nearly_full(location) else StoreIOError(location)
    if primary == SQLITE_NOTADB or "file is not a database" in text or "encrypted" in text:
        return StoreNotAStore(location)
    if primary == SQLITE_CORRUPT or "malformed" in text or "corrupt" in text:
        return StoreCorrupt(location)
    if "unable to open database file" in text:
        return StoreReadOnly(location)
    return None


def _classify_server(error: BaseException, text: str, location: str) -> StoreError | None:
    """PostgreSQL (psycopg) errors a user can act on; the messages quoted never carry the
    password (``location`` is rendered without it)."""
    if (
        "password authentication failed" in text
        or "no password supplied" in text
        or ("authentication failed" in text)
    ):
        return StoreAuthFailed(location)
    if "database" in text and "does not exist" in text:
        found = text.split('database "', 1)[1].split('"', 1)[0] if 'database "' in text else ""
        return StoreDatabaseMissing(location, found)
    if any(
        sign in text
        for sign in (
            "terminating connection",
            "server closed the connection",
            "connection is closed",
            "connection already closed",
            "consuming input failed",
            "the connection is lost",
            "server conn crashed",
            "admin_shutdown",
            "cannot_connect_now",
            "the database system is shutting down",
        )
    ):
        return StoreConnectionLost(location)
    if any(
        sign in text
        for sign in (
            "could not connect",
            "connection refused",
            "could not translate host name",
            "failed to resolve host",
            "name or service not known",
            "no route to host",
            "connection timed out",
            "timeout expired",
            "connection failed",
            "no such file or directory",
            "the database system is starting up",
        )
    ):
        first = str(getattr(error, "orig", error)).strip().splitlines()
        return StoreUnreachable(location, first[0] if first else "")
    if "database is locked" in text or "could not obtain lock" in text:
        return StoreLocked(location)
    if "read-only" in text or "permission denied" in text:
        return StoreReadOnly(location)
    if "disk full" in text or "no space left" in text:
        return StoreDiskFull(location)
    return None
