"""The same store code on a real PostgreSQL server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlmodel import select
from support.postgres import find_bin_dir, temporary_server

from desktop.io.importer import ImportRequest, import_file
from desktop.models import BudgetLine, ChangeLog, IndicatorCategory, Observation, TerritoryKind
from desktop.services import actions, budget, indicators, plans, store_info, territories
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import StoreTooNew, open_store
from desktop.store.migrate import head_revision

pytestmark = pytest.mark.skipif(
    find_bin_dir() is None, reason="no PostgreSQL server binaries on this machine"
)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    with temporary_server() as url:
        yield url


def test_schema_migrates_and_data_round_trips(pg_url: str) -> None:
    actor = Actor("test", "test")
    store = open_store(pg_url)
    assert store.revision == head_revision()
    with store.transaction() as session:
        territory = territories.create_territory(
            session, actor, name="CA du Boulonnais", siren="246200364", kind=TerritoryKind.CA
        )
        plan = plans.create_plan(session, actor, territory_id=territory.id, title="PCAET")
        action = actions.create_action(session, actor, plan_id=plan.id, title="Énergie")
        budget.add_budget_line(session, actor, action, amount=Decimal("1234567.89"), unit="GBP")
        indicator = indicators.create_indicator(
            session, actor, code="GES", name="GES", category=IndicatorCategory.GHG_EMISSIONS
        )
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=territory.id,
            year=2016,
            value=Decimal("0.1"),
        )
    with store.session() as session:
        line = session.exec(select(BudgetLine)).one()
        assert line.amount == Decimal("1234567.89") and str(line.amount) == "1234567.89"
        assert store_info.counts(session)["actions"] == 1
        assert len(session.exec(select(ChangeLog)).all()) >= 5
        points = indicators.series(session, indicator.id, territory.id)
        assert points[0].value == Decimal("0.1")
    store.close()


# The bulk import of observations: the Core paths of desktop.io.bulk (insert, comparison with
# stored values, updates with their log).
@pytest.fixture
def fresh_url(pg_url: str, request: pytest.FixtureRequest) -> str:
    """A database of its own on the module's server: the other tests leave data behind."""
    name = "db_" + request.node.name.lower()[:40]
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False)


def test_import_then_corrected_file_on_postgresql(fresh_url: str, tmp_path: Path) -> None:
    actor = Actor("test", "test")
    store = open_store(fresh_url)
    try:
        with store.transaction() as session:
            create_territory(session, actor, name="CA du Boulonnais", siren="246200364")
        first = tmp_path / "v1.csv"
        first.write_text(
            "Indicateur;Année;Valeur;Commentaire\nConso (GWh);2019;12,50;ORECA\n"
            "Conso (GWh);2020;11;ORECA\nConso (GWh);2021;0.1;\n",
            encoding="utf-8",
        )
        summary = import_file(store, ImportRequest(first), actor)
        assert (summary.inserted, summary.rejected) == (3, 0)
        again = import_file(store, ImportRequest(first), actor)
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
        second = tmp_path / "v2.csv"
        second.write_text(
            "Indicateur;Année;Valeur;Commentaire\nConso (GWh);2019;12.5;ORECA\n"
            "Conso (GWh);2020;10;ORECA révisé\n",
            encoding="utf-8",
        )
        corrected = import_file(store, ImportRequest(second), actor)
        assert (corrected.updated, corrected.unchanged) == (1, 1)
        with store.session() as session:
            values = {o.year: (o.value, o.comment) for o in session.exec(select(Observation))}
            assert values == {
                2019: (Decimal("12.5"), "ORECA"),
                2020: (Decimal("10"), "ORECA révisé"),
                2021: (Decimal("0.1"), ""),
            }
            log = session.exec(select(ChangeLog).where(ChangeLog.source == "v2.csv")).all()
            assert sorted((c.field, c.old_value, c.new_value) for c in log) == [
                ("comment", "ORECA", "ORECA révisé"),
                ("value", "11", "10"),
            ]
            created = session.exec(
                select(ChangeLog).where(
                    ChangeLog.entity == "observation", ChangeLog.kind == "create"
                )
            ).one()
            assert json.loads(created.new_value or "{}")["observations"] == "3"
    finally:
        store.close()


def test_newer_schema_is_refused(pg_url: str) -> None:
    store = open_store(pg_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    try:
        with pytest.raises(StoreTooNew):
            open_store(pg_url)
    finally:  # the server is shared by the module's tests
        with store.engine.begin() as connection:
            connection.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()}
            )
