"""What the dashboard shows, in one call: a handful of aggregate queries (GROUP BY in the
database), so a refresh stays fast on a store holding a whole observatory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from ..models import Contract, Indicator, IndicatorCategory, Plan, PlanKind, Territory
from .analysis import IndicatorStatus, YearlyBreakdown, breakdown, indicator_statuses
from .cotri_scores import Scorecard, scorecard
from .progress import BudgetBySection, StatusCounts, budget_by_section, status_counts
from .trajectory import TrackStatus

# The charts ``pcaet chart --kind`` and the report engine can draw.
CHART_KINDS: tuple[str, ...] = (
    "emissions-by-sector",
    "energy",
    "renewables",
    "actions-by-status",
    "budget-by-section",
    "cotri",
    "timeline",
    "progress",
    "peers",
)


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
    scorecard: Scorecard | None
    # indicators off track or slightly behind, worst first
    behind: list[IndicatorStatus]
    # the indicator a tile opens: the category's total when there is one
    emissions_indicator_id: int | None
    energy_indicator_id: int | None


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
    first = session.exec(select(Territory.id).order_by(col(Territory.id))).first()
    return int(first) if first is not None else None


def default_plan(session: Session, territory_id: int | None) -> int | None:
    """The territory's PCAET, else its first plan."""
    query = select(Plan.id, Plan.kind).order_by(col(Plan.id))
    if territory_id is not None:
        query = query.where(Plan.territory_id == territory_id)
    rows = session.exec(query).all()
    pcaet = [plan_id for plan_id, kind in rows if kind == PlanKind.PCAET]
    chosen = pcaet[0] if pcaet else (rows[0][0] if rows else None)
    return int(chosen) if chosen is not None else None


def default_contract(session: Session, territory_id: int | None) -> int | None:
    """The territory's most recent contract."""
    query = select(Contract.id).order_by(col(Contract.period_start).desc(), col(Contract.id))
    if territory_id is not None:
        query = query.where(Contract.territory_id == territory_id)
    first = session.exec(query).first()
    return int(first) if first is not None else None


def _category_indicator(session: Session, category: IndicatorCategory) -> int | None:
    """The category's total indicator (no dimension), else its first one."""
    rows = session.exec(
        select(Indicator.id, Indicator.dimension)
        .where(Indicator.category == category)
        .order_by(col(Indicator.dimension), col(Indicator.code))
    ).all()
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


def _empty(category: IndicatorCategory) -> YearlyBreakdown:
    return YearlyBreakdown(category, "", [], [], {})


def dashboard_data(
    session: Session,
    *,
    territory_id: int | None = None,
    plan_id: int | None = None,
    contract_id: int | None = None,
    today: date | None = None,
) -> DashboardData:
    territory_id = territory_id or default_territory(session, plan_id, contract_id)
    plan_id = plan_id or default_plan(session, territory_id)
    contract_id = contract_id or default_contract(session, territory_id)
    if territory_id is not None:
        emissions = breakdown(session, territory_id, IndicatorCategory.GHG_EMISSIONS)
        consumption = breakdown(session, territory_id, IndicatorCategory.ENERGY_CONSUMPTION)
        renewables = breakdown(session, territory_id, IndicatorCategory.RENEWABLE_PRODUCTION)
        behind = [
            s
            for s in indicator_statuses(session, territory_id)
            if s.track.status in (TrackStatus.OFF_TRACK, TrackStatus.SLIGHTLY_BEHIND)
        ]
    else:
        emissions = _empty(IndicatorCategory.GHG_EMISSIONS)
        consumption = _empty(IndicatorCategory.ENERGY_CONSUMPTION)
        renewables = _empty(IndicatorCategory.RENEWABLE_PRODUCTION)
        behind = []
    return DashboardData(
        territory_id=territory_id,
        plan_id=plan_id,
        contract_id=contract_id,
        emissions=emissions,
        consumption=consumption,
        renewables=renewables,
        statuses=status_counts(session, plan_id, today=today) if plan_id is not None else None,
        budget=budget_by_section(session, plan_id) if plan_id is not None else None,
        scorecard=scorecard(session, contract_id) if contract_id is not None else None,
        behind=behind,
        emissions_indicator_id=_category_indicator(session, IndicatorCategory.GHG_EMISSIONS),
        energy_indicator_id=_category_indicator(session, IndicatorCategory.ENERGY_CONSUMPTION),
    )
