"""Columns every entity carries."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

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

    @property
    def pk(self) -> int:
        """The primary key of a flushed entity (typed ``int``, where ``id`` may be None)."""
        if self.id is None:
            raise ValueError(f"{type(self).__name__} has no id until it is flushed")
        return self.id
