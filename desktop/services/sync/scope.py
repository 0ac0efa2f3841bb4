"""A copy of chosen territories or plans: which records of the origin it holds.

A record belongs to the copy when every reference it makes to a territory's records (directly
or through its parents) points at a record the copy holds. Records that belong to no territory
(indicators, organisations, framework references, settings) are always part of it. A copy of a
plan holds its territory and the territory's own records (its values, committees, contracts),
not the territory's other plans. Records the copy already holds stay in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .plan import RecordId
from .records import Snapshot
from .schema import PLAN, TERRITORY, SyncSchema


@dataclass
class Scope:
    territories: list[str] = field(default_factory=list)  # uuids
    plans: list[str] = field(default_factory=list)  # uuids

    @property
    def whole(self) -> bool:
        return not self.territories and not self.plans

    def dumps(self) -> str:
        if self.whole:
            return ""
        return json.dumps({"territories": self.territories, "plans": self.plans})

    @classmethod
    def loads(cls, text: str) -> Scope:
        if not text:
            return cls()
        data = json.loads(text)
        return cls(list(data.get("territories") or []), list(data.get("plans") or []))


def members(
    schema: SyncSchema, snapshot: Snapshot, scope: Scope, known: Iterable[RecordId] = ()
) -> dict[str, set[str]] | None:
    """Per table, the keys of the records in ``scope``; None for the whole store."""
    if scope.whole:
        return None
    held: dict[str, set[str]] = {}
    for table, key in known:
        held.setdefault(table, set()).add(key)
    scoped = schema.scoped_tables()
    plans = snapshot.rows.get(PLAN, {})
    whole_territories = set(scope.territories)
    territories = whole_territories | {
        t for p in scope.plans if (row := plans.get(p)) and (t := row.values.get("territory_id"))
    }
    inside: dict[str, set[str]] = {}
    for table in schema.order:
        rows = snapshot.rows.get(table, {})
        mine = set(held.get(table, ()))
        if table not in scoped:
            mine.update(rows)
        elif table == TERRITORY:
            mine.update(k for k in rows if k in territories)
        elif table == PLAN:
            mine.update(
                k
                for k, row in rows.items()
                if k in scope.plans or row.values.get("territory_id") in whole_territories
            )
        else:
            info = schema.tables[table]
            links = [(c, fk.target) for c, fk in info.foreign_keys.items() if fk.target in scoped]
            for key in _ordered(rows, info.self_references):
                values = rows[key].values
                if all(
                    values.get(c) is None or values.get(c) in inside.get(target, mine)
                    for c, target in links
                ):
                    mine.add(key)
        inside[table] = mine
    return inside


def _ordered(rows: Mapping[str, Any], own: tuple[str, ...]) -> list[str]:
    """Keys with parents first in a table that points at itself."""
    if not own:
        return list(rows)
    out: list[str] = []
    seen: set[str] = set()

    def visit(key: str, depth: int = 0) -> None:
        if key in seen or depth > 1000:
            return
        seen.add(key)
        values = getattr(rows[key], "values", {})
        for column in own:
            parent = values.get(column)
            if isinstance(parent, str) and parent in rows:
                visit(parent, depth + 1)
        out.append(key)

    for key in rows:
        visit(key)
    return out
