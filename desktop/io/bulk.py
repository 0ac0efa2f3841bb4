"""Bulk upsert of observations with their change log, for imports of 100,000 rows.

Going through one ORM object per row would take ten times longer than reading the file, so
existing values are fetched in one query per chunk of indicators and compared as text, new
rows go in with one ``executemany`` per chunk, and the caller holds the one transaction.

The change log keeps one entry per changed field of an existing observation (old and new
value, the file as source), as every other write does. The observations an import *creates*
are logged as one entry per indicator ("200 values, 1975-2024, 4 territories", the file as
source): a row per created value doubled the size of the store and the time of an import,
and nothing reads the creation of one imported value on its own (the committee report
compares snapshots, the history tab shows actions).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from ..models import ChangeKind, ChangeLog, Observation, ObservationKind, ValueOrigin, utcnow
from ..progress import Progress
from ..services.changes import Actor, to_text
from .parsing import decimal_text

CHUNK = 500  # keys per IN (...) query, well under SQLite's variable limit
INSERT_CHUNK = 10_000  # rows inserted per executemany (bounds the memory of the tuples)


class StaleValues(Exception):
    """Stored values changed by someone else between the import's read and its write."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} observations changed since they were read")
        self.count = count


class ChangeWriter:
    """Change-log rows collected during an import and written in one ``executemany``."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.rows: list[dict[str, Any]] = []
        self.now = utcnow()

    def _add(self, **values: Any) -> None:
        values.setdefault("field", "")
        values.setdefault("old_value", None)
        values.setdefault("new_value", None)
        values.setdefault("parent_entity", "")
        values.setdefault("parent_uuid", "")
        values.update(at=self.now, user=self.actor.user, source=self.actor.source)
        self.rows.append(values)

    def created(
        self,
        entity: str,
        entity_id: int | None,
        uuid: str,
        values: dict[str, Any],
        parent: tuple[str, str] = ("", ""),
    ) -> None:
        self._add(
            entity=entity,
            entity_id=entity_id,
            entity_uuid=uuid,
            kind=ChangeKind.CREATE,
            new_value=json.dumps({k: to_text(v) for k, v in values.items()}, ensure_ascii=False),
            parent_entity=parent[0],
            parent_uuid=parent[1],
        )

    def created_json(self, entity: str, entity_id: int, uuid: str, values_json: str) -> None:
        """``created`` with the values already as the log's JSON text (for thousands)."""
        self._add(
            entity=entity,
            entity_id=entity_id,
            entity_uuid=uuid,
            kind=ChangeKind.CREATE,
            new_value=values_json,
        )

    def created_batch(self, entity: str, summary: dict[str, Any], parent: tuple[str, str]) -> None:
        """Many ``entity`` rows created under one parent: one entry, no entity of its own."""
        self._add(
            entity=entity,
            entity_id=None,
            entity_uuid="",
            kind=ChangeKind.CREATE,
            new_value=json.dumps({k: to_text(v) for k, v in summary.items()}, ensure_ascii=False),
            parent_entity=parent[0],
            parent_uuid=parent[1],
        )

    def updated(
        self,
        entity: str,
        entity_id: int,
        uuid: str,
        field: str,
        old: Any,
        new: Any,
        parent: tuple[str, str] = ("", ""),
    ) -> None:
        self._add(
            entity=entity,
            entity_id=entity_id,
            entity_uuid=uuid,
            kind=ChangeKind.UPDATE,
            field=field,
            old_value=to_text(old),
            new_value=to_text(new),
            parent_entity=parent[0],
            parent_uuid=parent[1],
        )

    def write(self, session: Session) -> None:
        if not self.rows:
            return
        log = ChangeLog.__table__  # type: ignore[attr-defined]
        connection = session.connection()
        if connection.dialect.name == "sqlite" and len(self.rows) > 100:
            # Thousands of entries (an observatory's indicators): the plain cursor, the
            # values as SQLAlchemy would store them (naive UTC text, enum values).
            raw = connection.connection.driver_connection
            assert raw is not None
            names = list(self.rows[0])
            processors = [log.c[name].type.bind_processor(connection.dialect) for name in names]
            # The time stamp and kind repeat on every row: each is converted once.
            converted: list[dict[Any, Any]] = [{} for _name in names]

            def convert(index: int, value: Any) -> Any:
                process = processors[index]
                if process is None or value is None:
                    return value
                known = converted[index]
                if value not in known:
                    known[value] = process(value)
                return known[value]

            raw.executemany(
                f"INSERT INTO change_log ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})",
                [tuple(convert(i, row[n]) for i, n in enumerate(names)) for row in self.rows],
            )
        else:
            session.execute(sa.insert(log), self.rows)
        self.rows = []


