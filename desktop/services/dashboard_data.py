"""What the dashboard shows, in one call: a handful of aggregate queries (GROUP BY in the
database), so a refresh stays fast on a store holding a whole observatory."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from ..models import (
    Contract,
    Indicator,
    IndicatorCategory,
    Observation,
    Plan,
    Territory,
)
from . import plans
from .analysis import IndicatorStatus, YearlyBreakdown, breakdown, indicator_statuses
from .contracts import Achievement, achievement
from .peers import PeerComparison, peer_comparison
from .progress import BudgetBySection, StatusCounts, budget_by_section, status_counts
from .progress_history import ProgressPoint, progress_over_time
from .reference_comparison import ChartReference, category_chart_references
from .text import matches, normalise_name
from .trajectory import TrackStatus


@dataclass(frozen=True)
class DashboardData:
    territory_id: int | None
    plan_id: int | None
    contract_id: int | None
    emissions: YearlyBreakdown
    consumption: YearlyBreakdown
    renewables: YearlyBreakdown
    statuses: StatusCounts | None
    budget: BudgetBySection | None
    scorecard: Achievement | None
    # indicators off track or slightly behind, worst first
    behind: list[IndicatorStatus]
    # how many indicators with a target are on track / cannot be assessed
    on_track: list[IndicatorStatus]
    not_assessed: int
    # the indicator a tile opens: the category's total when there is one
    emissions_indicator_id: int | None
    energy_indicator_id: int | None
    # what the dashboard is about, for its heading
    territory_name: str = ""
    plan_title: str = ""
    # the plan's progress at each past committee and today
    progress: list[ProgressPoint] = field(default_factory=list)
    # the GHG total per inhabitant against the other territories; None without enough peers
    peers: PeerComparison | None = None
    peers_indicator_name: str = ""
    # the SNBC reference of the emissions and consumption totals, in their charts' units,
    # with the plan's targets of those totals
    emissions_reference: ChartReference | None = None
    consumption_reference: ChartReference | None = None


def default_territory(
    session: Session, plan_id: int | None = None, contract_id: int | None = None
) -> int | None:
    """The territory of the plan or contract given, else the store's first territory."""
    if plan_id is not None:
        plan = session.get(Plan, plan_id)
        if plan is not None:
            return plan.territory_id
    if contract_id is not None:
        contract = session.get(Contract, contract_id)
        if contract is not None:
            return contract.territory_id
    return plans.first_territory(session)


def default_plan(session: Session, territory_id: int | None) -> int | None:
    """The territory's PCAET, else its first plan."""
    return plans.main_plan(session, territory_id)


def default_contract(session: Session, territory_id: int | None) -> int | None:
    """The territory's most recent contract."""
    query = select(Contract.id).order_by(col(Contract.period_start).desc(), col(Contract.id))
    if territory_id is not None:
        query = query.where(Contract.territory_id == territory_id)
    first = session.exec(query).first()
    return int(first) if first is not None else None


def _category_indicator(
    session: Session, category: IndicatorCategory, territory_id: int | None
) -> int | None:
    """The category's indicator a tile opens: among those with values for the territory, the
    total (no dimension) first, else the first by code. One indexed query."""
    if territory_id is None:
        return None
    observed = (
        select(Observation.id)
        .where(Observation.indicator_id == Indicator.id, Observation.territory_id == territory_id)
        .exists()
    )
    first = session.exec(
        select(Indicator.id)
        .where(Indicator.category == category, observed)
        .order_by(col(Indicator.dimension), col(Indicator.code))
        .limit(1)
    ).first()
    return int(first) if first is not None else None


def _empty(category: IndicatorCategory) -> YearlyBreakdown:
    return YearlyBreakdown(category, "", [], [], {})


