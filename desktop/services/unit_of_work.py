"""One unit of work for a write made on someone's behalf: the importers, the command line and
the window's imports all write through it, so the safety rules live here once.

- One transaction: begun as a writer (the SQLite write lock, or the caller's own way to begin,
  such as the import lock), committed at the end or rolled back whole on any error, a
  cancellation included. Nothing is half-written.
- The store's generation is checked first and last: a store restored under the caller's feet
  is never written by id.
- A backup of the store (SQLite) is taken just before the commit, while the transaction still
  holds the write lock, so that it is the state the write started from; nothing written, no
  backup.
- The change log's actor carries the source of the write (a file's name).
- A dry run, or a work that found nothing worth writing (``discard``), is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from ..i18n import _
from ..progress import Progress
from ..store import Store
from ..store.store import begin_write, guard
from .changes import Actor

# The longest source a change-log row keeps.
SOURCE_LENGTH = 300


@dataclass
class UnitOfWork:
    session: Session
    actor: Actor  # with the source of the write, for the change log
    dry_run: bool = False
    backup: Path | None = None  # the backup taken before the commit, if any
    discarded: bool = False

    def discard(self) -> None:
        """Roll the whole work back at the end instead of committing it."""
        self.discarded = True

    @property
    def commits(self) -> bool:
        return not (self.dry_run or self.discarded)


@contextmanager
def unit_of_work(
    store: Store,
    actor: Actor,
    *,
    source: str | None = None,
    backup: bool = False,
    dry_run: bool = False,
    begin: Callable[[Session], None] = begin_write,
    progress: Progress | None = None,
) -> Iterator[UnitOfWork]:
    """A transaction on ``store`` for ``actor`` (its change-log source replaced by ``source``
    when given). ``backup``: back the store up before committing. ``begin`` starts the
    transaction as a writer (``begin_write`` by default; an import passes its lock)."""
    progress = progress or Progress()
    if source is not None:
        actor = Actor(user=actor.user, source=source[:SOURCE_LENGTH])
    session = store.session()
    work = UnitOfWork(session, actor, dry_run=dry_run)
    try:
        with guard(store.location):
            begin(session)
            store.check_generation(session)
            yield work
            session.flush()
            progress.check()
            if not work.commits:
                session.rollback()
                return
            store.check_generation(session)
            if backup and store.is_sqlite:
                progress.message(_("Saving a backup of the store"))
                work.backup = store.backup()
                progress.check()
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