class ObservationRow(NamedTuple):
    """One value to store (a tuple: 100,000 of them are made per large import)."""

    indicator_id: int
    indicator_uuid: str
    territory_id: int
    year: int
    value: str  # canonical decimal text ("1234.5"), as SQLite holds it
    comment: str = ""
    source: str = ""
    kind: ObservationKind = ObservationKind.MEASURED
    origin: ValueOrigin = ValueOrigin.AUTHORITY


@dataclass
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class OrderedUuids:
    """UUID strings in increasing order (the layout of version 7: milliseconds since 1970,
    then random bits, here a random start plus a counter). New keys land at the end of the
    unique index instead of on random pages all over it: random (version 4) keys made the
    insert of 100,000 rows 1.7 times slower. The random part keeps them unique across copies
    of the store."""

    def __init__(self) -> None:
        self.prefix = f"{time.time_ns() // 1_000_000:012x}"
        random = int.from_bytes(os.urandom(10), "big")
        self.rand_a = random >> 68  # 12 bits
        self.counter = random & ((1 << 61) - 1)  # leaves room for 2**61 more keys

    def take(self, count: int) -> list[str]:
        head = f"{self.prefix[:8]}-{self.prefix[8:]}-7{self.rand_a:03x}-"
        start, self.counter = self.counter | (1 << 63), self.counter + count
        end = start + count  # the variant bits "10" come from 1 << 63
        out: list[str] = []
        # The last group (48 bits) counts; the group before it changes only every 2**48
        # keys: formatted with one ``%`` per key, mapped in C.
        while start < end:
            high, low = start >> 48, start & _LOW_48
            stop = min(end - start, (1 << 48) - low)
            pattern = f"{head}{high:04x}-%012x"
            out.extend(map(pattern.__mod__, range(low, low + stop)))
            start += stop
        return out


_LOW_48 = (1 << 48) - 1


# (indicator_id, territory_id, year) -> (id, value as canonical text, comment, source); the
# comment or source is None when it equals ``usual``, the file's first row's (files repeat
# one comment or source on every row).
Existing = dict[tuple[int, int, int], tuple[int, str, str | None, str | None]]


def _existing(
    session: Session,
    kind: ObservationKind,
    origin: ValueOrigin,
    indicator_ids: list[int],
    usual: tuple[str, str],
) -> Existing:
    """The stored observations of these indicators, kind and origin (another origin's value of
    the same year is another observation). On SQLite through the plain
    ``sqlite3`` cursor of the session's transaction: SQLAlchemy's result processing (a Decimal
    per row) was most of the time of a re-import. Values are compared as canonical text; a
    comment or source equal to ``usual`` comes back as None, which saves making 100,000
    copies of the same text."""
    table = Observation.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    found: Existing = {}
    if connection.dialect.name == "sqlite":
        raw = connection.connection.driver_connection
        assert raw is not None
        kind_value = _processor(table.c.kind, connection.dialect)(kind)
        origin_value = _processor(table.c.origin, connection.dialect)(origin)
        for chunk in _chunks(indicator_ids):
            marks = ",".join("?" * len(chunk))
            cursor = raw.execute(
                "SELECT indicator_id, territory_id, year, id, value, "
                "CASE WHEN comment = ? THEN NULL ELSE comment END, "
                "CASE WHEN source = ? THEN NULL ELSE source END "
                f"FROM observation WHERE kind = ? AND origin = ? AND indicator_id IN ({marks})",
                [*usual, kind_value, origin_value, *chunk],
            )
            # Built by zip and dict, in C: a generator per row was a fifth of a re-import.
            fetched = list(zip(*cursor.fetchall(), strict=True)) or [()] * 7
            found.update(
                zip(zip(*fetched[:3], strict=True), zip(*fetched[3:], strict=True), strict=True)
            )
        return found
    columns = [
        table.c.indicator_id,
        table.c.territory_id,
        table.c.year,
        table.c.id,
        table.c.value,
        table.c.comment,
        table.c.source,
    ]
    for chunk in _chunks(indicator_ids):
        for r in session.execute(
            sa.select(*columns).where(
                table.c.kind == kind, table.c.origin == origin, table.c.indicator_id.in_(chunk)
            )
        ):
            found[(r[0], r[1], r[2])] = (r[3], decimal_text(r[4]), r[5] or "", r[6] or "")
    return found


