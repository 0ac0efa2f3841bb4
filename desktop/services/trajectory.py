"""Trajectory, on-track status and projection of one indicator: the maths, without the store.

The PCAET way: from the reference-year value, a straight line to each target in turn. A target
is an absolute value, or a change in percent against a reference year's value. Works on floats:
the results feed charts and committee sentences, not accounts.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ..models import Direction


class TrackStatus(StrEnum):
    ON_TRACK = "on_track"
    SLIGHTLY_BEHIND = "slightly_behind"
    OFF_TRACK = "off_track"
    # No measured value, no target, or nothing to compare with.
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TargetSpec:
    """A target as the store keeps it: ``value`` or ``relative_change_percent`` + reference."""

    horizon_year: int
    value: float | None = None
    relative_change_percent: float | None = None
    reference_year: int | None = None


@dataclass(frozen=True)
class Trajectory:
    """The points the line goes through, by year (the start first)."""

    points: tuple[tuple[int, float], ...]

    @property
    def start_year(self) -> int:
        return self.points[0][0]

    @property
    def end_year(self) -> int:
        return self.points[-1][0]

    def expected(self, year: float) -> float | None:
        """The value the trajectory expects in ``year``; None outside its span."""
        return expected_value(self.points, year)


@dataclass(frozen=True)
class TrackResult:
    status: TrackStatus
    year: int | None = None
    actual: float | None = None
    expected: float | None = None
    # Gap to the expected value as a share of it, positive when behind (worse than expected).
    gap: float | None = None


@dataclass(frozen=True)
class Projection:
    """Where the recent pace leads: the year the target is reached, or None ("not at this pace")."""

    slope: float | None
    intercept: float | None
    years_used: tuple[int, ...]
    target_year: int | None
    target_value: float | None
    reached_year: float | None

    @property
    def reaches_target(self) -> bool:
        return self.reached_year is not None

    def value_in(self, year: float) -> float | None:
        if self.slope is None or self.intercept is None:
            return None
        return self.intercept + self.slope * year


def resolve_target(target: TargetSpec, values_by_year: Mapping[int, float]) -> float | None:
    """The absolute value a target means; None when a relative target's reference is unknown."""
    if target.value is not None:
        return float(target.value)
    if target.relative_change_percent is None or target.reference_year is None:
        return None
    reference = values_by_year.get(target.reference_year)
    if reference is None:
        return None
    return reference * (1.0 + float(target.relative_change_percent) / 100.0)


def build_trajectory(
    values_by_year: Mapping[int, float],
    targets: Sequence[TargetSpec],
    *,
    reference_year: int | None = None,
) -> Trajectory | None:
    """The line from the reference value through each resolvable target, by horizon.

    The reference year is the one given, else that of the first relative target, else the
    first measured year. None when there is no reference value or no usable target.
    """
    if reference_year is None:
        relative = [t.reference_year for t in targets if t.reference_year is not None]
        if relative:
            reference_year = min(relative)
        elif values_by_year:
            reference_year = min(values_by_year)
    if reference_year is None or reference_year not in values_by_year:
        return None
    points: list[tuple[int, float]] = [(reference_year, float(values_by_year[reference_year]))]
    for target in sorted(targets, key=lambda t: t.horizon_year):
        if target.horizon_year <= reference_year:
            continue
        value = resolve_target(target, values_by_year)
        if value is not None:
            points.append((target.horizon_year, value))
    if len(points) < 2:
        return None
    return Trajectory(tuple(points))


def expected_value(points: Sequence[tuple[int, float]], year: float) -> float | None:
    """Linear interpolation between the trajectory points."""
    if not points or year < points[0][0] or year > points[-1][0]:
        return None
    for (y0, v0), (y1, v1) in itertools.pairwise(points):
        if y0 <= year <= y1:
            if y1 == y0:
                return v1
            return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return points[-1][1]


