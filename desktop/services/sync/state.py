"""Synchronisation's own tables: the store's identity and change numbers, a copy's base and
what it sent, the copies known to an origin, merged keys, and the journal of operations."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ...models import (
    ChangeLog,
    SyncAlias,
    SyncBase,
    SyncEvent,
    SyncPeer,
    SyncRecord,
    SyncReplica,
    SyncSent,
    utcnow,
)
from .plan import RecordId, State
from .records import Snapshot, Values, digest

REPLICA: sa.Table = SyncReplica.__table__  # type: ignore[attr-defined]
RECORD: sa.Table = SyncRecord.__table__  # type: ignore[attr-defined]
BASE: sa.Table = SyncBase.__table__  # type: ignore[attr-defined]
SENT: sa.Table = SyncSent.__table__  # type: ignore[attr-defined]
PEER: sa.Table = SyncPeer.__table__  # type: ignore[attr-defined]
ALIAS: sa.Table = SyncAlias.__table__  # type: ignore[attr-defined]
EVENT: sa.Table = SyncEvent.__table__  # type: ignore[attr-defined]
LOG: sa.Table = ChangeLog.__table__  # type: ignore[attr-defined]

CHUNK = 500
# The advisory lock synchronisations of one PostgreSQL store take in turn ("PCAETsyn"); other
# writers do not take it (their saves are caught by the versions in the statements).
SYNC_LOCK = 0x504341455473796E


@dataclass
class Replica:
    id: int
    replica: str
    dataset: str
    name: str
    seq: int
    origin_location: str
    origin_replica: str
    origin_name: str
    origin_seq: int
    scope: str
    acknowledged_seq: int

    @property
    def is_copy(self) -> bool:
        return bool(self.origin_replica)

    @property
    def tag(self) -> str:
        return self.replica[:8]


def replica(connection: Connection) -> Replica:
    row = connection.execute(sa.select(REPLICA).order_by(REPLICA.c.id)).first()
    if row is None:  # a store made before the table had its row (never, after migration)
        values = {"replica": str(uuid4()), "dataset": str(uuid4())}
        connection.execute(sa.insert(REPLICA).values(**values))
        row = connection.execute(sa.select(REPLICA)).first()
        assert row is not None
    m = row._mapping
    return Replica(**{f: m[f] for f in Replica.__dataclass_fields__})


def update_replica(connection: Connection, current: Replica, **values: Any) -> None:
    connection.execute(sa.update(REPLICA).where(REPLICA.c.id == current.id).values(**values))
    for name, value in values.items():
        setattr(current, name, value)


def lock(connection: Connection, current: Replica) -> None:
    """Take the store's write lock at once (SQLite) or the synchronisation lock (PostgreSQL),
    so that two synchronisations of one store wait for each other instead of mixing."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": SYNC_LOCK})
    connection.execute(
        sa.update(REPLICA).where(REPLICA.c.id == current.id).values(seq=REPLICA.c.seq)
    )


# -- numbering changes -----------------------------------------------------------------------


@dataclass
class Scan:
    seq: int  # the store's state after the scan
    changed: int  # records numbered anew
    tombstones: set[RecordId]  # every record known deleted


def scan(connection: Connection, current: Replica, snapshot: Snapshot) -> Scan:
    """Number every record that changed since the last scan (and every new change-log entry)
    with the next change number; records gone become tombstones."""
    existing: dict[RecordId, tuple[str, bool]] = {
        (r.entity, r.record_key): (r.digest, r.deleted)
        for r in connection.execute(
            sa.select(RECORD.c.entity, RECORD.c.record_key, RECORD.c.digest, RECORD.c.deleted)
        )
    }
    seq = current.seq + 1
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for table, rows in snapshot.rows.items():
        for key, row in rows.items():
            value = digest(row.values)
            old = existing.pop((table, key), None)
            if old is None:
                inserts.append(
                    {
                        "entity": table,
                        "record_key": key,
                        "digest": value,
                        "seq": seq,
                        "deleted": False,
                    }
                )
            elif old[1] or old[0] != value:
                updates.append(
                    {"b_entity": table, "b_key": key, "digest": value, "seq": seq, "deleted": False}
                )
    tombstones: set[RecordId] = set()
    for rid, (value, deleted) in existing.items():
        if rid[0] not in snapshot.rows:
            continue  # a table this code no longer has
        tombstones.add(rid)
        if not deleted:
            updates.append(
                {"b_entity": rid[0], "b_key": rid[1], "digest": value, "seq": seq, "deleted": True}
            )
    _write_records(connection, inserts, updates)
    logged = connection.execute(sa.update(LOG).where(LOG.c.seq.is_(None)).values(seq=seq)).rowcount
    changed = len(inserts) + len(updates)
    if changed or logged:
        update_replica(connection, current, seq=seq)
    return Scan(seq=current.seq, changed=changed, tombstones=tombstones)


