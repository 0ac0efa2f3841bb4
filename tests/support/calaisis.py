"""The chart and dashboard tests' territory: the CA du Calaisis, built through services, with
a GHG total off its trajectory, sectors, renewables, a plan, budgets, peers and a COTRI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.models import (
    ActionStatus,
    Contract,
    ContractIndicator,
    ContractTarget,
    IndicatorCategory,
    ObservationKind,
)
from desktop.services import actions, budget, changes, indicators, plans, territories
from desktop.services.changes import Actor
from desktop.store import Store

D = Decimal


@dataclass(frozen=True)
class Ids:
    territory: int
    plan: int
    ghg: int
    renewables: int


def build_calaisis(store: Store, actor: Actor) -> Ids:
    """A territory with a GHG total off its trajectory, two sectors, renewables, a plan with
    sections, actions (one late) and budget lines in two currencies: built through services."""
    with store.transaction() as s:
        territory = territories.create_territory(
            s, actor, name="CA du Calaisis", siren="246200364", population=100_000
        )
        tid = territory.id
        assert tid is not None
        plan = plans.create_plan(s, actor, territory_id=tid, title="PCAET", reference_year=2015)
        ghg = indicators.create_indicator(
            s,
            actor,
            code="GES",
            name="Émissions de GES",
            unit="kteqCO2",
            category=IndicatorCategory.GHG_EMISSIONS,
        )
        for year, value in {2015: "1000", 2016: "990", 2018: "985", 2019: "980"}.items():
            indicators.set_observation(
                s,
                actor,
                indicator=ghg,
                territory_id=tid,
                year=year,
                value=D(value),
                source="ORECA",
            )
        indicators.set_observation(
            s,
            actor,
            indicator=ghg,
            territory_id=tid,
            year=2020,
            value=D("960"),
            kind=ObservationKind.ESTIMATED,
        )
        indicators.set_target(
            s,
            actor,
            indicator=ghg,
            territory_id=tid,
            horizon_year=2030,
            relative_change_percent=D("-40"),
            reference_year=2015,
            plan_id=plan.id,
        )
        for sector, value in (("residential", "300"), ("road_transport", "500")):
            sector_indicator = indicators.create_indicator(
                s,
                actor,
                code=f"GES_{sector}",
                name=sector,
                unit="kteqCO2",
                category=IndicatorCategory.GHG_EMISSIONS,
                dimension=sector,
            )
            for year in (2018, 2019):
                indicators.set_observation(
                    s,
                    actor,
                    indicator=sector_indicator,
                    territory_id=tid,
                    year=year,
                    value=D(value),
                )
        enr = indicators.create_indicator(
            s,
            actor,
            code="ENR",
            name="Production EnR",
            unit="GWh",
            category=IndicatorCategory.RENEWABLE_PRODUCTION,
        )
        for year, value in {2015: "100", 2019: "150"}.items():
            indicators.set_observation(
                s, actor, indicator=enr, territory_id=tid, year=year, value=D(value)
            )
        axis = plans.create_section(s, actor, plan_id=plan.id, title="Habitat", code="1")
        for i, (status, end) in enumerate(
            [
                (ActionStatus.DONE, date(2022, 1, 1)),
                (ActionStatus.IN_PROGRESS, date(2023, 6, 1)),  # late
                (ActionStatus.TO_COME, date(2030, 1, 1)),
            ]
        ):
            action = actions.create_action(
                s,
                actor,
                plan_id=plan.id,
                title=f"Action {i}",
                section_id=axis.id,
                status=status,
                start_date=date(2021, 1, 1),
                end_date=end,
            )
            budget.add_budget_line(s, actor, action, amount=D(10_000 * (i + 1)), unit="EUR")
        budget.add_budget_line(s, actor, action, amount=D(5000), unit="GBP")
        for i, population in enumerate((50_000, 80_000, 120_000, 60_000)):
            peer = territories.create_territory(s, actor, name=f"Voisin {i}", population=population)
            for year in (2018, 2019):
                indicators.set_observation(
                    s,
                    actor,
                    indicator=ghg,
                    territory_id=peer.id,
                    year=year,
                    value=D(population * (8 + i) // 1000),
                )
        contract = changes.create(
            s,
            Contract(territory_id=tid, title="COTRI 2019-2022", period_start=2019, period_end=2022),
            actor,
        )
        link = changes.create(
            s, ContractIndicator(contract_id=contract.id, indicator_id=enr.id), actor
        )
        changes.create(
            s, ContractTarget(contract_indicator_id=link.id, year=2019, value=D(200)), actor
        )
        assert plan.id is not None and ghg.id is not None and enr.id is not None
        return Ids(tid, plan.id, ghg.id, enr.id)
