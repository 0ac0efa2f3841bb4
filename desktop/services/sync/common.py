"""What the synchronisation operations share: their result, transactions, the errors users
see, and the steps every merge takes (a copy's changes, the origin's acknowledgement)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection

from ...errors import UserError
from ...i18n import _
from ...progress import Progress
from ...store import Store
from ...store.store import guard
from . import state
from .apply import ConcurrentChange
from .plan import Conflict, RecordId, State
from .records import Snapshot, Values
from .schema import SyncSchema

Step = Callable[[str], None]


class SyncError(UserError):
    """A synchronisation refused or stopped, with a message for the user; nothing changed."""


@dataclass
class SyncResult:
    """What a synchronisation, a take-offline or a package did (or would do, dry run)."""

    kind: str  # "sync", "checkout", "apply", "changes"
    sent: int = 0  # records written to the other store (or put in the package)
    received: int = 0  # records written to this store
    merged: int = 0  # records changed on both sides, merged field by field
    conflicts: list[Conflict] = field(default_factory=list)
    held: int = 0  # records left as they are on each side, waiting for a decision
    log_entries: int = 0  # change-log entries that arrived
    dry_run: bool = False
    written: bool = False  # something was committed
    already: bool = False  # the package was applied before: nothing to do
    state: str = ""  # the origin's state this copy now holds ("3fa8c21e-57")
    location: str = ""  # the other store
    package_path: str = ""
    package_size: int = 0

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.decision is None]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sent": self.sent,
            "received": self.received,
            "merged": self.merged,
            "conflicts": [c.as_json() for c in self.conflicts],
            "undecided": len(self.undecided),
            "held": self.held,
            "log_entries": self.log_entries,
            "dry_run": self.dry_run,
            "written": self.written,
            "already_applied": self.already,
            "state": self.state,
            "location": self.location,
            "package": self.package_path,
            "package_size": self.package_size,
        }


def state_token(replica_id: str, seq: int) -> str:
    return f"{replica_id[:8]}-{seq}"


TOKEN = re.compile(r"^([0-9a-fA-F]{8})[-:](\d+)$")


def parse_token(text: str) -> tuple[str, int] | None:
    found = TOKEN.match(text.strip())
    return (found.group(1).lower(), int(found.group(2))) if found else None


def step(progress: Progress | None) -> Step:
    def tell(text: str) -> None:
        if progress is not None:
            progress.message(text)
            progress.check()

    return tell


@contextmanager
def transaction(store: Store, *, commit: bool = True) -> Iterator[Connection]:
    """One transaction on ``store``: committed at the end (or rolled back for a dry run, and
    on any error). On PostgreSQL the snapshot is repeatable, so every table is read as of one
    moment; a record saved meanwhile makes the write fail rather than be overwritten."""
    session = store.session()
    try:
        with guard(store.location):
            options = {} if store.is_sqlite else {"isolation_level": "REPEATABLE READ"}
            connection = session.connection(execution_options=options)
            yield connection
            if commit:
                session.commit()
            else:
                session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def concurrent_message(location: str) -> str:
    return _(
        "Someone saved in {location} while the synchronisation was writing; nothing was "
        "changed. Synchronise again."
    ).format(location=location)


def is_serialization_failure(error: BaseException) -> bool:
    if isinstance(error, ConcurrentChange):
        return True
    if isinstance(error, sa_exc.DBAPIError):
        code = getattr(getattr(error, "orig", None), "sqlstate", None)
        return code in ("40001", "40P01")  # serialization failure, deadlock
    return False


def rows_of(snapshot: Snapshot) -> dict[str, dict[str, Values]]:
    return {table: {k: r.values for k, r in rows.items()} for table, rows in snapshot.rows.items()}


def copy_changes(
    rows: Mapping[str, Mapping[str, Values]],
    base: Mapping[RecordId, Values],
    sent: Mapping[RecordId, list[tuple[int, State]]],
) -> set[RecordId]:
    """Records of a copy that differ from the base, or from what it last sent."""
    out: set[RecordId] = set()
    for table, found in rows.items():
        for key, values in found.items():
            if base.get((table, key)) != values:
                out.add((table, key))
    for rid in base:
        if rows.get(rid[0], {}).get(rid[1]) is None:
            out.add(rid)
    for rid, entries in sent.items():
        if rows.get(rid[0], {}).get(rid[1]) != entries[-1][1]:
            out.add(rid)
    return out


def acknowledge(
    base: dict[RecordId, Values],
    sent: dict[RecordId, list[tuple[int, State]]],
    acknowledged: int,
    held: list[RecordId],
) -> dict[RecordId, State]:
    """The origin received this copy's changes up to ``acknowledged``: what the copy sent
    then is what both now agree on, except records the origin held back (a conflict it left
    for the copy to decide). Changes ``base`` and ``sent`` in place; returns the base entries
    that changed."""
    changed: dict[RecordId, State] = {}
    waiting = set(held)
    for rid in list(sent):
        entries = sent[rid]
        taken = [values for seq, values in entries if seq <= acknowledged]
        if taken and rid not in waiting:
            if taken[-1] is None:
                base.pop(rid, None)
            else:
                base[rid] = taken[-1]
            changed[rid] = taken[-1]
        rest = [(seq, values) for seq, values in entries if seq > acknowledged]
        if rest:
            sent[rid] = rest
        else:
            del sent[rid]
    return changed


def context_of(
    schema: SyncSchema, snapshot: Snapshot, records: set[RecordId]
) -> dict[RecordId, Values]:
    """The records ``records`` point at (and their parents), so that the receiver can put
    back a parent it deleted when the user keeps what hangs under it."""
    out: dict[RecordId, Values] = {}
    pending = list(records)
    while pending:
        rid = pending.pop()
        row = snapshot.get(*rid)
        if row is None:
            continue
        for column, fk in schema.tables[rid[0]].foreign_keys.items():
            target = row.values.get(column)
            if target is None:
                continue
            parent = (fk.target, target)
            if parent in out or parent in records:
                continue
            found = snapshot.get(*parent)
            if found is not None:
                out[parent] = found.values
                pending.append(parent)
    return out


def numbered(snapshot: Snapshot, tombstones: set[RecordId]) -> set[RecordId]:
    """The records a scan numbered: those the snapshot holds, and the tombstones. Taken
    before anything is written (renames move the snapshot's rows)."""
    return {(t, k) for t, rows in snapshot.rows.items() for k in rows} | tombstones


def bump_if_restored(connection: Connection, current: state.Replica, received: int) -> None:
    """A copy restored from a backup numbers its changes from where the origin saw them, so
    its next changes are not taken for ones already received."""
    if received > current.seq:
        state.update_replica(connection, current, seq=received)
