"""The change logs of both sides travel with the records: each entry keeps who made it, when,
and on which copy, so the history of a record shows the work of every copy. An entry is known
by the copy it was made on and its number there, and never arrives twice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .plan import Conflict, Who
from .records import text_of
from .state import LOG

CHUNK = 500
# Keys of the latest deletion of a record, and of its latest other change.
DELETED, KEPT = "\x00deleted", "\x00kept"
FIELDS = (
    "at",
    "user",
    "entity",
    "entity_uuid",
    "kind",
    "field",
    "old_value",
    "new_value",
    "source",
    "parent_entity",
    "parent_uuid",
)


def outgoing(
    connection: Connection, since: int, own_replica: str, receiver: str = ""
) -> list[dict[str, Any]]:
    """Entries numbered after ``since``, except those that came from ``receiver``."""
    rows: list[dict[str, Any]] = []
    statement = sa.select(LOG).where(LOG.c.seq > since).order_by(LOG.c.id)
    for r in connection.execute(statement):
        m = r._mapping
        origin = m["origin"] or own_replica
        if receiver and origin == receiver:
            continue
        entry = {f: text_of(m[f]) for f in FIELDS}
        entry["origin"] = origin
        entry["origin_id"] = m["origin_id"] if m["origin"] else m["id"]
        rows.append(entry)
    return rows


def incoming(
    connection: Connection,
    entries: Iterable[Mapping[str, Any]],
    own_replica: str,
    local_ids: Mapping[str, Mapping[str, int]],
) -> int:
    """Add the entries this store does not have yet; returns how many."""
    fresh = [e for e in entries if e.get("origin") and e["origin"] != own_replica]
    if not fresh:
        return 0
    known: set[tuple[str, int]] = set()
    origins = sorted({str(e["origin"]) for e in fresh})
    for origin in origins:
        ids = sorted({int(e["origin_id"]) for e in fresh if e["origin"] == origin})
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for found in connection.execute(
                sa.select(LOG.c.origin_id).where(LOG.c.origin == origin, LOG.c.origin_id.in_(chunk))
            ):
                known.add((origin, int(found.origin_id)))
    from datetime import datetime

    rows: list[dict[str, Any]] = []
    for e in fresh:
        mark = (str(e["origin"]), int(e["origin_id"]))
        if mark in known:
            continue
        known.add(mark)
        row = {f: e.get(f) for f in FIELDS}
        row["at"] = datetime.fromisoformat(str(e["at"]))
        row["user"] = row["user"] or ""
        row["field"] = row["field"] or ""
        row["source"] = row["source"] or ""
        row["parent_entity"] = row["parent_entity"] or ""
        row["parent_uuid"] = row["parent_uuid"] or ""
        row["entity_id"] = local_ids.get(str(e["entity"]), {}).get(str(e["entity_uuid"]))
        row["origin"], row["origin_id"] = mark
        rows.append(row)
    if rows:
        connection.execute(sa.insert(LOG), rows)
    return len(rows)


def _latest(
    entries: Iterable[Mapping[str, Any]], names: Mapping[str, str], own_replica: str
) -> dict[tuple[str, str, str | None], Who]:
    """(entity uuid, field, value written) -> the latest entry's author, and the same with
    the value None for any value; field "" for the record's latest entry."""
    found: dict[tuple[str, str, str | None], tuple[str, Who]] = {}
    for e in entries:
        at = str(e.get("at") or "")
        origin = str(e.get("origin") or "")
        copy = "" if not origin or origin == own_replica else names.get(origin, origin[:8])
        who = Who(user=str(e.get("user") or e.get("source") or ""), at=at, copy=copy)
        uuid, name = str(e["entity_uuid"]), str(e.get("field") or "")
        value = e.get("new_value")
        deleted = str(e.get("kind") or "") == "delete"
        keys = [
            (uuid, name, None if value is None else str(value)),
            (uuid, name, None),
            (uuid, "", None),
        ]
        if not copy:  # made on this side: who deleted the record here, or changed it last
            keys.append((uuid, DELETED if deleted else KEPT, None))
        for key in keys:
            if key not in found or found[key][0] < at:
                found[key] = (at, who)
    return {key: who for key, (_at, who) in found.items()}


def local_entries(connection: Connection, uuids: Iterable[str]) -> list[dict[str, Any]]:
    keys = sorted(set(uuids))
    rows: list[dict[str, Any]] = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        for r in connection.execute(
            sa.select(
                LOG.c.at,
                LOG.c.user,
                LOG.c.source,
                LOG.c.entity_uuid,
                LOG.c.field,
                LOG.c.kind,
                LOG.c.new_value,
                LOG.c.origin,
            ).where(LOG.c.entity_uuid.in_(chunk))
        ):
            rows.append(
                {
                    "at": text_of(r.at),
                    "user": r.user,
                    "source": r.source,
                    "entity_uuid": r.entity_uuid,
                    "field": r.field,
                    "kind": text_of(r.kind),
                    "new_value": r.new_value,
                    "origin": r.origin,
                }
            )
    return rows


def describe_authors(
    conflicts: list[Conflict],
    mine: Iterable[Mapping[str, Any]],
    theirs: Iterable[Mapping[str, Any]],
    names: Mapping[str, str],
    own_replica: str,
    other_replica: str,
) -> None:
    """Fill who changed each side's value of each conflict, and when."""
    mine_latest = _latest(mine, names, own_replica)
    theirs_latest = _latest(theirs, names, other_replica)
    for conflict in conflicts:
        conflict.mine_who = _who(
            mine_latest, conflict, conflict.mine_key, conflict.mine, conflict.mine_record is None
        )
        conflict.theirs_who = _who(
            theirs_latest,
            conflict,
            conflict.theirs_key,
            conflict.theirs,
            conflict.theirs_record is None,
        )


def _who(
    latest: Mapping[tuple[str, str, str | None], Who],
    conflict: Conflict,
    uuid: str,
    value: str | None,
    deleted: bool,
) -> Who:
    uuid = uuid or conflict.key
    keys: list[tuple[str, str, str | None]] = [
        (uuid, conflict.field, value),
        (uuid, conflict.field, None),
        (uuid, "", None),
    ]
    if not conflict.field:  # a deletion against a change: who deleted, or who changed last
        keys.insert(0, (uuid, DELETED if deleted else KEPT, None))
    for key in keys:
        if conflict.field == "" and key[1] == "" and key[2] is not None:
            continue
        found = latest.get(key)
        if found is not None:
            return found
    return Who()
