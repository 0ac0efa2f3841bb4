"""Opening a store: resolve its location, check its schema, back up, migrate, hand out sessions."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session

from .. import paths
from . import backup, generation, migrate, verify
from .engine import WRITE_TRANSACTION, make_engine
from .errors import (
    StoreError,
    StoreMissing,
    StoreNotAStore,
    StoreReplaced,
    StoreTooNew,
    classify,
)

log = logging.getLogger(__name__)


def resolve_url(target: str | Path | None = None) -> URL:
    """A file path, an SQLAlchemy URL, or None for ``PCAET_DATABASE_URL`` / the default file."""
    if target is None:
        env_url = os.environ.get(paths.DATABASE_URL_ENV)
        target = env_url if env_url else paths.default_store_path()
    if isinstance(target, str) and "://" in target:
        return make_url(target)
    path = Path(target).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


def display_location(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


@dataclass
class Store:
    """An open, migrated store."""

    url: URL
    engine: Engine
    revision: str
    backups: list[Path] = field(default_factory=list)
    # Changes when the store is replaced (restored from a backup) under this object's feet:
    # writes then stop instead of landing by id on whatever record has the same id now.
    generation: int = 0
    keep_backups: int | None = None  # automatic backups kept (None: all)

    @property
    def location(self) -> str:
        return display_location(self.url)

    @property
    def path(self) -> Path | None:
        if self.url.get_backend_name() == "sqlite" and self.url.database not in (None, ":memory:"):
            return Path(str(self.url.database))
        return None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back whole on any error.
        Known environment errors come out as ``StoreError``."""
        session = self.session()
        try:
            with guard(self.location):
                # The write lock first (SQLite: BEGIN IMMEDIATE), then the generation: work by
                # id never starts on a replaced store (a conflict on some other record would be
                # shown instead); checked again last, inside the transaction, which on
                # PostgreSQL holds the lock a restore needs only once it has written.
                begin_write(session)
                self.check_generation(session)
                yield session
                self.check_generation(session)
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def check_generation(self, session: Session) -> None:
        """Raise ``StoreReplaced`` when the store was restored since it was opened."""
        if generation.read(session.connection()) != self.generation:
            raise StoreReplaced(self.location)

    def was_replaced(self) -> bool:
        with self.engine.connect() as connection:
            return generation.read(connection) != self.generation

    def backup(self, out: Path | None = None) -> Path:
        """A copy to ``out``, or an automatic backup (then pruned to ``keep_backups``)."""
        if self.path is None:
            raise StoreError(self.location, "backup of a server database")
        with guard(self.location):
            return backup.make_backup(self.path, self.revision, out=out, keep=self.keep_backups)

    def close(self) -> None:
        self.engine.dispose()


def begin_write(session: Session, *, wait_ms: int | None = None) -> None:
    """Begin the session's transaction as one that writes: on SQLite it holds the write lock
    from its first read to its commit (waiting for it up to the busy timeout, or ``wait_ms``
    milliseconds), so writers are serialised and each reads what the previous one committed;
    the version check of the UPDATE then decides conflicts as it does on PostgreSQL."""
    session.connection(execution_options={WRITE_TRANSACTION: wait_ms or True})


@contextmanager
def guard(location: str) -> Iterator[None]:
    """Turn known driver and OS errors into ``StoreError``; let bugs through untouched."""
    try:
        yield
    except StoreError:
        raise
    except (sa_exc.DBAPIError, sqlite3.Error, OSError) as error:
        known = classify(error, location)
        if known is None:
            raise
        raise known from error


def _given_file(target: str | Path | URL | None, url: URL) -> Path | None:
    """The SQLite file as the caller named it (not resolved: a link must be seen as one)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if str(url.database).startswith("file:"):
        return None  # an SQLite URI (read-only opens and the like): SQLite resolves it
    if isinstance(target, Path) or (isinstance(target, str) and "://" not in target):
        return Path(target).expanduser().absolute()
    return Path(str(url.database))


def open_store(
    target: str | Path | URL | None = None,
    *,
    create: bool = True,
    backup_before_migration: bool = True,
    keep_backups: int | None = None,
) -> Store:
    """Open (creating it if allowed) and migrate a store.

    An existing SQLite file must be a regular file whose schema is exactly what its revision's
    migrations create; it is backed up before any migration (older automatic backups beyond
    ``keep_backups``, by default the user's retention setting, are then deleted). A database
    whose schema is newer than this code is refused without being touched.
    """
    url = target if isinstance(target, URL) else resolve_url(target)
    location = display_location(url)
    if keep_backups is None:
        keep_backups = _retention()
    path: Path | None = None
    given = _given_file(target, url)
    if given is not None:
        verify.check_file_kind(given, location=location)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(str(url.database))
        if not path.exists():
            if not create:
                raise StoreMissing(location)
            with guard(location):
                path.parent.mkdir(parents=True, exist_ok=True)
        else:
            if not str(url.database).startswith("file:"):
                backup.clean_leftovers(path)
            if path.stat().st_size > 0:
                verify.verify_store_file(path, location=location, writable=True)

    try:
        engine = make_engine(url)
    except Exception as error:
        known = classify(error, location)
        if known is None:
            raise
        raise known from error
    made_backups: list[Path] = []
    try:
        with guard(location):
            with engine.connect() as connection:
                current = migrate.current_revision(connection)
                tables = migrate.has_tables(connection)
            head = migrate.head_revision()
            if current is None and tables:
                raise StoreNotAStore(location)
            if current is not None and current not in migrate.known_revisions():
                raise StoreTooNew(location, current)
            if current != head:
                if current is not None and path is not None and backup_before_migration:
                    made_backups.append(backup.make_backup(path, current, keep=keep_backups))
                    log.info("backed up %s before migrating from %s", path, current)
                with engine.begin() as connection:
                    migrate.upgrade(connection)
            with engine.connect() as connection:
                store_generation = generation.read(connection)
    except BaseException:
        engine.dispose()
        raise
    return Store(
        url=url,
        engine=engine,
        revision=head,
        backups=made_backups,
        generation=store_generation,
        keep_backups=keep_backups,
    )


def _retention() -> int:
    from ..settings import UserSettings  # JSON in the data folder: what the user chose

    return UserSettings.load().backup_retention


def inspect_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file, read without changing it; raises ``StoreError``
    when it is not a store this code may use (see ``verify``)."""
    return verify.verify_store_file(path, integrity=True)


def restore_store(
    store_path: Path,
    backup_file: Path,
    *,
    on_wait: Callable[[float], None] | None = None,
    keep_backups: int | None = None,
) -> Path:
    """Check the backup, back up the current store, then restore the backup into it (see
    ``restore``). Returns the path of the safety backup of the store as it was."""
    from .restore import restore

    keep = _retention() if keep_backups is None else keep_backups
    return restore(Path(store_path), Path(backup_file), on_wait=on_wait, keep=keep)
