"""Engine creation with the SQLite settings the store relies on."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

BUSY_TIMEOUT_MS = 5000
# Execution option of a connection whose transaction will write: on SQLite it begins with
# ``BEGIN IMMEDIATE`` (the write lock at once, waiting up to the busy timeout for it), so
# that what the transaction reads is still true when it writes. Its value is True, or the
# number of milliseconds to wait for the lock instead of the busy timeout.
WRITE_TRANSACTION = "pcaet_write"


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, future=True)


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that
        # DDL in migrations is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if url.database and url.database != ":memory:":
                try:
                    cursor.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError as error:
                    # A read-only file cannot switch journal mode; it still opens for reading
                    # and writes fail with a clear message later.
                    if "readonly" not in str(error).lower():
                        raise
            # FULL: a committed transaction survives a power cut, not only a crash.
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred transaction that read, then writes after another connection committed,
        # fails at once with SQLITE_BUSY_SNAPSHOT ("database is locked"): two windows saving
        # the same record at once got that, not a conflict. Writers take the lock first.
        write = connection.get_execution_options().get(WRITE_TRANSACTION)
        if not write:
            connection.exec_driver_sql("BEGIN")
        elif write is True:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:  # a number: wait that many milliseconds at most for the lock (a polling caller)
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(write)}")
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            finally:
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    return engine
