"""Checks a store file must pass before it is used: what kind of file it is, which revision it
declares, and whether its schema is exactly what that revision's migrations create.

A folder, a symbolic link or a special file is refused from ``lstat`` alone: opening a FIFO
blocks until someone writes to it, a device never ends, and a link may point anywhere.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..i18n import N_, _
from . import schema
from .errors import (
    StoreCorrupt,
    StoreError,
    StoreForeignSchema,
    StoreMissing,
    StoreNoRevision,
    StoreNotAFile,
    StoreNotAStore,
    StoreTooNew,
    classify,
)

SQLITE_HEADER = b"SQLite format 3\x00"
SHOWN_DIFFERENCES = 6


def check_file_kind(path: Path, *, location: str | None = None) -> bool:
    """Raise ``StoreNotAFile`` unless ``path`` is a regular file or absent (True when it
    exists). The path itself is examined, not what a link points to."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        known = classify(error, location or str(path))
        raise known if known is not None else StoreMissing(location or str(path)) from error
    where = location or str(path)
    if stat.S_ISLNK(mode):
        raise StoreNotAFile(where, "link")
    if stat.S_ISDIR(mode):
        raise StoreNotAFile(where, "folder")
    if not stat.S_ISREG(mode):
        raise StoreNotAFile(where, "special")
    return True


def has_sqlite_header(path: Path) -> bool:
    """Read the first bytes without blocking: the kind of file was checked, but it may have
    been swapped for a FIFO since."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return False
        return os.read(handle, 16) == SQLITE_HEADER
    finally:
        os.close(handle)


@contextmanager
def read_connection(path: Path, *, writable: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection that never creates the file; ``writable`` lets SQLite recover a journal
    left by a crash (the store's own open does the same), else the file is only read."""
    mode = "rw" if writable and os.access(path, os.W_OK) else "ro"
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode={mode}", uri=True, timeout=5)
    try:
        connection.execute("PRAGMA trusted_schema = OFF")
        yield connection
    finally:
        connection.close()


def declared_revision(connection: sqlite3.Connection, location: str) -> str | None:
    """The revision in ``alembic_version``; None for a database without any table (a new
    store). Refuses an empty or odd version table and a revision this code does not know."""
    from . import migrate

    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not tables:
        return None
    if schema.VERSION_TABLE not in tables:
        raise StoreNotAStore(location)
    try:
        rows = connection.execute(f"SELECT version_num FROM {schema.VERSION_TABLE}").fetchall()
    except sqlite3.OperationalError as error:
        raise StoreNoRevision(location) from error
    if len(rows) != 1 or not isinstance(rows[0][0], str) or not rows[0][0]:
        raise StoreNoRevision(location)
    revision = rows[0][0]
    if revision not in migrate.known_revisions():
        raise StoreTooNew(location, revision)
    return revision


# Longest first: "virtual table x" is not "table x".
OBJECT_LABELS = (
    ("virtual table", N_("virtual table {name}")),
    ("foreign key", N_("foreign key {name}")),
    ("table", N_("table {name}")),
    ("column", N_("column {name}")),
    ("index", N_("index {name}")),
    ("trigger", N_("trigger {name}")),
    ("view", N_("view {name}")),
    ("page_size", N_("page size {name}")),
    ("encoding", N_("text encoding {name}")),
)


# Keys "<kind> <table>: <text>" of what only the text of CREATE TABLE holds.
TABLE_TEXT_LABELS = (
    ("check", N_("CHECK constraint on {table}: {text}")),
    ("on conflict", N_("ON CONFLICT clause on {table}: {text}")),
    ("options", N_("options of table {table}: {text}")),
)
SHOWN_EXPRESSION = 200  # every expression our migrations write fits; a hostile one may not


def _label(item: str) -> str:
    if item.startswith("collation "):
        column, _space, collation = item[len("collation ") :].rpartition(" ")
        return _("collation {collation} of column {column}").format(
            collation=collation, column=column
        )
    for kind, label in TABLE_TEXT_LABELS:
        if item.startswith(kind + " "):
            table, _colon, text = item[len(kind) + 1 :].partition(": ")
            if len(text) > SHOWN_EXPRESSION:
                text = text[: SHOWN_EXPRESSION - 1] + "…"
            return _(label).format(table=table, text=text)
    for kind, label in OBJECT_LABELS:
        if item.startswith(kind + " "):
            return _(label).format(name=item[len(kind) + 1 :])
    return item


def describe(difference: schema.Difference) -> str:
    """The differences in words, the first few of each family."""
    parts: list[str] = []
    for label, items in (
        (_("not created by this application: {items}"), difference.foreign),
        (_("missing: {items}"), difference.missing),
        (_("different: {items}"), difference.changed),
    ):
        if items:
            shown = ", ".join(_label(item) for item in items[:SHOWN_DIFFERENCES])
            if len(items) > SHOWN_DIFFERENCES:
                shown += " " + _("and {count} more").format(count=len(items) - SHOWN_DIFFERENCES)
            parts.append(label.format(items=shown))
    return "; ".join(parts)


def verify_connection(
    connection: sqlite3.Connection, location: str, *, integrity: bool = False
) -> str | None:
    """The revision of the database on ``connection`` once it has passed every check."""
    if integrity:
        check = connection.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise StoreCorrupt(location)
    revision = declared_revision(connection, location)
    if revision is None:
        return None
    expected = schema.expected_layout(revision)
    actual = schema.read_layout(connection, only=schema.expected_tables(expected))
    difference = schema.compare(actual, expected)
    if difference:
        raise StoreForeignSchema(location, describe(difference))
    if integrity and connection.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise StoreCorrupt(location)
    return revision


def verify_store_file(
    path: Path, *, location: str | None = None, integrity: bool = False, writable: bool = False
) -> str | None:
    """Check the file at ``path`` is a store this code may use, without changing it.

    Returns its revision (None for an empty database). Raises ``StoreError``: not a regular
    file, not a database, damaged, no or unknown revision, or a schema other than the one its
    revision's migrations create."""
    where = location or str(path)
    if not check_file_kind(path, location=where):
        raise StoreMissing(where)
    if not has_sqlite_header(path):
        raise StoreNotAStore(where)
    try:
        with read_connection(path, writable=writable) as connection:
            return verify_connection(connection, where, integrity=integrity)
    except StoreError:
        raise
    except sqlite3.Error as error:
        known = classify(error, where)
        if known is None:
            raise
        raise known from error