def _processor(column: Any, dialect: Any) -> Any:
    """The bind processor of a column (identity when it has none)."""
    process = column.type.bind_processor(dialect)
    return process if process is not None else (lambda value: value)


def upsert_observations(
    session: Session,
    rows: dict[tuple[int, int, int], ObservationRow],
    changes: ChangeWriter,
    progress: Progress | None = None,
) -> UpsertCounts:
    """Insert new observations, update changed ones, leave equal ones alone; ``rows`` are
    keyed by (indicator id, territory id, year). A file's empty comment or source does not
    erase the stored one (as ``set_observation`` does)."""
    counts = UpsertCounts()
    inserts: list[ObservationRow] = []
    updates: list[tuple[ObservationRow, int, dict[str, Any], dict[str, Any]]] = []
    kinds = {(r.kind, r.origin) for r in rows.values()}
    for kind, origin in sorted(kinds):
        of_kind = (
            rows
            if len(kinds) == 1
            else {k: r for k, r in rows.items() if r.kind is kind and r.origin is origin}
        )
        first = next(iter(of_kind.values()))
        usual = (first.comment, first.source)
        existing = _existing(session, kind, origin, sorted({k[0] for k in of_kind}), usual)
        if progress is not None:
            progress.check()
        get = existing.get
        for key, row in of_kind.items():
            current = get(key)
            if current is None:
                inserts.append(row)
                continue
            current_id, value, comment, source = current
            if comment is None:
                comment = usual[0]
            if source is None:
                source = usual[1]
            text = row.value
            if (
                value == text
                and (not row.comment or row.comment == comment)
                and (not row.source or row.source == source)
            ):
                counts.unchanged += 1
                continue
            old = {"value": Decimal(value), "comment": comment, "source": source}
            changed: dict[str, Any] = {}
            if value != text:
                changed["value"] = Decimal(text)
            if row.comment and row.comment != comment:
                changed["comment"] = row.comment
            if row.source and row.source != source:
                changed["source"] = row.source
            updates.append((row, current_id, old, changed))
    if progress is not None:
        progress.check()
    if inserts:
        if session.get_bind().dialect.name == "sqlite":
            _insert_sqlite(session, inserts)
        else:
            _insert_core(session, inserts)
        _log_created(inserts, changes)
        counts.inserted = len(inserts)
    if updates:
        _update(session, updates, changes)
        counts.updated = len(updates)
    changes.write(session)
    return counts


def _update(
    session: Session,
    updates: list[tuple[ObservationRow, int, dict[str, Any], dict[str, Any]]],
    changes: ChangeWriter,
) -> None:
    """Changed observations: one log entry per changed field, the version bumped."""
    table = Observation.__table__  # type: ignore[attr-defined]
    keys: dict[int, tuple[str, int]] = {}
    for chunk in _chunks([current_id for _row, current_id, _old, _new in updates]):
        for found in session.execute(
            sa.select(table.c.id, table.c.uuid, table.c.version).where(table.c.id.in_(chunk))
        ):
            keys[found[0]] = (found[1], found[2])
    now = utcnow()
    values = []
    for row, current_id, old, changed in updates:
        uuid, version = keys[current_id]
        for field, new in changed.items():
            changes.updated(
                "observation",
                current_id,
                uuid,
                field,
                old[field],
                new,
                ("indicator", row.indicator_uuid),
            )
        merged = {**old, **changed}
        values.append(
            {
                "b_id": current_id,
                "b_version": version,
                "value": merged["value"],
                "comment": merged["comment"],
                "source": merged["source"],
                "version": version + 1,
                "updated_at": now,
            }
        )
    _write_updates(session, values)


