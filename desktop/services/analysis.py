"""Are we on track? Indicator analyses over the store: trajectory, status, projection, and the
yearly aggregates the dashboard draws (emissions by sector, energy, renewables).

The maths live in ``trajectory``; this module reads the store. Aggregates are computed by the
database (GROUP BY), because a store can hold a whole observatory (a million values).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import (
    Direction,
    Indicator,
    IndicatorCategory,
    Observation,
    ObservationKind,
    Plan,
    Target,
)
from ..models.reference import DIMENSIONS_BY_CATEGORY
from . import store_settings
from .trajectory import (
    Projection,
    TargetSpec,
    TrackResult,
    TrackStatus,
    Trajectory,
    build_trajectory,
    change_since,
    project,
    track_status,
)

# How many recent measured years the projection fits.
PROJECTION_YEARS = 5


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    kind: ObservationKind
    source: str


@dataclass(frozen=True)
class ResolvedTarget:
    horizon_year: int
    value: float | None  # None: a relative target whose reference value is unknown
    spec: TargetSpec
    source: str = ""


@dataclass
class IndicatorAnalysis:
    indicator: Indicator
    territory_id: int
    points: list[Point]
    targets: list[ResolvedTarget]
    trajectory: Trajectory | None
    track: TrackResult
    projection: Projection
    thresholds: tuple[float, float] = (0.02, 0.10)
    values: dict[int, float] = field(default_factory=dict)

    @property
    def measured(self) -> list[Point]:
        return [p for p in self.points if p.kind == ObservationKind.MEASURED]

    @property
    def estimated(self) -> list[Point]:
        return [p for p in self.points if p.kind == ObservationKind.ESTIMATED]

    @property
    def reference_year(self) -> int | None:
        return self.trajectory.start_year if self.trajectory is not None else None

    def change_since_reference(self) -> float | None:
        if self.trajectory is None or self.track.year is None:
            return None
        return change_since(self.values, self.trajectory.start_year, self.track.year)


def thresholds(session: Session) -> tuple[float, float]:
    """(on track, slightly behind) gaps from the store's settings."""
    raw = store_settings.get(session, store_settings.ON_TRACK_THRESHOLDS) or {}
    defaults = store_settings.DEFAULTS[store_settings.ON_TRACK_THRESHOLDS]
    return (
        float(raw.get("on_track", defaults["on_track"])),
        float(raw.get("slightly", defaults["slightly"])),
    )


def _spec(target: Target) -> TargetSpec:
    return TargetSpec(
        horizon_year=target.horizon_year,
        value=_float(target.value),
        relative_change_percent=_float(target.relative_change_percent),
        reference_year=target.reference_year,
    )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def analyse(
    indicator: Indicator,
    territory_id: int,
    points: list[Point],
    targets: list[Target],
    *,
    plan_reference_year: int | None = None,
    limits: tuple[float, float] = (0.02, 0.10),
) -> IndicatorAnalysis:
    """The analysis from already loaded rows (used one by one and for whole lists)."""
    # Measured values win over estimates of the same year; estimates fill the gaps, so that a
    # reference year known only by an estimate still anchors the trajectory.
    values: dict[int, float] = {}
    measured: dict[int, float] = {}
    for point in points:
        if point.kind == ObservationKind.MEASURED:
            measured[point.year] = point.value
            values[point.year] = point.value
        else:
            values.setdefault(point.year, point.value)
    specs = [_spec(t) for t in targets]
    reference_year = plan_reference_year if plan_reference_year in values else None
    trajectory = build_trajectory(values, specs, reference_year=reference_year)
    resolved = [
        ResolvedTarget(
            t.horizon_year,
            _resolve(spec, values, trajectory),
            spec,
            t.source,
        )
        for t, spec in zip(targets, specs, strict=True)
    ]
    last_year = max(measured) if measured else None
    track = track_status(
        trajectory,
        last_year,
        measured.get(last_year) if last_year is not None else None,
        indicator.direction,
        on_track=limits[0],
        slightly=limits[1],
    )
    final = max(
        (
            t
            for t in resolved
            if t.value is not None and (last_year is None or t.horizon_year > last_year)
        ),
        key=lambda t: t.horizon_year,
        default=None,
    )
    projection = project(
        measured,
        final.horizon_year if final else None,
        final.value if final else None,
        indicator.direction,
        last_n=PROJECTION_YEARS,
    )
    return IndicatorAnalysis(
        indicator, territory_id, points, resolved, trajectory, track, projection, limits, values
    )


