"""Analysis maths against hand-computed cases, and the store aggregates behind the dashboard."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from desktop.models import Action as ActionRow
from desktop.models import (
    ActionStatus,
    BudgetState,
    ChangeLog,
    Contract,
    ContractIndicator,
    ContractTarget,
    Direction,
    IndicatorCategory,
    Meeting,
    MeetingKind,
    ObservationKind,
)
from desktop.services import (
    actions,
    analysis,
    budget,
    changes,
    contracts,
    indicators,
    peers,
    plans,
    progress,
    progress_history,
    store_settings,
    territories,
)
from desktop.services.changes import Actor
from desktop.services.trajectory import (
    TargetSpec,
    TrackStatus,
    build_trajectory,
    change_since,
    project,
    shares,
    track_status,
    year_on_year,
)
from desktop.store import Store

D = Decimal

# A decreasing indicator (emissions) with 2017 missing.
GHG = {2015: 1000.0, 2016: 980.0, 2018: 940.0, 2019: 930.0}
GHG_TARGETS = [
    TargetSpec(2030, relative_change_percent=-40.0, reference_year=2015),  # 600
    TargetSpec(2050, value=200.0),
]


def test_trajectory_relative_then_absolute_targets() -> None:
    trajectory = build_trajectory(GHG, GHG_TARGETS)
    assert trajectory is not None
    assert trajectory.points == ((2015, 1000.0), (2030, 600.0), (2050, 200.0))
    # 1000 - 4 * 400 / 15
    assert trajectory.expected(2019) == pytest.approx(893.3333, rel=1e-6)
    assert trajectory.expected(2040) == pytest.approx(400.0)
    assert trajectory.expected(2010) is None
    assert trajectory.expected(2051) is None


def test_on_track_decreasing_indicator_slightly_behind() -> None:
    trajectory = build_trajectory(GHG, GHG_TARGETS)
    result = track_status(trajectory, 2019, 930.0, Direction.LOWER_IS_BETTER)
    # (930 - 893.33) / 893.33 = 0.04104: beyond 2 %, within 10 %
    assert result.gap == pytest.approx(0.041045, rel=1e-4)
    assert result.status == TrackStatus.SLIGHTLY_BEHIND
    # Below the line is ahead for emissions
    assert track_status(trajectory, 2019, 850.0, Direction.LOWER_IS_BETTER).status == (
        TrackStatus.ON_TRACK
    )
    # Tighter thresholds turn the same value off track
    tight = track_status(trajectory, 2019, 930.0, Direction.LOWER_IS_BETTER, slightly=0.03)
    assert tight.status == TrackStatus.OFF_TRACK


def test_projection_decreasing_with_missing_year() -> None:
    projection = project(GHG, 2050, 200.0, Direction.LOWER_IS_BETTER)
    # Years 2015, 2016, 2018, 2019: mean 2017 / 962.5, Sxy -180, Sxx 10
    assert projection.slope == pytest.approx(-18.0)
    assert projection.value_in(2017) == pytest.approx(962.5)
    assert projection.reached_year == pytest.approx(2017 + 762.5 / 18)


def test_increasing_indicator_off_track_and_projection() -> None:
    values = {2015: 100.0, 2020: 160.0}
    trajectory = build_trajectory(values, [TargetSpec(2030, value=400.0)])
    result = track_status(trajectory, 2020, 160.0, Direction.HIGHER_IS_BETTER)
    # expected 200, 40 short: 20 % behind
    assert result.expected == pytest.approx(200.0)
    assert result.gap == pytest.approx(0.2)
    assert result.status == TrackStatus.OFF_TRACK
    projection = project(values, 2030, 400.0, Direction.HIGHER_IS_BETTER)
    assert projection.reached_year == pytest.approx(2040.0)
    # Above the line is ahead for production
    assert track_status(trajectory, 2020, 230.0, Direction.HIGHER_IS_BETTER).status == (
        TrackStatus.ON_TRACK
    )


def test_relative_increase_target() -> None:
    values = {2012: 80.0, 2016: 92.0}
    trajectory = build_trajectory(
        values, [TargetSpec(2030, relative_change_percent=50.0, reference_year=2012)]
    )
    assert trajectory is not None
    assert trajectory.points[-1] == (2030, pytest.approx(120.0))
    # 80 + 4 * 40 / 18 = 88.89; 92 is ahead
    assert track_status(trajectory, 2016, 92.0, Direction.HIGHER_IS_BETTER).status == (
        TrackStatus.ON_TRACK
    )


def test_single_point() -> None:
    values = {2015: 100.0}
    trajectory = build_trajectory(values, [TargetSpec(2030, value=50.0)])
    result = track_status(trajectory, 2015, 100.0, Direction.LOWER_IS_BETTER)
    assert result.status == TrackStatus.ON_TRACK and result.gap == 0.0
    projection = project(values, 2030, 50.0, Direction.LOWER_IS_BETTER)
    assert projection.slope is None and projection.reached_year is None


def test_not_at_this_pace_and_unknown() -> None:
    rising = {2015: 100.0, 2016: 105.0, 2017: 110.0}
    projection = project(rising, 2030, 50.0, Direction.LOWER_IS_BETTER)
    assert projection.slope == pytest.approx(5.0)
    assert not projection.reaches_target
    # A relative target whose reference year was never measured: no trajectory
    assert build_trajectory(rising, [TargetSpec(2030, None, -20.0, 2010)]) is None
    assert track_status(None, 2017, 110.0, Direction.LOWER_IS_BETTER).status == (
        TrackStatus.UNKNOWN
    )
    # Already met: reached in the last measured year
    met = project({2015: 100.0, 2016: 40.0}, 2030, 50.0, Direction.LOWER_IS_BETTER)
    assert met.reached_year == 2016


def test_shares_and_changes() -> None:
    assert shares({"a": 30.0, "b": 10.0}) == {"a": 0.75, "b": 0.25}
    assert shares({"a": 0.0}) == {}
    changes_ = year_on_year(GHG)
    assert changes_[2016] == pytest.approx(-0.02)
    assert changes_[2018] == pytest.approx(-40 / 980)
    assert change_since(GHG, 2015, 2019) == pytest.approx(-0.07)
    assert change_since(GHG, 2017, 2019) is None


# --- over the store --------------------------------------------------------------------------


@pytest.fixture
def territory_id(store: Store, actor: Actor) -> int:
    with store.transaction() as session:
        territory = territories.create_territory(
            session, actor, name="CA du Test", population=50_000
        )
        assert territory.id is not None
        return territory.id


def _indicator(
    session: Session,
    actor: Actor,
    code: str,
    category: IndicatorCategory,
    dimension: str = "",
    unit: str = "kteqCO2",
) -> int:
    indicator = indicators.create_indicator(
        session, actor, code=code, name=code, unit=unit, category=category, dimension=dimension
    )
    assert indicator.id is not None
    return indicator.id


def test_indicator_analysis_from_store(store: Store, actor: Actor, territory_id: int) -> None:
    with store.transaction() as session:
        ind_id = _indicator(session, actor, "GES", IndicatorCategory.GHG_EMISSIONS)
        indicator = session.get(indicators.Indicator, ind_id)
        for year, value in GHG.items():
            indicators.set_observation(
                session,
                actor,
                indicator=indicator,
                territory_id=territory_id,
                year=year,
                value=D(str(value)),
                source="ORECA",
            )
        # An estimate for a year also measured is shown but does not replace the measure
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=territory_id,
            year=2019,
            value=D("700"),
            kind=ObservationKind.ESTIMATED,
        )
        indicators.set_target(
            session,
            actor,
            indicator=indicator,
            territory_id=territory_id,
            horizon_year=2030,
            relative_change_percent=D("-40"),
            reference_year=2015,
        )
        indicators.set_target(
            session,
            actor,
            indicator=indicator,
            territory_id=territory_id,
            horizon_year=2050,
            value=D("200"),
        )
    with store.session() as session:
        result = analysis.indicator_analysis(session, ind_id, territory_id)
        assert [t.value for t in result.targets] == [pytest.approx(600.0), 200.0]
        assert result.track.status == TrackStatus.SLIGHTLY_BEHIND
        assert result.track.year == 2019 and result.track.actual == 930.0
        assert result.estimated == [] and result.measured[0].source == "ORECA"
        assert [(p.year, p.value) for p in result.others] == [(2019, 700.0)]
        assert result.change_since_reference() == pytest.approx(-0.07)
        statuses = analysis.indicator_statuses(session, territory_id)
        assert [s.code for s in statuses] == ["GES"]
        assert statuses[0].track.status == TrackStatus.SLIGHTLY_BEHIND
        # Thresholds come from the store's settings
        store_settings.put(
            session, store_settings.ON_TRACK_THRESHOLDS, {"on_track": "0.05", "slightly": "0.1"}
        )
        assert analysis.indicator_analysis(session, ind_id, territory_id).track.status == (
            TrackStatus.ON_TRACK
        )


def test_breakdown_by_sector_prefers_measured(
    store: Store, actor: Actor, territory_id: int
) -> None:
    with store.transaction() as session:
        ids = {
            sector: _indicator(
                session, actor, f"GES_{sector}", IndicatorCategory.GHG_EMISSIONS, sector
            )
            for sector in ("residential", "road_transport")
        }
        total = _indicator(session, actor, "GES_TOTAL", IndicatorCategory.GHG_EMISSIONS)
        rows = [
            (ids["residential"], 2016, "100", ObservationKind.MEASURED),
            (ids["residential"], 2016, "999", ObservationKind.ESTIMATED),
            (ids["road_transport"], 2016, "300", ObservationKind.MEASURED),
            (ids["residential"], 2018, "90", ObservationKind.ESTIMATED),
            (total, 2016, "400", ObservationKind.MEASURED),
        ]
        for ind_id, year, value, kind in rows:
            indicators.set_observation(
                session,
                actor,
                indicator=session.get(indicators.Indicator, ind_id),
                territory_id=territory_id,
                year=year,
                value=D(value),
                kind=kind,
            )
    with store.session() as session:
        result = analysis.breakdown(session, territory_id, IndicatorCategory.GHG_EMISSIONS)
    assert result.years == [2016, 2018]
    assert result.parts == ["residential", "road_transport"]  # the total is not added again
    assert result.values["residential"] == [100.0, 90.0]
    assert result.values["road_transport"] == [300.0, 0.0]
    assert result.totals() == [400.0, 90.0]
    assert result.shares(2016) == {"residential": 0.25, "road_transport": 0.75}
    assert result.unit == "kteqCO2"


@pytest.fixture
def plan_id(store: Store, actor: Actor, territory_id: int) -> int:
    with store.transaction() as session:
        plan = plans.create_plan(session, actor, territory_id=territory_id, title="PCAET")
        assert plan.id is not None
        return plan.id


def test_status_counts_late_and_timeline(store: Store, actor: Actor, plan_id: int) -> None:
    today = date(2025, 6, 1)
    with store.transaction() as session:
        axis = plans.create_section(session, actor, plan_id=plan_id, title="Habitat", code="1")
        sub = plans.create_section(
            session, actor, plan_id=plan_id, title="Rénovation", parent_id=axis.id
        )
        spec = [
            (sub.id, ActionStatus.IN_PROGRESS, date(2024, 1, 1), date(2025, 1, 1)),  # late
            (axis.id, ActionStatus.DONE, date(2023, 1, 1), date(2024, 1, 1)),
            (None, ActionStatus.TO_COME, None, None),
            (None, ActionStatus.LATE, date(2025, 1, 1), date(2026, 1, 1)),  # marked late
        ]
        for section_id, status, start, end in spec:
            actions.create_action(
                session,
                actor,
                plan_id=plan_id,
                title=f"A {status}",
                section_id=section_id,
                status=status,
                start_date=start,
                end_date=end,
            )
    with store.session() as session:
        counts = progress.status_counts(session, plan_id, today=today)
        assert counts.total == 4 and counts.late == 2
        assert counts.by_status[ActionStatus.DONE] == 1
        by_section = progress.status_by_section(session, plan_id)
        assert by_section.counts[axis.id] == {ActionStatus.IN_PROGRESS: 1, ActionStatus.DONE: 1}
        assert by_section.sections[-1].section_id is None
        line = progress.timeline(session, plan_id, today=today)
    assert [r.section_id for r in line.rows] == [axis.id, axis.id, None]  # undated left out
    assert [r.late for r in line.rows] == [True, False, True]


def test_budget_totals_per_currency(store: Store, actor: Actor, plan_id: int) -> None:
    with store.transaction() as session:
        axis = plans.create_section(session, actor, plan_id=plan_id, title="Mobilité")
        first = actions.create_action(
            session, actor, plan_id=plan_id, title="Vélo", section_id=axis.id
        )
        second = actions.create_action(session, actor, plan_id=plan_id, title="Bus")
        lines = [
            (first, D("1000.10"), "EUR"),
            (first, D("0.2"), "EUR"),
            (first, D("500"), "GBP"),
            (second, D("2000"), "EUR"),
            (second, D("0.5"), "FTE"),
        ]
        for action, amount, unit in lines:
            budget.add_budget_line(session, actor, action, amount=amount, unit=unit)
        budget.add_budget_line(session, actor, second, state=BudgetState.TO_BE_DEFINED, amount=None)
    with store.session() as session:
        result = progress.budget_by_section(session, plan_id)
        assert result.totals == {"EUR": D("3000.3"), "GBP": D("500"), "FTE": D("0.5")}
        assert result.amounts[axis.id] == {"EUR": D("1000.3"), "GBP": D("500")}
        assert result.amounts[None] == {"EUR": D("2000"), "FTE": D("0.5")}
        assert result.non_numeric == 1
        # No rate: no converted total
        assert result.converted is None
        store_settings.put(
            session,
            store_settings.CURRENCY_RATES,
            {"GBP": {"EUR": "1.14", "as_of": "2018-03-31", "source": "ECB"}},
        )
        converted = progress.budget_by_section(session, plan_id).converted
    assert converted is not None
    assert converted.amount == D("3570.30")  # 3000.3 + 500 x 1.14, FTE left out
    assert converted.rates == {"GBP": (D("1.14"), "2018-03-31", "ECB")}
    assert converted.missing == []


def test_progress_over_time_from_change_log(
    store: Store, actor: Actor, plan_id: int, territory_id: int
) -> None:
    with store.transaction() as session:
        created = [
            actions.create_action(session, actor, plan_id=plan_id, title=f"A{i}") for i in range(4)
        ]
        actions.update_action(session, actor, created[0], {"status": ActionStatus.IN_PROGRESS})
        actions.update_action(session, actor, created[1], {"status": ActionStatus.DONE})
        actions.update_action(session, actor, created[2], {"status": ActionStatus.ABANDONED})
        for held_on in (date(2024, 3, 1), date(2024, 9, 1)):
            changes.create(
                session,
                Meeting(
                    territory_id=territory_id,
                    plan_id=plan_id,
                    held_on=held_on,
                    kind=MeetingKind.STEERING,
                    title=f"COPIL {held_on.year}",
                ),
                actor,
            )
        # Place the history in the past: created in January, statuses changed in June 2024
        session.execute(sa.update(ActionRow).values(created_at=datetime(2024, 1, 5, tzinfo=UTC)))
        session.execute(
            sa.update(ChangeLog)
            .where(ChangeLog.field == "status")
            .values(at=datetime(2024, 6, 1, tzinfo=UTC))
        )
    with store.session() as session:
        points = progress_history.progress_over_time(session, plan_id, today=date(2025, 1, 1))
    stage = progress_history.Stage
    assert [p.day for p in points] == [date(2024, 3, 1), date(2024, 9, 1), date(2025, 1, 1)]
    assert points[0].counts == {stage.DONE: 0, stage.IN_PROGRESS: 0, stage.TO_COME: 4}
    # After June, one abandoned action leaves the count
    assert points[1].counts == {stage.DONE: 1, stage.IN_PROGRESS: 1, stage.TO_COME: 1}
    assert points[2].share(stage.DONE) == pytest.approx(1 / 3)


def test_peer_comparison_quartiles(store: Store, actor: Actor, territory_id: int) -> None:
    with store.transaction() as session:
        ind_id = _indicator(session, actor, "GES", IndicatorCategory.GHG_EMISSIONS)
        indicator = session.get(indicators.Indicator, ind_id)
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=territory_id,
            year=2018,
            value=D("300000"),  # 6 per inhabitant
        )
        for i, (population, value) in enumerate(
            [(10_000, 40_000), (20_000, 100_000), (10_000, 60_000), (5_000, 40_000)]
        ):
            other = territories.create_territory(
                session, actor, name=f"Voisin {i}", population=population
            )
            indicators.set_observation(
                session,
                actor,
                indicator=indicator,
                territory_id=other.id,
                year=2018,
                value=D(value),
            )
        # no population: left out
        lonely = territories.create_territory(session, actor, name="Sans population")
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=lonely.id,
            year=2018,
            value=D(1),
        )
    with store.session() as session:
        result = peers.peer_comparison(session, ind_id, territory_id)
        assert peers.default_peer_indicator(session, territory_id) == ind_id
    # others per inhabitant: 4, 5, 6, 8 -> Q1 4.75, median 5.5, Q3 6.5
    [year] = result.years
    assert (year.year, year.value, year.peers) == (2018, 6.0, 4)
    assert (year.q1, year.median, year.q3) == (4.75, 5.5, 6.5)


def test_cotri_scorecard(store: Store, actor: Actor, territory_id: int) -> None:
    with store.transaction() as session:
        up = _indicator(session, actor, "ENR", IndicatorCategory.RENEWABLE_PRODUCTION, unit="GWh")
        down = _indicator(session, actor, "CONSO", IndicatorCategory.ENERGY_CONSUMPTION, unit="GWh")
        contract = changes.create(
            session,
            Contract(territory_id=territory_id, title="COTRI", period_start=2019, period_end=2022),
            actor,
        )
        for position, (ind_id, weight, targets, observed) in enumerate(
            [
                (up, D(2), {2020: "100", 2021: "120"}, {2020: "80", 2021: "150"}),
                (down, None, {2020: "500", 2021: "480"}, {2020: "520"}),
            ]
        ):
            link = changes.create(
                session,
                ContractIndicator(
                    contract_id=contract.id, indicator_id=ind_id, position=position, weight=weight
                ),
                actor,
            )
            for year, value in targets.items():
                changes.create(
                    session,
                    ContractTarget(contract_indicator_id=link.id, year=year, value=D(value)),
                    actor,
                )
            for year, value in observed.items():
                indicators.set_observation(
                    session,
                    actor,
                    indicator=session.get(indicators.Indicator, ind_id),
                    territory_id=territory_id,
                    year=year,
                    value=D(value),
                )
        contract_id = contract.id
    with store.session() as session:
        card = contracts.achievement(session, contract_id)
        assert [c.id for c in contracts.list_contracts(session, territory_id)] == [contract_id]
    first, second = card.indicators
    assert [y.rate for y in first.years] == [D("0.8"), D("1.25")]
    assert first.rate == D("1.25")
    assert second.years[0].rate == D(500) / D(520)
    assert second.years[1].rate is None and second.rate == D(500) / D(520)
    # weighted 2:1, overshoot capped at 100 %
    assert card.overall == (2 * D(1) + D(500) / D(520)) / 3


def test_late_rule_matches_python_and_sql(store: Store, actor: Actor, plan_id: int) -> None:
    today = date.today()
    with store.transaction() as session:
        action = actions.create_action(
            session,
            actor,
            plan_id=plan_id,
            title="Old",
            status=ActionStatus.TO_COME,
            start_date=today - timedelta(days=400),
            end_date=today - timedelta(days=1),
        )
        assert actions.is_late(action, today)
    with store.session() as session:
        assert progress.status_counts(session, plan_id).late == 1


@pytest.mark.parametrize("count", [3, 4, 5, 7, 10])
def test_peer_quartiles_match_numpy(
    store: Store, actor: Actor, territory_id: int, count: int
) -> None:
    """The database ranks the values; the quartiles are numpy's (linear interpolation)."""
    import numpy as np

    values = [7, 3, 11, 5, 13, 2, 17, 19, 23, 29][:count]
    with store.transaction() as session:
        ind_id = _indicator(session, actor, "GES", IndicatorCategory.GHG_EMISSIONS)
        indicator = session.get(indicators.Indicator, ind_id)
        for i, value in enumerate(values):
            peer = territories.create_territory(session, actor, name=f"P{i}", population=1000)
            indicators.set_observation(
                session,
                actor,
                indicator=indicator,
                territory_id=peer.id,
                year=2020,
                value=D(value * 1000),
            )
    with store.session() as session:
        [year] = peers.peer_comparison(session, ind_id, territory_id).years
    assert year.peers == count and year.value is None
    assert (year.q1, year.median, year.q3) == pytest.approx(
        tuple(np.percentile(values, [25, 50, 75]))
    )
