"""One side of a merge: a store read whole, or the records a change package carries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .plan import RecordId, State
from .records import Values


class SideView:
    """The records of one side.

    ``full``: every record of the store is here, and a missing record is absent. Otherwise
    (a change package) only the records it carries are known; any other is as in ``base``
    (unchanged since the state both sides agreed on).

    ``deleted``: the records this side knows it deleted (tombstones); ``recent``: those of
    them deleted after the state the copy holds (news for it; the others it has seen).
    """

    def __init__(
        self,
        name: str,
        rows: Mapping[str, Mapping[str, Values]],
        *,
        full: bool,
        base: Mapping[RecordId, Values] | None = None,
        deleted: set[RecordId] | None = None,
        context: Mapping[RecordId, Values] | None = None,
        recent: set[RecordId] | None = None,
    ) -> None:
        self.name = name
        self.rows = rows
        self.full = full
        self.base = base or {}
        self.deleted = deleted or set()
        # Records a package carries only to say what its records point at (unchanged).
        self.context = context or {}
        self.recent = self.deleted if recent is None else recent

    def state(self, rid: RecordId) -> State:
        found = self.rows.get(rid[0], {}).get(rid[1])
        if found is not None:
            return found
        if self.full or rid in self.deleted:
            return None
        return self.base.get(rid)

    def carries(self, rid: RecordId) -> bool:
        """Whether this side says something of ``rid`` itself (not through the base)."""
        return self.full or rid in self.deleted or rid[1] in self.rows.get(rid[0], {})

    def known(self, rid: RecordId) -> State:
        """The record's values as far as this side can tell, context records included."""
        found = self.state(rid)
        return found if found is not None else self.context.get(rid)

    def deleted_lately(self, rid: RecordId) -> bool:
        """Whether this side deleted the record after the state the copy holds."""
        return rid in self.recent

    def keys(self, table: str) -> Iterator[str]:
        yield from self.rows.get(table, {})

    def tables(self) -> Iterator[str]:
        yield from self.rows
