"""Constraints the database itself enforces, whatever the code path."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from desktop.models import (
    Action,
    BudgetLine,
    BudgetState,
    Observation,
    ObservationKind,
    Plan,
    PlanKind,
    PlanStatus,
    Target,
    Territory,
    TerritoryKind,
)
from desktop.models.reference import POLLUTANTS, RENEWABLE_FILIERES, SECTORS, SEQUESTRATION
from desktop.models.types import canonical_decimal


@pytest.fixture
def plan(store):
    with store.transaction() as session:
        territory = Territory(name="CA", kind=TerritoryKind.CA)
        session.add(territory)
        session.flush()
        plan = Plan(
            territory_id=territory.id,
            title="PCAET",
            kind=PlanKind.PCAET,
            status=PlanStatus.ADOPTED,
        )
        session.add(plan)
    return plan


def _commit(store, *objects) -> None:
    with store.transaction() as session:
        for obj in objects:
            session.add(obj)


def test_decimal_amounts_are_exact(store, plan) -> None:
    action = Action(plan_id=plan.id, title="A")
    _commit(store, action)
    amounts = [Decimal("0.1"), Decimal("1234567890123.45"), Decimal("12.50"), Decimal("1E+3")]
    _commit(store, *[BudgetLine(action_id=action.id, amount=a, unit="GBP") for a in amounts])
    with store.session() as session:
        stored = [b.amount for b in session.exec(select(BudgetLine).order_by(BudgetLine.id))]
    assert stored == amounts
    assert [str(a) for a in stored] == ["0.1", "1234567890123.45", "12.5", "1000"]
    assert str(canonical_decimal(Decimal("1E+3"))) == "1000"


def test_budget_line_needs_an_amount_or_a_state(store, plan) -> None:
    action = Action(plan_id=plan.id, title="A")
    _commit(store, action)
    with pytest.raises(IntegrityError):
        _commit(store, BudgetLine(action_id=action.id, state=BudgetState.AMOUNT, amount=None))
    with pytest.raises(IntegrityError):
        _commit(
            store,
            BudgetLine(action_id=action.id, state=BudgetState.CONFIDENTIAL, amount=Decimal(1)),
        )
    _commit(
        store,
        BudgetLine(
            action_id=action.id, state=BudgetState.NO_EXTRA_COST, text="Aucun coût supplémentaire"
        ),
    )


def test_action_progress_and_dates_are_checked(store, plan) -> None:
    with pytest.raises(IntegrityError):
        _commit(store, Action(plan_id=plan.id, title="A", progress_percent=120))
    with pytest.raises(IntegrityError):
        _commit(
            store,
            Action(
                plan_id=plan.id, title="A", start_date=date(2020, 1, 1), end_date=date(2019, 1, 1)
            ),
        )


def test_observation_is_unique_per_indicator_territory_year_kind(store, plan) -> None:
    from desktop.models import Direction, Indicator, IndicatorCategory

    indicator = Indicator(
        code="GES",
        name="GES",
        normalised_name="ges",
        category=IndicatorCategory.GHG_EMISSIONS,
        direction=Direction.LOWER_IS_BETTER,
    )
    _commit(store, indicator)
    with store.session() as session:
        territory_id = session.exec(select(Territory.id)).one()
    base = dict(indicator_id=indicator.id, territory_id=territory_id, year=2016)
    _commit(
        store,
        Observation(**base, value=Decimal(1)),
        Observation(**base, value=Decimal(2), kind=ObservationKind.ESTIMATED),
    )
    with pytest.raises(IntegrityError):
        _commit(store, Observation(**base, value=Decimal(3)))


def test_target_is_absolute_or_relative(store, plan) -> None:
    from desktop.models import Direction, Indicator, IndicatorCategory

    indicator = Indicator(
        code="E",
        name="E",
        normalised_name="e",
        category=IndicatorCategory.ENERGY_CONSUMPTION,
        direction=Direction.LOWER_IS_BETTER,
    )
    _commit(store, indicator)
    base = dict(indicator_id=indicator.id, territory_id=plan.territory_id, horizon_year=2050)
    with pytest.raises(IntegrityError):
        _commit(store, Target(**base, relative_change_percent=Decimal(-60)))  # no reference
    _commit(store, Target(**base, relative_change_percent=Decimal(-60), reference_year=2012))


def test_deleting_a_plan_cascades_to_its_actions(store, plan) -> None:
    action = Action(plan_id=plan.id, title="A")
    _commit(store, action)
    with store.transaction() as session:
        session.delete(session.get(Plan, plan.id))
    with store.session() as session:
        assert session.exec(select(Action)).all() == []


def test_every_entity_has_a_uuid_timestamps_and_version(store, plan) -> None:
    assert len(plan.uuid) == 36
    assert plan.version == 1
    assert plan.created_at.tzinfo is not None


def test_regulatory_reference_lists() -> None:
    assert len(SECTORS) == 8
    assert set(POLLUTANTS) == {"nox", "pm10", "pm2_5", "cov", "so2", "nh3"}
    assert "elec_onshore_wind" in RENEWABLE_FILIERES and "biomethane" in RENEWABLE_FILIERES
    assert set(SEQUESTRATION) == {
        "agricultural_soils",
        "forest",
        "other_soils",
        "wood_products",
        "land_use_change",
    }