def _write_records(
    connection: Connection, inserts: list[dict[str, Any]], updates: list[dict[str, Any]]
) -> None:
    """New numbered records, and new numbers (digest, tombstone) for known ones."""
    for start in range(0, len(inserts), 10_000):
        connection.execute(sa.insert(RECORD), inserts[start : start + 10_000])
    if updates:
        connection.execute(
            sa.update(RECORD)
            .where(RECORD.c.entity == sa.bindparam("b_entity"))
            .where(RECORD.c.record_key == sa.bindparam("b_key"))
            .values(
                digest=sa.bindparam("digest"),
                seq=sa.bindparam("seq"),
                deleted=sa.bindparam("deleted"),
            ),
            updates,
        )


def mark_written(
    connection: Connection,
    current: Replica,
    written: Mapping[RecordId, Values],
    removed: Iterable[RecordId],
    known: set[RecordId] | Mapping[RecordId, object],
) -> None:
    """Number what a synchronisation wrote (and the change-log entries it added) with the
    next change number, from the values written: reading the store again to scan it took
    as long as the merge. A deletion the database made by cascade is numbered by the next
    scan."""
    gone = set(removed) - set(written)
    if not written and not gone:
        connection.execute(sa.update(LOG).where(LOG.c.seq.is_(None)).values(seq=current.seq))
        return
    seq = current.seq + 1
    inserts = [
        {"entity": t, "record_key": k, "digest": digest(v), "seq": seq, "deleted": False}
        for (t, k), v in written.items()
        if (t, k) not in known
    ]
    updates = [
        {"b_entity": t, "b_key": k, "digest": digest(v), "seq": seq, "deleted": False}
        for (t, k), v in written.items()
        if (t, k) in known
    ]
    updates += [
        {"b_entity": t, "b_key": k, "digest": "", "seq": seq, "deleted": True}
        for t, k in gone
        if (t, k) in known
    ]
    _write_records(connection, inserts, updates)
    connection.execute(sa.update(LOG).where(LOG.c.seq.is_(None)).values(seq=seq))
    update_replica(connection, current, seq=seq)


def changed_since(connection: Connection, since: int) -> tuple[set[RecordId], set[RecordId]]:
    """(records changed, records deleted) with a change number above ``since``."""
    numbers = numbers_since(connection, since)
    changed = {rid for rid, (_seq, deleted) in numbers.items() if not deleted}
    return changed, set(numbers) - changed


def numbers_since(connection: Connection, since: int) -> dict[RecordId, tuple[int, bool]]:
    """Each record with a change number above ``since``: (its number, deleted)."""
    return {
        (r.entity, r.record_key): (r.seq, r.deleted)
        for r in connection.execute(
            sa.select(RECORD.c.entity, RECORD.c.record_key, RECORD.c.seq, RECORD.c.deleted).where(
                RECORD.c.seq > since
            )
        )
    }


def touch(connection: Connection, rids: Iterable[RecordId], seq: int) -> None:
    """Give records the change number ``seq`` (their values did not change: a record another
    key was merged into must travel again)."""
    rows = [{"b_entity": t, "b_key": k, "seq": seq} for t, k in rids]
    if rows:
        connection.execute(
            sa.update(RECORD)
            .where(RECORD.c.entity == sa.bindparam("b_entity"))
            .where(RECORD.c.record_key == sa.bindparam("b_key"))
            .values(seq=sa.bindparam("seq")),
            rows,
        )


# -- a copy's base and what it sent ----------------------------------------------------------


def load_base(connection: Connection) -> dict[RecordId, Values]:
    return {
        (r.entity, r.record_key): json.loads(r.data)
        for r in connection.execute(sa.select(BASE.c.entity, BASE.c.record_key, BASE.c.data))
    }


def save_base(connection: Connection, changes: Mapping[RecordId, State]) -> None:
    if not changes:
        return
    keys = list(changes)
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        connection.execute(
            sa.delete(BASE).where(sa.tuple_(BASE.c.entity, BASE.c.record_key).in_(chunk))
        )
    rows = [
        {"entity": t, "record_key": k, "data": json.dumps(v, ensure_ascii=False)}
        for (t, k), v in changes.items()
        if v is not None
    ]
    if rows:
        connection.execute(sa.insert(BASE), rows)


def rekey(connection: Connection, renames: Mapping[RecordId, str]) -> None:
    """A record of this copy took another key: its base and sent entries follow it."""
    for (table, old), new in renames.items():
        for target in (BASE, SENT):
            connection.execute(
                sa.update(target)
                .where(target.c.entity == table, target.c.record_key == old)
                .values(record_key=new)
            )


