"""Indicators as the reports show them: values in the period, targets, where each stands, the
COTRI scorecard and the emissions by sector.

Where each indicator stands comes from ``services.analysis`` only (the dashboard's verdict,
``TrackStatus.UNKNOWN`` when it cannot say). COTRI rates come from ``services.contracts`` and the
emissions by sector add up like ``analysis.breakdown``, so a report prints the figures the window
and the charts show.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, select

from ..models import (
    Action,
    ActionIndicator,
    Contract,
    Indicator,
    IndicatorCategory,
    Observation,
    ObservationKind,
    Plan,
    Target,
    ValueOrigin,
)
from ..models.reference import SECTORS
from . import analysis, contracts, referential
from . import values as value_rules
from .trajectory import TrackStatus


@dataclass(frozen=True)
class ValuePoint:
    year: int
    value: Decimal
    kind: ObservationKind
    source: str
    origin: ValueOrigin = ValueOrigin.AUTHORITY
    computed: bool = False  # a referential total summed from its parts (no value of its own)


@dataclass(frozen=True)
class TargetPoint:
    horizon_year: int
    value: Decimal | None  # absolute value, resolved from a relative target when possible
    relative_change_percent: Decimal | None
    reference_year: int | None
    source: str


@dataclass
class IndicatorBlock:
    """An indicator (read its name, unit, direction and sources on ``indicator``) with its
    values in the period, its targets and where it stands."""

    indicator: Indicator
    values: list[ValuePoint]
    targets: list[TargetPoint]
    status: TrackStatus
    last_year: int | None
    last_value: Decimal | None
    expected_value: Decimal | None  # on the trajectory in ``last_year``
    last_kind: ObservationKind = ObservationKind.MEASURED

    def counting(self) -> dict[int, ValuePoint]:
        """The value that counts for each year (``values.pick``, the window's rule), with its
        kind and origin: the reports print its mark and provenance."""
        return value_rules.pick(self.values)

    @property
    def name(self) -> str:
        """The indicator's name in the report's language (a referential title translated)."""
        return referential.display_name(self.indicator)

    @property
    def is_key(self) -> bool:
        return bool(self.targets)


@dataclass(frozen=True)
class CotriLine:
    contract_id: int
    contract: str
    indicator_id: int
    indicator_code: str
    indicator_name: str
    unit: str
    year: int
    target: Decimal
    achieved: Decimal | None
    achievement: Decimal | None  # fraction of the target reached, direction respected
    actions: tuple[str, ...]
    kind: ObservationKind | None = None  # how the achieved value was obtained (its mark)


@dataclass(frozen=True)
class SectorShare:
    sector: str
    value: Decimal
    share: Decimal
    kinds: frozenset[ObservationKind] = frozenset()  # what the values added are


def indicator_blocks(
    session: Session, territory_id: int, plan: Plan | None, in_period: Callable[[int], bool]
) -> list[IndicatorBlock]:
    values: dict[int, list[ValuePoint]] = defaultdict(list)
    # Every year's value that counts (``values.pick``): the base of relative targets.
    all_points: dict[int, list[ValuePoint]] = defaultdict(list)
    for obs in session.exec(
        select(Observation)
        .where(Observation.territory_id == territory_id)
        .order_by(col(Observation.year), col(Observation.kind))
    ):
        if not value_rules.counts(obs.origin):
            continue
        point = ValuePoint(
            obs.year, obs.value, ObservationKind(obs.kind), obs.source, ValueOrigin(obs.origin)
        )
        all_points[obs.indicator_id].append(point)
        if in_period(obs.year):
            values[obs.indicator_id].append(point)
    for indicator_id, point in _computed_totals(session, territory_id):
        all_points[indicator_id].append(point)
        if in_period(point.year):
            values[indicator_id].append(point)
    known_values = {
        indicator_id: {year: p.value for year, p in value_rules.pick(points).items()}
        for indicator_id, points in all_points.items()
    }
    target_query = select(Target).where(Target.territory_id == territory_id)
    if plan is not None:
        target_query = target_query.where(
            (col(Target.plan_id) == plan.id) | col(Target.plan_id).is_(None)
        )
    targets: dict[int, list[Target]] = defaultdict(list)
    for target in session.exec(target_query.order_by(col(Target.horizon_year))):
        targets[target.indicator_id].append(target)
    tracks = _shared_tracks(session, territory_id)
    blocks: list[IndicatorBlock] = []
    for indicator in session.exec(
        select(Indicator).order_by(col(Indicator.category), col(Indicator.code))
    ):
        assert indicator.id is not None
        points = values.get(indicator.id, [])
        known = known_values.get(indicator.id, {})
        resolved = [_resolve_target(t, known) for t in targets.get(indicator.id, [])]
        if not points and not resolved:
            continue
        counted = list(value_rules.pick(points).values())
        last = counted[-1] if counted else None
        status, expected = tracks.get(indicator.id, (TrackStatus.UNKNOWN, None))
        blocks.append(
            IndicatorBlock(
                indicator,
                points,
                resolved,
                status,
                last.year if last else None,
                last.value if last else None,
                expected,
                last.kind if last else ObservationKind.MEASURED,
            )
        )
    return blocks


def _computed_totals(session: Session, territory_id: int) -> list[tuple[int, ValuePoint]]:
    """The years a referential total has no value of its own but its parts add up to one
    (the window's analysis computes them the same way): its kind is the weakest part's."""
    tree = referential.hierarchy(session)
    parents = [n.identifier for n in tree.nodes.values() if n.terms]
    if not parents:
        return []
    found = []
    for identifier, series in referential.resolved_values(
        session, territory_id, parents, tree=tree
    ).items():
        for point in series.values():
            if point.is_computed:
                found.append(
                    (
                        tree.nodes[identifier].indicator_id,
                        ValuePoint(
                            point.year, point.value, point.kind, "", point.origin, computed=True
                        ),
                    )
                )
    return found


def _shared_tracks(
    session: Session, territory_id: int
) -> dict[int, tuple[TrackStatus, Decimal | None]]:
    """Status and expected value of each indicator with a target, from ``services.analysis``."""
    result: dict[int, tuple[TrackStatus, Decimal | None]] = {}
    for item in analysis.indicator_statuses(session, territory_id):
        expected = item.track.expected
        result[item.indicator_id] = (
            item.track.status,
            None if expected is None else Decimal(str(round(expected, 6))),
        )
    return result


def _resolve_target(target: Target, known: dict[int, Decimal]) -> TargetPoint:
    value = target.value
    if value is None and target.relative_change_percent is not None and target.reference_year:
        base = known.get(target.reference_year)
        if base is not None:
            value = base * (Decimal(100) + target.relative_change_percent) / Decimal(100)
    return TargetPoint(
        target.horizon_year,
        value,
        target.relative_change_percent,
        target.reference_year,
        target.source,
    )


def cotri_lines(
    session: Session, territory_id: int, plan_id: int | None = None
) -> tuple[list[CotriLine], dict[str, Decimal]]:
    """The scorecard of each contract of the territory, and each contract's overall rate.

    Rates come from ``services.contracts.achievement`` (the value that counts, the latest
    scored year of each indicator, weighted, capped at 100 %), the rules the contracts view
    and the COTRI chart follow, so the report prints the figures they show.
    """
    query = select(Contract).where(Contract.territory_id == territory_id)
    if plan_id is not None:
        # A plan's report shows its own contracts (and those tied to no plan).
        query = query.where((col(Contract.plan_id) == plan_id) | col(Contract.plan_id).is_(None))
    found = session.exec(query.order_by(col(Contract.id))).all()
    lines: list[CotriLine] = []
    overall: dict[str, Decimal] = {}
    for contract in found:
        assert contract.id is not None
        result = contracts.achievement(session, contract.id)
        if result.overall is not None:
            overall[contract.title] = result.overall
        for item in result.indicators:
            action_titles = tuple(
                f"{code} {title}".strip()
                for code, title in session.exec(
                    select(Action.code, Action.title)
                    .join(ActionIndicator, col(ActionIndicator.action_id) == col(Action.id))
                    .where(ActionIndicator.indicator_id == item.indicator_id)
                    .order_by(col(Action.position))
                )
            )
            for year in item.years:
                lines.append(
                    CotriLine(
                        contract_id=contract.id,
                        contract=contract.title,
                        indicator_id=item.indicator_id,
                        indicator_code=item.code,
                        indicator_name=item.name,
                        unit=item.unit,
                        year=year.year,
                        target=year.target,
                        achieved=year.achieved,
                        achievement=year.rate,
                        actions=action_titles,
                        kind=year.kind,
                    )
                )
    return lines, overall


def emissions_by_sector(
    indicators: list[IndicatorBlock],
) -> tuple[int | None, list[SectorShare], str]:
    """GHG emissions by sector for the latest year that has the most sectors.

    Several indicators of one sector (maritime and port emissions, both "other transport")
    are added together, as the emissions chart does; only the most used unit is kept, and a
    total indicator (no sector) is left out so nothing is counted twice.
    """
    sector_blocks = [
        b
        for b in indicators
        if b.indicator.category == IndicatorCategory.GHG_EMISSIONS
        and b.indicator.dimension in SECTORS
    ]
    if not sector_blocks:
        return None, [], ""
    units = Counter(b.indicator.unit for b in sector_blocks)
    unit = max(units, key=lambda u: (units[u], u))
    by_year: dict[int, dict[str, Decimal]] = defaultdict(dict)
    kinds: dict[tuple[int, str], set[ObservationKind]] = defaultdict(set)
    for block in sector_blocks:
        if block.indicator.unit != unit:
            continue
        # One value per year for each indicator: the one that counts.
        sector = block.indicator.dimension
        for year, point in block.counting().items():
            current = by_year[year]
            current[sector] = current.get(sector, Decimal(0)) + point.value
            kinds[(year, sector)].add(point.kind)
    if not by_year:
        return None, [], ""
    year = max(by_year, key=lambda y: (len(by_year[y]), y))
    values = by_year[year]
    total = sum(values.values(), Decimal(0))
    order = {s: i for i, s in enumerate(SECTORS)}
    shares = [
        SectorShare(
            sector,
            value,
            value / total if total else Decimal(0),
            frozenset(kinds[(year, sector)]),
        )
        for sector, value in sorted(values.items(), key=lambda kv: order.get(kv[0], 99))
    ]
    return year, shares, unit


def source_list(indicators: list[IndicatorBlock]) -> list[tuple[str, str]]:
    """(what, where from) pairs for the annex, without repeats."""
    seen: set[tuple[str, str]] = set()
    result: list[tuple[str, str]] = []
    for block in indicators:
        ind = block.indicator
        parts = [ind.source_producer, ind.source_method, ind.source_url]
        origin = " — ".join(p for p in parts if p)
        observed = sorted({p.source for p in block.values if p.source})
        target_sources = sorted({t.source for t in block.targets if t.source})
        for text in [origin, *observed, *target_sources]:
            key = (f"{ind.code} {block.name}", text)
            if text and key not in seen:
                seen.add(key)
                result.append(key)
    return result
