"""Writing a change package: from a copy, what differs from what it last agreed with its
origin (with that agreed state and what it sent before); from an origin, the records it
numbered after the state ``--since`` names. Applying one is ``packages``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from sqlalchemy.engine import Connection

from ... import __version__
from ...i18n import _
from ...models import utcnow
from ...progress import Progress
from ...store import Store
from . import changelog, state
from .common import (
    SyncError,
    SyncResult,
    context_of,
    copy_changes,
    parse_token,
    rows_of,
    state_token,
    step,
    transaction,
)
from .package import DOWN, UP, Package, PackageRecord, write_package
from .plan import RecordId, State
from .records import Snapshot, read_snapshot
from .schema import SyncSchema, schema
from .scope import Scope, members

ORIGIN = "origin"


@dataclass
class Since:
    """What ``--since`` named: the copy's changes for its origin (``up``), or this store's
    changes after a state, for a copy."""

    up: bool
    seq: int = 0
    peer: state.Peer | None = None


def _resolve_since(connection: Connection, current: state.Replica, text: str | None) -> Since:
    if not text or text.strip().lower() == ORIGIN:
        if not current.is_copy:
            raise SyncError(
                _(
                    "This store is not an offline copy: say since which state to write its "
                    "changes (--since STATE, or the name of a copy)."
                )
            )
        return Since(up=True)
    text = text.strip()
    token = parse_token(text)
    if token is not None:
        tag, seq = token
        if current.is_copy and current.origin_replica.startswith(tag):
            if seq > current.origin_seq:
                raise SyncError(
                    _("This copy holds its origin's state {state}, not the later {asked}.").format(
                        state=state_token(current.origin_replica, current.origin_seq), asked=text
                    )
                )
            return Since(up=True)
        if not current.replica.startswith(tag):
            raise SyncError(_("State {state} is not a state of this store.").format(state=text))
        return Since(up=False, seq=seq)
    if text.isdigit():
        return Since(up=False, seq=int(text))
    copies = state.peers(connection)
    named = [p for p in copies if text in (p.name, p.replica)] or [
        p for p in copies if len(text) >= 8 and p.replica.startswith(text.lower())
    ]
    if len(named) == 1:
        return Since(up=False, seq=named[0].known_seq, peer=named[0])
    if named:
        raise SyncError(
            _(
                "Several copies of this store are called {name}; give a state such as {example}."
            ).format(name=text, example=state_token(current.replica, current.seq))
        )
    raise SyncError(
        _("No copy of this store is called {name}; give a state such as {example}.").format(
            name=text, example=state_token(current.replica, current.seq)
        )
    )


def write_changes(
    store: Store,
    out: Path,
    *,
    user: str,
    since: str | None = None,
    progress: Progress | None = None,
) -> SyncResult:
    """Write a change package to ``out``; see the module."""
    tell = step(progress)
    sync_schema = schema()
    result = SyncResult(kind="changes")
    with transaction(store) as connection:
        current = state.replica(connection)
        state.lock(connection, current)
        wanted = _resolve_since(connection, current, since)
        tell(_("Reading the store…"))
        snapshot = read_snapshot(connection, sync_schema)
        state.scan(connection, current, snapshot)
        package = Package(
            package_id=str(uuid4()),
            direction=UP if wanted.up else DOWN,
            dataset=current.dataset,
            sender=current.replica,
            sender_name=current.name,
            user=user,
            created_at=utcnow().isoformat(),
            app_version=__version__,
            names=state.names(connection),
        )
        if wanted.up:
            _up(connection, current, sync_schema, snapshot, package)
        else:
            _down(connection, current, sync_schema, snapshot, package, wanted)
        tell(_("Writing the package…"))
        result.package_size = write_package(package, out)
        result.package_path = str(out)
        result.sent = len(package.records)
        result.log_entries = len(package.log)
        result.state = state_token(current.replica, current.seq)
        state.record_event(
            connection,
            user=user,
            kind="changes",
            peer_id=package.receiver,
            package=package.package_id,
            summary={"records": result.sent},
        )
        result.written = True
    return result


def _up(
    connection: Connection,
    current: state.Replica,
    sync_schema: SyncSchema,
    snapshot: Snapshot,
    package: Package,
) -> None:
    base = state.load_base(connection)
    sent = state.load_sent(connection)
    records: dict[RecordId, State] = {}
    for rid in sorted(copy_changes(rows_of(snapshot), base, sent)):
        row = snapshot.get(*rid)
        values = None if row is None else row.values
        records[rid] = values
        package.records.append(
            PackageRecord(
                table=rid[0],
                key=rid[1],
                values=values,
                created=None if row is None else row.created,
                updated=None if row is None else row.updated,
                base=base.get(rid),
                priors=[v for _seq, v in sent.get(rid, [])],
            )
        )
    package.context = context_of(
        sync_schema, snapshot, {rid for rid, v in records.items() if v is not None}
    )
    package.receiver = current.origin_replica
    package.checkpoint = current.origin_seq
    package.upto = current.seq
    package.log = changelog.outgoing(
        connection, current.acknowledged_seq, current.replica, current.origin_replica
    )
    state.save_sent(connection, current.seq, records)


def _down(
    connection: Connection,
    current: state.Replica,
    sync_schema: SyncSchema,
    snapshot: Snapshot,
    package: Package,
    wanted: Since,
) -> None:
    numbers = state.numbers_since(connection, wanted.seq)
    changed = {rid for rid, (_seq, gone) in numbers.items() if not gone}
    deleted = set(numbers) - changed
    peer = wanted.peer
    inside = members(sync_schema, snapshot, Scope.loads(peer.scope)) if peer else None
    for rid in sorted(changed):
        row = snapshot.get(*rid)
        if row is None or (inside is not None and rid[1] not in inside.get(rid[0], ())):
            continue
        package.records.append(
            PackageRecord(
                table=rid[0],
                key=rid[1],
                values=row.values,
                created=row.created,
                updated=row.updated,
                seq=numbers[rid][0],
            )
        )
    package.records.extend(
        PackageRecord(table=t, key=k, values=None, seq=numbers[(t, k)][0])
        for t, k in sorted(deleted)
    )
    package.context = context_of(
        sync_schema, snapshot, {(r.table, r.key) for r in package.records if r.values}
    )
    package.aliases = state.aliases_since(connection, wanted.seq)
    package.since = wanted.seq
    package.upto = current.seq
    if peer is not None:
        package.receiver = peer.replica
        package.acknowledged = peer.received_seq
        package.held = list(peer.held)
    package.log = changelog.outgoing(
        connection, wanted.seq, current.replica, peer.replica if peer else ""
    )


# -- applying ------------------------------------------------------------------------------
