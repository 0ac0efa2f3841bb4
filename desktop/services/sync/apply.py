"""Writing one side of a plan into a store, inside the caller's transaction.

Every update and deletion carries the version the merge read (``WHERE id = :id AND
version = :version``) and checks how many rows it touched: a record someone saved while the
synchronisation ran is never overwritten; the whole synchronisation stops instead
(``ConcurrentChange``) and the transaction is rolled back, leaving the store as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...models import utcnow
from .plan import RecordId, SideChanges
from .records import Snapshot, Values, Writer, parse_key
from .schema import SyncSchema, TableInfo

CHUNK = 500
Meta = Callable[[RecordId], tuple[str | None, str | None]]


class ConcurrentChange(Exception):
    """A record changed in the store while the synchronisation was writing it."""

    def __init__(self, table: str, key: str) -> None:
        self.table = table
        self.key = key
        super().__init__(f"{table} {key} changed during the synchronisation")


@dataclass
class Applied:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0


class Applier:
    def __init__(
        self, connection: Connection, schema: SyncSchema, snapshot: Snapshot, meta: Meta
    ) -> None:
        self.connection = connection
        self.schema = schema
        self.snapshot = snapshot
        self.meta = meta
        self.writer = Writer(schema)
        self.now = utcnow()
        # key -> local id, for foreign keys; filled as records are inserted or renamed.
        self.ids: dict[str, dict[str, int]] = {
            table: {key: row.id for key, row in rows.items() if row.id is not None}
            for table, rows in snapshot.rows.items()
        }
        self.counts = Applied()
        # What this store now holds of what it wrote, and what it no longer holds: numbered
        # afterwards without reading the store again (``state.mark_written``).
        self.written: dict[RecordId, Values] = {}
        self.removed: set[RecordId] = set()

    def local_id(self, table: str, key: str) -> int | None:
        return self.ids.get(table, {}).get(key)

    def _where_current(self, info: TableInfo, key: str) -> sa.ColumnElement[bool]:
        table = info.table
        row = self.snapshot.get(info.name, key)
        assert row is not None
        if not info.keyed_by_uuid:
            values = parse_key(info, key)
            return sa.and_(*(table.c[c] == v for c, v in values.items()))
        condition = table.c.id == row.id
        if info.versioned:
            condition = sa.and_(condition, table.c.version == row.version)
        return condition

    def _check(self, result: Any, info: TableInfo, key: str) -> None:
        if result.rowcount != 1:
            raise ConcurrentChange(info.name, key)

    def rename(self, changes: SideChanges) -> None:
        for (table, old), new in changes.rename.items():
            info = self.schema.tables[table]
            values: dict[str, Any] = {"uuid": new}
            if info.versioned:
                values["version"] = info.table.c.version + 1
            result = self.connection.execute(
                sa.update(info.table).where(self._where_current(info, old)).values(**values)
            )
            self._check(result, info, old)
            row = self.snapshot.rows[table].pop(old)
            if info.versioned and row.version is not None:
                row.version += 1
            self.snapshot.rows[table][new] = row
            self.removed.add((table, old))
            self.written[(table, new)] = row.values
            ids = self.ids.setdefault(table, {})
            ids[new] = ids.pop(old)

    def delete(self, rids: set[RecordId] | dict[RecordId, str]) -> None:
        order = {name: i for i, name in enumerate(self.schema.order)}
        for table, key in sorted(rids, key=lambda r: -order[r[0]]):
            info = self.schema.tables[table]
            row = self.snapshot.get(table, key)
            if row is None:
                continue
            result = self.connection.execute(
                sa.delete(info.table).where(self._where_current(info, key))
            )
            if result.rowcount != 1:
                # Gone with a record deleted before it (a cascade) is fine; changed is not.
                if (
                    info.keyed_by_uuid
                    and self.connection.execute(
                        sa.select(info.table.c.id).where(info.table.c.id == row.id)
                    ).first()
                    is not None
                ):
                    raise ConcurrentChange(table, key)
            self.counts.deleted += 1
            self.removed.add((table, key))
            self.written.pop((table, key), None)

    def put(self, changes: SideChanges) -> None:
        by_table: dict[str, list[str]] = {}
        for table, key in changes.put:
            by_table.setdefault(table, []).append(key)
        for table in self.schema.order:
            keys = by_table.get(table)
            if not keys:
                continue
            info = self.schema.tables[table]
            present = self.snapshot.rows.get(table, {})
            inserts = [k for k in keys if k not in present]
            updates = [k for k in keys if k in present]
            self._update(info, updates, changes)
            for level in self._levels(info, inserts, changes):
                self._insert(info, level, changes)
            for key in keys:
                self.written[(table, key)] = changes.put[(table, key)]

    def _levels(self, info: TableInfo, keys: list[str], changes: SideChanges) -> list[list[str]]:
        """New records of a table that points at itself, parents before their children."""
        own = info.self_references
        if not own:
            return [keys] if keys else []
        pending = set(keys)
        levels: list[list[str]] = []
        while pending:
            level = [
                k
                for k in sorted(pending)
                if not any(changes.put[(info.name, k)].get(c) in pending for c in own)
            ]
            if not level:  # a cycle: cannot happen with real parents
                level = sorted(pending)
            levels.append(level)
            pending.difference_update(level)
        return levels

    def _columns(self, info: TableInfo, key: str, changes: SideChanges) -> dict[str, Any]:
        return self.writer.column_values(info, changes.put[(info.name, key)], self.local_id)

    def _update(self, info: TableInfo, keys: list[str], changes: SideChanges) -> None:
        if not keys:
            return
        table = info.table
        rows: list[dict[str, Any]] = []
        for key in keys:
            columns = self._columns(info, key, changes)
            bound = {f"v_{name}": value for name, value in columns.items()}
            row = self.snapshot.get(info.name, key)
            assert row is not None
            if info.keyed_by_uuid:
                bound["w_id"] = row.id
                bound["w_version"] = row.version
            else:
                bound.update({f"w_{c}": v for c, v in parse_key(info, key).items()})
            rows.append(bound)
        assignments: dict[str, Any] = {name: sa.bindparam(f"v_{name}") for name in info.fields}
        if info.versioned:
            assignments["version"] = table.c.version + 1
        if "updated_at" in table.c:
            assignments["updated_at"] = self.now
        if info.keyed_by_uuid:
            where = table.c.id == sa.bindparam("w_id")
            if info.versioned:
                where = sa.and_(where, table.c.version == sa.bindparam("w_version"))
        else:
            where = sa.and_(*(table.c[c] == sa.bindparam(f"w_{c}") for c in info.key_columns))
        statement = sa.update(table).where(where).values(**assignments)
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            result = self.connection.execute(statement, chunk)
            if result.rowcount != len(chunk):
                self._find_changed(info, keys[start : start + CHUNK])
        self.counts.updated += len(keys)

    def _find_changed(self, info: TableInfo, keys: list[str]) -> None:
        for key in keys:
            row = self.snapshot.get(info.name, key)
            assert row is not None and row.id is not None
            found = self.connection.execute(
                sa.select(info.table.c.version).where(info.table.c.id == row.id)
            ).first()
            if found is None or found[0] != (row.version or 0) + 1:
                raise ConcurrentChange(info.name, key)
        raise ConcurrentChange(info.name, keys[0])

    def _insert(self, info: TableInfo, keys: list[str], changes: SideChanges) -> None:
        if not keys:
            return
        table = info.table
        rows: list[dict[str, Any]] = []
        for key in keys:
            columns = self._columns(info, key, changes)
            if info.keyed_by_uuid:
                created, updated = self.meta((info.name, key))
                columns["uuid"] = key
                columns["created_at"] = self.writer.stamp(info, "created_at", created) or self.now
                columns["updated_at"] = self.writer.stamp(info, "updated_at", updated) or self.now
                if info.versioned:
                    columns["version"] = 1
            else:
                columns.update(parse_key(info, key))
            rows.append(columns)
        for start in range(0, len(rows), 10_000):
            self.connection.execute(sa.insert(table), rows[start : start + 10_000])
        if info.keyed_by_uuid:
            ids = self.ids.setdefault(info.name, {})
            for start in range(0, len(keys), CHUNK):
                chunk = keys[start : start + CHUNK]
                for found in self.connection.execute(
                    sa.select(table.c.id, table.c.uuid).where(table.c.uuid.in_(chunk))
                ):
                    ids[str(found.uuid)] = int(found.id)
        self.counts.inserted += len(keys)

    def merge_into(self, changes: SideChanges) -> None:
        if changes.merge_into:
            self.delete(changes.merge_into)


def apply_side(
    connection: Connection,
    schema: SyncSchema,
    snapshot: Snapshot,
    changes: SideChanges,
    meta: Meta,
) -> Applier:
    """Renames, then deletions (children first), then inserts and updates (parents first),
    then records merged into another one (what pointed at them was updated just before)."""
    applier = Applier(connection, schema, snapshot, meta)
    applier.rename(changes)
    applier.delete(changes.delete)
    applier.put(changes)
    applier.merge_into(changes)
    return applier
