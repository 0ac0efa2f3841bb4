"""One import at a time per store, and what an import says when someone else wrote meanwhile.

An import reads what the store holds (indicators, territories, values), then writes what is
missing. Two imports of files naming the same new indicator, run at the same moment, would
both find it missing and both insert it: on PostgreSQL the second then died on a duplicate key.
So an import's transaction begins by taking a lock that only imports take:

- PostgreSQL: a transaction-level advisory lock (``pg_try_advisory_xact_lock``, polled so that
  the wait can be cancelled), released by the commit or the rollback;
- SQLite: the database's write lock (``BEGIN IMMEDIATE``), which every writer takes anyway.

The second import waits up to ``WAIT_SECONDS`` (saying so through its progress), then reads
what the first committed. A window's save does not take the import lock; the rare collision
of such a save with an import (the same new indicator code, a value the window changed) ends
the import with ``ImportConflict``: nothing of it is written, and the message says to run it
again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlmodel import Session

from ..errors import UserError
from ..i18n import _
from ..progress import Progress
from ..services.changes import ConflictError
from ..store.errors import StoreLocked, classify
from ..store.store import begin_write
from .bulk import StaleValues

# How long an import waits for another one into the same store before giving up. The longest
# imports (a few hundred thousand values, their backup included) take under a minute.
WAIT_SECONDS = 120.0
POLL_SECONDS = 0.25
# The advisory lock's key (any 64-bit number all copies of the application agree on):
# "PCAETimp" in ASCII.
ADVISORY_KEY = 0x504341455469_6D70


class ImportBusy(UserError):
    """Another import held the store for longer than an import waits."""


class ImportConflict(UserError):
    """Someone else wrote what the import was writing, between its read and its write."""


def _busy(location: str) -> ImportBusy:
    return ImportBusy(
        _(
            "Another import into {store} (or a restore of it) has not finished after {seconds} "
            "seconds; nothing was imported. Try again when it has finished."
        ).format(store=location, seconds=math.ceil(WAIT_SECONDS))
    )


def conflict(file_name: str) -> ImportConflict:
    return ImportConflict(
        _(
            "Someone else saved data that {file} also writes while it was being imported; nothing "
            "was imported. Import the file again: it will start from what is stored now."
        ).format(file=file_name)
    )


def waiting_message() -> str:
    return _("Waiting for another import into this store (or a restore of it) to finish…")


def acquire(session: Session, location: str, progress: Progress | None = None) -> None:
    """Begin ``session``'s transaction holding the import lock, waiting for another import to
    finish (``Cancelled`` if the user stops the wait, ``ImportBusy`` after ``WAIT_SECONDS``)."""
    progress = progress or Progress()
    deadline = time.monotonic() + WAIT_SECONDS
    told = False
    while True:
        if _try(session, location):
            if told:
                progress.message(_("Importing"))
            return
        if not told:
            progress.message(waiting_message())
            told = True
        progress.check()
        if time.monotonic() >= deadline:
            raise _busy(location)
        time.sleep(POLL_SECONDS)


def _try(session: Session, location: str) -> bool:
    """One attempt; a failed one leaves no transaction open."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = sa.text("SELECT pg_try_advisory_xact_lock(:key)")
        if session.execute(statement, {"key": ADVISORY_KEY}).scalar():
            return True
        session.rollback()
        return False
    if dialect == "sqlite":
        if session.in_transaction():  # begun by ``Store.transaction()``: a writer already
            return True
        try:
            begin_write(session, wait_ms=int(POLL_SECONDS * 1000))
        except sa_exc.OperationalError as error:
            session.rollback()
            if isinstance(classify(error, location), StoreLocked):
                return False
            raise
        return True
    return True


def hold(session: Session) -> None:
    """Take the import lock for a short write that imports also make (a mapping profile),
    waiting as long as it takes: the transaction holding it is an import's or as short."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})


@contextmanager
def collisions(file_name: str) -> Iterator[None]:
    """A duplicate key or a version conflict met while importing becomes ``ImportConflict``:
    another user saved the same record between the import's read and its write."""
    try:
        yield
    except sa_exc.IntegrityError as error:
        if _is_unique_violation(error):
            raise conflict(file_name) from error
        raise
    except (ConflictError, StaleValues) as error:
        raise conflict(file_name) from error


def _is_unique_violation(error: sa_exc.IntegrityError) -> bool:
    code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if code is not None:
        return bool(code == "23505")
    return "unique" in str(error.orig).lower()
