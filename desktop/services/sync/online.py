"""Synchronising a copy with its origin when both can be reached (a shared folder, a
database server): one transaction on each, the origin's committed first.

Both stores are read whole, as of one moment; their changes since the copy's last state are
merged (``merge``); the user's decisions (or ``prefer``) settle the conflicts; the merged
records are written to both with version checks; the change logs are exchanged; the copy's
base becomes the merged state. Interrupted before the origin's commit, both stores are as
before; between the two commits (a moment), the origin holds the copy's changes and the copy
is as before, and running again completes it without duplicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ...i18n import _
from ...models import utcnow
from ...progress import Progress
from ...store import Store
from . import changelog, state
from .apply import Meta, apply_side
from .common import (
    SyncError,
    SyncResult,
    acknowledge,
    bump_if_restored,
    concurrent_message,
    copy_changes,
    is_serialization_failure,
    numbered,
    rows_of,
    state_token,
    step,
    transaction,
)
from .merge import MergeInput, merge
from .plan import Choice, ConflictKey, Decision, RecordId
from .records import Snapshot, read_snapshot
from .schema import SyncSchema, schema
from .scope import Scope, members
from .sides import SideView

ATTEMPTS = 3


@dataclass
class Peers:
    copy: state.Replica
    origin: state.Replica


def check_family(copy: state.Replica, origin: state.Replica, origin_location: str) -> None:
    if copy.dataset != origin.dataset or copy.origin_replica != origin.replica:
        raise SyncError(
            _("{location} is not the store this copy was taken from; nothing was changed.").format(
                location=origin_location
            )
        )


def meta_of(snapshot: Snapshot) -> Meta:
    def meta(rid: RecordId) -> tuple[str | None, str | None]:
        row = snapshot.get(*rid)
        return (None, None) if row is None else (row.created, row.updated)

    return meta


def synchronise(
    copy_store: Store,
    origin_store: Store,
    *,
    user: str,
    decisions: Mapping[ConflictKey, Decision] | None = None,
    prefer: Choice | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    kind: str = "sync",
) -> SyncResult:
    """Send this copy's changes to its origin and receive the origin's; see the module."""
    for attempt in range(ATTEMPTS):
        try:
            return _synchronise(
                copy_store,
                origin_store,
                user=user,
                decisions=decisions or {},
                prefer=prefer,
                dry_run=dry_run,
                progress=progress,
                kind=kind,
            )
        except Exception as error:
            if not is_serialization_failure(error):
                raise
            if attempt == ATTEMPTS - 1:
                raise SyncError(concurrent_message(origin_store.location)) from error
    raise AssertionError("unreachable")


def _synchronise(
    copy_store: Store,
    origin_store: Store,
    *,
    user: str,
    decisions: Mapping[ConflictKey, Decision],
    prefer: Choice | None,
    dry_run: bool,
    progress: Progress | None,
    kind: str,
) -> SyncResult:
    tell = step(progress)
    sync_schema = schema()
    result = SyncResult(kind=kind, dry_run=dry_run, location=origin_store.location)
    with transaction(copy_store, commit=not dry_run) as here:
        copy = state.replica(here)
        if not copy.is_copy:
            raise SyncError(
                _("{location} is not an offline copy: take one with File > Take offline.").format(
                    location=copy_store.location
                )
            )
        state.lock(here, copy)
        with transaction(origin_store, commit=not dry_run) as there:
            origin = state.replica(there)
            check_family(copy, origin, origin_store.location)
            state.lock(there, origin)
            tell(_("Reading this copy…"))
            peer = state.peer(there, copy.replica)
            if peer is not None:
                bump_if_restored(here, copy, peer.received_seq)
            mine = read_snapshot(here, sync_schema)
            copy_scan = state.scan(here, copy, mine)
            tell(_("Reading {location}…").format(location=origin_store.location))
            theirs = read_snapshot(there, sync_schema)
            origin_scan = state.scan(there, origin, theirs)
            base = state.load_base(here)
            sent = state.load_sent(here)
            base_changes = (
                acknowledge(base, sent, peer.received_seq, peer.held) if peer is not None else {}
            )
            tell(_("Merging…"))
            involved, lately = _involved(sync_schema, mine, theirs, base, sent, copy, there)
            plan = merge(
                MergeInput(
                    schema=sync_schema,
                    base=base,
                    local=SideView("copy", rows_of(mine), full=True),
                    remote=SideView(
                        "origin",
                        rows_of(theirs),
                        full=True,
                        deleted=origin_scan.tombstones,
                        recent=lately,
                    ),
                    involved=involved,
                    local_is_copy=True,
                    priors={rid: [v for _seq, v in entries] for rid, entries in sent.items()},
                    decisions=decisions,
                    prefer=prefer,
                    write_remote=True,
                )
            )
            result.conflicts = plan.conflicts
            result.merged = plan.merged
            result.held = len(plan.open)
            result.sent = plan.remote.count()
            result.received = plan.local.count()
            if plan.conflicts:
                keys = {k for c in plan.conflicts for k in (c.key, c.mine_key, c.theirs_key) if k}
                names = {**state.names(there), **state.names(here)}
                changelog.describe_authors(
                    plan.conflicts,
                    changelog.local_entries(here, keys),
                    changelog.local_entries(there, keys),
                    names,
                    copy.replica,
                    origin.replica,
                )
            if dry_run:
                result.state = state_token(origin.replica, copy.origin_seq)
                return result
            tell(_("Writing the changes…"))
            known_there = numbered(theirs, origin_scan.tombstones)
            known_here = numbered(mine, copy_scan.tombstones)
            written_there = apply_side(there, sync_schema, theirs, plan.remote, meta_of(mine))
            written_here = apply_side(here, sync_schema, mine, plan.local, meta_of(theirs))
            changelog.incoming(
                there,
                changelog.outgoing(here, copy.acknowledged_seq, copy.replica, origin.replica),
                origin.replica,
                written_there.ids,
            )
            result.log_entries = changelog.incoming(
                here,
                changelog.outgoing(there, copy.origin_seq, origin.replica, copy.replica),
                copy.replica,
                written_here.ids,
            )
            tell(_("Numbering the changes…"))
            state.mark_written(
                there, origin, written_there.written, written_there.removed, known_there
            )
            state.mark_written(here, copy, written_here.written, written_here.removed, known_here)
            state.rekey(here, plan.local.rename)
            state.save_base(here, {**base_changes, **plan.base})
            state.drop_sent(here)
            now = utcnow()
            state.update_replica(
                here,
                copy,
                origin_seq=origin.seq,
                acknowledged_seq=copy.seq,
                synced_at=now,
            )
            found = peer or state.Peer(copy.replica, copy.name, 0, 0, copy.scope, [])
            found.name = copy.name
            found.known_seq = origin.seq
            found.received_seq = copy.seq
            found.scope = copy.scope
            found.held = sorted(plan.open)
            state.save_peer(there, found)
            summary = {
                "sent": result.sent,
                "received": result.received,
                "merged": result.merged,
                "conflicts": len(result.conflicts),
            }
            state.record_event(there, user=user, kind=kind, peer_id=copy.replica, summary=summary)
            state.record_event(here, user=user, kind=kind, peer_id=origin.replica, summary=summary)
            result.state = state_token(origin.replica, origin.seq)
            result.written = True
    return result


def _involved(
    sync_schema: SyncSchema,
    mine: Snapshot,
    theirs: Snapshot,
    base: dict[RecordId, dict[str, str | None]],
    sent: dict[RecordId, list[tuple[int, dict[str, str | None] | None]]],
    copy: state.Replica,
    there: Connection,
) -> tuple[set[RecordId], set[RecordId]]:
    """The records to merge, and those the origin deleted after the copy's state."""
    involved = copy_changes(rows_of(mine), base, sent)
    changed, deleted = state.changed_since(there, copy.origin_seq)
    known = set(base) | {(t, k) for t, rows in mine.rows.items() for k in rows}
    inside = members(sync_schema, theirs, Scope.loads(copy.scope), known)
    for rid in changed:
        if inside is None or rid[1] in inside.get(rid[0], ()):
            involved.add(rid)
    involved.update(rid for rid in deleted if rid in known)
    return {rid for rid in involved if rid[0] in sync_schema.tables}, deleted
