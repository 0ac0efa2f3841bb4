"""Serialise an entity with everything a delete takes with it, and put it back exactly.

Used to undo a delete: the entity and its children return with the same ids (when still free),
uuids, versions and timestamps, and references that the delete set to NULL point back at it.
Which rows go with an entity is read from the foreign keys of the schema (``ON DELETE
CASCADE`` rows are children, ``ON DELETE SET NULL`` columns are references), so the snapshot
stays right when tables are added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from ..models import Entity, metadata
from . import changes
from .changes import Actor

_TABLE_ORDER = {table.name: index for index, table in enumerate(metadata.sorted_tables)}


def _model_for(table_name: str) -> type[Entity]:
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        if getattr(cls, "__tablename__", None) == table_name:
            return cls
    raise LookupError(table_name)


@dataclass
class RowSnapshot:
    table: str
    values: dict[str, Any]  # every column, Python values as loaded (Decimal, date...)


@dataclass
class Snapshot:
    """The root row first, then every dependent row; plus SET NULL references to restore."""

    root: RowSnapshot
    children: list[RowSnapshot] = field(default_factory=list)
    # (table, row id, column, referenced old id)
    references: list[tuple[str, int, str, int]] = field(default_factory=list)

    @property
    def uuid(self) -> str:
        return str(self.root.values["uuid"])

    @property
    def table(self) -> str:
        return self.root.table


def _dependants(table: sa.Table) -> list[tuple[sa.Table, sa.Column[Any], str]]:
    """(child table, FK column, ondelete) of every foreign key pointing at ``table``."""
    found = []
    for other in metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                found.append((other, fk.parent, (fk.ondelete or "").upper()))
    return found


def _row_values(entity: SQLModel) -> dict[str, Any]:
    table = entity.__table__  # type: ignore[attr-defined]
    return {column.name: getattr(entity, column.name) for column in table.columns}


def capture(session: Session, entity: Entity) -> Snapshot:
    """Everything deleting ``entity`` would remove or unlink, read before the delete."""
    root = RowSnapshot(entity.__tablename__, _row_values(entity))  # type: ignore[arg-type]
    snapshot = Snapshot(root)
    seen: set[tuple[str, int]] = {(root.table, entity.pk)}
    pending: list[tuple[str, int]] = [(root.table, entity.pk)]
    while pending:
        table_name, row_id = pending.pop(0)
        table = metadata.tables[table_name]
        for child_table, column, ondelete in _dependants(table):
            model = _model_for(child_table.name)
            rows = session.exec(select(model).where(getattr(model, column.name) == row_id)).all()
            for row in rows:
                key = (child_table.name, int(row.id))  # type: ignore[arg-type]
                if ondelete == "CASCADE":
                    if key not in seen:
                        seen.add(key)
                        snapshot.children.append(RowSnapshot(child_table.name, _row_values(row)))
                        pending.append(key)
                elif ondelete == "SET NULL":
                    snapshot.references.append((child_table.name, key[1], column.name, row_id))
    # Parents before children: tables in dependency order, rows in the order found.
    snapshot.children.sort(key=lambda r: _TABLE_ORDER[r.table])
    # A reference from a row that is itself deleted is restored with that row.
    snapshot.references = [ref for ref in snapshot.references if (ref[0], ref[1]) not in seen]
    return snapshot


def restore(session: Session, snapshot: Snapshot, actor: Actor) -> Entity:
    """Insert the snapshot's rows again (same uuids; same ids unless taken since, then new ids
    with foreign keys remapped) and relink the references. Logged as creations."""
    id_map: dict[tuple[str, int], int] = {}

    def insert(row: RowSnapshot, parent: Entity | None) -> Entity:
        model = _model_for(row.table)
        values = dict(row.values)
        old_id = int(values["id"])
        table = metadata.tables[row.table]
        for fk in table.foreign_keys:
            target = fk.column.table.name
            current = values.get(fk.parent.name)
            if current is not None and (target, int(current)) in id_map:
                values[fk.parent.name] = id_map[(target, int(current))]
        if session.get(model, old_id) is not None:
            values.pop("id")
        entity = model(**values)
        created = changes.create(session, entity, actor, parent=parent)
        id_map[(row.table, old_id)] = created.pk
        return created

    root = insert(snapshot.root, None)
    for child in snapshot.children:
        insert(child, root)
    for table_name, row_id, column, old_target in snapshot.references:
        model = _model_for(table_name)
        row = session.get(model, row_id)
        if row is None or getattr(row, column) is not None:
            continue  # gone or relinked elsewhere since: leave it as the user left it
        target_table = next(
            fk.column.table.name
            for fk in metadata.tables[table_name].foreign_keys
            if fk.parent.name == column
        )
        changes.update(
            session, row, {column: id_map.get((target_table, old_target), old_target)}, actor
        )
    session.flush()
    return root


def find_by_uuid(session: Session, model: type[Entity], uuid: str) -> Entity | None:
    return session.exec(select(model).where(model.uuid == uuid)).first()


# Which entity a child row's history belongs to (ChangeLog.parent_uuid).
_PARENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("action_id", "action"),
    ("source_action_id", "action"),
    ("contract_indicator_id", "contract_indicator"),
    ("contract_id", "contract"),
    ("meeting_id", "meeting"),
    ("indicator_id", "indicator"),
)


def parent_of(session: Session, entity: Entity) -> Entity | None:
    """The entity whose history includes ``entity``'s changes (an action for its budget
    lines, an indicator for its observations, a contract for its parties), or None."""
    if isinstance(entity, _model_for("action")):
        return None
    for attribute, table in _PARENT_FIELDS:
        value = getattr(entity, attribute, None)
        if value is not None:
            parent = session.get(_model_for(table), value)
            if parent is not None and table == "contract_indicator":
                return session.get(_model_for("contract"), parent.contract_id)  # type: ignore[attr-defined]
            return parent
    return None
