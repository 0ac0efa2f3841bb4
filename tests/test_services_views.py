"""Services behind the central views: action rows, snapshots for undo, contracts
achievement, meetings and where organisations are used. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

from desktop.models import (
    Action,
    ActionLinkKind,
    ActionPartner,
    ActionStatus,
    BudgetLine,
    BudgetState,
    ChangeLog,
    Contract,
    ContractPartyRole,
    Direction,
    IndicatorCategory,
    MeetingAction,
    ObservationKind,
    OrganisationKind,
    PartnerRole,
    Priority,
    SectionKind,
    TerritoryKind,
)
from desktop.services import action_rows, contracts, meetings, organisations_usage, snapshots
from desktop.services import actions as action_service
from desktop.services import budget as budget_service
from desktop.services import indicators as indicator_service
from desktop.services import plans as plan_service
from desktop.services import territories as territory_service
from desktop.services.action_rows import ActionFilter, SearchIndex
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


@pytest.fixture
def sample(store: Store, actor: Actor) -> Sample:
    return build_sample(store, actor)


def test_rows_sorted_filtered_and_summed_per_currency(store: Store, sample: Sample) -> None:
    ids = sample.action_ids
    today = date(2024, 1, 1)
    with store.session() as s:
        flt = ActionFilter(plan_id=sample.plan_id)
        by_title = action_rows.ordered_ids(s, flt, sort_key="title", today=today)
        assert by_title == [ids["bikes"], ids["town_halls"], ids["solar"]]
        by_budget = action_rows.ordered_ids(s, flt, sort_key="budget", descending=True)
        assert by_budget[0] == ids["solar"]
        late = action_rows.ordered_ids(s, ActionFilter(late_only=True), today=today)
        assert late == [ids["solar"]]
        section = action_rows.section_and_descendants(s, sample.section_ids["A"])
        in_a = action_rows.ordered_ids(s, ActionFilter(section_ids=section))
        assert set(in_a) == {ids["solar"], ids["town_halls"]}
        partner = action_rows.ordered_ids(
            s, ActionFilter(partner_id=sample.organisation_ids["Syndicat d'énergie"])
        )
        assert partner == [ids["solar"]]
        done = action_rows.ordered_ids(s, ActionFilter(statuses=frozenset({ActionStatus.DONE})))
        assert done == [ids["town_halls"]]
        rows = action_rows.fetch_rows(s, [ids["solar"], ids["bikes"]], today=today)
    solar = rows[ids["solar"]]
    assert solar.budget == {"EUR": Decimal("120000"), "GBP": Decimal("5000")}
    assert solar.section_code == "A.1" and solar.lead_name == "ADEME" and solar.late
    assert rows[ids["bikes"]].budget_states == (BudgetState.TO_BE_DEFINED,)


def test_search_ignores_accents_and_case(store: Store, sample: Sample) -> None:
    with store.session() as s:
        index = SearchIndex.build(s, sample.plan_id)
        all_ids = action_rows.ordered_ids(s, ActionFilter(plan_id=sample.plan_id))
    assert index.matching("energie", all_ids) == [sample.action_ids["solar"]]
    assert index.matching("ÉCOLES solaire", all_ids) == [sample.action_ids["solar"]]
    assert index.matching("region", all_ids) == [sample.action_ids["bikes"]]
    assert index.matching("nothing like this", all_ids) == []


def test_snapshot_restores_action_with_children_and_same_uuid(
    store: Store, sample: Sample, actor: Actor
) -> None:
    action_id = sample.action_ids["solar"]
    with store.transaction() as s:
        action = s.get(Action, action_id)
        assert action is not None
        uuid, version = action.uuid, action.version
        snapshot = snapshots.capture(s, action)
        assert {row.table for row in snapshot.children} >= {
            "budget_line",
            "funding",
            "action_partner",
            "action_link",
            "meeting_action",
        }
        action_service.delete_action(s, actor, action)
    with store.session() as s:
        assert s.get(Action, action_id) is None
        assert s.exec(select(BudgetLine).where(BudgetLine.action_id == action_id)).all() == []
    with store.transaction() as s:
        restored = snapshots.restore(s, snapshot, actor)
        assert restored.uuid == uuid and restored.id == action_id
    with store.session() as s:
        again = s.get(Action, action_id)
        assert again is not None and again.version == version and again.title.startswith("Énergie")
        lines = s.exec(select(BudgetLine).where(BudgetLine.action_id == action_id)).all()
        assert sorted(line.unit for line in lines) == ["EUR", "GBP"]
        assert s.exec(select(MeetingAction).where(MeetingAction.action_id == action_id)).one()
        assert s.exec(select(ActionPartner).where(ActionPartner.action_id == action_id)).one()
        kinds = [c.kind for c in s.exec(select(ChangeLog).where(ChangeLog.entity_uuid == uuid))]
        assert kinds.count("delete") == 1 and kinds.count("create") == 2


def test_snapshot_relinks_set_null_references(store: Store, sample: Sample, actor: Actor) -> None:
    region = sample.organisation_ids["Région Hauts-de-France"]
    with store.transaction() as s:
        from desktop.models import Organisation

        organisation = s.get(Organisation, region)
        assert organisation is not None
        snapshot = snapshots.capture(s, organisation)
        from desktop.services import changes

        changes.delete(s, organisation, actor)
    with store.session() as s:
        assert s.get(Action, sample.action_ids["bikes"]).lead_organisation_id is None  # type: ignore[union-attr]
    with store.transaction() as s:
        snapshots.restore(s, snapshot, actor)
    with store.session() as s:
        assert s.get(Action, sample.action_ids["bikes"]).lead_organisation_id == region  # type: ignore[union-attr]
        assert organisations_usage.usage(s, region).party_of == ["COTRI Val Vert"]


def test_contract_achievement_respects_direction_and_weights(store: Store, sample: Sample) -> None:
    with store.session() as s:
        result = contracts.achievement(s, sample.contract_id)
    ghg, enr = result.indicators
    assert ghg.direction == Direction.LOWER_IS_BETTER
    assert [(y.year, y.achieved, y.rate) for y in ghg.years] == [
        (2020, Decimal("440"), Decimal(1)),
        (2021, Decimal("400"), Decimal("380") / Decimal("400")),
    ]
    assert [y.rate for y in enr.years] == [Decimal("0.8"), Decimal("0.9"), None]
    assert ghg.rate == Decimal("0.95") and enr.rate == Decimal("0.9")
    # Weighted 1 and 3: (0.95 + 3 * 0.9) / 4
    assert result.overall == (Decimal("0.95") + 3 * Decimal("0.9")) / 4
    assert result.years == [2020, 2021, 2022]


def test_year_rate_edges() -> None:
    lower, higher = Direction.LOWER_IS_BETTER, Direction.HIGHER_IS_BETTER
    assert contracts.year_rate(None, Decimal(10), higher) is None
    assert contracts.year_rate(Decimal(-5), Decimal(10), higher) == 0
    assert contracts.year_rate(Decimal(3), Decimal(0), higher) == 1
    assert contracts.year_rate(Decimal(200), Decimal(100), lower) == Decimal("0.5")


def test_meetings_and_usage(store: Store, sample: Sample) -> None:
    with store.session() as s:
        listed = meetings.list_meetings(s, sample.territory_id)
        assert [m.title for m in listed] == ["Comité de pilotage"]
        people = meetings.attendees(s, sample.meeting_id)
        assert people[0][0].name == "Mme Durand" and people[0][1].name == "ADEME"  # type: ignore[union-attr]
        linked = meetings.linked_actions(s, sample.meeting_id)
        assert [a.id for _link, a in linked] == [sample.action_ids["solar"]]
        ademe = organisations_usage.usage(s, sample.organisation_ids["ADEME"])
        assert ademe.lead_of == ["1 Énergie solaire des écoles"]
        assert ademe.party_of == ["COTRI Val Vert"] and ademe.attendances == 1
        counts = organisations_usage.usage_counts(s)
        region = counts[sample.organisation_ids["Région Hauts-de-France"]]
        assert region == {"lead": 1, "partner": 0, "funder": 1, "party": 1}
        assert s.get(Contract, sample.contract_id) is not None
