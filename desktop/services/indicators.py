"""Indicators, observations and targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ..models import (
    Direction,
    Indicator,
    IndicatorCategory,
    Observation,
    ObservationKind,
    Target,
    ValueOrigin,
)
from . import changes, values
from .changes import Actor, ValidationError
from .text import natural_key, normalise_name
from .validation import check_not_blank, check_year

LOWER_IS_BETTER_CATEGORIES = frozenset(
    {
        IndicatorCategory.GHG_EMISSIONS,
        IndicatorCategory.ENERGY_CONSUMPTION,
        IndicatorCategory.AIR_POLLUTANTS,
    }
)


def default_direction(category: IndicatorCategory) -> Direction:
    if category in LOWER_IS_BETTER_CATEGORIES:
        return Direction.LOWER_IS_BETTER
    return Direction.HIGHER_IS_BETTER


def create_indicator(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    unit: str = "",
    category: IndicatorCategory = IndicatorCategory.OTHER,
    direction: Direction | None = None,
    dimension: str = "",
    **fields: Any,
) -> Indicator:
    indicator = Indicator(
        code=check_not_blank(code, "code"),
        name=check_not_blank(name, "name"),
        normalised_name=normalise_name(name),
        unit=unit,
        category=category,
        direction=direction or default_direction(category),
        dimension=dimension,
        **fields,
    )
    return changes.create(session, indicator, actor)


def indicator_by_code(session: Session, code: str) -> Indicator | None:
    return session.exec(select(Indicator).where(Indicator.code == code)).first()


def list_indicators(
    session: Session,
    category: IndicatorCategory | None = None,
    *,
    territory_id: int | None = None,
    used_only: bool = False,
) -> list[Indicator]:
    """Indicators by category, codes in natural order ("2a" before "14a"); with
    ``territory_id``, only those holding a value or a target for that territory; with
    ``used_only``, those holding one for any territory (every store carries the whole
    referential, most of it empty for a given authority)."""
    query = select(Indicator)
    if category is not None:
        query = query.where(Indicator.category == category)
    if territory_id is not None:
        with_data = (
            select(Observation.indicator_id)
            .where(Observation.territory_id == territory_id)
            .union(select(Target.indicator_id).where(Target.territory_id == territory_id))
        )
        query = query.where(col(Indicator.id).in_(with_data))
    elif used_only:
        query = query.where(
            col(Indicator.id).in_(
                select(Observation.indicator_id).union(select(Target.indicator_id))
            )
        )
    rows = list(session.exec(query))
    return sorted(rows, key=lambda i: (str(i.category), natural_key(i.code)))


def territories_with_data(session: Session) -> list[int]:
    """The territories holding at least one value or target."""
    observed = session.exec(select(Observation.territory_id).distinct()).all()
    targeted = session.exec(select(Target.territory_id).distinct()).all()
    return sorted({int(t) for t in (*observed, *targeted)})


def set_observation(
    session: Session,
    actor: Actor,
    *,
    indicator: Indicator,
    territory_id: int,
    year: int,
    value: Decimal | None,
    kind: ObservationKind = ObservationKind.MEASURED,
    origin: ValueOrigin = ValueOrigin.AUTHORITY,
    source: str = "",
    comment: str = "",
) -> Observation | None:
    """Insert, update or (with ``value=None``) delete the observation of that key (indicator,
    territory, year, kind, origin): another origin's value of the same year stays."""
    check_year(year)
    existing = session.exec(
        select(Observation).where(
            Observation.indicator_id == indicator.id,
            Observation.territory_id == territory_id,
            Observation.year == year,
            Observation.kind == kind,
            Observation.origin == origin,
        )
    ).first()
    if value is None:
        if existing is not None:
            changes.delete(session, existing, actor, parent=indicator)
        return None
    if not value.is_finite():
        raise ValidationError("value", str(value))
    if existing is None:
        observation = Observation(
            indicator_id=indicator.pk,
            territory_id=territory_id,
            year=year,
            value=value,
            kind=kind,
            origin=origin,
            source=source,
            comment=comment,
        )
        return changes.create(session, observation, actor, parent=indicator)
    values: dict[str, Any] = {"value": value}
    if source:
        values["source"] = source
    if comment:
        values["comment"] = comment
    changes.update(session, existing, values, actor, parent=indicator)
    return existing


@dataclass(frozen=True)
class SeriesPoint:
    year: int
    value: Decimal
    kind: ObservationKind
    source: str
    origin: ValueOrigin = ValueOrigin.AUTHORITY


def series(session: Session, indicator_id: int, territory_id: int) -> list[SeriesPoint]:
    """Every observation of an indicator for a territory, by year; the value that counts
    first in each year (``values.rank``), the others after it."""
    rows = session.exec(
        select(Observation).where(
            Observation.indicator_id == indicator_id, Observation.territory_id == territory_id
        )
    )
    points = [SeriesPoint(o.year, o.value, o.kind, o.source, o.origin) for o in rows]
    return sorted(points, key=lambda p: (p.year, values.rank(p.kind, p.origin)))


def set_target(
    session: Session,
    actor: Actor,
    *,
    indicator: Indicator,
    territory_id: int,
    horizon_year: int,
    value: Decimal | None = None,
    relative_change_percent: Decimal | None = None,
    reference_year: int | None = None,
    plan_id: int | None = None,
    source: str = "",
) -> Target:
    check_year(horizon_year, "horizon_year")
    if (value is None) == (relative_change_percent is None):
        raise ValidationError("value", "absolute or relative")
    if relative_change_percent is not None and reference_year is None:
        raise ValidationError("reference_year", "required")
    existing = session.exec(
        select(Target).where(
            Target.indicator_id == indicator.id,
            Target.territory_id == territory_id,
            Target.plan_id == plan_id,
            Target.horizon_year == horizon_year,
        )
    ).first()
    values: dict[str, Any] = {
        "value": value,
        "relative_change_percent": relative_change_percent,
        "reference_year": reference_year,
        "source": source,
    }
    if existing is not None:
        changes.update(session, existing, values, actor, parent=indicator)
        return existing
    target = Target(
        indicator_id=indicator.pk,
        territory_id=territory_id,
        plan_id=plan_id,
        horizon_year=horizon_year,
        **values,
    )
    return changes.create(session, target, actor, parent=indicator)


def targets(session: Session, indicator_id: int, territory_id: int) -> list[Target]:
    return list(
        session.exec(
            select(Target)
            .where(Target.indicator_id == indicator_id, Target.territory_id == territory_id)
            .order_by(col(Target.horizon_year))
        )
    )
