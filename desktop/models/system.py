"""Store-level tables: change log, settings kept with the data, import mapping profiles."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from .base import utcnow
from .enums import ChangeKind
from .types import enum_column


class ChangeLog(SQLModel, table=True):
    """One changed field of one entity (or one create / delete) made through the services."""

    __tablename__ = "change_log"
    __table_args__ = (
        sa.Index("ix_change_log_entity", "entity", "entity_uuid"),
        sa.Index("ix_change_log_origin", "origin", "origin_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user: str = Field(default="", max_length=200)
    entity: str = Field(max_length=60)
    entity_id: int | None = None
    entity_uuid: str = Field(max_length=36)
    kind: ChangeKind = Field(sa_column=enum_column(ChangeKind))
    field: str = Field(default="", max_length=60)
    old_value: str | None = Field(default=None, sa_type=sa.Text)
    new_value: str | None = Field(default=None, sa_type=sa.Text)
    # Where the change came from: "ui", "cli", an imported file's name...
    source: str = Field(default="", max_length=300)
    # Entity the row belongs to, so an action's history includes its budget lines.
    parent_entity: str = Field(default="", max_length=60)
    parent_uuid: str = Field(default="", max_length=36, index=True)
    # The copy of the store where the change was made (its replica id) and the entry's id
    # there; empty and None for a change made in this store.
    origin: str = Field(default="", max_length=36, sa_column_kwargs={"server_default": ""})
    origin_id: int | None = None
    # The store's change number when synchronisation first saw the entry (None until then).
    seq: int | None = Field(default=None, index=True)


class StoreSetting(SQLModel, table=True):
    """Settings that belong to the data, not to the machine: target horizons, on-track
    thresholds, currency rates. Values are JSON text."""

    __tablename__ = "store_setting"

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(sa_type=sa.Text)


class ImportProfile(SQLModel, table=True):
    """A confirmed column mapping, reapplied to files with the same layout fingerprint."""

    __tablename__ = "import_profile"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    fingerprint: str = Field(max_length=64, index=True)
    kind: str = Field(max_length=40)
    mapping: str = Field(sa_type=sa.Text)  # JSON
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None
