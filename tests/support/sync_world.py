"""A shared store and its offline copies on disk, for the synchronisation tests: made once,
then copied file by file for each example (taking a copy offline costs a second)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from desktop.models import (
    Action,
    BudgetLine,
    IndicatorCategory,
    Observation,
    Plan,
    TerritoryKind,
)
from desktop.services import indicators, plans, territories
from desktop.services.changes import Actor, create, delete, update
from desktop.services.sync.checkout import checkout
from desktop.services.sync.records import read_snapshot
from desktop.services.sync.schema import schema
from desktop.store import Store, open_store

HUB = "H"
YEARS = (2015, 2016, 2017, 2018)


def build_hub(path: Path | str, actions: int = 3) -> dict[str, list[str]]:
    """A small shared store: one territory, plan and indicator, ``actions`` actions with a
    budget line each, values for the first two years. Returns the uuids made."""
    actor = Actor("hub", "test")
    store = open_store(path)
    made: dict[str, list[str]] = {"action": [], "budget_line": []}
    with store.transaction() as session:
        territory = territories.create_territory(
            session, actor, name="CA du Boulonnais", siren="246200364", kind=TerritoryKind.CA
        )
        plan = plans.create_plan(session, actor, territory_id=territory.pk, title="PCAET")
        indicator = indicators.create_indicator(
            session, actor, code="GES", name="GES", category=IndicatorCategory.GHG_EMISSIONS
        )
        for number in range(actions):
            action = create(session, Action(plan_id=plan.pk, title=f"Action {number}"), actor)
            made["action"].append(action.uuid)
            line = create(
                session,
                BudgetLine(
                    action_id=action.pk, label=f"Line {number}", amount=Decimal(100 + number)
                ),
                actor,
            )
            made["budget_line"].append(line.uuid)
        for year in YEARS[:2]:
            indicators.set_observation(
                session,
                actor,
                indicator=indicator,
                territory_id=territory.pk,
                year=year,
                value=Decimal(year),
            )
    store.close()
    return made


def make_world(folder: Path, copies: int) -> dict[str, list[str]]:
    """``H.pcaet`` and copies ``A.pcaet``, ``B.pcaet``... in ``folder``."""
    made = build_hub(folder / f"{HUB}.pcaet")
    for index in range(copies):
        name = chr(ord("A") + index)
        checkout(folder / f"{HUB}.pcaet", folder / f"{name}.pcaet", user=name, name=name)
    return made


def clone_world(template: Path, target: Path) -> None:
    """Copies of the template's stores; the copies' origin is the new folder's shared store."""
    import sqlite3

    target.mkdir(parents=True, exist_ok=True)
    for file in template.glob("*.pcaet"):
        shutil.copy2(file, target / file.name)
    for file in target.glob("*.pcaet"):
        connection = sqlite3.connect(file)
        try:
            with connection:
                connection.execute(
                    "UPDATE sync_replica SET origin_location = ? WHERE origin_location <> ''",
                    (
                        str(target / f"{HUB}.pcaet")
                        if (target / f"{HUB}.pcaet").exists()
                        else str(target / "hub.pcaet"),
                    ),
                )
        finally:
            connection.close()


@contextmanager
def opened(folder: Path, names: list[str]) -> Iterator[dict[str, Store]]:
    stores = {name: open_store(folder / f"{name}.pcaet", create=False) for name in names}
    try:
        yield stores
    finally:
        for store in stores.values():
            store.close()


def data(store: Store) -> dict[tuple[str, str], dict[str, str | None]]:
    """Every synchronised record of a store, by (table, uuid)."""
    with store.engine.connect() as connection:
        snapshot = read_snapshot(connection, schema())
    return {(t, k): row.values for t, rows in snapshot.rows.items() for k, row in rows.items()}


def natural(store: Store) -> dict[tuple[str, str], dict[str, str | None]]:
    """The same, observations keyed by year (two copies may number them differently)."""
    out: dict[tuple[str, str], dict[str, str | None]] = {}
    for (table, key), values in data(store).items():
        if table == "observation":
            key = f"{values['year']}"
        out[(table, key)] = values
    return out


# -- edits through the services, as the window makes them -------------------------------------


def _action(session: Session, uuid: str) -> Action | None:
    return session.exec(select(Action).where(Action.uuid == uuid)).first()


def edit_action(store: Store, uuid: str, field: str, value: str, user: str) -> bool:
    with store.transaction() as session:
        action = _action(session, uuid)
        if action is None:
            return False
        update(session, action, {field: value}, Actor(user, "test"))
    return True


def create_action(store: Store, uuid: str, title: str, user: str) -> bool:
    with store.transaction() as session:
        plan = session.exec(select(Plan)).first()
        assert plan is not None
        create(session, Action(uuid=uuid, plan_id=plan.pk, title=title), Actor(user, "test"))
    return True


def delete_action(store: Store, uuid: str, user: str) -> bool:
    with store.transaction() as session:
        action = _action(session, uuid)
        if action is None:
            return False
        delete(session, action, Actor(user, "test"))
    return True


def add_line(store: Store, action_uuid: str, uuid: str, label: str, user: str) -> bool:
    with store.transaction() as session:
        action = _action(session, action_uuid)
        if action is None:
            return False
        create(
            session,
            BudgetLine(uuid=uuid, action_id=action.pk, label=label, amount=Decimal(1)),
            Actor(user, "test"),
            parent=action,
        )
    return True


def _line(session: Session, uuid: str) -> BudgetLine | None:
    return session.exec(select(BudgetLine).where(BudgetLine.uuid == uuid)).first()


def edit_line(store: Store, uuid: str, label: str, user: str) -> bool:
    with store.transaction() as session:
        line = _line(session, uuid)
        if line is None:
            return False
        update(session, line, {"label": label}, Actor(user, "test"))
    return True


def delete_line(store: Store, uuid: str, user: str) -> bool:
    with store.transaction() as session:
        line = _line(session, uuid)
        if line is None:
            return False
        delete(session, line, Actor(user, "test"))
    return True


def _observation(session: Session, year: int) -> Observation | None:
    return session.exec(select(Observation).where(Observation.year == year)).first()


def set_value(store: Store, year: int, value: int, user: str) -> str:
    """Create or change the value of ``year``; returns "created" or "changed"."""
    with store.transaction() as session:
        found = _observation(session, year)
        if found is not None:
            update(session, found, {"value": Decimal(value)}, Actor(user, "test"))
            return "changed"
        ids = (
            session.connection()
            .execute(sa.text("SELECT (SELECT id FROM indicator), (SELECT id FROM territory)"))
            .one()
        )
        create(
            session,
            Observation(indicator_id=ids[0], territory_id=ids[1], year=year, value=Decimal(value)),
            Actor(user, "test"),
        )
    return "created"


def delete_value(store: Store, year: int, user: str) -> bool:
    with store.transaction() as session:
        found = _observation(session, year)
        if found is None:
            return False
        delete(session, found, Actor(user, "test"))
    return True
