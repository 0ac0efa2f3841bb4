"""Synchronising an offline copy: 10,000 changed observations and 500 changed actions sent to
the shared store, and as many received from it, on a PostgreSQL server over TCP on the
loopback interface (a shared store file when no server binaries are installed).

Goals: each direction under 5 s; a change package of the whole demo store under 1 MB.
Printed beside a floor measured in the same run: reading both stores whole through
SQLAlchemy, which any synchronisation that compares states must do at least once.
``PCAET_BENCH_SYNC_OBSERVATIONS`` sets the number of observations (default 10,000).
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from desktop.models import (
    Action,
    ChangeLog,
    IndicatorCategory,
    Observation,
    Plan,
    PlanKind,
    PlanStatus,
    Territory,
    TerritoryKind,
)
from desktop.services import indicators as indicator_service
from desktop.services.changes import Actor
from desktop.services.sync.checkout import checkout
from desktop.services.sync.online import synchronise
from desktop.services.sync.records import read_snapshot
from desktop.services.sync.schema import schema
from desktop.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = 500
GOAL_SECONDS = 5.0
GOAL_PACKAGE = 1 << 20


@contextmanager
def shared_location(folder: Path) -> Iterator[tuple[str, str]]:
    """(location, what it is): a throw-away PostgreSQL server on 127.0.0.1, or a file."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support.postgres import find_bin_dir, temporary_server

    if find_bin_dir() is None:
        yield str(folder / "shared.pcaet"), "shared store file (no PostgreSQL binaries)"
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with temporary_server(tcp_port=port) as url:
        yield url, f"PostgreSQL on 127.0.0.1:{port}"


def build_shared(location: str, observations: int) -> None:
    """One territory and plan, ``ACTIONS`` actions, observations of 2 kinds x 100 years for
    as many indicators as it takes; inserted in bulk (a measuring rig, not an import)."""
    store = open_store(location)
    actor = Actor("bench", "bench")
    now = datetime.now(UTC)
    indicators_count = max(1, observations // 200)
    with store.transaction() as session:
        territory = Territory(name="CA du Boulonnais", siren="246200364", kind=TerritoryKind.CA)
        session.add(territory)
        session.flush()
        plan = Plan(
            territory_id=territory.pk, title="PCAET", kind=PlanKind.PCAET, status=PlanStatus.ADOPTED
        )
        session.add(plan)
        ids = [
            indicator_service.create_indicator(
                session,
                actor,
                code=f"I{i:03d}",
                name=f"Indicateur {i}",
                unit="GWh",
                category=IndicatorCategory.ENERGY_CONSUMPTION,
            ).pk
            for i in range(indicators_count)
        ]
        session.flush()
        territory_id, plan_id = territory.pk, plan.pk
    from desktop.io.bulk import OrderedUuids

    uuids = OrderedUuids()
    rows: list[dict[str, Any]] = []
    for indicator_id in ids:
        for year in range(1951, 2051):
            for kind in ("measured", "estimated"):
                rows.append(
                    {
                        "indicator_id": indicator_id,
                        "territory_id": territory_id,
                        "year": year,
                        "kind": kind,
                        "value": Decimal(year) / 7,
                        "source": "Observatoire",
                        "comment": "",
                    }
                )
    rows = rows[:observations]
    for row, uuid in zip(rows, uuids.take(len(rows)), strict=True):
        row.update(uuid=uuid, created_at=now, updated_at=now, version=1)
    actions = [
        {
            "uuid": uuid,
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "plan_id": plan_id,
            "position": n,
            "code": f"A{n}",
            "title": f"Action {n}",
            "description": "",
            "lead_service": "",
            "lead_person": "",
            "elected_referent": "",
            "participation": "none",
            "status": "to_come",
            "calendar_text": "",
            "budget_text": "",
            "recurring": False,
            "confidential": False,
        }
        for n, uuid in enumerate(uuids.take(ACTIONS))
    ]
    with store.engine.begin() as connection:
        connection.execute(sa.insert(Observation.__table__), rows)  # type: ignore[attr-defined]
        connection.execute(sa.insert(Action.__table__), actions)  # type: ignore[attr-defined]
    store.close()


def change_everything(store: Store, label: str) -> int:
    """Every observation's value and every action's title changed, with a change-log entry
    each, as an import of corrected values and an edit of the plan would leave them."""
    observation = Observation.__table__  # type: ignore[attr-defined]
    action = Action.__table__  # type: ignore[attr-defined]
    log = ChangeLog.__table__  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    with store.engine.begin() as connection:
        connection.execute(
            sa.update(observation).values(
                value=observation.c.value + 1, version=observation.c.version + 1, updated_at=now
            )
        )
        connection.execute(
            sa.update(action).values(
                title=action.c.title + f" ({label})", version=action.c.version + 1, updated_at=now
            )
        )
        entries = [
            {
                "at": now,
                "user": label,
                "entity": table,
                "entity_id": row_id,
                "entity_uuid": uuid,
                "kind": "update",
                "field": field,
                "old_value": "",
                "new_value": "",
                "source": "bench",
                "parent_entity": "",
                "parent_uuid": "",
            }
            for table, field, found in (
                (
                    "observation",
                    "value",
                    connection.execute(sa.select(observation.c.id, observation.c.uuid)),
                ),
                ("action", "title", connection.execute(sa.select(action.c.id, action.c.uuid))),
            )
            for row_id, uuid in found
        ]
        connection.execute(sa.insert(log), entries)
    return len(entries)


def read_floor(*stores: Store) -> float:
    started = time.perf_counter()
    for store in stores:
        with store.engine.connect() as connection:
            read_snapshot(connection, schema())
    return time.perf_counter() - started


def demo_package(folder: Path) -> tuple[int, int]:
    """(package size, records) of the whole demo store: every record since state 0."""
    from desktop.services import demo
    from desktop.services.sync.package_writer import write_changes

    store = open_store(folder / "demo.pcaet")
    demo.create_demo_store(store)
    result = write_changes(store, folder / "demo.pcaetsync", user="bench", since="0")
    store.close()
    return result.package_size, result.sent


def main() -> int:
    observations = int(os.environ.get("PCAET_BENCH_SYNC_OBSERVATIONS", "10000"))
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        size, records = demo_package(root)
        ok = size < GOAL_PACKAGE
        failed |= not ok
        print(
            f"change package of the whole demo store: {records} records, {size / 1024:.0f} KB"
            f", goal < 1 MB: {'ok' if ok else 'MISSED'}"
        )
        with shared_location(root) as (location, what):
            build_shared(location, observations)
            checkout(location, root / "copy.pcaet", user="bench")
            copy, shared = open_store(root / "copy.pcaet"), open_store(location)
            try:
                synchronise(copy, shared, user="bench")  # both stores numbered once
                floor = read_floor(copy, shared)
                for direction, edited in (("sent", copy), ("received", shared)):
                    entries = change_everything(edited, direction)
                    started = time.perf_counter()
                    result = synchronise(copy, shared, user="bench")
                    seconds = time.perf_counter() - started
                    moved = result.sent if direction == "sent" else result.received
                    ok = seconds < GOAL_SECONDS and moved == observations + ACTIONS
                    failed |= not ok
                    print(
                        f"{observations:,} observations + {ACTIONS} actions {direction} "
                        f"({what}, {entries:,} history entries): {seconds:.2f} s, "
                        f"{seconds / floor:.1f} x reading both stores ({floor:.2f} s), "
                        f"goal < {GOAL_SECONDS:.0f} s: {'ok' if ok else 'MISSED'}"
                    )
            finally:
                copy.close()
                shared.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