def _resolve(
    spec: TargetSpec, values: dict[int, float], trajectory: Trajectory | None
) -> float | None:
    if spec.value is not None:
        return spec.value
    if trajectory is not None:
        for year, value in trajectory.points[1:]:
            if year == spec.horizon_year:
                return value
    reference = values.get(spec.reference_year) if spec.reference_year is not None else None
    if reference is None or spec.relative_change_percent is None:
        return None
    return reference * (1 + spec.relative_change_percent / 100)


def load_points(session: Session, indicator_id: int, territory_id: int) -> list[Point]:
    rows = session.exec(
        select(
            col(Observation.year),
            col(Observation.value),
            col(Observation.kind),
            col(Observation.source),
        )
        .where(Observation.indicator_id == indicator_id, Observation.territory_id == territory_id)
        .order_by(col(Observation.year), col(Observation.kind))
    ).all()
    return [Point(int(y), float(v), ObservationKind(k), s or "") for y, v, k, s in rows]


def _plan_reference_year(session: Session, targets: list[Target]) -> int | None:
    plan_ids = {t.plan_id for t in targets if t.plan_id is not None}
    if not plan_ids:
        return None
    years = session.exec(select(Plan.reference_year).where(col(Plan.id).in_(plan_ids))).all()
    known = [y for y in years if y is not None]
    return min(known) if known else None


def indicator_analysis(session: Session, indicator_id: int, territory_id: int) -> IndicatorAnalysis:
    """Everything the indicator chart and the committee sentence need, for one territory."""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise LookupError(indicator_id)
    targets = list(
        session.exec(
            select(Target)
            .where(Target.indicator_id == indicator_id, Target.territory_id == territory_id)
            .order_by(col(Target.horizon_year))
        )
    )
    return analyse(
        indicator,
        territory_id,
        load_points(session, indicator_id, territory_id),
        targets,
        plan_reference_year=_plan_reference_year(session, targets),
        limits=thresholds(session),
    )


@dataclass(frozen=True)
class IndicatorStatus:
    indicator_id: int
    code: str
    name: str
    unit: str
    direction: Direction
    track: TrackResult


def indicator_statuses(session: Session, territory_id: int) -> list[IndicatorStatus]:
    """On-track status of every indicator that has a target for the territory, worst first.

    Two queries whatever the number of indicators: the targets, then their observations.
    """
    targets = list(session.exec(select(Target).where(Target.territory_id == territory_id)))
    if not targets:
        return []
    by_indicator: dict[int, list[Target]] = defaultdict(list)
    for target in targets:
        by_indicator[target.indicator_id].append(target)
    indicators = {
        i.id: i for i in session.exec(select(Indicator).where(col(Indicator.id).in_(by_indicator)))
    }
    points: dict[int, list[Point]] = defaultdict(list)
    rows = session.exec(
        select(
            col(Observation.indicator_id),
            col(Observation.year),
            col(Observation.value),
            col(Observation.kind),
        )
        .where(
            Observation.territory_id == territory_id,
            col(Observation.indicator_id).in_(by_indicator),
        )
        .order_by(col(Observation.year))
    )
    for indicator_id, year, value, kind in rows:
        points[indicator_id].append(Point(int(year), float(value), ObservationKind(kind), ""))
    limits = thresholds(session)
    reference = _plan_reference_year(session, targets)
    order = {
        TrackStatus.OFF_TRACK: 0,
        TrackStatus.SLIGHTLY_BEHIND: 1,
        TrackStatus.ON_TRACK: 2,
        TrackStatus.UNKNOWN: 3,
    }
    result = []
    for indicator_id, its_targets in by_indicator.items():
        indicator = indicators[indicator_id]
        its_targets.sort(key=lambda t: t.horizon_year)
        analysis = analyse(
            indicator,
            territory_id,
            points[indicator_id],
            its_targets,
            plan_reference_year=reference,
            limits=limits,
        )
        result.append(
            IndicatorStatus(
                indicator_id,
                indicator.code,
                indicator.name,
                indicator.unit,
                indicator.direction,
                analysis.track,
            )
        )
    result.sort(key=lambda s: (order[s.track.status], -(s.track.gap or 0.0), s.code))
    return result


