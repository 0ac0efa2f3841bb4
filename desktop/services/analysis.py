"""Are we on track? Indicator analyses over the store: trajectory, status, projection, and the
yearly aggregates the dashboard draws (emissions by sector, energy, renewables).

The maths live in ``trajectory``; this module reads the store. Aggregates are computed by the
database (GROUP BY), because a store can hold a whole observatory (a million values).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

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
    ValueOrigin,
)
from ..models.reference import DIMENSIONS_BY_CATEGORY
from ..units import conversion_factor, parse_unit
from . import referential, store_settings, values
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

# How many recent years the projection fits.
PROJECTION_YEARS = 5


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    kind: ObservationKind
    source: str
    origin: ValueOrigin = ValueOrigin.AUTHORITY
    # The sum of a referential parent's children (the territory entered no value that year).
    computed: bool = False


# Kinds drawn as facts (filled markers) or as estimates (hollow markers).
FACT_KINDS = frozenset({ObservationKind.MEASURED, ObservationKind.MODELLED})


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
    # The value that counts for each year (``values.pick``), computed parents included.
    points: list[Point]
    targets: list[ResolvedTarget]
    trajectory: Trajectory | None
    track: TrackResult
    projection: Projection
    thresholds: tuple[float, float] = (0.02, 0.10)
    values: dict[int, float] = field(default_factory=dict)
    # The other values of the same years (another origin's, a less certain kind): shown, and
    # never counted.
    others: list[Point] = field(default_factory=list)

    @property
    def measured(self) -> list[Point]:
        """Measured and modelled values that count."""
        return [p for p in self.points if p.kind in FACT_KINDS]

    @property
    def estimated(self) -> list[Point]:
        """Estimated and illustrative values that count."""
        return [p for p in self.points if p.kind not in FACT_KINDS]

    @property
    def assessed(self) -> Point | None:
        """The value the on-track status was judged on, with its provenance."""
        if self.track.year is None:
            return None
        return next((p for p in self.points if p.year == self.track.year), None)

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
    """The analysis from already loaded rows (used one by one and for whole lists).

    ``points`` may hold several values a year: the one that counts is chosen by
    ``values.pick`` and assessed whatever its kind (an observatory's modelled inventory like a
    measured one); the assessed value's kind and origin travel with the result."""
    counted = values.pick(points)
    kept = {id(p) for p in counted.values()}
    others = [p for p in points if id(p) not in kept and values.counts(p.origin)]
    chosen = list(counted.values())
    values_by_year: dict[int, float] = {year: p.value for year, p in counted.items()}
    specs = [_spec(t) for t in targets]
    reference_year = plan_reference_year if plan_reference_year in values_by_year else None
    trajectory = build_trajectory(values_by_year, specs, reference_year=reference_year)
    resolved = [
        ResolvedTarget(
            t.horizon_year,
            _resolve(spec, values_by_year, trajectory),
            spec,
            t.source,
        )
        for t, spec in zip(targets, specs, strict=True)
    ]
    last_year = max(values_by_year) if values_by_year else None
    track = track_status(
        trajectory,
        last_year,
        values_by_year.get(last_year) if last_year is not None else None,
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
        values_by_year,
        final.horizon_year if final else None,
        final.value if final else None,
        indicator.direction,
        last_n=PROJECTION_YEARS,
    )
    return IndicatorAnalysis(
        indicator,
        territory_id,
        chosen,
        resolved,
        trajectory,
        track,
        projection,
        limits,
        values_by_year,
        others,
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
    """Every value of the indicator for the territory (all origins and kinds, references
    excepted), and for a referential parent the sum of its children in the years it has no
    value of its own."""
    return load_many_points(session, territory_id, [indicator_id]).get(indicator_id, [])


def load_many_points(
    session: Session, territory_id: int, indicator_ids: list[int]
) -> dict[int, list[Point]]:
    """``load_points`` for several indicators: one query, and one pass over the hierarchy."""
    points: dict[int, list[Point]] = defaultdict(list)
    if not indicator_ids:
        return points
    rows = session.execute(
        sa.select(
            col(Observation.indicator_id),
            col(Observation.year),
            col(Observation.value),
            col(Observation.kind),
            col(Observation.source),
            col(Observation.origin),
        )
        .where(
            col(Observation.territory_id) == territory_id,
            col(Observation.indicator_id).in_(indicator_ids),
        )
        .order_by(col(Observation.year), col(Observation.kind))
    ).all()
    for indicator_id, year, value, kind, source, origin in rows:
        if values.counts(origin):
            points[int(indicator_id)].append(
                Point(
                    int(year),
                    float(value),
                    ObservationKind(kind),
                    source or "",
                    ValueOrigin(origin),
                )
            )
    tree = referential.hierarchy(session)
    parents = {
        tree.by_id[i].identifier: i
        for i in indicator_ids
        if i in tree.by_id and tree.by_id[i].terms
    }
    if parents:
        resolved = referential.resolved_values(session, territory_id, parents, tree=tree)
        for identifier, series in resolved.items():
            indicator_id = parents[identifier]
            for year, point in series.items():
                if point.is_computed:
                    points[indicator_id].append(
                        Point(year, float(point.value), point.kind, "", point.origin, True)
                    )
            points[indicator_id].sort(key=lambda p: p.year)
    return points


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
    # Provenance of the value assessed ("modelled, regional observatory"); None when none was.
    kind: ObservationKind | None = None
    origin: ValueOrigin | None = None


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
    points = load_many_points(session, territory_id, list(by_indicator))
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
        assessed = analysis.assessed
        result.append(
            IndicatorStatus(
                indicator_id,
                indicator.code,
                referential.display_name(indicator),
                indicator.unit,
                indicator.direction,
                analysis.track,
                assessed.kind if assessed is not None else None,
                assessed.origin if assessed is not None else None,
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


def breakdown(session: Session, territory_id: int, category: IndicatorCategory) -> YearlyBreakdown:
    """Yearly values of a category split by part (sector, filière...).

    Referential indicators give their parts' values (entered, else computed from sub-sectors,
    ``referential.resolved_values``); custom indicators are summed by the database, the value
    that counts for each year only (``values.counted``). When the category has values per part
    those are used and totals are ignored so nothing is counted twice; otherwise the total is
    the only part. Values are converted to the most used unit (t and kt CO2e, MWh and GWh);
    a unit that does not convert is left out.
    """
    order = DIMENSIONS_BY_CATEGORY.get(category, ())
    rows = _referential_rows(session, territory_id, category, order) + _custom_rows(
        session, territory_id, category
    )
    if not rows:
        return YearlyBreakdown(category, "", [], [], {})
    unit_count: dict[str, int] = defaultdict(int)
    for _year, _dimension, unit, _total in rows:
        unit_count[unit] += 1
    unit = max(unit_count, key=lambda u: (unit_count[u], u))
    target = parse_unit(unit)
    converted: list[tuple[int, str, float]] = []
    for year, dimension, row_unit, total in rows:
        source = parse_unit(row_unit)
        factor = (
            conversion_factor(source, target)
            if source is not None and target is not None
            else (Decimal(1) if row_unit == unit else None)
        )
        if factor is not None:
            converted.append((year, dimension, total * float(factor)))
    has_parts = any(dimension for _y, dimension, _t in converted)
    if has_parts:
        converted = [r for r in converted if r[1]]
    years = sorted({r[0] for r in converted})
    index = {year: i for i, year in enumerate(years)}
    values_by_part: dict[str, list[float]] = {}
    for year, dimension, total in converted:
        values_by_part.setdefault(dimension, [0.0] * len(years))[index[year]] += total
    parts = sorted(values_by_part, key=lambda d: (order.index(d) if d in order else len(order), d))
    return YearlyBreakdown(category, unit, years, parts, values_by_part)


def _referential_rows(
    session: Session, territory_id: int, category: IndicatorCategory, order: tuple[str, ...]
) -> list[tuple[int, str, str, float]]:
    """(year, part, unit, value) of the referential's parts of the category; its total only
    when no part has a value."""
    rows = session.exec(
        select(
            col(Indicator.identifier),
            col(Indicator.dimension),
            col(Indicator.unit),
            col(Indicator.parent_identifiers),
        ).where(col(Indicator.identifier).is_not(None), Indicator.category == category)
    ).all()
    parts = {str(i): (d, u) for i, d, u, _p in rows if d in order}
    roots = {str(i): ("", u) for i, d, u, p in rows if not d and not p}
    tree = referential.hierarchy(session)
    for chosen in (parts, roots):
        if not chosen:
            continue
        resolved = referential.resolved_values(session, territory_id, chosen, tree=tree)
        found = [
            (year, chosen[identifier][0], chosen[identifier][1], float(point.value))
            for identifier, series in resolved.items()
            for year, point in series.items()
        ]
        if found:
            return found
    return []


def _custom_rows(
    session: Session, territory_id: int, category: IndicatorCategory
) -> list[tuple[int, str, str, float]]:
    """(year, part, unit, sum) of the custom indicators of the category, summed by the
    database (a store can hold a whole observatory)."""
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
            col(Indicator.identifier).is_(None),
            # a custom indicator that is a part of another (an activity of a study) is
            # neither a sector nor a total
            col(Indicator.parent_identifiers) == "",
            values.counted(),
        )
        .group_by(col(Observation.year), col(Indicator.dimension), col(Indicator.unit))
    )
    return [
        (int(year), dimension, unit, float(total or 0.0))
        for year, dimension, unit, total in session.exec(query).all()
    ]
