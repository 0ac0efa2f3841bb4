"""Columns every entity carries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import event, inspect
from sqlalchemy.orm import Mapper, declared_attr
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """An aware UTC timestamp; SQLModel stores it as UTC and gives it back aware."""
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid4())


class Entity(SQLModel):
    """Integer key for joins, a stable UUID that travels between copies of the store,
    timestamps, and a version counter for optimistic locking."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, max_length=36, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Optimistic locking in the statement itself: every UPDATE and DELETE of an entity
        # says ``WHERE id = :id AND version = :version_read``, and the ORM raises
        # ``StaleDataError`` when no row matched (someone saved or deleted it since). Comparing
        # versions before writing is not enough: two sessions that both read version 1 would
        # both pass the comparison and both write. The version is ours to set (not the ORM's
        # generator, which would renumber every insert to 1 and lose the versions an undone
        # delete restores): ``_next_version`` below bumps it on every update.
        return {
            "version_id_col": cls.__table__.c.version,  # type: ignore[attr-defined]
            "version_id_generator": False,
        }

    @property
    def pk(self) -> int:
        """The primary key of a flushed entity (typed ``int``, where ``id`` may be None)."""
        if self.id is None:
            raise ValueError(f"{type(self).__name__} has no id until it is flushed")
        return self.id


@event.listens_for(Entity, "before_update", propagate=True)
def _next_version(_mapper: Mapper[Any], _connection: Any, target: Entity) -> None:
    """Every UPDATE of an entity moves its version on by one, whoever writes it (a service, a
    report snapshot, an undo), unless the writer set the version itself."""
    state = inspect(target)
    if state.attrs.version.history.has_changes():
        return
    if state.session is not None and not state.session.is_modified(target):
        return
    target.version = (state.committed_state.get("version") or target.version) + 1
