"""The read-only queries the window shows data with, without Qt: the navigation outline, single
records by id and UUID, the small lists forms choose from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from desktop.models import Action, Plan, Territory
from desktop.services import actions, contracts, indicators, meetings, plans, territories
from desktop.services.changes import Actor
from desktop.services.queries import actions as action_queries
from desktop.services.queries import contracts as contract_queries
from desktop.services.queries import names as name_queries
from desktop.services.queries import navigation, records
from desktop.store import Store


@dataclass
class Case:
    calais: int
    peer: int
    plan: int
    axis: int
    sub: int
    in_axis: int
    loose: int
    child: int
    indicator: int
    unused_indicator: int
    contract: int
    link: int
    meeting: int


@pytest.fixture
def case(store: Store, actor: Actor) -> Case:
    with store.transaction() as s:
        calais = territories.create_territory(s, actor, name="CA du Calaisis").pk
        peer = territories.create_territory(s, actor, name="Boulonnais").pk
        plan = plans.create_plan(s, actor, territory_id=calais, title="PCAET 2024").pk
        axis = plans.create_section(s, actor, plan_id=plan, title="Bâtiments", code="1").pk
        sub = plans.create_section(s, actor, plan_id=plan, title="Écoles", parent_id=axis).pk
        in_axis = actions.create_action(
            s, actor, plan_id=plan, section_id=axis, title="A", code="1.1"
        )
        loose = actions.create_action(s, actor, plan_id=plan, title="Hors axe", code="9")
        child = actions.create_action(s, actor, plan_id=plan, section_id=axis, title="Sous-action")
        child.parent_id = in_axis.pk
        used = indicators.create_indicator(s, actor, code="GES", name="Émissions")
        unused = indicators.create_indicator(s, actor, code="ZZZ", name="Vide")
        for territory_id in (calais, peer):
            indicators.set_observation(
                s, actor, indicator=used, territory_id=territory_id, year=2020, value=Decimal(5)
            )
        contract = contracts.create_contract(
            s, actor, territory_id=calais, title="COTRI", period_start=2024, period_end=2026
        )
        link = contracts.add_indicator(s, actor, contract, used.pk)
        contracts.set_target(s, actor, link, 2025, Decimal("4.5"))
        meeting = meetings.create_meeting(
            s, actor, territory_id=calais, held_on=date(2025, 3, 1), title="Comité"
        )
        territories.get_or_create_organisation(s, actor, "Zénith")
        territories.get_or_create_organisation(s, actor, "ADEME")
        s.flush()
        return Case(
            calais,
            peer,
            plan,
            axis,
            sub,
            in_axis.pk,
            loose.pk,
            child.pk,
            used.pk,
            unused.pk,
            contract.pk,
            link.pk,
            meeting.pk,
        )


def test_the_navigation_outline_holds_what_the_tree_shows(store: Store, case: Case) -> None:
    with store.session() as s:
        outline = navigation.navigation_outline(s)
    assert [t.name for t in outline.territories] == ["Boulonnais", "CA du Calaisis"]
    assert outline.with_plan == {case.calais}
    assert outline.plans is not None and [p.id for p in outline.plans.plans] == [case.plan]
    assert [section.id for section in outline.plans.sections] == [case.axis, case.sub]
    # top-level actions only: the sub-action does not count
    assert outline.plans.actions_by_section.get(case.axis) == 1
    assert outline.plans.actions_by_section.get(case.sub) is None
    assert outline.plans.loose_actions_by_plan == {case.plan: 1}
    assert [i.id for i in outline.indicators] == [case.indicator]  # the used ones only
    assert [c.id for c in outline.contracts] == [case.contract]
    assert [m.id for m in outline.meetings] == [case.meeting]


def test_branches_not_shown_are_not_read(store: Store, case: Case) -> None:
    with store.session() as s:
        outline = navigation.navigation_outline(
            s, plans=False, indicators=False, contracts=False, meetings=False
        )
    assert outline.plans is None and outline.indicators == [] == outline.contracts
    assert outline.meetings == [] and len(outline.territories) == 2


def test_top_actions_of_a_section_and_of_a_plan(store: Store, case: Case) -> None:
    with store.session() as s:
        assert navigation.top_actions(s, section_id=case.axis) == [(case.in_axis, "1.1", "A")]
        assert navigation.top_actions(s, plan_id=case.plan) == [(case.loose, "9", "Hors axe")]


def test_records_by_id_and_uuid(store: Store, case: Case) -> None:
    with store.session() as s:
        plan = records.record(s, Plan, case.plan)
        assert plan is not None and plan.title == "PCAET 2024"
        assert records.record(s, Plan, None) is None and records.record(s, Plan, 999) is None
        uuid = records.record_uuid(s, Territory, case.calais)
        assert uuid and records.record_uuid(s, Territory, None) == ""
        found = records.record_by_uuid(s, Territory, uuid)
        assert found is not None and found.id == case.calais
        assert records.record_by_uuid(s, Territory, "") is None
        assert records.record_by_uuid(s, Action, "no-such-uuid") is None


def test_small_lists_for_forms(store: Store, case: Case) -> None:
    with store.session() as s:
        assert records.territory_names(s) == {
            case.peer: "Boulonnais",
            case.calais: "CA du Calaisis",
        }
        assert records.territory_names(s, {case.peer}) == {case.peer: "Boulonnais"}
        assert [name for _id, name in records.organisation_names(s)] == ["ADEME", "Zénith"]
        assert records.first_organisation_id(s) == records.organisation_names(s)[1][0]
        codes = [i.code for i in records.indicators_by_code(s)]  # the referential's too
        assert codes == sorted(codes) and {"GES", "ZZZ"} <= set(codes)
        assert records.action_id_by_code(s, "9") == case.loose
        assert records.action_id_by_code(s, "9", plan_id=case.plan + 1) is None
        assert records.territories_with_values(s, case.indicator) == {case.calais, case.peer}
        assert records.territories_with_values(s, None) == set()
        assert contract_queries.yearly_targets(s, case.link) == {2025: Decimal("4.5")}


def test_a_new_name_writes_its_normalised_form_with_it() -> None:
    from desktop.services.text import name_fields, normalise_name

    assert name_fields("  Région Hauts-de-France ") == {
        "name": "  Région Hauts-de-France ",
        "normalised_name": normalise_name("Région Hauts-de-France"),
    }


def test_plans_and_meetings_to_choose_from(store: Store, case: Case, actor: Actor) -> None:
    from desktop.services.queries import plans as plan_queries

    with store.transaction() as s:
        plans.create_plan(s, actor, territory_id=case.peer, title="Autre PCAET")
    with store.session() as s:
        assert [p.title for p in plan_queries.plans_by_title(s)] == ["Autre PCAET", "PCAET 2024"]
        assert [(title, name) for _i, title, name in plan_queries.plan_choices(s)] == [
            ("Autre PCAET", "Boulonnais"),
            ("PCAET 2024", "CA du Calaisis"),
        ]
        assert [m.id for m in plan_queries.territory_meetings(s, case.calais)] == [case.meeting]
        assert plan_queries.territory_meetings(s, None) == []


def test_what_the_action_editor_reads(store: Store, case: Case) -> None:

    with store.session() as s:
        action = records.record(s, Action, case.in_axis)
        assert action is not None
        others = action_queries.other_actions(s, action)
        assert [code for _i, code, _t in others] == ["9", "1.2"]  # "9" is shorter
        assert case.in_axis not in [i for i, _c, _t in others]
        assert [o.name for o in name_queries.organisations_by_name(s)] == ["ADEME", "Zénith"]
        found = action_queries.action_in_plan_by_code(s, case.plan, "9")
        assert found is not None and found.id == case.loose
        assert action_queries.action_in_plan_by_code(s, case.plan, "404") is None


def test_a_records_history_latest_first(store: Store, case: Case, actor: Actor) -> None:
    from desktop.services.queries.history import record_history

    with store.transaction() as s:
        action = records.record(s, Action, case.loose)
        assert action is not None
        actions.update_action(s, actor, action, {"title": "Renommée"})
        uuid = action.uuid
    with store.session() as s:
        history = record_history(s, uuid, 10)
        assert history[0].field == "title"
        assert len(history) >= 2 and len(record_history(s, uuid, 1)) == 1


def test_the_grid_reads_targets_and_the_authoritys_values(
    store: Store, case: Case, actor: Actor
) -> None:
    from desktop.models import Indicator, ObservationKind
    from desktop.services.queries import indicators as indicator_queries

    with store.transaction() as s:
        indicator = records.record(s, Indicator, case.indicator)
        assert indicator is not None
        indicators.set_target(
            s,
            actor,
            indicator=indicator,
            territory_id=case.calais,
            horizon_year=2030,
            value=Decimal(3),
            plan_id=case.plan,
        )
    with store.session() as s:
        target = indicator_queries.target_at(s, case.indicator, case.calais, 2030, None)
        assert target is not None and target.value == Decimal(3)  # any plan's, failing ours
        assert indicator_queries.target_at(s, case.indicator, case.calais, 2031, None) is None
        assert [
            (t.horizon_year, title)
            for t, title in indicator_queries.targets_with_plans(s, case.indicator, case.calais)
        ] == [(2030, "PCAET 2024")]
        measured = ObservationKind.MEASURED
        value = indicator_queries.authority_value(s, case.indicator, case.calais, 2020, measured)
        assert value == Decimal(5)
        assert (
            indicator_queries.authority_value(s, case.indicator, case.calais, 2021, measured)
            is None
        )


def test_generic_lists_of_records(store: Store, case: Case) -> None:
    from desktop.models import Organisation, Section

    with store.session() as s:
        names = [o.name for o in records.ordered_records(s, Organisation, "normalised_name")]
        assert names == ["ADEME", "Zénith"]
        children = records.child_records(s, Section, "parent_id", case.axis, "position")
        assert [section.id for section in children] == [case.sub]
        first = records.first_id(s, Organisation)
        assert first is not None
        assert records.first_id(s, Organisation, [first]) not in (None, first)
        assert records.territory_count(s) == 2
