"""Peer comparison: a territory's indicator per inhabitant against the other territories of the
store (observatory files list many EPCIs): their median and quartiles, year by year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import Indicator, IndicatorCategory, Observation, ObservationKind, Territory


@dataclass(frozen=True)
class PeerYear:
    year: int
    value: float | None  # the territory's value per inhabitant
    q1: float
    median: float
    q3: float
    peers: int  # how many other territories have a value that year


@dataclass(frozen=True)
class PeerComparison:
    indicator_id: int
    territory_id: int
    unit: str
    years: list[PeerYear]

    @property
    def has_data(self) -> bool:
        return bool(self.years)


# Fewer peers than this and quartiles say little; such years are left out.
MIN_PEERS = 3


def peer_comparison(session: Session, indicator_id: int, territory_id: int) -> PeerComparison:
    """Per-inhabitant values (measured) of every territory with a population, by year.

    The database divides and filters; quartiles are computed with numpy on the per-year lists.
    """
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise LookupError(indicator_id)
    per_inhabitant = sa.cast(Observation.value, sa.Float) / Territory.population
    rows = session.exec(
        select(Observation.year, Observation.territory_id, per_inhabitant)
        .join(Territory, Territory.id == Observation.territory_id)  # type: ignore[arg-type]
        .where(
            Observation.indicator_id == indicator_id,
            Observation.kind == ObservationKind.MEASURED,
            Territory.population > 0,  # type: ignore[operator]
        )
    ).all()
    others: dict[int, list[float]] = defaultdict(list)
    own: dict[int, float] = {}
    for year, row_territory, value in rows:
        if row_territory == territory_id:
            own[int(year)] = float(value)
        else:
            others[int(year)].append(float(value))
    years = []
    for year in sorted(others):
        values = others[year]
        if len(values) < MIN_PEERS:
            continue
        q1, median, q3 = (float(q) for q in np.percentile(values, [25, 50, 75]))
        years.append(PeerYear(year, own.get(year), q1, median, q3, len(values)))
    unit = indicator.unit
    return PeerComparison(indicator_id, territory_id, unit, years)


def default_peer_indicator(session: Session, territory_id: int) -> int | None:
    """The indicator to compare when none is named: total GHG emissions if observed, else
    the indicator the most territories share with this one."""
    shared = (
        select(Observation.indicator_id, sa.func.count(sa.distinct(col(Observation.territory_id))))
        .where(
            Observation.indicator_id.in_(  # type: ignore[attr-defined]
                select(Observation.indicator_id).where(Observation.territory_id == territory_id)
            )
        )
        .group_by(col(Observation.indicator_id))
        .having(sa.func.count(sa.distinct(col(Observation.territory_id))) > 1)
    )
    counts = {int(i): int(n) for i, n in session.exec(shared).all()}
    if not counts:
        return None
    totals = session.exec(
        select(Indicator.id).where(
            Indicator.category == IndicatorCategory.GHG_EMISSIONS,
            Indicator.dimension == "",
            Indicator.id.in_(list(counts)),  # type: ignore[union-attr]
        )
    ).all()
    if totals:
        return max(totals, key=lambda i: counts[int(i or 0)])
    return max(counts, key=lambda i: (counts[i], -i))
