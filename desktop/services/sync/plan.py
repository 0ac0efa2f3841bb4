"""The result of merging two stores: what each side must write, and the conflicts met.

Pure data, no database: the merge computes a ``Plan`` from records, the user (or
``--prefer``) decides its conflicts, and ``apply`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum

from .records import Values

RecordId = tuple[str, str]  # (table, key)
State = Values | None  # None: the record is absent (deleted, or never there)
ConflictKey = tuple[str, str, str]  # (table, key, field); field "" for the whole record


class ConflictKind(StrEnum):
    FIELD = "field"  # the same field changed on both sides
    DELETED_HERE = "deleted_here"  # deleted here, changed on the other side
    DELETED_THERE = "deleted_there"  # changed here, deleted on the other side
    DUPLICATE = "duplicate"  # created on both sides with the same natural key


class Choice(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    EDIT = "edit"


@dataclass(frozen=True)
class Decision:
    choice: Choice
    value: str | None = None  # the edited text, for EDIT

    @classmethod
    def parse(cls, data: object) -> Decision:
        if isinstance(data, str):
            return cls(Choice(data))
        if isinstance(data, dict):
            return cls(Choice(str(data["choice"])), data.get("value"))
        raise ValueError(f"not a decision: {data!r}")


@dataclass
class Who:
    """Who last changed a field (or record) on one side, and when: from that side's change
    log; empty when the log does not say (a bulk import, a record older than the log)."""

    user: str = ""
    at: str = ""  # ISO time stamp, UTC
    copy: str = ""  # the name of the copy it was made on, when not this one


@dataclass
class Conflict:
    table: str
    key: str
    field: str  # "" for the whole record
    kind: ConflictKind
    base: str | None
    mine: str | None
    theirs: str | None
    # The record's values on each side (None where it is deleted), to show what is at stake.
    mine_record: State = None
    theirs_record: State = None
    mine_who: Who = dc_field(default_factory=Who)
    theirs_who: Who = dc_field(default_factory=Who)
    decision: Decision | None = None
    # The key each side knew the record by, when they differ (created on both sides).
    mine_key: str = ""
    theirs_key: str = ""

    @property
    def conflict_key(self) -> ConflictKey:
        return (self.table, self.key, self.field)

    def as_json(self) -> dict[str, object]:
        return {
            "table": self.table,
            "key": self.key,
            "field": self.field,
            "kind": self.kind.value,
            "base": self.base,
            "mine": self.mine,
            "theirs": self.theirs,
            "mine_by": self.mine_who.user,
            "mine_at": self.mine_who.at,
            "mine_copy": self.mine_who.copy,
            "theirs_by": self.theirs_who.user,
            "theirs_at": self.theirs_who.at,
            "theirs_copy": self.theirs_who.copy,
            "decision": None if self.decision is None else self.decision.choice.value,
        }


@dataclass
class SideChanges:
    """What one store must write: inserts and updates (new values of whole records),
    deletions, and records of this store that take the key of the other side's record
    (created on both sides: the same natural key)."""

    put: dict[RecordId, Values] = dc_field(default_factory=dict)
    delete: set[RecordId] = dc_field(default_factory=set)
    rename: dict[RecordId, str] = dc_field(default_factory=dict)  # (table, old key) -> new key
    # Records merged into another record this store also holds: what points at them is
    # written again (in ``put``), then they go.
    merge_into: dict[RecordId, str] = dc_field(default_factory=dict)

    def count(self) -> int:
        return len(self.put) + len(self.delete) + len(self.merge_into)


@dataclass
class Plan:
    local: SideChanges = dc_field(default_factory=SideChanges)
    remote: SideChanges = dc_field(default_factory=SideChanges)
    conflicts: list[Conflict] = dc_field(default_factory=list)
    # The agreed state after this merge (the copy's new base), for the records merged;
    # None removes a record from the base. Records held back keep their old base.
    base: dict[RecordId, State] = dc_field(default_factory=dict)
    # Keys of the other side merged into a record of this one (created on both sides).
    aliases: dict[RecordId, str] = dc_field(default_factory=dict)
    # Records left as they are on each side, waiting for a decision (a deletion against a
    # change, or what hangs under such a record).
    held: set[RecordId] = dc_field(default_factory=set)
    # Every record with something left open: the above, and fields in conflict undecided.
    open: set[RecordId] = dc_field(default_factory=set)
    merged: int = 0  # records changed on both sides and merged field by field

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.decision is None]