def _write_updates(session: Session, values: list[dict[str, Any]]) -> None:
    """The UPDATEs carry the version read, as every save does (``models.base``): a value
    someone else saved since the import read it is not overwritten, the import stops
    (``ConflictError``, which the importer reports) and nothing of it is written."""
    table = Observation.__table__  # type: ignore[attr-defined]
    statement = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("b_id"), table.c.version == sa.bindparam("b_version"))
        .values(
            value=sa.bindparam("value"),
            comment=sa.bindparam("comment"),
            source=sa.bindparam("source"),
            version=sa.bindparam("version"),
            updated_at=sa.bindparam("updated_at"),
        )
    )
    matched = session.connection().execute(statement, values).rowcount
    if matched != len(values):
        raise StaleValues(len(values) - matched)


def _log_created(inserts: list[ObservationRow], changes: ChangeWriter) -> None:
    """One creation entry per indicator: how many values, which years, how many territories."""
    per_indicator: dict[str, list[ObservationRow]] = {}
    for row in inserts:
        found = per_indicator.get(row.indicator_uuid)
        if found is None:
            per_indicator[row.indicator_uuid] = [row]
        else:
            found.append(row)
    for uuid, rows in per_indicator.items():
        years = [r.year for r in rows]
        changes.created_batch(
            "observation",
            {
                "observations": len(rows),
                "first_year": min(years),
                "last_year": max(years),
                "territories": len({r.territory_id for r in rows}),
            },
            ("indicator", uuid),
        )


def _insert_sqlite(session: Session, rows: list[ObservationRow]) -> None:
    """Straight ``sqlite3`` executemany inside the session's transaction: about five times
    faster than Core for 100,000 rows. The values the rows share (time stamps, version,
    kind) are written once into the statement rather than bound 100,000 times."""
    table = Observation.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    # Stored as SQLAlchemy's SQLite DateTime does: naive UTC text with microseconds.
    stamp = utcnow().replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    raw = connection.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    # A larger page cache (64 MB, for this connection, put back afterwards) keeps the
    # index pages being filled in memory until the commit.
    cache_size = cursor.execute("PRAGMA cache_size").fetchone()[0]
    cursor.execute("PRAGMA cache_size = -65536")
    uuids = OrderedUuids()
    by_kind: dict[tuple[ObservationKind, ValueOrigin], list[ObservationRow]] = {}
    for row in rows:
        by_kind.setdefault((row.kind, row.origin), []).append(row)
    try:
        for (kind, origin), of_kind in by_kind.items():
            kind_value = _processor(table.c.kind, connection.dialect)(kind)
            origin_value = _processor(table.c.origin, connection.dialect)(origin)
            sql = (
                "INSERT INTO observation (uuid, created_at, updated_at, version, indicator_id, "
                "territory_id, year, value, kind, origin, source, comment) "
                "VALUES (?, :stamp, :stamp, 1, ?, ?, ?, ?, :kind, :origin, ?, ?)"
            )
            # The literals come from this code (a formatted time stamp, enum values).
            sql = (
                sql.replace(":stamp", f"'{stamp}'")
                .replace(":kind", f"'{kind_value}'")
                .replace(":origin", f"'{origin_value}'")
            )
            # In chunks: the tuples and UUIDs of a whole 100,000-row file at once would
            # raise the import's peak memory.
            for chunk in _chunks(of_kind, INSERT_CHUNK):
                cursor.executemany(
                    sql,
                    [
                        (
                            uuid,
                            row.indicator_id,
                            row.territory_id,
                            row.year,
                            row.value,
                            row.source,
                            row.comment,
                        )
                        for row, uuid in zip(chunk, uuids.take(len(chunk)), strict=True)
                    ],
                )
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        cursor.close()


def _insert_core(session: Session, rows: list[ObservationRow]) -> None:
    table = Observation.__table__  # type: ignore[attr-defined]
    now = utcnow()
    uuids = OrderedUuids()
    for chunk in _chunks(rows, INSERT_CHUNK):
        session.execute(
            sa.insert(table),
            [
                {
                    "uuid": uuid,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                    "indicator_id": row.indicator_id,
                    "territory_id": row.territory_id,
                    "year": row.year,
                    "value": Decimal(row.value),
                    "kind": row.kind,
                    "origin": row.origin,
                    "source": row.source,
                    "comment": row.comment,
                }
                for row, uuid in zip(chunk, uuids.take(len(chunk)), strict=True)
            ],
        )
