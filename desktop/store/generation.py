"""The store's generation: a number a restore changes, so that windows opened before it
notice that their store was replaced and reload before writing.

It lives in the ``store_setting`` table (no schema change), read with plain SQL so that the
same code serves SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import Connection, text

KEY = "store_generation"


def _parse(value: object) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def read(connection: Connection) -> int:
    row = connection.execute(
        text("SELECT value FROM store_setting WHERE key = :key"), {"key": KEY}
    ).first()
    return 0 if row is None else _parse(row[0])


def read_raw(connection: sqlite3.Connection, schema: str = "main") -> int:
    row = connection.execute(
        f"SELECT value FROM {schema}.store_setting WHERE key = ?", (KEY,)
    ).fetchone()
    return 0 if row is None else _parse(row[0])


def next_value(*seen: int) -> int:
    """Greater than every generation seen, and than any a window could remember from a store
    that could not be read (a damaged one): the clock in seconds is a floor."""
    return max(*seen, int(time.time())) + 1


def write_raw(connection: sqlite3.Connection, value: int, schema: str = "main") -> None:
    connection.execute(
        f"INSERT OR REPLACE INTO {schema}.store_setting (key, value) VALUES (?, ?)",
        (KEY, str(value)),
    )
