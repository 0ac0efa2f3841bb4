"""What a store keeps to synchronise with its copies and its origin.

A store that others take offline (the shared store) and each offline copy are alike: both
number their changes, so that "what changed since state N" has an answer. A copy also keeps
the state it last agreed with its origin (its base), which a three-way merge compares both
sides with, and what it sent in change packages the origin has not confirmed yet.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class SyncReplica(SQLModel, table=True):
    """This store as a member of a family of copies: one row."""

    __tablename__ = "sync_replica"

    id: int | None = Field(default=None, primary_key=True)
    # This store's own identity, and the identity of the family: a shared store and every copy
    # taken from it (and from those copies) share ``dataset``.
    replica: str = Field(max_length=36, unique=True)
    dataset: str = Field(max_length=36)
    # How other copies name this one in their history ("marie@laptop").
    name: str = Field(default="", max_length=200)
    # The last number given to a change made or received here.
    seq: int = 0
    # Where this copy was taken from: a file path or a database URL without its password;
    # empty when the store is not a copy.
    origin_location: str = Field(default="", max_length=1000)
    origin_replica: str = Field(default="", max_length=36)
    origin_name: str = Field(default="", max_length=200)
    # The origin's state this copy holds: every change the origin numbered up to it.
    origin_seq: int = 0
    # JSON {"territories": [uuid...], "plans": [uuid...]}; empty for the whole store.
    scope: str = Field(default="", sa_type=sa.Text)
    # This store's changes up to this number are known to the origin (it said so).
    acknowledged_seq: int = 0
    taken_at: datetime | None = None
    synced_at: datetime | None = None


class SyncRecord(SQLModel, table=True):
    """Each record as the last numbering saw it: a digest of its values and the number of its
    last change. Deleted records stay, as tombstones, so that deletions travel too."""

    __tablename__ = "sync_record"

    entity: str = Field(primary_key=True, max_length=60)
    record_key: str = Field(primary_key=True, max_length=100)
    digest: str = Field(max_length=32)
    seq: int = Field(index=True)
    deleted: bool = False


class SyncBase(SQLModel, table=True):
    """A copy's last agreed state with its origin, record by record (JSON of field texts)."""

    __tablename__ = "sync_base"

    entity: str = Field(primary_key=True, max_length=60)
    record_key: str = Field(primary_key=True, max_length=100)
    data: str = Field(sa_type=sa.Text)


class SyncSent(SQLModel, table=True):
    """A record as a copy sent it in a change package its origin has not confirmed yet
    (``data`` empty for a deletion)."""

    __tablename__ = "sync_sent"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(index=True)
    entity: str = Field(max_length=60)
    record_key: str = Field(max_length=100)
    data: str | None = Field(default=None, sa_type=sa.Text)


class SyncPeer(SQLModel, table=True):
    """A copy taken from this store: its name, what it holds of this store, what arrived from
    it."""

    __tablename__ = "sync_peer"

    replica: str = Field(primary_key=True, max_length=36)
    name: str = Field(default="", max_length=200)
    # This store's state the copy holds.
    known_seq: int = 0
    # The copy's own change number up to which its changes arrived here.
    received_seq: int = 0
    scope: str = Field(default="", sa_type=sa.Text)
    # JSON [[entity, key], ...]: its changes held back here because they conflict.
    held: str = Field(default="", sa_type=sa.Text)
    last_seen: datetime | None = None


class SyncAlias(SQLModel, table=True):
    """A record created on a copy and here under two keys (the same value of one indicator,
    territory and year, say) is kept once: the copy's key names this store's record."""

    __tablename__ = "sync_alias"

    entity: str = Field(primary_key=True, max_length=60)
    record_key: str = Field(primary_key=True, max_length=100)
    canonical: str = Field(max_length=100)
    seq: int = Field(index=True)


class SyncEvent(SQLModel, table=True):
    """Each take-offline, synchronisation and change package written or applied."""

    __tablename__ = "sync_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    user: str = Field(default="", max_length=200)
    kind: str = Field(max_length=20)
    peer: str = Field(default="", max_length=36)
    package: str = Field(default="", max_length=36, index=True)
    # JSON: counts sent, received, merged, conflicts.
    summary: str = Field(default="", sa_type=sa.Text)
