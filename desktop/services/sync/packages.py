"""Change packages between a copy and its origin, for when no network joins them (writing
them is ``package_writer``).

- From a copy (``changes`` without a state, or since its origin's state): the records that
  differ from what it last agreed with its origin, each with that agreed state and what the
  copy sent before, so that the origin merges them three ways.
- From an origin (``changes --since STATE``, or since what a named copy last had): the
  records it numbered after that state, with its merged keys and the copies' acknowledgement.

Applying: a package of another family of stores, or addressed to another store, is refused;
one applied before changes nothing; the merge, conflicts and decisions are those of the
online synchronisation. The store's transaction is all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import Connection

from ...i18n import _
from ...models import utcnow
from ...progress import Progress
from ...store import Store
from . import changelog, state
from .apply import apply_side
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
from .package import UP, Package, read_package
from .plan import Choice, ConflictKey, Decision, RecordId, State
from .records import Snapshot, Values, read_snapshot
from .schema import SyncSchema, schema
from .sides import SideView


def apply_package(
    store: Store,
    path: Path,
    *,
    user: str,
    decisions: Mapping[ConflictKey, Decision] | None = None,
    prefer: Choice | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> SyncResult:
    """Apply the change package at ``path``; see the module."""
    tell = step(progress)
    tell(_("Reading the package…"))
    package = read_package(path)
    try:
        return _apply(
            store,
            package,
            user=user,
            decisions=decisions or {},
            prefer=prefer,
            dry_run=dry_run,
            progress=progress,
        )
    except Exception as error:
        if is_serialization_failure(error):
            raise SyncError(concurrent_message(store.location)) from error
        raise


def _check_addressed(package: Package, current: state.Replica) -> None:
    if package.dataset != current.dataset:
        raise SyncError(
            _("This change package comes from another store ({name}); it was not applied.").format(
                name=package.sender_name or package.sender[:8]
            )
        )
    if package.direction == UP:
        wrong = package.receiver != current.replica
    else:
        wrong = package.sender != current.origin_replica or (
            bool(package.receiver) and package.receiver != current.replica
        )
    if wrong:
        raise SyncError(
            _("This change package is meant for another copy of the store; it was not applied.")
        )


def _apply(
    store: Store,
    package: Package,
    *,
    user: str,
    decisions: Mapping[ConflictKey, Decision],
    prefer: Choice | None,
    dry_run: bool,
    progress: Progress | None,
) -> SyncResult:
    tell = step(progress)
    sync_schema = schema()
    result = SyncResult(kind="apply", dry_run=dry_run, location=package.sender_name)
    with transaction(store, commit=not dry_run) as connection:
        current = state.replica(connection)
        _check_addressed(package, current)
        state.lock(connection, current)
        if state.package_applied(connection, package.package_id):
            result.already = True
            return result
        tell(_("Reading the store…"))
        snapshot = read_snapshot(connection, sync_schema)
        scan = state.scan(connection, current, snapshot)
        known = numbered(snapshot, scan.tombstones)
        if package.direction == UP:
            done = _apply_up(
                connection,
                current,
                sync_schema,
                snapshot,
                scan,
                package,
                decisions,
                prefer,
                result,
                known,
            )
        else:
            done = _apply_down(
                connection,
                current,
                sync_schema,
                snapshot,
                package,
                decisions,
                prefer,
                result,
                known,
            )
        if dry_run:
            return result
        result.written = done or result.received > 0
        if not done:
            return result  # conflicts left undecided: the package may be applied again
        state.record_event(
            connection,
            user=user,
            kind="apply",
            peer_id=package.sender,
            package=package.package_id,
            summary={
                "received": result.received,
                "merged": result.merged,
                "conflicts": len(result.conflicts),
            },
        )
    return result


def _translated(
    package: Package,
    aliases: Mapping[RecordId, str],
    sync_schema: SyncSchema,
) -> tuple[
    dict[str, dict[str, Values]],
    set[RecordId],
    dict[RecordId, Values],
    dict[RecordId, list[State]],
    dict[RecordId, Values],
]:
    """The package's records as views need them, keys merged here read as their record."""

    def key(rid: RecordId) -> RecordId:
        return (rid[0], aliases.get(rid, rid[1]))

    def values(table: str, found: Values | None) -> Values | None:
        if found is None or not aliases:
            return found
        info = sync_schema.tables[table]
        out = dict(found)
        for column, fk in info.foreign_keys.items():
            target = out.get(column)
            if target is not None:
                out[column] = aliases.get((fk.target, target), target)
        return out

    rows: dict[str, dict[str, Values]] = {}
    deleted: set[RecordId] = set()
    base: dict[RecordId, Values] = {}
    priors: dict[RecordId, list[State]] = {}
    for record in package.records:
        if record.table not in sync_schema.tables:
            continue  # a table this version does not have
        rid = key((record.table, record.key))
        found = values(record.table, record.values)
        if found is None:
            deleted.add(rid)
        else:
            rows.setdefault(rid[0], {})[rid[1]] = found
        if record.base is not None:
            base[rid] = values(record.table, record.base) or {}
        if record.priors:
            priors[rid] = [values(record.table, p) for p in record.priors]
    context = {
        key(rid): v
        for rid, found in package.context.items()
        if rid[0] in sync_schema.tables and (v := values(rid[0], found)) is not None
    }
    for rid, found in context.items():
        # What the package points at without carrying it is unchanged on the sender: its
        # values are those the sender last agreed on.
        base.setdefault(rid, found)
    return rows, deleted, base, priors, context


