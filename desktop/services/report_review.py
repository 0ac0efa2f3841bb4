"""What a committee reviews beyond the figures: progress per axis, the milestones before the
next committee, the points to watch, the targets of the period that were missed and the
results per domain of the strategy (article R229-51)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from ..models import (
    ActionStatus,
    Direction,
    ObservationKind,
    Plan,
    StrategicObjective,
    StrategyDomain,
)
from .report_indicators import IndicatorBlock
from .trajectory import TrackStatus

if TYPE_CHECKING:
    from .report_data import ActionRow

# Without a next committee on record, the next steps look this far ahead.
DEFAULT_HORIZON = timedelta(days=183)
DONE = ActionStatus.DONE


@dataclass
class AxisProgress:
    """Top-level section (part or lever) of the plan with the status mix of its actions."""

    code: str
    title: str
    by_status: dict[ActionStatus, int] = field(default_factory=dict)
    late: list[ActionRow] = field(default_factory=list)  # late on the report's date
    depth: int = 0  # 0: a part, 1: a lever under it

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def done_share(self) -> Decimal | None:
        if not self.total:
            return None
        return Decimal(self.by_status.get(DONE, 0)) / Decimal(self.total)


@dataclass(frozen=True)
class Milestone:
    day: date
    what: str  # "start" or "end"
    code: str
    title: str
    lead: str


@dataclass(frozen=True)
class MissedTarget:
    """A target whose year has come, and the measured value of that year against it."""

    indicator: str
    unit: str
    year: int
    target: Decimal
    value: Decimal
    kind: ObservationKind  # what the value is: measured, or only estimated


@dataclass
class DomainResult:
    domain: StrategyDomain
    objectives: list[StrategicObjective]
    blocks: list[IndicatorBlock]


def milestones(rows: list[object], today: date, until: date | None) -> tuple[date, list[Milestone]]:
    """Actions starting or due from ``today`` up to the next committee (or six months)."""
    end = until or today + DEFAULT_HORIZON
    found: list[Milestone] = []
    for row in rows:
        action = row.action  # type: ignore[attr-defined]
        if action.parent_id is not None:
            continue
        closed = ActionStatus(action.status) in (ActionStatus.DONE, ActionStatus.ABANDONED)
        lead = row.lead  # type: ignore[attr-defined]
        if action.start_date and today <= action.start_date <= end and not closed:
            found.append(Milestone(action.start_date, "start", action.code, action.title, lead))
        if action.end_date and today <= action.end_date <= end and not closed:
            found.append(Milestone(action.end_date, "end", action.code, action.title, lead))
    found.sort(key=lambda m: (m.day, m.code))
    return end, found


def missed_targets(blocks: list[IndicatorBlock], today: date) -> list[MissedTarget]:
    """Targets whose year has come that the value of that year missed (total GHG 2021 above
    its 2021 target is a missed target, whatever the trajectory says). The measured value
    counts; without one, the estimate does, and says it is one."""
    missed: list[MissedTarget] = []
    for block in blocks:
        known = {year: (p.value, p.kind) for year, p in block.counting().items()}
        lower = Direction(block.indicator.direction) == Direction.LOWER_IS_BETTER
        for target in block.targets:
            if target.value is None or target.horizon_year > today.year:
                continue
            if target.horizon_year not in known:
                continue
            value, kind = known[target.horizon_year]
            if (value > target.value) if lower else (value < target.value):
                missed.append(
                    MissedTarget(
                        block.name,
                        block.indicator.unit,
                        target.horizon_year,
                        target.value,
                        value,
                        kind,
                    )
                )
    return missed


def behind(blocks: list[IndicatorBlock]) -> list[IndicatorBlock]:
    return [b for b in blocks if b.status in (TrackStatus.OFF_TRACK, TrackStatus.SLIGHTLY_BEHIND)]


def domain_results(
    session: Session, plan: Plan | None, blocks: list[IndicatorBlock]
) -> list[DomainResult]:
    """Per domain of the strategy (R229-51), its objectives and the indicators that follow
    them: those the objectives name, else those of the matching category."""
    if plan is None or plan.id is None:
        return []
    objectives = list(
        session.exec(
            select(StrategicObjective)
            .where(StrategicObjective.plan_id == plan.id)
            .order_by(col(StrategicObjective.id))
        )
    )
    by_id = {b.indicator.id: b for b in blocks}
    category = {
        StrategyDomain.GHG_REDUCTION: "ghg_emissions",
        StrategyDomain.CARBON_STORAGE: "carbon_sequestration",
        StrategyDomain.FINAL_ENERGY: "energy_consumption",
        StrategyDomain.RENEWABLE_ENERGY: "renewable_production",
        StrategyDomain.AIR_POLLUTANTS: "air_pollutants",
    }
    results: list[DomainResult] = []
    for domain in StrategyDomain:
        mine = [o for o in objectives if o.domain == domain]
        named = [by_id[o.indicator_id] for o in mine if o.indicator_id in by_id]
        if not named and domain in category:
            named = [
                b for b in blocks if b.indicator.category.value == category[domain] and b.is_key
            ]
        results.append(DomainResult(domain, mine, named))
    return results
