"""Restoring a store from a backup file, safely while other windows and programs use it.

1. The file is examined without being opened (a FIFO, a device, a link or a folder is
   refused), then copied through SQLite into a private, locked ``.partial`` file beside the
   store: what is checked is exactly what is restored, whatever happens to the original.
2. That copy is checked (integrity, schema revision, every schema object) and brought to the
   current schema. Nothing of the store has been touched so far.
3. The store's write lock is taken (waiting a bounded, announced time for a writer to finish,
   else "the store is in use"), and under that one lock: the safety backup of the store as it
   is, then the copy's rows replace the store's in one transaction, with a new generation
   number. A save committed before the lock is in the safety backup; none can come between.
   SQLite's own transaction makes the swap atomic, also for a kill -9 in its middle.

A store that cannot be read (damaged, foreign, empty) is kept byte for byte as the safety
backup and the checked copy is renamed over it.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from . import backup, generation, migrate, verify
from .errors import StoreError, StoreInUse, StoreMissing, StoreNotAStore, classify

log = logging.getLogger(__name__)

LOCK_TIMEOUT_SECONDS = 10.0
FIRST_TRY_MS = 200


def restore(
    store_path: Path,
    backup_file: Path,
    *,
    on_wait: Callable[[float], None] | None = None,
    keep: int | None = None,
    lock_timeout: float | None = None,
) -> Path:
    source = str(backup_file)
    location = str(store_path)
    verify.check_file_kind(store_path, location=location)
    if not verify.check_file_kind(backup_file, location=source):
        raise StoreMissing(source)
    if not verify.has_sqlite_header(backup_file):
        raise StoreNotAStore(source)
    store_path = store_path.absolute()
    folder = store_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _known(error, location) from error
    backup.clean_leftovers(store_path)
    needed = 2 * backup.database_size(backup_file) + backup.database_size(store_path)
    backup.ensure_space(folder, needed, location)
    staged = folder / f"{backup.RESTORE_PREFIX}{secrets.token_hex(6)}{backup.PARTIAL}"
    try:
        with backup.held_partial(staged):
            _stage(backup_file, staged, source, location)
            return _swap(
                store_path,
                staged,
                on_wait,
                keep,
                LOCK_TIMEOUT_SECONDS if lock_timeout is None else lock_timeout,
            )
    except OSError as error:
        raise _known(error, location) from error


def _known(error: BaseException, location: str) -> BaseException:
    known = classify(error, location)
    return error if known is None else known


def _stage(backup_file: Path, staged: Path, source: str, location: str) -> None:
    """Copy, check and migrate the backup into ``staged``."""
    try:
        src = sqlite3.connect(f"{backup_file.absolute().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        raise _known(error, source) from error
    try:
        dst = sqlite3.connect(staged)
        try:
            try:
                src.backup(dst)
            except sqlite3.Error as error:
                # Reading the backup failed (damaged, not a database), or writing the copy
                # did (the store's disk is full): say which file.
                read_side = getattr(error, "sqlite_errorcode", 0) & 0xFF not in (13, 10)
                raise _known(error, source if read_side else location) from error
        finally:
            dst.close()
    finally:
        src.close()
    revision = verify.verify_store_file(staged, location=source, integrity=True, writable=True)
    if revision is None:
        raise StoreNotAStore(source)
    if revision != migrate.head_revision():
        from .store import open_store

        open_store(staged, backup_before_migration=False).close()
    connection = sqlite3.connect(staged, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
    finally:
        connection.close()


def _swap(
    store_path: Path,
    staged: Path,
    on_wait: Callable[[float], None] | None,
    keep: int | None,
    lock_timeout: float,
) -> Path:
    if not store_path.exists() or store_path.stat().st_size == 0:
        _replace_file(store_path, staged, None)
        return store_path
    try:
        current = verify.verify_store_file(store_path, writable=True)
    except StoreError as error:
        log.warning("restoring over a store that cannot be used (%s): its bytes are kept", error)
        safety = _keep_bytes(store_path)
        _replace_file(store_path, staged, safety)
        return safety
    if current is None:  # an empty database: nothing to keep
        _replace_file(store_path, staged, None)
        return store_path
    if current != migrate.head_revision():
        from .store import open_store

        open_store(store_path, keep_backups=keep).close()  # backed up, then migrated
    safety = _swap_rows(store_path, staged, on_wait, lock_timeout)
    if keep is not None:
        backup.prune_backups(store_path, keep)
    return safety


def _swap_rows(
    store_path: Path,
    staged: Path,
    on_wait: Callable[[float], None] | None,
    lock_timeout: float,
) -> Path:
    location = str(store_path)
    connection = sqlite3.connect(store_path, isolation_level=None, timeout=0)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")  # rows are replaced table by table
        connection.execute("ATTACH DATABASE ? AS incoming", (str(staged),))
        _take_write_lock(connection, location, on_wait, lock_timeout)
        try:
            # Under the lock: no save can land between this copy and the swap.
            safety = backup.make_backup(store_path, migrate.head_revision())
            new = generation.next_value(
                generation.read_raw(connection, "main"), generation.read_raw(connection, "incoming")
            )
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_stat%'"
                )
            ]
            for table in tables:
                columns = ", ".join(
                    '"' + row[1].replace('"', '""') + '"'
                    for row in connection.execute(f'PRAGMA main.table_info("{table}")')
                )
                connection.execute(f'DELETE FROM main."{table}"')
                connection.execute(
                    f'INSERT INTO main."{table}" ({columns}) '
                    f'SELECT {columns} FROM incoming."{table}"'
                )
            generation.write_raw(connection, new, "main")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        connection.execute("DETACH DATABASE incoming")
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # readers still on the old snapshot: SQLite checkpoints later
        return safety
    except sqlite3.Error as error:
        raise _known(error, location) from error
    finally:
        connection.close()


def _take_write_lock(
    connection: sqlite3.Connection,
    location: str,
    on_wait: Callable[[float], None] | None,
    timeout: float,
) -> None:
    """``BEGIN IMMEDIATE`` within ``timeout`` seconds; ``on_wait`` is told once when another
    writer makes us wait."""
    deadline = time.monotonic() + timeout
    connection.execute(f"PRAGMA busy_timeout = {FIRST_TRY_MS}")
    announced = False
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            text = str(error).lower()
            if "locked" not in text and "busy" not in text:
                raise
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise StoreInUse(location, f"{timeout:g}")
        if not announced and on_wait is not None:
            on_wait(timeout)
            announced = True
        connection.execute(f"PRAGMA busy_timeout = {int(min(remaining, 1.0) * 1000)}")


def _keep_bytes(store_path: Path) -> Path:
    """The safety backup of a store SQLite cannot read: its bytes, and its WAL beside."""
    safety = backup.backup_dir_for(store_path) / backup.backup_name(store_path, "damaged")
    safety.parent.mkdir(parents=True, exist_ok=True)
    backup.ensure_space(safety.parent, backup.database_size(store_path), str(store_path))
    partial = safety.with_name(safety.name + backup.PARTIAL)
    with backup.held_partial(partial):
        shutil.copyfile(store_path, partial)
        wal = Path(str(store_path) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, str(safety) + "-wal")
        os.replace(partial, safety)
    return safety


def _replace_file(store_path: Path, staged: Path, safety: Path | None) -> None:
    """Rename the checked copy over the store (which nobody can be using: it is absent,
    empty or unreadable)."""
    connection = sqlite3.connect(staged, isolation_level=None)
    try:
        generation.write_raw(connection, generation.next_value(generation.read_raw(connection)))
    finally:
        connection.close()
    os.replace(staged, store_path)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(store_path) + suffix).unlink(missing_ok=True)
    log.info("restored %s by replacing the file (safety copy: %s)", store_path, safety)
