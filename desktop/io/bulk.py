"""Bulk upsert of observations with their change log, for imports of 100,000 rows.

Going through one ORM object per row would take ten times longer than reading the file, so
existing keys are fetched in one query per chunk, new rows go in with Core ``executemany`` and
the change log is written the same way; the caller holds the one transaction.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from ..models import ChangeKind, ChangeLog, Observation, ObservationKind, utcnow
from ..models.base import new_uuid
from ..progress import Progress
from ..services.changes import Actor, entity_name, field_values, to_text

CHUNK = 500  # keys per IN (...) query, well under SQLite's variable limit
INSERT_CHUNK = 10_000  # rows inserted (and logged) per executemany


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
        self, entity: str, entity_id: int | None, uuid: str, values: dict[str, Any],
        parent: tuple[str, str] = ("", ""),
    ) -> None:
        self._add(
            entity=entity, entity_id=entity_id, entity_uuid=uuid, kind=ChangeKind.CREATE,
            new_value=json.dumps({k: to_text(v) for k, v in values.items()}, ensure_ascii=False),
            parent_entity=parent[0], parent_uuid=parent[1],
        )

    def updated(
        self, entity: str, entity_id: int, uuid: str, field: str, old: Any, new: Any,
        parent: tuple[str, str] = ("", ""),
    ) -> None:
        self._add(
            entity=entity, entity_id=entity_id, entity_uuid=uuid, kind=ChangeKind.UPDATE,
            field=field, old_value=to_text(old), new_value=to_text(new),
            parent_entity=parent[0], parent_uuid=parent[1],
        )

    def write(self, session: Session) -> None:
        if self.rows:
            log = ChangeLog.__table__  # type: ignore[attr-defined]
            session.execute(sa.insert(log), self.rows)
            self.rows = []


@dataclass(slots=True)
class ObservationRow:
    indicator_id: int
    indicator_uuid: str
    territory_id: int
    year: int
    value: Decimal
    kind: ObservationKind = ObservationKind.MEASURED
    comment: str = ""
    source: str = ""


@dataclass
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fast_uuids(count: int) -> list[str]:
    """Random (version 4) UUID strings, made from one ``os.urandom`` call: ``uuid4()`` per row
    is a sixth of the time of a 100,000-row import."""
    raw = os.urandom(16 * count).hex()
    out = []
    for start in range(0, 32 * count, 32):
        h = raw[start : start + 32]
        out.append(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}")
    return out


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def insert_entities(session: Session, entities: list[Any], changes: ChangeWriter) -> None:
    """Insert new entities of one table with Core and log their creation, as
    ``changes.create`` would, without one ORM flush each. Sets ``id`` on the objects."""
    if not entities:
        return
    table = type(entities[0]).__table__
    rows = []
    for entity in entities:
        values = {name: getattr(entity, name) for name in type(entity).model_fields
                  if name != "id"}
        rows.append(values)
    statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = [r[0] for r in session.execute(statement, rows)]
    for entity, new_id in zip(entities, ids, strict=True):
        entity.id = new_id
        changes.created(entity_name(entity), new_id, entity.uuid, field_values(entity))


def _processor(column: Any, dialect: Any) -> Any:
    """The bind processor of a column (identity when it has none)."""
    process = column.type.bind_processor(dialect)
    return process if process is not None else (lambda value: value)


def upsert_observations(
    session: Session,
    rows: list[ObservationRow],
    changes: ChangeWriter,
    progress: Progress | None = None,
) -> UpsertCounts:
    """Insert new observations, update changed ones, leave equal ones alone. A file's empty
    comment or source does not erase the stored one (as ``set_observation`` does)."""
    table = Observation.__table__  # type: ignore[attr-defined]
    counts = UpsertCounts()
    # key -> (id, uuid, value, comment, source, version); the value as SQLite holds it
    # (canonical text, turned into a Decimal only when compared) or a Decimal elsewhere.
    existing: dict[tuple[int, int, int, str], tuple[Any, ...]] = {}
    indicator_ids = sorted({r.indicator_id for r in rows})
    columns = [table.c.id, table.c.uuid, table.c.indicator_id, table.c.territory_id,
               table.c.year, table.c.kind, table.c.value, table.c.comment, table.c.source,
               table.c.version]
    sqlite = session.get_bind().dialect.name == "sqlite"
    for chunk in _chunks(indicator_ids):
        if sqlite:
            existing.update(_existing_sqlite(session, chunk))
            continue
        for found in session.execute(sa.select(*columns).where(table.c.indicator_id.in_(chunk))):
            kind = found.kind.value if isinstance(found.kind, ObservationKind) else found.kind
            existing[(found.indicator_id, found.territory_id, found.year, kind)] = (
                found.id, found.uuid, found.value, found.comment or "", found.source or "",
                found.version)
    if progress is not None:
        progress.check()
    now = utcnow()
    inserts: list[ObservationRow] = []
    updates: list[dict[str, Any]] = []
    for row in rows:
        current = existing.get((row.indicator_id, row.territory_id, row.year, row.kind.value))
        if current is None:
            inserts.append(row)
            continue
        current_id, current_uuid, value, comment, source, version = current
        if type(value) is str:
            value = Decimal(value)
        changed: dict[str, Any] = {}
        if value != row.value:
            changed["value"] = row.value
        if row.comment and row.comment != comment:
            changed["comment"] = row.comment
        if row.source and row.source != source:
            changed["source"] = row.source
        if not changed:
            counts.unchanged += 1
            continue
        parent = ("indicator", row.indicator_uuid)
        old = {"value": value, "comment": comment, "source": source}
        for field, new in changed.items():
            changes.updated("observation", current_id, current_uuid, field, old[field], new,
                            parent)
        updates.append({
            "b_id": current_id, "value": changed.get("value", value),
            "comment": changed.get("comment", comment),
            "source": changed.get("source", source),
            "version": version + 1, "updated_at": now,
        })
    if progress is not None:
        progress.check()
    if inserts:
        if sqlite:
            _insert_sqlite(session, inserts, changes)
        else:
            _insert_core(session, inserts, changes)
        counts.inserted = len(inserts)
    if updates:
        statement = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("b_id"))
            .values(value=sa.bindparam("value"), comment=sa.bindparam("comment"),
                    source=sa.bindparam("source"), version=sa.bindparam("version"),
                    updated_at=sa.bindparam("updated_at"))
        )
        session.connection().execute(statement, updates)
        counts.updated = len(updates)
    changes.write(session)
    return counts


def _existing_sqlite(
    session: Session, indicator_ids: list[int]
) -> dict[tuple[int, int, int, str], tuple[Any, ...]]:
    """The stored observations of these indicators, read with the plain ``sqlite3`` cursor of
    the session's transaction: SQLAlchemy's result processing (Decimal and enum per row) was
    most of the time of a re-import. The value stays the canonical text SQLite holds."""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    marks = ",".join("?" * len(indicator_ids))
    cursor = raw.execute(
        "SELECT id, uuid, indicator_id, territory_id, year, kind, value, comment, source, "
        f"version FROM observation WHERE indicator_id IN ({marks})", indicator_ids)
    return {(f[2], f[3], f[4], f[5]): (f[0], f[1], f[6], f[7] or "", f[8] or "", f[9])
            for f in cursor}


def decimal_text(value: Decimal) -> str:
    """``format(canonical_decimal(value), "f")`` (how the store writes a value on SQLite)
    without ``normalize``/``as_tuple`` per row: trailing zeros of the fraction removed."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_JSON_TEXT: dict[str, str] = {}


