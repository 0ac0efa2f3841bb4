"""A first look at a store file with the standard library alone: which territory and plans it
holds, so the window can show them while SQLAlchemy and the tables load (about a second).

Read-only and best effort: anything unexpected (no file, another schema, a lock, PostgreSQL)
gives ``None`` and the window simply waits for the real store. Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PlanOutline:
    id: int
    title: str


@dataclass(frozen=True)
class TerritoryOutline:
    id: int
    name: str
    plans: list[PlanOutline] = field(default_factory=list)


@dataclass(frozen=True)
class StoreOutline:
    """The territory the window opens on, and the territories that have a plan (that one
    first)."""

    current_name: str
    territories: list[TerritoryOutline]
    others: int  # territories without a plan (peers kept for comparison)


def peek_outline(path: Path) -> StoreOutline | None:
    """The outline of the SQLite store at ``path``, or None when it cannot be read as one."""
    if not path.is_file():
        return None
    try:
        # mode=ro: never creates, never writes; the store's own open migrates later if needed.
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (sqlite3.Error, ValueError):
        return None
    try:
        return _read(connection)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _read(connection: sqlite3.Connection) -> StoreOutline | None:
    first = connection.execute("SELECT id, name FROM territory ORDER BY id LIMIT 1").fetchone()
    if first is None:
        return None  # an empty store opens on the welcome screen, not on a territory
    names = dict(connection.execute("SELECT id, name FROM territory").fetchall())
    plans: dict[int, list[PlanOutline]] = {}
    for plan_id, title, territory_id in connection.execute(
        "SELECT id, title, territory_id FROM plan ORDER BY title"
    ):
        plans.setdefault(int(territory_id), []).append(PlanOutline(int(plan_id), str(title)))
    current = int(first[0])
    # The same order as the navigation tree: the territory worked on (the first one), then
    # the others with a plan by name.
    with_plan = sorted(plans, key=lambda t: (t != current, str(names.get(t, ""))))
    territories = [TerritoryOutline(t, str(names[t]), plans[t]) for t in with_plan if t in names]
    return StoreOutline(str(first[1]), territories, others=len(names) - len(territories))
