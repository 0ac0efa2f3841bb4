"""Opening a store: resolve its location, check its schema, back up, migrate, hand out sessions."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session

from .. import paths
from . import backup, migrate
from .engine import WRITE_TRANSACTION, make_engine
from .errors import StoreError, StoreMissing, StoreNotAStore, StoreTooNew, classify

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
                begin_write(session)
                yield session
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def backup(self, out: Path | None = None) -> Path:
        if self.path is None:
            raise StoreError(self.location, "backup of a server database")
        with guard(self.location):
            return backup.make_backup(self.path, self.revision, out=out)

    def close(self) -> None:
        self.engine.dispose()


def begin_write(session: Session, *, wait_ms: int | None = None) -> None:
    """Begin the session's transaction as one that writes: on SQLite it holds the write lock
    from its first read to its commit (waiting for it up to the busy timeout, or ``wait_ms``
    milliseconds), so writers
    are serialised and each reads what the previous one committed; the version check of the
    UPDATE then decides conflicts as it does on PostgreSQL."""
    session.connection(execution_options={WRITE_TRANSACTION: wait_ms or True})


@contextmanager
def guard(location: str) -> Iterator[None]:
    """Turn known driver and OS errors into ``StoreError``; let bugs through untouched."""
    try:
        yield
    except StoreError:
        raise
    except (sa_exc.DBAPIError, OSError) as error:
        known = classify(error, location)
        if known is None:
            raise
        raise known from error


def open_store(
    target: str | Path | URL | None = None,
    *,
    create: bool = True,
    backup_before_migration: bool = True,
) -> Store:
    """Open (creating it if allowed) and migrate a store.

    An existing SQLite file is backed up before any migration; a database whose schema is
    newer than this code is refused without being touched.
    """
    url = target if isinstance(target, URL) else resolve_url(target)
    location = display_location(url)
    path: Path | None = None
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(str(url.database))
        if not path.exists():
            if not create:
                raise StoreMissing(location)
            with guard(location):
                path.parent.mkdir(parents=True, exist_ok=True)
        elif path.stat().st_size > 0 and not backup.is_sqlite_file(path):
            raise StoreNotAStore(location)

    engine = make_engine(url)
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
                    made_backups.append(backup.make_backup(path, current))
                    log.info("backed up %s before migrating from %s", path, current)
                with engine.begin() as connection:
                    migrate.upgrade(connection)
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
    except BaseException:
        engine.dispose()
        raise
    return Store(url=url, engine=engine, revision=head, backups=made_backups)


def inspect_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file, opened read-only; raises ``StoreError`` when it is
    not a store this code can read."""
    location = str(path)
    if not path.exists():
        raise StoreMissing(location)
    if not backup.is_sqlite_file(path):
        raise StoreNotAStore(location)
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                from .errors import StoreCorrupt

                raise StoreCorrupt(location)
            try:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError as error:
                raise StoreNotAStore(location) from error
        finally:
            connection.close()
    except sqlite3.Error as error:
        known = classify(error, location)
        if known is None:
            raise
        raise known from error
    revision = row[0] if row else None
    if revision is not None and revision not in migrate.known_revisions():
        raise StoreTooNew(location, revision)
    return revision


def restore_store(store_path: Path, backup_file: Path) -> Path:
    """Check the backup, back up the current store, then restore the backup into it.

    Returns the path of the safety backup of the store as it was.
    """
    inspect_revision(backup_file)  # raises on anything that is not a valid, known store
    safety: Path
    with guard(str(store_path)):
        if store_path.exists():
            try:
                current_rev = inspect_revision(store_path)
                safety = backup.make_backup(store_path, current_rev)
            except StoreError:
                # A damaged store is what one restores over: keep its bytes as they are.
                safety = backup.backup_dir_for(store_path) / backup.backup_name(
                    store_path, "damaged"
                )
                safety.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(store_path, safety)
                for suffix in ("-wal", "-shm"):
                    Path(str(store_path) + suffix).unlink(missing_ok=True)
        else:
            safety = store_path
            store_path.parent.mkdir(parents=True, exist_ok=True)
        backup.restore_into(backup_file, store_path)
    # An older backup is brought to the current schema (after its own backup).
    open_store(store_path).close()
    return safety