def _json_text(text: str) -> str:
    found = _JSON_TEXT.get(text)
    if found is None:
        found = json.dumps(text, ensure_ascii=False)
        if len(_JSON_TEXT) < 10000:  # comments repeat ("source: ORECA"): remember some
            _JSON_TEXT[text] = found
    return found


def _created_json(row: ObservationRow, value_text: str) -> str:
    """The change log's creation record, as ``changes.create`` writes it, built without
    ``json.dumps`` per row (a third of the import time otherwise)."""
    return (
        f'{{"indicator_id": "{row.indicator_id}", "territory_id": "{row.territory_id}", '
        f'"year": "{row.year}", "value": "{value_text}", "kind": "{row.kind.value}", '
        f'"source": {_json_text(row.source)}, "comment": {_json_text(row.comment)}}}'
    )


def _insert_sqlite(session: Session, rows: list[ObservationRow], changes: ChangeWriter) -> None:
    """Straight ``sqlite3`` executemany inside the session's transaction: about five times
    faster than Core for 100,000 rows. Values go through the columns' own bind processors."""
    table = Observation.__table__  # type: ignore[attr-defined]
    log = ChangeLog.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    dialect = connection.dialect
    # Stored as SQLAlchemy's SQLite DateTime does: naive UTC text with microseconds.
    stamp = utcnow().replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    log_stamp = changes.now.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    kind_of = _processor(table.c.kind, dialect)
    create = _processor(log.c.kind, dialect)(ChangeKind.CREATE)
    raw = connection.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    # Random UUID keys touch index pages all over: a larger page cache (64 MB, for this
    # connection, put back afterwards) halves the time of 100,000 inserts.
    cache_size = cursor.execute("PRAGMA cache_size").fetchone()[0]
    cursor.execute("PRAGMA cache_size = -65536")
    actor = changes.actor
    try:
        # In chunks: the rows' tuples, UUIDs and log texts of a whole 100,000-row file at
        # once would double the import's peak memory.
        for chunk in _chunks(rows, INSERT_CHUNK):
            before = cursor.execute("SELECT COALESCE(MAX(id), 0) FROM observation").fetchone()[0]
            uuids = fast_uuids(len(chunk))
            values = [
                (uuid, stamp, stamp, 1, row.indicator_id, row.territory_id, row.year,
                 decimal_text(row.value), kind_of(row.kind), row.source, row.comment)
                for row, uuid in zip(chunk, uuids, strict=True)
            ]
            cursor.executemany(
                "INSERT INTO observation (uuid, created_at, updated_at, version, indicator_id, "
                "territory_id, year, value, kind, source, comment) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            ids = dict(cursor.execute("SELECT uuid, id FROM observation WHERE id > ?",
                                      (before,)))
            cursor.executemany(
                "INSERT INTO change_log (at, user, entity, entity_id, entity_uuid, kind, field, "
                "old_value, new_value, source, parent_entity, parent_uuid) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (log_stamp, actor.user, "observation", ids[uuid], uuid, create, "", None,
                     _created_json(row, value[7]), actor.source, "indicator",
                     row.indicator_uuid)
                    for row, uuid, value in zip(chunk, uuids, values, strict=True)
                ),
            )
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        cursor.close()


def _insert_core(session: Session, rows: list[ObservationRow], changes: ChangeWriter) -> None:
    table = Observation.__table__  # type: ignore[attr-defined]
    now = utcnow()
    inserts = [{
        "uuid": new_uuid(), "created_at": now, "updated_at": now, "version": 1,
        "indicator_id": r.indicator_id, "territory_id": r.territory_id, "year": r.year,
        "value": r.value, "kind": r.kind, "source": r.source, "comment": r.comment,
    } for r in rows]
    statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = [r[0] for r in session.execute(statement, inserts)]
    for values, new_id, row in zip(inserts, ids, rows, strict=True):
        changes.created("observation", new_id, str(values["uuid"]), {
            k: values[k] for k in ("indicator_id", "territory_id", "year", "value", "kind",
                                   "source", "comment")}, ("indicator", row.indicator_uuid))
