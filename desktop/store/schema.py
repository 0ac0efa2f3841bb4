"""What a store file holds, compared with what this code's migrations create.

A ``.pcaet`` file travels by mail and USB key: an extra trigger, view or table, a renamed
column or an odd page size would be copied into backups and break or wipe the store at the next
edit. Before a file is used (opened, restored from), its ``sqlite_master`` and layout settings
are compared with those of a database the migrations build at the file's own revision. The
expected side is derived, never written by hand, so each new migration is covered as it lands;
it is cached per revision (in the process, and on disk keyed by a hash of the migration files,
since running them takes half a second).

The comparison is structural (columns with type, nullability, default and key; indexes with
their columns; foreign keys; triggers and views by their normalised SQL) rather than the text
of ``CREATE TABLE``: that text depends on the SQLAlchemy version that wrote the file. What only
that text holds (CHECK constraints, column collations, ON CONFLICT clauses, WITHOUT ROWID and
STRICT) is read from its tokens (``table_sql``): an extra CHECK can refuse every later write, a
collation changes what is equal and how names sort, ON CONFLICT REPLACE deletes a row silently.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import table_sql

log = logging.getLogger(__name__)

VERSION_TABLE = "alembic_version"
# Tables SQLite manages itself: the AUTOINCREMENT counters are compared like any table, the
# statistics ANALYZE writes only steer the query planner.
PLANNER_TABLES = ("sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4")
CACHE_FORMAT = 2  # 2: what only the text of CREATE TABLE holds


@dataclass(frozen=True)
class Layout:
    """The objects of a database (key -> description) and its file settings."""

    objects: Mapping[str, str]
    settings: Mapping[str, str]


@dataclass(frozen=True)
class Difference:
    """What differs from the expected schema; each entry names one object."""

    foreign: tuple[str, ...]  # present in the file, not created by the migrations
    missing: tuple[str, ...]  # created by the migrations, absent from the file
    changed: tuple[str, ...]  # present in both with another definition

    def __bool__(self) -> bool:
        return bool(self.foreign or self.missing or self.changed)


def _normalise_sql(sql: str | None) -> str:
    return re.sub(r"\s+", " ", (sql or "").strip()).lower()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_layout(connection: sqlite3.Connection, *, only: set[str] | None = None) -> Layout:
    """The layout of the database on ``connection``; the details of tables are read for the
    tables in ``only`` (the expected ones) alone: a foreign table is named, never inspected."""
    objects: dict[str, str] = {}
    rows = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    for kind, name, table, sql in rows:
        if name in PLANNER_TABLES:
            continue
        if kind == "table":
            if sql and _normalise_sql(sql).startswith("create virtual table"):
                objects[f"virtual table {name}"] = _normalise_sql(sql)
                continue
            objects[f"table {name}"] = ""
            if only is not None and name not in only:
                continue
            _read_table(connection, name, sql or "", objects)
        elif kind in ("trigger", "view"):
            objects[f"{kind} {name}"] = f"{table}: {_normalise_sql(sql)}"
        elif kind == "index":
            # Indexes are read with their table (PRAGMA index_list); one on a foreign table
            # is foreign with it.
            if only is not None and table not in only:
                objects[f"index {name}"] = f"on {table}"
        else:
            objects[f"{kind} {name}"] = _normalise_sql(sql)
    settings = {
        "page_size": str(connection.execute("PRAGMA page_size").fetchone()[0]),
        "encoding": str(connection.execute("PRAGMA encoding").fetchone()[0]),
    }
    return Layout(objects, settings)


def _read_table(
    connection: sqlite3.Connection, name: str, sql: str, objects: dict[str, str]
) -> None:
    quoted = _quote(name)
    columns: list[str] = []
    for _cid, column, kind, notnull, default, pk, hidden in connection.execute(
        f"PRAGMA table_xinfo({quoted})"
    ):
        columns.append(column)
        objects[f"column {name}.{column}"] = (
            f"{(kind or '').upper()} notnull={notnull} default={default} pk={pk} hidden={hidden}"
        )
    # Keyed by their whole definition: an altered one is a foreign one plus a missing one.
    extras = table_sql.table_extras(sql, columns)
    for expression in extras.checks:
        objects[f"check {name}: {expression}"] = ""
    for column, collation in extras.collations:
        objects[f"collation {name}.{column} {collation}"] = ""
    for definition in extras.conflicts:
        objects[f"on conflict {name}: {definition}"] = ""
    if extras.options:
        objects[f"options {name}: {extras.options}"] = ""
    keys: dict[int, list[str]] = {}
    for fk_id, _seq, target, source, to, on_update, on_delete, match in connection.execute(
        f"PRAGMA foreign_key_list({quoted})"
    ):
        keys.setdefault(fk_id, []).append(
            f"{source}->{target}.{to} update={on_update} delete={on_delete} match={match}"
        )
    for described in sorted(", ".join(parts) for parts in keys.values()):
        objects[f"foreign key {name}({described.split('->')[0]})"] = described
    for _seq, index, unique, origin, partial in connection.execute(f"PRAGMA index_list({quoted})"):
        columns = [
            f"{col}{' desc' if desc else ''} {coll}"
            for _seqno, _cid, col, desc, coll, key in connection.execute(
                f"PRAGMA index_xinfo({_quote(index)})"
            )
            if key
        ]
        sql = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)
        ).fetchone()
        where = _normalise_sql(sql[0]).partition(" where ")[2] if sql and partial else ""
        objects[f"index {index}"] = (
            f"on {name}({', '.join(columns)}) unique={unique} origin={origin} where={where}"
        )


def compare(actual: Layout, expected: Layout) -> Difference:
    foreign = tuple(sorted(k for k in actual.objects if k not in expected.objects))
    missing = tuple(sorted(k for k in expected.objects if k not in actual.objects))
    changed = [
        k
        for k in expected.objects
        if k in actual.objects and actual.objects[k] != expected.objects[k]
    ]
    changed += [
        f"{k} {actual.settings.get(k)}"
        for k in expected.settings
        if actual.settings.get(k) != expected.settings[k]
    ]
    return Difference(foreign, missing, tuple(sorted(changed)))


def expected_tables(layout: Layout) -> set[str]:
    return {key.split(" ", 1)[1] for key in layout.objects if key.startswith("table ")}


# -- the expected side: what the migrations build --------------------------------------------


def _migrations_fingerprint() -> str:
    from . import migrate

    digest = hashlib.sha256()
    for path in sorted((migrate.MIGRATIONS_DIR / "versions").glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(sqlite3.sqlite_version.encode())
    digest.update(str(CACHE_FORMAT).encode())
    return digest.hexdigest()[:24]


def expected_layout(revision: str) -> Layout:
    """The layout the migrations create at ``revision`` (cached)."""
    from . import migrate

    return _expected_layout(revision, str(migrate.MIGRATIONS_DIR), _migrations_fingerprint())


@cache
def _expected_layout(revision: str, _migrations: str, fingerprint: str) -> Layout:
    cache_file = _cache_dir() / f"schema-{revision}-{fingerprint}.json"
    try:
        raw = json.loads(cache_file.read_text(encoding="utf-8"))
        return Layout(dict(raw["objects"]), dict(raw["settings"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    layout = _build_layout(revision)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=cache_file.parent, suffix=".partial")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"objects": dict(layout.objects), "settings": dict(layout.settings)}, stream)
        os.replace(partial, cache_file)
    except OSError as error:  # a cache only: the next run derives it again
        log.info("schema cache not written to %s: %s", cache_file, error)
    return layout


def _cache_dir() -> Path:
    from .. import paths

    return paths.cache_dir()


def _build_layout(revision: str) -> Layout:
    """Run the migrations up to ``revision`` into a private temporary database file (a file,
    not memory: the page size must be the one a store file gets)."""
    from sqlalchemy.engine import URL

    from . import migrate
    from .engine import make_engine

    with tempfile.TemporaryDirectory(prefix="pcaet-schema-") as folder:
        path = Path(folder) / "expected.pcaet"
        engine = make_engine(URL.create("sqlite", database=str(path)))
        try:
            with engine.begin() as migrating:
                migrate.upgrade(migrating, revision)
        finally:
            engine.dispose()
        connection = sqlite3.connect(path)
        try:
            return read_layout(connection)
        finally:
            connection.close()
