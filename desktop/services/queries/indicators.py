"""What the indicator grid reads: a territory's target at a horizon, the authority's value of a
year, and every target of a territory with the title of the plan that set it."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, col, select

from ...models import Observation, ObservationKind, Plan, Target, ValueOrigin


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
