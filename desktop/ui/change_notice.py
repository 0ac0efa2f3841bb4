"""What a write changed, as views hear of it: the kinds of records and, where the writer knows
them, their ids (Anki's ``OpChanges`` plays the same part). Free of Qt, so it can be built and
tested anywhere; ``AppContext.data_changed`` carries one.

A kind is a table name (``"action"``, ``"observation"``, ``"reference_series"``...), the same
name the change log uses (``services.changes.entity_name``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ChangeNotice:
    """No kinds means anything may have changed (an import, a synchronisation, new settings):
    every view reloads. A kind without ids means any record of that kind may have changed."""

    kinds: frozenset[str] = frozenset()
    ids: frozenset[tuple[str, int]] = frozenset()

    @classmethod
    def everything(cls) -> ChangeNotice:
        return cls()

    @classmethod
    def of(cls, kind: str, *ids: int | None) -> ChangeNotice:
        """Records of one kind; ``""`` stands for everything (a command that wrote nothing
        known). Ids that are None (a record not created yet) are left out."""
        if not kind:
            return cls()
        return cls(frozenset({kind}), frozenset((kind, i) for i in ids if i is not None))

    @property
    def is_everything(self) -> bool:
        return not self.kinds

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether records of any of ``kinds`` may have changed."""
        return self.is_everything or not self.kinds.isdisjoint(kinds)

    def ids_of(self, kind: str) -> frozenset[int] | None:
        """The ids of ``kind`` known to have changed: empty when none of that kind did, None
        when any may have."""
        if not self.touches((kind,)):
            return frozenset()
        known = frozenset(i for k, i in self.ids if k == kind)
        return known or None