def load_sent(connection: Connection) -> dict[RecordId, list[tuple[int, State]]]:
    """Per record, what this copy sent (oldest first) and in which of its states."""
    found: dict[RecordId, list[tuple[int, State]]] = {}
    for r in connection.execute(sa.select(SENT).order_by(SENT.c.seq, SENT.c.id)):
        data = None if r.data is None else json.loads(r.data)
        found.setdefault((r.entity, r.record_key), []).append((r.seq, data))
    return found


def save_sent(connection: Connection, seq: int, records: Mapping[RecordId, State]) -> None:
    rows = [
        {
            "seq": seq,
            "entity": t,
            "record_key": k,
            "data": None if v is None else json.dumps(v, ensure_ascii=False),
        }
        for (t, k), v in records.items()
    ]
    if rows:
        connection.execute(sa.insert(SENT), rows)


def drop_sent(connection: Connection, up_to: int | None = None) -> None:
    statement = sa.delete(SENT)
    if up_to is not None:
        statement = statement.where(SENT.c.seq <= up_to)
    connection.execute(statement)


# -- copies known to an origin ---------------------------------------------------------------


@dataclass
class Peer:
    replica: str
    name: str
    known_seq: int
    received_seq: int
    scope: str
    held: list[RecordId]


def peer(connection: Connection, replica_id: str) -> Peer | None:
    row = connection.execute(sa.select(PEER).where(PEER.c.replica == replica_id)).first()
    if row is None:
        return None
    held = [tuple(x) for x in json.loads(row.held)] if row.held else []
    return Peer(
        row.replica,
        row.name,
        row.known_seq,
        row.received_seq,
        row.scope,
        [(str(t), str(k)) for t, k in held],
    )


def peers(connection: Connection) -> list[Peer]:
    ids = [r[0] for r in connection.execute(sa.select(PEER.c.replica).order_by(PEER.c.name))]
    return [p for i in ids if (p := peer(connection, i)) is not None]


def save_peer(connection: Connection, found: Peer) -> None:
    values = {
        "name": found.name,
        "known_seq": found.known_seq,
        "received_seq": found.received_seq,
        "scope": found.scope,
        "held": json.dumps(sorted(found.held)) if found.held else "",
        "last_seen": utcnow(),
    }
    done = connection.execute(
        sa.update(PEER).where(PEER.c.replica == found.replica).values(**values)
    ).rowcount
    if not done:
        connection.execute(sa.insert(PEER).values(replica=found.replica, **values))


def names(connection: Connection) -> dict[str, str]:
    """Replica id -> name, for every copy this store heard of (and itself)."""
    found = {r.replica: r.name for r in connection.execute(sa.select(PEER.c.replica, PEER.c.name))}
    row = connection.execute(
        sa.select(
            REPLICA.c.replica, REPLICA.c.name, REPLICA.c.origin_replica, REPLICA.c.origin_name
        )
    ).first()
    if row is not None:
        found[row.replica] = row.name
        if row.origin_replica:
            found.setdefault(row.origin_replica, row.origin_name)
    return found


# -- merged keys -----------------------------------------------------------------------------


def aliases(connection: Connection) -> dict[RecordId, str]:
    return {
        (r.entity, r.record_key): r.canonical
        for r in connection.execute(
            sa.select(ALIAS.c.entity, ALIAS.c.record_key, ALIAS.c.canonical)
        )
    }


def aliases_since(connection: Connection, since: int) -> dict[RecordId, str]:
    return {
        (r.entity, r.record_key): r.canonical
        for r in connection.execute(
            sa.select(ALIAS.c.entity, ALIAS.c.record_key, ALIAS.c.canonical).where(
                ALIAS.c.seq > since
            )
        )
    }


def save_aliases(connection: Connection, found: Mapping[RecordId, str], seq: int) -> None:
    for (table, key), canonical in found.items():
        connection.execute(
            sa.delete(ALIAS).where(ALIAS.c.entity == table, ALIAS.c.record_key == key)
        )
        connection.execute(
            sa.insert(ALIAS).values(entity=table, record_key=key, canonical=canonical, seq=seq)
        )


# -- journal ---------------------------------------------------------------------------------


def record_event(
    connection: Connection,
    *,
    user: str,
    kind: str,
    peer_id: str = "",
    package: str = "",
    summary: Mapping[str, Any] | None = None,
) -> None:
    connection.execute(
        sa.insert(EVENT).values(
            at=utcnow(),
            user=user,
            kind=kind,
            peer=peer_id,
            package=package,
            summary=json.dumps(dict(summary or {}), ensure_ascii=False),
        )
    )


def package_applied(connection: Connection, package_id: str) -> bool:
    return (
        connection.execute(
            sa.select(EVENT.c.id).where(EVENT.c.package == package_id, EVENT.c.kind == "apply")
        ).first()
        is not None
    )