def _apply_up(
    connection: Connection,
    current: state.Replica,
    sync_schema: SyncSchema,
    snapshot: Snapshot,
    scan: state.Scan,
    package: Package,
    decisions: Mapping[ConflictKey, Decision],
    prefer: Choice | None,
    result: SyncResult,
    known: set[RecordId],
) -> bool:
    """A copy's changes arrive at its origin."""
    peer = state.peer(connection, package.sender) or state.Peer(
        package.sender, package.sender_name, 0, 0, "", []
    )
    # A package older than what arrived from this copy brings nothing; the latest one may be
    # applied again while conflicts it met wait for a decision.
    if package.upto < peer.received_seq or (package.upto == peer.received_seq and not peer.held):
        result.already = True
        return False
    rows, deleted, base, priors, context = _translated(
        package, state.aliases(connection), sync_schema
    )
    involved = {(t, k) for t, keys in rows.items() for k in keys} | deleted
    changed_here, gone_here = state.changed_since(connection, package.checkpoint)
    involved |= changed_here | gone_here
    plan = merge(
        MergeInput(
            schema=sync_schema,
            base=base,
            local=SideView(
                "origin", rows_of(snapshot), full=True, deleted=scan.tombstones, recent=gone_here
            ),
            remote=SideView("copy", rows, full=False, base=base, deleted=deleted, context=context),
            involved=involved,
            local_is_copy=False,
            priors=priors,
            decisions=decisions,
            prefer=prefer,
        )
    )
    _fill(result, plan, connection, package, current)
    if result.dry_run:
        return True
    merged = state.aliases(connection)
    meta = {
        (r.table, merged.get((r.table, r.key), r.key)): (r.created, r.updated)
        for r in package.records
    }
    applier = apply_side(
        connection, sync_schema, snapshot, plan.local, lambda rid: meta.get(rid, (None, None))
    )
    result.log_entries = changelog.incoming(connection, package.log, current.replica, applier.ids)
    state.mark_written(connection, current, applier.written, applier.removed, known)
    if plan.aliases:
        state.update_replica(connection, current, seq=current.seq + 1)
        state.save_aliases(connection, plan.aliases, current.seq)
        state.touch(connection, [(t, c) for (t, _k), c in plan.aliases.items()], current.seq)
    peer.name = package.sender_name or peer.name
    peer.known_seq = max(peer.known_seq, package.checkpoint)
    # Received, except what waits for a decision: the copy's next merge takes what arrived
    # here as agreed, and keeps the held records' conflicts for its user.
    # A held record is held under the key the copy knows it by too (made on both sides).
    keys_of = {**merged, **plan.aliases}
    peer.held = sorted(
        plan.open
        | {lost for lost, canonical in keys_of.items() if (lost[0], canonical) in plan.open}
    )
    peer.received_seq = max(peer.received_seq, package.upto)
    state.save_peer(connection, peer)
    return not plan.undecided


