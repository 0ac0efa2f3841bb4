"""Names of referenced records for the history and conflict views: (table, id) -> "PB-3
Réduire…", "ADEME", "Émissions de GES", read once per record from the open store."""

from __future__ import annotations

from typing import Any

from ...record_labels import Names
from ...store import Store

_NAME_FIELDS = ("title", "name", "label")


def _name(record: Any) -> str:
    code = str(getattr(record, "code", "") or "")
    text = next((str(getattr(record, f)) for f in _NAME_FIELDS if getattr(record, f, "")), "")
    return " ".join(p for p in (code, text) if p)


def record_names(store: Store) -> Names:
    """A resolver reading each record once (a history lists the same section many times)."""
    from ... import models
    from ...services.queries import records

    classes = {
        getattr(cls, "__tablename__", ""): cls
        for cls in (getattr(models, n) for n in models.__all__)
        if isinstance(cls, type) and hasattr(cls, "__tablename__")
    }
    cache: dict[tuple[str, int], str | None] = {}

    def names(table: str, record_id: int) -> str | None:
        key = (table, record_id)
        if key not in cache:
            cls = classes.get(table)
            if cls is None:
                cache[key] = None
            else:
                with store.session() as session:
                    record = records.record(session, cls, record_id)
                    cache[key] = _name(record) if record is not None else None
        return cache[key]

    return names
