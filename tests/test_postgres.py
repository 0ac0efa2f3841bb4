"""The same store code on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlmodel import select
from support.postgres import find_bin_dir, temporary_server

from desktop.models import BudgetLine, ChangeLog, IndicatorCategory, TerritoryKind
from desktop.services import actions, budget, indicators, plans, store_info, territories
from desktop.services.changes import Actor
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
            session, actor, indicator=indicator, territory_id=territory.id, year=2016,
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


def test_newer_schema_is_refused(pg_url: str) -> None:
    store = open_store(pg_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    with pytest.raises(StoreTooNew):
        open_store(pg_url)
