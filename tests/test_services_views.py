"""Services behind the central views: action rows, snapshots for undo, contracts
achievement, meetings and where organisations are used. No Qt here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import select

# The plan of the `sample` fixture, shared with the Qt views' tests.
from support.views_sample import Sample, build_sample

from desktop.models import (
    Action,
    ActionPartner,
    ActionStatus,
    BudgetLine,
    BudgetState,
    ChangeLog,
    Contract,
    Direction,
    MeetingAction,
)
from desktop.services import action_rows, contracts, meetings, organisations_usage, snapshots
from desktop.services import actions as action_service
from desktop.services.action_rows import ActionFilter, SearchIndex
from desktop.services.changes import Actor
from desktop.store import Store


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