def dashboard_data(
    session: Session,
    *,
    territory_id: int | None = None,
    plan_id: int | None = None,
    contract_id: int | None = None,
    today: date | None = None,
    with_peers: bool = True,
) -> DashboardData:
    """Everything the dashboard draws. ``with_peers=False`` leaves out the comparison with the
    other territories, the costliest part on an observatory-sized store (it ranks every
    territory's values): the view keeps it until observations or territories change."""
    territory_id = territory_id or default_territory(session, plan_id, contract_id)
    plan_id = plan_id or default_plan(session, territory_id)
    contract_id = contract_id or default_contract(session, territory_id)
    if territory_id is not None:
        emissions = breakdown(session, territory_id, IndicatorCategory.GHG_EMISSIONS)
        consumption = breakdown(session, territory_id, IndicatorCategory.ENERGY_CONSUMPTION)
        renewables = breakdown(session, territory_id, IndicatorCategory.RENEWABLE_PRODUCTION)
        statuses = indicator_statuses(session, territory_id)
        behind = [
            s
            for s in statuses
            if s.track.status in (TrackStatus.OFF_TRACK, TrackStatus.SLIGHTLY_BEHIND)
        ]
        on_track = [s for s in statuses if s.track.status == TrackStatus.ON_TRACK]
        not_assessed = sum(1 for s in statuses if s.track.status == TrackStatus.UNKNOWN)
    else:
        emissions = _empty(IndicatorCategory.GHG_EMISSIONS)
        consumption = _empty(IndicatorCategory.ENERGY_CONSUMPTION)
        renewables = _empty(IndicatorCategory.RENEWABLE_PRODUCTION)
        behind, on_track, not_assessed = [], [], 0
    territory = session.get(Territory, territory_id) if territory_id is not None else None
    plan = session.get(Plan, plan_id) if plan_id is not None else None
    emissions_id = _category_indicator(session, IndicatorCategory.GHG_EMISSIONS, territory_id)
    peers = None
    if with_peers and emissions_id is not None and territory_id is not None:
        comparison = peer_comparison(session, emissions_id, territory_id)
        peers = comparison if comparison.has_data else None
    peers_indicator = session.get(Indicator, emissions_id) if peers is not None else None
    references = category_chart_references(
        session,
        territory_id,
        {emissions.category: emissions.unit, consumption.category: consumption.unit},
        plan_id,
    )
    return DashboardData(
        territory_id=territory_id,
        plan_id=plan_id,
        contract_id=contract_id,
        emissions=emissions,
        consumption=consumption,
        renewables=renewables,
        statuses=status_counts(session, plan_id, today=today) if plan_id is not None else None,
        budget=budget_by_section(session, plan_id) if plan_id is not None else None,
        scorecard=achievement(session, contract_id) if contract_id is not None else None,
        behind=behind,
        on_track=on_track,
        not_assessed=not_assessed,
        emissions_indicator_id=emissions_id,
        energy_indicator_id=(
            _category_indicator(session, IndicatorCategory.ENERGY_CONSUMPTION, territory_id)
            or _category_indicator(session, IndicatorCategory.RENEWABLE_PRODUCTION, territory_id)
        ),
        territory_name=territory.name if territory is not None else "",
        plan_title=plan.title if plan is not None else "",
        progress=progress_over_time(session, plan_id, today=today) if plan_id is not None else [],
        peers=peers,
        peers_indicator_name=peers_indicator.name if peers_indicator is not None else "",
        emissions_reference=references[emissions.category],
        consumption_reference=references[consumption.category],
    )


def find_territories(session: Session, query: str) -> list[Territory]:
    """Territories a user means by ``query``: its SIREN (spaces ignored), else its name, accents
    and case ignored; an exact name wins over names that merely contain every word."""
    siren = "".join(query.split())
    if siren.isdigit():
        found = session.exec(select(Territory).where(Territory.siren == siren)).first()
        if found is not None:
            return [found]
    everyone = list(session.exec(select(Territory).order_by(col(Territory.id))))
    wanted = normalise_name(query)
    exact = [t for t in everyone if normalise_name(t.name) == wanted]
    return exact or [t for t in everyone if matches(query, t.name)]


def territory_with_values(
    session: Session, indicator_id: int, preferred: int | None = None
) -> int | None:
    """``preferred`` when it has values of the indicator, else the first territory that has."""
    query = select(Observation.territory_id).where(Observation.indicator_id == indicator_id)
    if preferred is not None:
        if session.exec(query.where(Observation.territory_id == preferred).limit(1)).first():
            return preferred
    first = session.exec(query.order_by(col(Observation.territory_id)).limit(1)).first()
    return int(first) if first is not None else preferred
