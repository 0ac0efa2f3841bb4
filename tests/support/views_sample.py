"""The views' tests' plan (services and Qt views alike): a territory, a plan with parts and
axes, organisations, actions with partners and budgets, indicators, a contract and a meeting,
built through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.models import (
    ActionLinkKind,
    ActionStatus,
    BudgetState,
    ContractPartyRole,
    IndicatorCategory,
    ObservationKind,
    OrganisationKind,
    PartnerRole,
    Priority,
    SectionKind,
    TerritoryKind,
)
from desktop.services import actions as action_service
from desktop.services import budget as budget_service
from desktop.services import contracts, meetings
from desktop.services import indicators as indicator_service
from desktop.services import plans as plan_service
from desktop.services import territories as territory_service
from desktop.services.changes import Actor
from desktop.store import Store


@dataclass
class Sample:
    territory_id: int
    plan_id: int
    section_ids: dict[str, int]
    organisation_ids: dict[str, int]
    action_ids: dict[str, int]
    indicator_ids: dict[str, int]
    contract_id: int
    meeting_id: int


def build_sample(store: Store, actor: Actor) -> Sample:
    """A small plan with everything the views show, built through the services."""
    with store.transaction() as s:
        territory = territory_service.create_territory(
            s, actor, name="CC du Val Vert", kind=TerritoryKind.CC, population=42000
        )
        plan = plan_service.create_plan(
            s,
            actor,
            territory_id=territory.pk,
            title="PCAET 2020-2026",
            period_start=2020,
            period_end=2026,
        )
        part = plan_service.create_section(
            s, actor, plan_id=plan.pk, title="Sobriété", code="A", kind=SectionKind.PART
        )
        axis = plan_service.create_section(
            s, actor, plan_id=plan.pk, title="Bâtiments", code="A.1", parent_id=part.pk
        )
        mobility = plan_service.create_section(
            s, actor, plan_id=plan.pk, title="Mobilité", code="B", kind=SectionKind.PART
        )
        orgs = {
            name: territory_service.get_or_create_organisation(s, actor, name, kind=kind).pk
            for name, kind in (
                ("ADEME", OrganisationKind.AGENCY),
                ("Région Hauts-de-France", OrganisationKind.LOCAL_AUTHORITY),
                ("Syndicat d'énergie", OrganisationKind.PUBLIC_BODY),
            )
        }
        a1 = action_service.create_action(
            s,
            actor,
            plan_id=plan.pk,
            section_id=axis.pk,
            title="Énergie solaire des écoles",
            lead_organisation_id=orgs["ADEME"],
            status=ActionStatus.IN_PROGRESS,
            priority=Priority.HIGH,
            progress_percent=40,
            start_date=date(2021, 1, 1),
            end_date=date(2022, 12, 31),
        )
        a2 = action_service.create_action(
            s,
            actor,
            plan_id=plan.pk,
            section_id=mobility.pk,
            title="Pistes cyclables",
            lead_organisation_id=orgs["Région Hauts-de-France"],
            status=ActionStatus.TO_COME,
            priority=Priority.LOW,
            end_date=date(2030, 6, 30),
        )
        a3 = action_service.create_action(
            s,
            actor,
            plan_id=plan.pk,
            section_id=part.pk,
            title="Rénovation des mairies",
            status=ActionStatus.DONE,
            progress_percent=100,
        )
        action_service.add_partner(s, actor, a1, orgs["Syndicat d'énergie"], PartnerRole.CO_LEAD)
        action_service.link_actions(s, actor, a1, a3, ActionLinkKind.RELATED_TO)
        budget_service.add_budget_line(s, actor, a1, year=2021, amount=Decimal("120000"))
        budget_service.add_budget_line(s, actor, a1, year=2022, amount=Decimal("5000"), unit="GBP")
        budget_service.add_budget_line(s, actor, a2, state=BudgetState.TO_BE_DEFINED)
        budget_service.add_funding(
            s, actor, a1, funder_id=orgs["Région Hauts-de-France"], rate_percent=Decimal(30)
        )
        ghg = indicator_service.create_indicator(
            s,
            actor,
            code="GES-TOT",
            name="Émissions de GES",
            unit="ktCO2e",
            category=IndicatorCategory.GHG_EMISSIONS,
        )
        enr = indicator_service.create_indicator(
            s,
            actor,
            code="ENR-PROD",
            name="Production d'énergies renouvelables",
            unit="GWh",
            category=IndicatorCategory.RENEWABLE_PRODUCTION,
        )
        for year, value in ((2015, "500"), (2018, "470"), (2020, "440"), (2021, "400")):
            indicator_service.set_observation(
                s,
                actor,
                indicator=ghg,
                territory_id=territory.pk,
                year=year,
                value=Decimal(value),
            )
        indicator_service.set_observation(
            s,
            actor,
            indicator=ghg,
            territory_id=territory.pk,
            year=2022,
            value=Decimal("390"),
            kind=ObservationKind.ESTIMATED,
        )
        for year, value in ((2020, "80"), (2021, "90")):
            indicator_service.set_observation(
                s,
                actor,
                indicator=enr,
                territory_id=territory.pk,
                year=year,
                value=Decimal(value),
            )
        indicator_service.set_target(
            s,
            actor,
            indicator=ghg,
            territory_id=territory.pk,
            horizon_year=2030,
            value=Decimal("300"),
            plan_id=plan.pk,
        )
        contract = contracts.create_contract(
            s,
            actor,
            territory_id=territory.pk,
            title="COTRI Val Vert",
            period_start=2020,
            period_end=2022,
        )
        contracts.add_party(
            s,
            actor,
            contract,
            orgs["Région Hauts-de-France"],
            ContractPartyRole.SIGNATORY,
            amount=Decimal(250000),
        )
        contracts.add_party(s, actor, contract, orgs["ADEME"], ContractPartyRole.FUNDER)
        ghg_link = contracts.add_indicator(s, actor, contract, ghg.pk)
        enr_link = contracts.add_indicator(s, actor, contract, enr.pk, weight=Decimal(3))
        contracts.set_target(s, actor, ghg_link, 2020, Decimal("450"))  # beaten: 440
        contracts.set_target(s, actor, ghg_link, 2021, Decimal("380"))  # missed: 400
        contracts.set_target(s, actor, enr_link, 2020, Decimal("100"))  # 80 %
        contracts.set_target(s, actor, enr_link, 2021, Decimal("100"))  # 90 %
        contracts.set_target(s, actor, enr_link, 2022, Decimal("120"))  # no value yet
        meeting = meetings.create_meeting(
            s,
            actor,
            territory_id=territory.pk,
            held_on=date(2024, 3, 14),
            title="Comité de pilotage",
            plan_id=plan.pk,
            decisions="Lancer l'appel d'offres",
        )
        meetings.add_attendee(
            s,
            actor,
            meeting,
            "Mme Durand",
            organisation_id=orgs["ADEME"],
            function="Chargée de mission",
        )
        meetings.link_action(s, actor, meeting, a1.pk, note="Point d'avancement")
        return Sample(
            territory_id=territory.pk,
            plan_id=plan.pk,
            section_ids={"A": part.pk, "A.1": axis.pk, "B": mobility.pk},
            organisation_ids=orgs,
            action_ids={"solar": a1.pk, "bikes": a2.pk, "town_halls": a3.pk},
            indicator_ids={"ghg": ghg.pk, "enr": enr.pk},
            contract_id=contract.pk,
            meeting_id=meeting.pk,
        )
