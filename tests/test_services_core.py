"""Services write the change log, check versions and validate values."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from desktop.models import (
    Action,
    ActionLinkKind,
    ActionStatus,
    BudgetState,
    ChangeKind,
    ChangeLog,
    IndicatorCategory,
    TerritoryKind,
)
from desktop.services import actions, budget, changes, indicators, plans, territories
from desktop.services.changes import ConflictError, ValidationError
from desktop.services.text import fold, matches, normalise_name


@pytest.fixture
def plan(store, actor):
    with store.transaction() as session:
        territory = territories.create_territory(
            session, actor, name="CA du Boulonnais", siren="246200364", kind=TerritoryKind.CA
        )
        plan = plans.create_plan(session, actor, territory_id=territory.id, title="PCAET")
    return plan


def test_create_update_delete_are_logged(store, actor, plan) -> None:
    with store.transaction() as session:
        action = actions.create_action(session, actor, plan_id=plan.id, title="Rénover")
    with store.transaction() as session:
        action = session.get(Action, action.id)
        changed = actions.update_action(
            session, actor, action, {"title": "Rénover 500 logements", "progress_percent": 40}
        )
    assert changed == ["title", "progress_percent"]
    with store.transaction() as session:
        actions.delete_action(session, actor, session.get(Action, action.id))
    with store.session() as session:
        log = session.exec(
            select(ChangeLog).where(ChangeLog.entity_uuid == action.uuid).order_by(ChangeLog.id)
        ).all()
    assert [(e.kind, e.field) for e in log] == [
        (ChangeKind.CREATE, ""),
        (ChangeKind.UPDATE, "title"),
        (ChangeKind.UPDATE, "progress_percent"),
        (ChangeKind.DELETE, ""),
    ]
    assert log[1].old_value == "Rénover" and log[1].new_value == "Rénover 500 logements"
    assert log[1].user == "test" and log[1].source == "test"
    assert json.loads(log[3].old_value)["title"] == "Rénover 500 logements"


def test_unchanged_values_bump_nothing(store, actor, plan) -> None:
    with store.transaction() as session:
        action = actions.create_action(session, actor, plan_id=plan.id, title="A")
        assert actions.update_action(session, actor, action, {"title": "A"}) == []
        assert action.version == 1


def test_stale_version_is_a_conflict(store, actor, plan) -> None:
    with store.transaction() as session:
        action = actions.create_action(session, actor, plan_id=plan.id, title="A")
    read_version = action.version
    with store.transaction() as session:  # someone else saves first
        actions.update_action(session, actor, session.get(Action, action.id), {"title": "B"})
    with pytest.raises(ConflictError):
        with store.transaction() as session:
            actions.update_action(
                session,
                actor,
                session.get(Action, action.id),
                {"title": "C"},
                expected_version=read_version,
            )
    with store.session() as session:
        assert session.get(Action, action.id).title == "B"


def test_validation_messages(store, actor, plan) -> None:
    with store.transaction() as session:
        with pytest.raises(ValidationError) as raised:
            actions.create_action(session, actor, plan_id=plan.id, title="A", progress_percent=120)
        assert raised.value.field == "progress_percent"
        with pytest.raises(ValidationError) as raised:
            actions.create_action(
                session,
                actor,
                plan_id=plan.id,
                title="A",
                start_date=date(2020, 3, 1),
                end_date=date(2019, 1, 1),
            )
        assert raised.value.field == "end_date"
        with pytest.raises(ValidationError) as raised:
            territories.create_territory(session, actor, name="X", siren="123456789")
        assert "SIREN" in str(raised.value)
        with pytest.raises(ValidationError):
            actions.create_action(session, actor, plan_id=plan.id, title="   ")


def test_action_codes_follow_on(store, actor, plan) -> None:
    with store.transaction() as session:
        first = actions.create_action(session, actor, plan_id=plan.id, title="A")
        second = actions.create_action(session, actor, plan_id=plan.id, title="B")
    assert (first.code, second.code) == ("1", "2")


def test_budget_totals_stay_per_currency(store, actor, plan) -> None:
    with store.transaction() as session:
        action = actions.create_action(session, actor, plan_id=plan.id, title="A")
        budget.add_budget_line(session, actor, action, amount=Decimal("1000.10"), unit="EUR")
        budget.add_budget_line(session, actor, action, amount=Decimal("0.20"), unit="EUR")
        budget.add_budget_line(session, actor, action, amount=Decimal("500"), unit="GBP")
        budget.add_budget_line(
            session,
            actor,
            action,
            state=BudgetState.CONFIDENTIAL,
            text="Le budget reste confidentiel.",
        )
        with pytest.raises(ValidationError):
            budget.add_budget_line(session, actor, action, amount=None)
        totals = budget.totals_by_currency(session, plan_id=plan.id)
    assert totals.amounts == {"EUR": Decimal("1000.30"), "GBP": Decimal("500")}
    assert totals.non_numeric == {BudgetState.CONFIDENTIAL: 1}


def test_deletion_impact_and_cascade(store, actor, plan) -> None:
    with store.transaction() as session:
        joint = actions.create_action(session, actor, plan_id=plan.id, title="Joint")
        local = actions.create_action(session, actor, plan_id=plan.id, title="Local")
        actions.link_actions(session, actor, local, joint, ActionLinkKind.LOCAL_VERSION_OF)
        budget.add_budget_line(session, actor, joint, amount=Decimal(5), unit="EUR")
        impact = actions.deletion_impact(session, joint.id)
    assert impact.links == 1 and impact.budget_lines == 1 and impact.is_referenced
    with store.transaction() as session:
        actions.delete_action(session, actor, session.get(Action, joint.id))
        assert actions.deletion_impact(session, local.id).links == 0


def test_late_actions(plan) -> None:
    today = date(2026, 11, 23)
    late = Action(plan_id=1, title="x", end_date=date(2020, 3, 31), status=ActionStatus.IN_PROGRESS)
    done = Action(plan_id=1, title="x", end_date=date(2020, 3, 31), status=ActionStatus.DONE)
    future = Action(plan_id=1, title="x", end_date=date(2030, 1, 1))
    assert actions.is_late(late, today) and not actions.is_late(done, today)
    assert not actions.is_late(future, today)


def test_observations_upsert_and_delete(store, actor, plan) -> None:
    with store.transaction() as session:
        indicator = indicators.create_indicator(
            session,
            actor,
            code="GES",
            name="Émissions de GES",
            unit="tCO2e",
            category=IndicatorCategory.GHG_EMISSIONS,
        )
        territory_id = plan.territory_id
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=territory_id,
            year=2016,
            value=Decimal("10.5"),
        )
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=territory_id,
            year=2016,
            value=Decimal("11"),
        )
        points = indicators.series(session, indicator.id, territory_id)
        assert [(p.year, p.value) for p in points] == [(2016, Decimal("11"))]
        indicators.set_observation(
            session, actor, indicator=indicator, territory_id=territory_id, year=2016, value=None
        )
        assert indicators.series(session, indicator.id, territory_id) == []
        assert indicator.direction.value == "lower_is_better"


def test_changes_refuse_unknown_fields(store, actor, plan) -> None:
    with store.transaction() as session:
        action = actions.create_action(session, actor, plan_id=plan.id, title="A")
        with pytest.raises(AttributeError):
            changes.update(session, action, {"colour": "red"}, actor)


def test_text_folding() -> None:
    assert fold("Énergie ŒUVRE") == "energie oeuvre"
    assert normalise_name("Région Hauts-de-France") == normalise_name("Region Hauts de France")
    assert matches("energetique renov", "Rénovation énergétique", "")
    assert not matches("solaire", "Rénovation énergétique")


def test_organisations_match_by_normalised_name(store, actor) -> None:
    with store.transaction() as session:
        first = territories.get_or_create_organisation(session, actor, "Région Hauts-de-France")
        second = territories.get_or_create_organisation(session, actor, "Region Hauts de France")
    assert first.id == second.id