@dataclass(frozen=True)
class YearlyBreakdown:
    """Values by year and part (sector, filière...) of one category, in one unit."""

    category: IndicatorCategory
    unit: str
    years: list[int]
    parts: list[str]
    # values[part][i] is the value of years[i] (0.0 when missing)
    values: dict[str, list[float]]

    def totals(self) -> list[float]:
        return [sum(self.values[p][i] for p in self.parts) for i in range(len(self.years))]

    def shares(self, year: int) -> dict[str, float]:
        index = self.years.index(year)
        total = sum(self.values[p][index] for p in self.parts)
        if total == 0:
            return {}
        return {p: self.values[p][index] / total for p in self.parts}


def _preferred_observations() -> Any:
    """Measured values, and estimates for the years that have no measured value."""
    other = sa.orm.aliased(Observation)
    measured_exists = (
        select(other.id)
        .where(
            other.indicator_id == Observation.indicator_id,
            other.territory_id == Observation.territory_id,
            other.year == Observation.year,
            other.kind == ObservationKind.MEASURED,
        )
        .exists()
    )
    return sa.or_(col(Observation.kind) == ObservationKind.MEASURED, ~measured_exists)


def breakdown(session: Session, territory_id: int, category: IndicatorCategory) -> YearlyBreakdown:
    """Yearly values of a category split by dimension, summed by the database.

    When the category has indicators per dimension, those are used and a total indicator
    (empty dimension) is ignored so nothing is counted twice; otherwise the total is the only
    part. Only the most used unit is kept (MWh and GWh are not added together).
    """
    value = sa.cast(Observation.value, sa.Float)
    query = (
        select(
            Observation.year,
            Indicator.dimension,
            Indicator.unit,
            sa.func.sum(value),
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)  # type: ignore[arg-type]
        .where(
            Observation.territory_id == territory_id,
            Indicator.category == category,
            _preferred_observations(),
        )
        .group_by(col(Observation.year), col(Indicator.dimension), col(Indicator.unit))
    )
    rows = session.exec(query).all()
    if not rows:
        return YearlyBreakdown(category, "", [], [], {})
    unit_count: dict[str, int] = defaultdict(int)
    for _year, _dimension, unit, _total in rows:
        unit_count[unit] += 1
    unit = max(unit_count, key=lambda u: (unit_count[u], u))
    rows = [r for r in rows if r[2] == unit]
    has_parts = any(dimension for _y, dimension, _u, _t in rows)
    if has_parts:
        rows = [r for r in rows if r[1]]
    years = sorted({int(r[0]) for r in rows})
    index = {year: i for i, year in enumerate(years)}
    values: dict[str, list[float]] = {}
    for year, dimension, _unit, total in rows:
        values.setdefault(dimension, [0.0] * len(years))[index[int(year)]] = float(total or 0.0)
    order = DIMENSIONS_BY_CATEGORY.get(category, ())
    parts = sorted(values, key=lambda d: (order.index(d) if d in order else len(order), d))
    return YearlyBreakdown(category, unit, years, parts, values)