def track_status(
    trajectory: Trajectory | None,
    year: int | None,
    actual: float | None,
    direction: Direction,
    *,
    on_track: float = 0.02,
    slightly: float = 0.10,
) -> TrackResult:
    """Compare the last measured value with the trajectory.

    The gap is the distance to the expected value, as a share of it, counted positive when the
    value is worse than expected (above for lower-is-better, below for higher-is-better). Up
    to ``on_track`` behind (or any amount ahead) is on track, up to ``slightly`` is slightly
    behind, beyond it off track.
    """
    if trajectory is None or year is None or actual is None:
        return TrackResult(TrackStatus.UNKNOWN, year, actual)
    expected = trajectory.expected(year)
    if expected is None:
        return TrackResult(TrackStatus.UNKNOWN, year, actual)
    behind = actual - expected if direction == Direction.LOWER_IS_BETTER else expected - actual
    scale = abs(expected) if expected != 0 else max(abs(trajectory.points[0][1]), 1e-12)
    gap = behind / scale
    if gap <= on_track:
        status = TrackStatus.ON_TRACK
    elif gap <= slightly:
        status = TrackStatus.SLIGHTLY_BEHIND
    else:
        status = TrackStatus.OFF_TRACK
    return TrackResult(status, year, actual, expected, gap)


def least_squares(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """(slope, intercept) of the least-squares line; None with fewer than two distinct years."""
    n = len(points)
    if n < 2:
        return None
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


def project(
    values_by_year: Mapping[int, float],
    target_year: int | None,
    target_value: float | None,
    direction: Direction,
    *,
    last_n: int = 5,
) -> Projection:
    """Fit the last ``last_n`` measured years and find when the line reaches the target value.

    "Not at this pace" (``reached_year`` None) when the line moves away from the target or is
    flat, or when there are fewer than two years. When the last value already meets the target
    the answer is its year.
    """
    years = sorted(values_by_year)[-last_n:]
    used = tuple(years)
    fit = least_squares([(y, values_by_year[y]) for y in years])
    if fit is None:
        return Projection(None, None, used, target_year, target_value, None)
    slope, intercept = fit
    if target_value is None:
        return Projection(slope, intercept, used, target_year, target_value, None)
    last_year = years[-1]
    last_value = values_by_year[last_year]
    if _meets(last_value, target_value, direction):
        return Projection(slope, intercept, used, target_year, target_value, float(last_year))
    heading_right = slope < 0 if direction == Direction.LOWER_IS_BETTER else slope > 0
    if not heading_right or math.isclose(slope, 0.0, abs_tol=1e-15):
        return Projection(slope, intercept, used, target_year, target_value, None)
    reached = (target_value - intercept) / slope
    return Projection(slope, intercept, used, target_year, target_value, max(reached, last_year))


def _meets(value: float, target: float, direction: Direction) -> bool:
    if direction == Direction.LOWER_IS_BETTER:
        return value <= target
    return value >= target


def to_float(value: Decimal | float | int | None) -> float | None:
    return None if value is None else float(value)


def year_on_year(values_by_year: Mapping[int, float]) -> dict[int, float | None]:
    """Change against the previous available year, as a fraction; None when that was zero."""
    result: dict[int, float | None] = {}
    years = sorted(values_by_year)
    for previous, year in itertools.pairwise(years):
        before = values_by_year[previous]
        result[year] = None if before == 0 else (values_by_year[year] - before) / abs(before)
    return result


def change_since(
    values_by_year: Mapping[int, float], reference_year: int, year: int
) -> float | None:
    """Change from the reference year to ``year`` as a fraction (-0.25 is a 25 % fall)."""
    before = values_by_year.get(reference_year)
    after = values_by_year.get(year)
    if before is None or after is None or before == 0:
        return None
    return (after - before) / abs(before)


def shares(values: Mapping[str, float]) -> dict[str, float]:
    """Each part's share of the total (of the parts given); empty when the total is zero."""
    total = sum(values.values())
    if total == 0:
        return {}
    return {key: value / total for key, value in values.items()}
