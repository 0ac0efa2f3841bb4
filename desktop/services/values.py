"""Which value counts for a year: one rule for every reader.

A territory may hold several values of one indicator for one year: its own inventory, the
regional observatory's modelled one, an estimate, ALDO's sequestration, an illustrative value of
the demo. The value that counts is the authority's own first, then (in this order) a partner's,
the observatory's, CITEPA's, ALDO's, TeT's, any other; within one origin a measured value wins
over a modelled one, then an estimate, then an illustrative value. The others stay in the store
and on screen ("the observatory says 1,012"). A reference trajectory (SNBC) never counts as a
value of the territory.

Trajectories, analyses, the dashboard, the reports and the exports all read through ``pick``
(values already loaded) or ``counted`` (an SQL condition for aggregates the database computes),
which share the ranking below.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final, Protocol, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import Observation, ObservationKind, ValueOrigin

ORIGIN_ORDER: Final = (
    ValueOrigin.AUTHORITY,
    ValueOrigin.PARTNER,
    ValueOrigin.OBSERVATORY,
    ValueOrigin.CITEPA,
    ValueOrigin.ALDO,
    ValueOrigin.TET,
    ValueOrigin.OTHER,
)
KIND_ORDER: Final = (
    ObservationKind.MEASURED,
    ObservationKind.MODELLED,
    ObservationKind.ESTIMATED,
    ObservationKind.ILLUSTRATIVE,
)
# Origins whose values are references, never values of the territory.
REFERENCE_ORIGINS: Final = frozenset({ValueOrigin.SNBC_REFERENCE})


class Sourced(Protocol):
    @property
    def year(self) -> int: ...

    @property
    def kind(self) -> ObservationKind: ...

    @property
    def origin(self) -> ValueOrigin: ...


V = TypeVar("V", bound=Sourced)


def rank(kind: ObservationKind | str, origin: ValueOrigin | str) -> int:
    """Lower counts first; a reference's rank is never used (``pick`` leaves it out)."""
    origin_rank = (
        ORIGIN_ORDER.index(ValueOrigin(origin)) if origin in ORIGIN_ORDER else len(ORIGIN_ORDER)
    )
    return origin_rank * len(KIND_ORDER) + KIND_ORDER.index(ObservationKind(kind))


def counts(origin: ValueOrigin | str) -> bool:
    """Whether a value of this origin can be the territory's value at all."""
    return ValueOrigin(origin) not in REFERENCE_ORIGINS


def pick(points: Iterable[V]) -> dict[int, V]:
    """The value that counts for each year, from values of one indicator and territory."""
    chosen: dict[int, V] = {}
    for point in points:
        if not counts(point.origin):
            continue
        current = chosen.get(point.year)
        if current is None or rank(point.kind, point.origin) < rank(current.kind, current.origin):
            chosen[point.year] = point
    return dict(sorted(chosen.items()))


def others(points: Iterable[V]) -> list[V]:
    """The values that do not count (another origin's, a less certain kind), by year: shown
    beside the value that counts, never added to it."""
    listed = list(points)
    kept = {id(p) for p in pick(listed).values()}
    return sorted(
        (p for p in listed if id(p) not in kept and counts(p.origin)),
        key=lambda p: (p.year, rank(p.kind, p.origin)),
    )


def weakest(kinds: Iterable[ObservationKind | None]) -> ObservationKind | None:
    """The least certain kind among values a figure is made of (a sum, a rate, a reference
    computed from an inventory): a sum with an estimate is an estimate. None when they are all
    measures, or there are none."""
    found = set(kinds)
    return next((k for k in reversed(KIND_ORDER[1:]) if k in found), None)


def rank_sql(table: Any = Observation) -> sa.ColumnElement[int]:
    """``rank`` as an SQL expression over an observation table (or alias)."""
    origin = sa.case(
        {o.value: i for i, o in enumerate(ORIGIN_ORDER)},
        value=table.origin,
        else_=len(ORIGIN_ORDER),
    )
    kind = sa.case(
        {k.value: i for i, k in enumerate(KIND_ORDER)}, value=table.kind, else_=len(KIND_ORDER)
    )
    return origin * len(KIND_ORDER) + kind


def counted() -> sa.ColumnElement[bool]:
    """SQL condition on ``Observation``: the row is the value that counts for its year."""
    other = sa.orm.aliased(Observation)
    better = (
        sa.select(col(other.indicator_id))
        .where(
            col(other.indicator_id) == col(Observation.indicator_id),
            col(other.territory_id) == col(Observation.territory_id),
            col(other.year) == col(Observation.year),
            col(other.origin).not_in([o.value for o in REFERENCE_ORIGINS]),
            rank_sql(other) < rank_sql(Observation),
        )
        .exists()
    )
    return sa.and_(col(Observation.origin).not_in([o.value for o in REFERENCE_ORIGINS]), ~better)


def counted_by_year(
    session: Session, territory_id: int, indicator_ids: Iterable[int | None]
) -> dict[tuple[int, int], tuple[Decimal, ObservationKind]]:
    """(indicator, year) -> the value that counts and its kind, for a few indicators of a
    territory (a contract's, a scorecard's): one query."""
    rows = session.exec(
        select(
            col(Observation.indicator_id),
            col(Observation.year),
            col(Observation.value),
            col(Observation.kind),
        ).where(
            col(Observation.territory_id) == territory_id,
            counted(),
            col(Observation.indicator_id).in_([i for i in indicator_ids if i is not None]),
        )
    )
    return {
        (int(indicator_id), int(year)): (value, ObservationKind(kind))
        for indicator_id, year, value, kind in rows
    }
