"""Create, update and delete any entity, writing the change log and checking versions.

Every write of the application goes through these three functions (directly or through a
domain service), so that the history of each record is complete.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel

from ..i18n import _
from ..models import ChangeKind, ChangeLog, Entity, utcnow

E = TypeVar("E", bound=Entity)

_NOT_LOGGED = frozenset({"id", "uuid", "created_at", "updated_at", "version"})


@dataclass(frozen=True)
class Actor:
    """Who makes a change and through what: "ui", "cli", or an imported file's name."""

    user: str = ""
    source: str = ""


class ConflictError(Exception):
    """The record changed since it was read (another window or process saved it first)."""

    def __init__(self, entity: Entity, expected_version: int, *, stale: bool = False) -> None:
        """``stale``: the store refused the write itself (another session saved or deleted the
        record between our read and our write), so the stored version is not known here."""
        self.entity = entity
        self.expected_version = expected_version
        self.stale = stale
        if stale:
            message = _(
                "This record was changed or deleted elsewhere since you opened it (yours was "
                "version {expected}); nothing of yours was saved."
            ).format(expected=expected_version)
        else:
            message = _(
                "This record was changed elsewhere since you opened it "
                "(version {current}, yours {expected})."
            ).format(current=entity.version, expected=expected_version)
        super().__init__(message)


class ValidationError(ValueError):
    """A value the domain refuses; ``field`` names the field, the message is translated."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def entity_name(entity: SQLModel | type[SQLModel]) -> str:
    cls = entity if isinstance(entity, type) else type(entity)
    return str(getattr(cls, "__tablename__", cls.__name__.lower()))


def to_text(value: Any) -> str | None:
    """A stable text form for the change log (and for comparing snapshots)."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def field_values(entity: SQLModel) -> dict[str, Any]:
    return {
        name: getattr(entity, name) for name in type(entity).model_fields if name not in _NOT_LOGGED
    }


def _log(
    session: Session,
    entity: Entity,
    kind: ChangeKind,
    actor: Actor,
    *,
    field: str = "",
    old: Any = None,
    new: Any = None,
    parent: Entity | None = None,
) -> None:
    session.add(
        ChangeLog(
            user=actor.user,
            source=actor.source,
            entity=entity_name(entity),
            entity_id=entity.id,
            entity_uuid=entity.uuid,
            kind=kind,
            field=field,
            old_value=to_text(old),
            new_value=to_text(new),
            parent_entity=entity_name(parent) if parent is not None else "",
            parent_uuid=parent.uuid if parent is not None else "",
        )
    )


def create(session: Session, entity: E, actor: Actor, *, parent: Entity | None = None) -> E:
    """Add an entity and log its creation with its initial values."""
    session.add(entity)
    session.flush()
    _log(
        session,
        entity,
        ChangeKind.CREATE,
        actor,
        new=json.dumps(
            {k: to_text(v) for k, v in field_values(entity).items()}, ensure_ascii=False
        ),
        parent=parent,
    )
    return entity


def update(
    session: Session,
    entity: E,
    changes: Mapping[str, Any],
    actor: Actor,
    *,
    expected_version: int | None = None,
    parent: Entity | None = None,
) -> list[str]:
    """Apply field changes, log each changed field, bump the version; returns changed fields.

    With ``expected_version``, refuse (``ConflictError``) when the stored version differs: the
    caller read a record someone else has saved since.
    """
    if expected_version is not None and entity.version != expected_version:
        raise ConflictError(entity, expected_version)
    read_version = entity.version
    known = type(entity).model_fields
    changed: list[str] = []
    for name, value in changes.items():
        if name not in known or name in _NOT_LOGGED:
            raise AttributeError(f"{entity_name(entity)} has no editable field {name!r}")
        old = getattr(entity, name)
        if to_text(old) == to_text(value):
            continue
        setattr(entity, name, value)
        _log(
            session, entity, ChangeKind.UPDATE, actor, field=name, old=old, new=value, parent=parent
        )
        changed.append(name)
    if changed:
        # The version moves on in the UPDATE itself (``models.base``), which also carries the
        # version read: a save that lost a race raises ``ConflictError`` here.
        entity.updated_at = utcnow()
        session.add(entity)
        _flush(session, entity, read_version if expected_version is None else expected_version)
    return changed


def delete(
    session: Session,
    entity: Entity,
    actor: Actor,
    *,
    expected_version: int | None = None,
    parent: Entity | None = None,
) -> None:
    """Delete an entity, logging its last values so the deletion can be read and undone."""
    if expected_version is not None and entity.version != expected_version:
        raise ConflictError(entity, expected_version)
    read_version = entity.version
    _log(
        session,
        entity,
        ChangeKind.DELETE,
        actor,
        old=json.dumps(
            {k: to_text(v) for k, v in field_values(entity).items()}, ensure_ascii=False
        ),
        parent=parent,
    )
    session.delete(entity)
    _flush(session, entity, read_version if expected_version is None else expected_version)


def _flush(session: Session, entity: Entity, expected_version: int) -> None:
    """Flush; an UPDATE or DELETE that matched no row (the version changed, or the record was
    deleted, between our read and our write) is a conflict, not a bug."""
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(entity, expected_version, stale=True) from None
