"""Peer comparison: a territory's indicator per inhabitant against the other territories of the
store (observatory files list many EPCIs): their median and quartiles, year by year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import Indicator, IndicatorCategory, Observation, Territory
from . import values


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


# Quartile k (1, 2, 3) of n sorted values, as numpy's default "linear" method computes it, lies
# between the values ranked (n - 1) * k // 4 and the next one (ranks from 0).
_QUARTILES = (1, 2, 3)


def peer_comparison(session: Session, indicator_id: int, territory_id: int) -> PeerComparison:
    """Per-inhabitant values (the value that counts, ``values.counted``: an observatory's
    modelled inventory too) of every territory with a population, by year.

    The database divides, ranks the other territories' values within each year (a window
    function) and returns only the values around each quartile: a store of 2,500 territories
    sends back a few rows per year instead of 25,000.
    """
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise LookupError(indicator_id)
    per_inhabitant = sa.cast(Observation.value, sa.Float) / Territory.population
    measured = sa.and_(
        col(Observation.indicator_id) == indicator_id,
        values.counted(),
        col(Territory.population) > 0,
    )
    others = (
        sa.select(col(Observation.year).label("year"), per_inhabitant.label("value"))
        .join(Territory, col(Territory.id) == col(Observation.territory_id))
        .where(measured, col(Observation.territory_id) != territory_id)
        .subquery()
    )
    ranked = sa.select(
        others.c.year,
        others.c.value,
        (sa.func.row_number().over(partition_by=others.c.year, order_by=others.c.value) - 1).label(
            "rank"
        ),
        sa.func.count().over(partition_by=others.c.year).label("n"),
    ).subquery()
    # floor division (SQLAlchemy renders it for SQLite and PostgreSQL alike)
    lows = [(ranked.c.n - 1) * k // 4 for k in _QUARTILES]
    around = sa.or_(*(ranked.c.rank.in_([low, low + 1]) for low in lows))
    rows = session.execute(
        sa.select(ranked.c.year, ranked.c.n, ranked.c.rank, ranked.c.value)
        .where(ranked.c.n >= MIN_PEERS, around)
        .order_by(ranked.c.year, ranked.c.rank)
    ).all()
    ranks: dict[int, dict[int, float]] = defaultdict(dict)
    counts: dict[int, int] = {}
    for year, n, rank, value in rows:
        ranks[int(year)][int(rank)] = float(value)
        counts[int(year)] = int(n)
    own = {
        int(year): float(value)
        for year, value in session.execute(
            sa.select(col(Observation.year), per_inhabitant)
            .join(Territory, col(Territory.id) == col(Observation.territory_id))
            .where(measured, col(Observation.territory_id) == territory_id)
        )
    }
    years = []
    for year in sorted(ranks):
        n = counts[year]
        q1, median, q3 = (_quartile(ranks[year], n, k) for k in _QUARTILES)
        years.append(PeerYear(year, own.get(year), q1, median, q3, n))
    return PeerComparison(indicator_id, territory_id, indicator.unit, years)


def _quartile(values_by_rank: dict[int, float], n: int, k: int) -> float:
    """Linear interpolation between the two ranks around position (n - 1) * k / 4."""
    position = (n - 1) * k / 4
    low = int(position)
    below = values_by_rank[low]
    above = values_by_rank.get(low + 1, below)
    return below + (above - below) * (position - low)


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
