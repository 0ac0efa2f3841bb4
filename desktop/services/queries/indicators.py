"""Indicators, their values and targets, as the workbooks and the TeT export list them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import cast

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ...models import (
    Indicator,
    Observation,
    ObservationKind,
    Plan,
    Target,
    Territory,
    ValueOrigin,
)

# Rows fetched at a time when values are streamed (a whole observatory holds millions).
BATCH = 20_000

# (indicator id, territory id, kind, origin, year, value)
ValueCell = tuple[int, int, str, str, int, Decimal]


def indicators_by_id(session: Session) -> dict[int, Indicator]:
    return {i.id: i for i in session.exec(select(Indicator)) if i.id is not None}


def indicators_among(session: Session, ids: Iterable[int]) -> dict[int, Indicator]:
    query = select(Indicator).where(col(Indicator.id).in_(set(ids)))
    return {i.pk: i for i in session.exec(query)}


def codes_with_targets(session: Session) -> set[str]:
    """The codes of the indicators that have a target somewhere."""
    query = select(Indicator.code).join(Target, col(Target.indicator_id) == col(Indicator.id))
    return set(session.exec(query))


def value_years(session: Session) -> list[int]:
    """Every year from the first to the last of any value or target; empty when none."""
    low_obs, high_obs = session.execute(
        sa.select(sa.func.min(Observation.year), sa.func.max(Observation.year))
    ).one()
    low_t, high_t = session.execute(
        sa.select(sa.func.min(Target.horizon_year), sa.func.max(Target.horizon_year))
    ).one()
    lows = [y for y in (low_obs, low_t) if y is not None]
    highs = [y for y in (high_obs, high_t) if y is not None]
    if not lows:
        return []
    return list(range(min(lows), max(highs) + 1))


def targets_as_entered(session: Session) -> list[Target]:
    """Every target in the order entered (of two for one year, the later one last)."""
    return list(session.exec(select(Target).order_by(col(Target.id))))


def targets_in_order(session: Session) -> list[Target]:
    """Every target, by indicator then horizon."""
    query = select(Target).order_by(col(Target.indicator_id), col(Target.horizon_year))
    return list(session.exec(query))


def value_cells(session: Session) -> Iterator[ValueCell]:
    """Every stored value, streamed in the order of the observation key's index (indicator,
    territory, year), so the database never sorts a million rows."""
    query = (
        sa.select(
            col(Observation.indicator_id),
            col(Observation.territory_id),
            col(Observation.kind),
            col(Observation.origin),
            col(Observation.year),
            col(Observation.value),
        )
        .order_by(
            col(Observation.indicator_id), col(Observation.territory_id), col(Observation.year)
        )
        .execution_options(yield_per=BATCH)
    )
    return cast(Iterator[ValueCell], iter(session.execute(query)))


def authority_measured_values(
    session: Session, territory_id: int | None = None
) -> dict[tuple[int, int], dict[int, Decimal]]:
    """The authority's own measured values by (indicator, territory) then year, of one
    territory or of all."""
    query = select(Observation).where(
        Observation.kind == ObservationKind.MEASURED,
        Observation.origin == ValueOrigin.AUTHORITY,
    )
    if territory_id is not None:
        query = query.where(Observation.territory_id == territory_id)
    values: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for observation in session.exec(query):
        values[(observation.indicator_id, observation.territory_id)][observation.year] = (
            observation.value
        )
    return values


def target_at(
    session: Session, indicator_id: int, territory_id: int, year: int, plan_id: int | None
) -> Target | None:
    """The territory's target at ``year``: the one of ``plan_id`` if any, else any plan's."""
    found = list(
        session.exec(
            select(Target).where(
                Target.indicator_id == indicator_id,
                Target.territory_id == territory_id,
                Target.horizon_year == year,
            )
        )
    )
    return next((t for t in found if t.plan_id == plan_id), found[0] if found else None)


def authority_value(
    session: Session, indicator_id: int, territory_id: int, year: int, kind: ObservationKind
) -> Decimal | None:
    """The value of ``kind`` the territory's authority recorded for ``year``, if any."""
    observation = session.exec(
        select(Observation).where(
            Observation.indicator_id == indicator_id,
            Observation.territory_id == territory_id,
            Observation.year == year,
            Observation.kind == kind,
            Observation.origin == ValueOrigin.AUTHORITY,
        )
    ).first()
    return observation.value if observation is not None else None


def targets_with_plans(
    session: Session, indicator_id: int, territory_id: int
) -> list[tuple[Target, str | None]]:
    """Every target of the territory, by horizon, with the title of its plan (None: no plan)."""
    query = (
        select(Target, Plan.title)
        .join(Plan, col(Plan.id) == col(Target.plan_id), isouter=True)
        .where(Target.indicator_id == indicator_id, Target.territory_id == territory_id)
        .order_by(col(Target.horizon_year))
    )
    return list(session.exec(query).all())


def indicator_and_territory_names(
    session: Session, indicator_id: int, territory_id: int
) -> tuple[str, str]:
    """The indicator's and the territory's names; "" for one that is gone."""
    indicator = session.get(Indicator, indicator_id)
    territory = session.get(Territory, territory_id)
    return (indicator.name if indicator else "", territory.name if territory else "")
