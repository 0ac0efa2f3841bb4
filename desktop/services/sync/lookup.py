"""Finding the records a conflict points at (its indicator, its section, its lead
organisation), to name them in words: in the store, else in the conflict's own records."""

from __future__ import annotations

from collections.abc import Callable

from ...store import Store
from .common import SyncResult
from .records import Values, read_snapshot
from .schema import SyncSchema, schema

Lookup = Callable[[str, str], Values | None]


def lookup_in(store: Store, result: SyncResult) -> tuple[Lookup, SyncSchema]:
    """A lookup of records by (table, key), read from ``store`` once when first asked."""
    sync_schema = schema()
    cache: dict[tuple[str, str], Values] = {}
    for conflict in result.conflicts:
        for values in (conflict.theirs_record, conflict.mine_record):
            if values is not None:
                cache[(conflict.table, conflict.key)] = values
    loaded = False

    def lookup(table: str, key: str) -> Values | None:
        nonlocal loaded
        found = cache.get((table, key))
        if found is None and not loaded:
            loaded = True
            with store.engine.connect() as connection:
                snapshot = read_snapshot(connection, sync_schema)
            for name, rows in snapshot.rows.items():
                for k, row in rows.items():
                    cache.setdefault((name, k), row.values)
            found = cache.get((table, key))
        return found

    return lookup, sync_schema


def copy_names(store: Store) -> dict[str, str]:
    """The name of each copy this store heard of, by replica id, for the history of records
    (an entry made on another copy says on which)."""
    from . import state

    with store.engine.connect() as connection:
        return state.names(connection)


def made_by(person: str, origin: str, names: dict[str, str]) -> str:
    """ "marie (on marie@laptop)" for an entry made on another copy; the person otherwise."""
    if not origin:
        return person
    from ...i18n import _

    copy = names.get(origin) or origin[:8]
    return _("{who} (on {copy})").format(who=person, copy=copy) if person else copy