def _apply_down(
    connection: Connection,
    current: state.Replica,
    sync_schema: SyncSchema,
    snapshot: Snapshot,
    package: Package,
    decisions: Mapping[ConflictKey, Decision],
    prefer: Choice | None,
    result: SyncResult,
    known: set[RecordId],
) -> bool:
    """The origin's changes arrive at a copy."""
    if package.upto <= current.origin_seq:
        result.already = True
        return False
    if package.since > current.origin_seq:
        raise SyncError(
            _(
                "This package starts after the state this copy holds; ask for the changes since "
                "{state}."
            ).format(state=state_token(current.origin_replica, current.origin_seq))
        )
    bump_if_restored(connection, current, package.acknowledged)
    base = state.load_base(connection)
    sent = state.load_sent(connection)
    local_rows = rows_of(snapshot)
    # Records this copy made that the origin merged into one of its own take the origin's
    # key first: the merge then compares them as one record.
    renames = _take_aliases(sync_schema, package.aliases, local_rows, base, sent)
    base_changes: dict[RecordId, State] = {}
    if package.receiver == current.replica:
        base_changes = acknowledge(base, sent, package.acknowledged, package.held)
    rows, deleted, _base, _priors, context = _translated(package, {}, sync_schema)
    involved = {(t, k) for t, keys in rows.items() for k in keys} | deleted
    involved |= copy_changes(local_rows, base, sent)
    plan = merge(
        MergeInput(
            schema=sync_schema,
            base=base,
            local=SideView("copy", local_rows, full=True),
            remote=SideView(
                "origin",
                rows,
                full=False,
                base=base,
                deleted=deleted,
                context=context,
                recent={
                    (r.table, r.key)
                    for r in package.records
                    if r.values is None and r.seq > current.origin_seq
                },
            ),
            involved={rid for rid in involved if rid[0] in sync_schema.tables},
            local_is_copy=True,
            priors={rid: [v for _s, v in e] for rid, e in sent.items()},
            decisions=decisions,
            prefer=prefer,
            base_from_remote=True,
        )
    )
    plan.local.rename = {**renames, **plan.local.rename}
    _fill(result, plan, connection, package, current)
    if result.dry_run:
        return True
    meta = {(r.table, r.key): (r.created, r.updated) for r in package.records}
    applier = apply_side(
        connection, sync_schema, snapshot, plan.local, lambda rid: meta.get(rid, (None, None))
    )
    result.log_entries = changelog.incoming(connection, package.log, current.replica, applier.ids)
    state.mark_written(connection, current, applier.written, applier.removed, known)
    state.rekey(connection, plan.local.rename)
    state.save_base(connection, {**base_changes, **plan.base})
    if package.receiver == current.replica:
        state.drop_sent(connection, package.acknowledged)
    holds = {"origin_seq": package.upto} if not plan.undecided else {}
    state.update_replica(
        connection,
        current,
        synced_at=utcnow(),
        acknowledged_seq=max(current.acknowledged_seq, package.acknowledged),
        **holds,
    )
    result.state = state_token(current.origin_replica, current.origin_seq)
    return not plan.undecided


def _take_aliases(
    sync_schema: SyncSchema,
    aliases: Mapping[RecordId, str],
    local_rows: dict[str, dict[str, Values]],
    base: dict[RecordId, Values],
    sent: dict[RecordId, list[tuple[int, State]]],
) -> dict[RecordId, str]:
    renames: dict[RecordId, str] = {}
    for (table, old), new in aliases.items():
        rows = local_rows.get(table, {})
        if old in rows and new not in rows:
            rows[new] = rows.pop(old)
            renames[(table, old)] = new
        if (table, old) in base:
            base[(table, new)] = base.pop((table, old))
        if (table, old) in sent:
            sent[(table, new)] = sent.pop((table, old))
    if not aliases:
        return renames
    for table, rows in local_rows.items():
        info = sync_schema.tables.get(table)
        if info is None:
            continue
        links = [(c, fk.target) for c, fk in info.foreign_keys.items()]
        for key, values in rows.items():
            for column, target in links:
                value = values.get(column)
                if value is not None and (target, value) in aliases:
                    rows[key] = values = {**values, column: aliases[(target, value)]}
    return renames


def _fill(
    result: SyncResult,
    plan: object,
    connection: Connection,
    package: Package,
    current: state.Replica,
) -> None:
    from .plan import Plan

    assert isinstance(plan, Plan)
    result.conflicts = plan.conflicts
    result.merged = plan.merged
    result.held = len(plan.open)
    result.received = plan.local.count()
    if plan.conflicts:
        keys = {k for c in plan.conflicts for k in (c.key, c.mine_key, c.theirs_key) if k}
        names = {**package.names, **state.names(connection)}
        changelog.describe_authors(
            plan.conflicts,
            changelog.local_entries(connection, keys),
            package.log,
            names,
            current.replica,
            package.sender,
        )
