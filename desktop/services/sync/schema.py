"""What synchronises, read from the SQLModel metadata rather than listed by hand.

Every table with a ``uuid`` (the entities) synchronises record by record, matched by UUID;
a table keyed by a natural primary key (the store settings) by that key. Foreign keys travel
as the UUID of the record they point at. Unique constraints are natural keys: a record created
on two copies with the same key (an observation of one indicator, territory, year and kind; an
indicator of one code) is one record, not two. A table or a column added later synchronises
without a line of code here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import sqlalchemy as sa

# Columns that are the store's own bookkeeping, not data: the integer key (each store numbers
# its rows), the optimistic-locking counter, and the time stamps (carried, never merged).
LOCAL_COLUMNS = frozenset({"id", "version", "created_at", "updated_at"})
# Tables that never travel: synchronisation's own state, the change log (it travels entry by
# entry, see ``changelog``), machine-local settings, Alembic.
EXCLUDED_PREFIXES = ("sync_",)
EXCLUDED_TABLES = frozenset({"change_log", "import_profile", "alembic_version"})

# The roots a copy may be limited to, in the order a scope is resolved.
TERRITORY = "territory"
PLAN = "plan"


@dataclass(frozen=True)
class ForeignKey:
    column: str
    target: str  # table name
    cascade: bool  # ON DELETE CASCADE: the row goes with its parent
    nullable: bool


@dataclass(frozen=True)
class TableInfo:
    name: str
    table: sa.Table
    keyed_by_uuid: bool
    # The primary-key columns of a table keyed by them (``key`` of store settings).
    key_columns: tuple[str, ...]
    # Data columns, in table order; foreign keys among them hold UUIDs in records.
    fields: tuple[str, ...]
    foreign_keys: dict[str, ForeignKey]
    # Each unique constraint or unique index other than the key: a natural key.
    natural_keys: tuple[tuple[str, ...], ...]
    versioned: bool

    @property
    def self_references(self) -> tuple[str, ...]:
        return tuple(c for c, fk in self.foreign_keys.items() if fk.target == self.name)


@dataclass(frozen=True)
class SyncSchema:
    tables: dict[str, TableInfo]
    # Parents before children (foreign keys), for inserts; the reverse for deletes.
    order: tuple[str, ...]
    # table -> [(child table, column)] for every foreign key pointing at it.
    referrers: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def info(self, name: str) -> TableInfo:
        return self.tables[name]

    def scoped_tables(self) -> frozenset[str]:
        """Tables whose rows belong to a territory, directly or through their parents."""
        scoped = {TERRITORY} if TERRITORY in self.tables else set()
        for name in self.order:
            info = self.tables[name]
            if any(fk.target in scoped and fk.target != name for fk in info.foreign_keys.values()):
                scoped.add(name)
        return frozenset(scoped)


def _synchronised(table: sa.Table) -> bool:
    if table.name in EXCLUDED_TABLES or table.name.startswith(EXCLUDED_PREFIXES):
        return False
    if "uuid" in table.c:
        return True
    # A table keyed by its own values (not an autoincrement integer) synchronises by them.
    pk = list(table.primary_key.columns)
    return bool(pk) and not any(isinstance(c.type, sa.Integer) for c in pk)


def _natural_keys(table: sa.Table, skip: set[str]) -> tuple[tuple[str, ...], ...]:
    found: list[tuple[str, ...]] = []
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            found.append(tuple(c.name for c in constraint.columns))
    for index in table.indexes:
        if index.unique:
            found.append(tuple(c.name for c in index.columns if isinstance(c, sa.Column)))
    for column in table.columns:
        if column.unique:
            found.append((column.name,))
    keys: list[tuple[str, ...]] = []
    for key in found:
        if key and not set(key) & skip and key not in keys:
            keys.append(key)
    # A table's constraints are a set: sorted, the keys (and which one matches first) are the
    # same in every process.
    return tuple(sorted(keys))


def build_schema(metadata: sa.MetaData) -> SyncSchema:
    tables: dict[str, TableInfo] = {}
    for table in metadata.sorted_tables:
        if not _synchronised(table):
            continue
        keyed_by_uuid = "uuid" in table.c
        key_columns = () if keyed_by_uuid else tuple(c.name for c in table.primary_key.columns)
        skip = set(LOCAL_COLUMNS) | {"uuid"} | set(key_columns)
        foreign_keys: dict[str, ForeignKey] = {}
        for column in table.columns:
            for fk in column.foreign_keys:
                foreign_keys[column.name] = ForeignKey(
                    column=column.name,
                    target=fk.column.table.name,
                    cascade=(fk.ondelete or "").upper() == "CASCADE",
                    nullable=bool(column.nullable),
                )
        fields = tuple(c.name for c in table.columns if c.name not in skip)
        tables[table.name] = TableInfo(
            name=table.name,
            table=table,
            keyed_by_uuid=keyed_by_uuid,
            key_columns=key_columns,
            fields=fields,
            foreign_keys=foreign_keys,
            natural_keys=_natural_keys(table, {"id", "uuid"}),
            versioned="version" in table.c,
        )
    # Foreign keys to tables that do not synchronise cannot travel as UUIDs.
    for info in tables.values():
        foreign = [c for c, fk in info.foreign_keys.items() if fk.target not in tables]
        if foreign:
            raise ValueError(f"{info.name}: foreign keys to unsynchronised tables {foreign}")
    order = tuple(name for name in (t.name for t in metadata.sorted_tables) if name in tables)
    referrers: dict[str, list[tuple[str, str]]] = {name: [] for name in tables}
    for info in tables.values():
        for name, link in info.foreign_keys.items():
            referrers[link.target].append((info.name, name))
    return SyncSchema(
        tables=tables, order=order, referrers={k: tuple(v) for k, v in referrers.items()}
    )


@cache
def schema() -> SyncSchema:
    """The schema of the tables this code knows (loaded once)."""
    from ...models import metadata

    return build_schema(metadata)
